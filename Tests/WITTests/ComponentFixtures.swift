import Foundation
@testable import WIT

/// The fixtures of Tests/Fixtures/ComponentDeps (see its README.md): WIT packages,
/// their encodings by wasm-tools, and wasm-tools' JSON of those encodings.
enum ComponentFixtures {
    static let folder = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/ComponentDeps")

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// The names under `encoded/` (each with `.wasm`, `.wat` and `.json`).
    static var encodedNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("encoded").path)) ?? []
        return files.filter { $0.hasSuffix(".wasm") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The reference JSON beside a fixture.
    static func reference(_ url: URL) throws -> JSONValue {
        try JSONReader.parse(ArraySlice(try bytes(url)))
    }

    /// Loads one encoded package as the main input, as `witgen json FILE.wasm` does.
    static func loadEncoded(_ url: URL) throws -> Result<FrontEnd.Output, FrontEndFailure> {
        let file = SourceFile(path: url.lastPathComponent, bytes: try bytes(url))
        return FrontEnd.load(FrontEnd.Input(main: FrontEnd.PackageGroup(component: file)))
    }

    /// Loads a package directory with its `deps/` the way the command line reads
    /// one: `.wit` files, then each entry of `deps/` in name order (a directory,
    /// a `.wit` file, or a `.wasm`/`.wat` encoded package).
    static func loadDirectory(_ directory: URL, features: Set<String> = ["active"]) throws -> Result<FrontEnd.Output, FrontEndFailure> {
        let manager = FileManager.default
        func witFiles(in folder: URL) throws -> [SourceFile] {
            try manager.contentsOfDirectory(atPath: folder.path).sorted().filter { $0.hasSuffix(".wit") }.map {
                SourceFile(path: "\(folder.lastPathComponent)/\($0)", bytes: try bytes(folder.appendingPathComponent($0)))
            }
        }
        var dependencies: [FrontEnd.PackageGroup] = []
        let deps = directory.appendingPathComponent("deps")
        for entry in (try? manager.contentsOfDirectory(atPath: deps.path))?.sorted() ?? [] {
            let url = deps.appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let file = { () throws -> SourceFile in SourceFile(path: "deps/\(entry)", bytes: try bytes(url)) }
            if isDirectory.boolValue {
                dependencies.append(FrontEnd.PackageGroup(files: try witFiles(in: url)))
            } else if entry.hasSuffix(".wit") {
                dependencies.append(FrontEnd.PackageGroup(files: [try file()]))
            } else if entry.hasSuffix(".wasm") || entry.hasSuffix(".wat") {
                dependencies.append(FrontEnd.PackageGroup(component: try file()))
            }
        }
        let input = FrontEnd.Input(main: FrontEnd.PackageGroup(files: try witFiles(in: directory)), dependencies: dependencies)
        return FrontEnd.load(input, features: features)
    }

    /// Where two JSON documents first differ (object keys compared as sets, as
    /// the conformance runner compares them), or `nil` when they are equal.
    static func firstDifference(_ a: JSONValue, _ b: JSONValue, at path: String = "$") -> String? {
        switch (a, b) {
        case let (.object(x), .object(y)):
            let xKeys = x.map(\.0), yKeys = y.map(\.0)
            guard Set(xKeys) == Set(yKeys) else { return "\(path): keys \(xKeys) vs \(yKeys)" }
            for (key, value) in x {
                let other = y.first { $0.0 == key }!.1
                if let difference = firstDifference(value, other, at: "\(path).\(key)") { return difference }
            }
            return nil
        case let (.array(x), .array(y)):
            guard x.count == y.count else { return "\(path): \(x.count) elements vs \(y.count)" }
            for (index, (left, right)) in zip(x, y).enumerated() {
                if let difference = firstDifference(left, right, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        default:
            return a == b ? nil : "\(path): \(a.pretty()) vs \(b.pretty())"
        }
    }
}
