import Foundation
import Testing

/// `witgen json` and `witgen check` read WIT packages encoded as components:
/// `.wasm` and `.wat` entries of `deps/`, and a `.wasm` or `.wat` PATH.
@Suite struct EncodedPackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/ComponentDeps")

    func reference(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: Self.fixtures.appendingPathComponent(path)), as: UTF8.self) + "\n"
    }

    @Test(arguments: ["all-kinds.wasm", "all-kinds.wat", "docs-and-gates.wasm", "use-later.wat"])
    func encodedPathPrintsTheReferenceJSON(_ file: String) throws {
        let outcome = WitgenRun.run(["json", Self.fixtures.appendingPathComponent("encoded/\(file)").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let name = file.split(separator: ".")[0]
        #expect(outcome.stdout == (try reference("encoded/\(name).json")))
    }

    @Test func dependenciesInEveryForm() throws {
        let outcome = WitgenRun.run(["json", "--features", "active", Self.fixtures.appendingPathComponent("cases/mixed-deps").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == (try reference("cases/mixed-deps.json")))
    }

    @Test func brokenBinaryDependencyIsADiagnosticWithItsOffset() throws {
        let folder = try WitgenProcess.scratch(wit: "package a:a;\nworld w { import b:b/b; }\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let deps = folder.appendingPathComponent("Interfaces/deps")
        try FileManager.default.createDirectory(at: deps, withIntermediateDirectories: true)
        try Data([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00, 0x07, 0x02, 0x01, 0x41]).write(to: deps.appendingPathComponent("b.wasm"))
        let outcome = WitgenRun.run(["check", folder.appendingPathComponent("Interfaces").path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "\(folder.path)/Interfaces/deps/b.wasm: error: unexpected end of file while reading the number of declarations (at byte offset 0xc)\n")
    }
}
