import Foundation
import Testing
import WIT
import WITGenerator

/// Golden-file comparison: generated output must equal the checked-in files.
/// Refresh them with `WITGEN_UPDATE_GOLDEN=1 swift test --filter GoldenTests`.
enum GoldenFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var updating: Bool { ProcessInfo.processInfo.environment["WITGEN_UPDATE_GOLDEN"] == "1" }

    /// Loads a fixture package from `Tests/Fixtures/NAME`.
    static func fixture(_ name: String) throws -> Resolve {
        let folder = packageRoot.appendingPathComponent("Tests/Fixtures/\(name)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wit") }.sorted()
        let files = try names.map { SourceFile(path: "Tests/Fixtures/\(name)/\($0)",
                                               bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
        switch FrontEnd.load(.init(main: .init(files: files))) {
        case .success(let output): return output.resolve
        case .failure(let failure): throw failure
        }
    }

    /// Compares (or, when updating, rewrites) `Golden/KIND/…` with the generated files.
    static func check(_ files: [GeneratedFile], kind: String) throws {
        let folder = packageRoot.appendingPathComponent("Tests/WITGeneratorTests/Golden/\(kind)")
        if updating {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            return
        }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        #expect(existing == files.map(\.path).sorted(), "golden files differ in names; refresh with WITGEN_UPDATE_GOLDEN=1")
        for file in files {
            let golden = try String(contentsOf: folder.appendingPathComponent(file.path), encoding: .utf8)
            #expect(golden == file.contents, "\(kind)/\(file.path) differs from its golden file; refresh with WITGEN_UPDATE_GOLDEN=1")
        }
    }
}
