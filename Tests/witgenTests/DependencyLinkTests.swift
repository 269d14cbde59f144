import Foundation
import Testing

/// Links in `deps/` are followed, but no directory is read twice: two links to one
/// directory, level after level, would double the reading at each level.
@Suite struct DependencyLinkTests {
    @Test func twoLinksToOneDirectoryAreAnErrorNamingBoth() throws {
        let folder = try WitgenProcess.scratch(wit: OutputSafetyTests.spec)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = FileManager.default
        // Interfaces/deps/{a,b} -> level-1, level-1/deps/{a,b} -> level-2, ... (no loop anywhere).
        let levels = 24
        for level in 1...levels {
            try files.createDirectory(at: folder.appendingPathComponent("level-\(level)/deps"), withIntermediateDirectories: true)
        }
        for level in 0..<levels {
            let deps = level == 0 ? folder.appendingPathComponent("Interfaces/deps") : folder.appendingPathComponent("level-\(level)/deps")
            try files.createDirectory(at: deps, withIntermediateDirectories: true)
            let target = level == 0 ? "../../level-1" : "../../level-\(level + 1)"
            for name in ["a", "b"] { #expect(symlink(target, deps.appendingPathComponent(name).path) == 0) }
        }
        let outcome = try WitgenProcess.run(["check", "Interfaces"], in: folder, timeout: 60)
        #expect(outcome.status == 1, "\(outcome.stderr)")
        // The first directory reached twice is the deepest one (the reading goes depth first).
        let deepest = "Interfaces/deps/" + Array(repeating: "a", count: levels - 1).joined(separator: "/deps/")
        #expect(outcome.stderr.contains("\(deepest)/deps/b is the directory \(deepest)/deps/a again (through a symbolic link)"),
                "\(outcome.stderr)")
    }
}
