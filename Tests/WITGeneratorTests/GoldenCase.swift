import Foundation
import Testing
import WIT
import WITGenerator
import WITTestSupport

/// One golden case: a folder of `Tests/Fixtures/Golden` (its README.md describes the
/// layout) holding a WIT package, or naming one elsewhere in the repository, and the
/// files `witgen json` and `witgen generate` make of it, under `expected/`.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    /// The folder of all cases.
    static let root = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/Golden")
    /// The one command that rewrites every golden file of every case.
    static let refreshCommand = "WITGEN_UPDATE_GOLDEN=1 swift test --filter GoldenFixtureTests"
    /// Whether this run rewrites the golden files instead of comparing them.
    static var updating: Bool { ProcessInfo.processInfo.environment["WITGEN_UPDATE_GOLDEN"] == "1" }
    /// The Swift module the Swift files and the pages are generated for (`.ci/run`
    /// type-checks each case's Swift files as this module).
    static let swiftModule = "Fixture"

    /// The case's folder name.
    let name: String

    var testDescription: String { name }

    /// Every case: each folder of `root`, by name.
    static var all: [GoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.map(GoldenCase.init)
    }

    var folder: URL { Self.root.appendingPathComponent(name) }
    /// Where the golden files are.
    var expectedFolder: URL { folder.appendingPathComponent("expected") }

    /// The WIT package the case checks: the one its `source` file names (a path from the
    /// package root), or else the case's own folder.
    func input() throws -> URL {
        let source = folder.appendingPathComponent("source")
        guard FileManager.default.fileExists(atPath: source.path) else { return folder }
        let path = try String(contentsOf: source, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return TestSupport.packageRoot.appendingPathComponent(path)
    }

    /// The features its `features` file enables (comma-separated, as `--features` takes them), if any.
    func features() throws -> Set<String> {
        let url = folder.appendingPathComponent("features")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return Set(try String(contentsOf: url, encoding: .utf8).split(whereSeparator: { $0 == "," || $0.isWhitespace })
            .map(String.init))
    }

    /// What the command line makes of the input, by path under `expected/`: `model.json` as
    /// `witgen json` prints it, and `Swift/`, `C/` and `Docs/` as `witgen generate` writes
    /// them with `--swift-module Fixture` and otherwise default options (a C header for each
    /// world of the package, or one importing every interface when it has none).
    func generate() throws -> [String: String] {
        let input = try input()
        let output = try TestSupport.load(at: input, features: try features()).get()
        let resolve = output.resolve
        let sourceDescription = TestSupport.relativePath(input) + "/"
        var files: [String: String] = [:]

        var json: [UInt8] = []
        resolve.writeJSON { json.append(contentsOf: $0) }
        json.append(UInt8(ascii: "\n"))
        files["model.json"] = String(decoding: json, as: UTF8.self)

        var swift = SwiftGenerator(resolve: resolve, options: .init(sourceDescription: sourceDescription))
        for file in swift.generate() { files["Swift/\(file.path)"] = file.contents }

        let cOptions = CGenerator.Options(sourceDescription: sourceDescription)
        let worlds = CGenerator.worlds(of: output.mainPackage, in: resolve)
        let c = CGenerator(resolve: resolve, options: cOptions)
        for file in c.headers(of: output.mainPackage, worlds: worlds) { files["C/\(file.path)"] = file.contents }

        let markdown = MarkdownGenerator(resolve: resolve, options: .init(sourceDescription: sourceDescription),
                                         cNames: c.namePlan(worlds: worlds))
        for file in markdown.generate() { files["Docs/\(file.path)"] = file.contents }
        return files
    }

    /// The golden files on disk, by path under `expected/`.
    func expected() throws -> [String: String] {
        var files: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(at: expectedFolder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return files }
        let prefix = expectedFolder.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }

    /// Replaces `expected/` with `files`.
    func write(_ files: [String: String]) throws {
        try? FileManager.default.removeItem(at: expectedFolder)
        for (path, contents) in files {
            let url = expectedFolder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
    }
}
