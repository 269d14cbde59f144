import Foundation
import WIT

/// What every test target shares: where the package and the reference data are, and one
/// way to load WIT, from memory or from disk.
public enum TestSupport {
    /// The package root (the folder with Package.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/conformance`, the reference test data (read in place, never copied).
    public static let conformance: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")

    /// Whether the tests that read `../shared` run: when it is beside the clone, or when
    /// `WITGEN_REQUIRE_SHARED=1` (as `.ci/run` sets it) asks for them anyway, so that a
    /// missing `../shared` fails them there instead of skipping them. In a clone with nothing
    /// beside it they are reported as skipped, with what they need.
    public static let sharedIsPresent = FileManager.default.fileExists(atPath: conformance.path)
        || ProcessInfo.processInfo.environment["WITGEN_REQUIRE_SHARED"] == "1"

    /// Loads one in-memory file as the main package.
    public static func load(_ text: String, path: String = "t.wit", features: Set<String> = [],
                            allFeatures: Bool = false) -> Result<FrontEnd.Output, FrontEndFailure> {
        load(files: [WITFile(path, text)], features: features, allFeatures: allFeatures)
    }

    /// Loads a main package of several in-memory files, with dependency packages (each a group of files).
    public static func load(files: [WITFile], dependencies: [[WITFile]] = [], features: Set<String> = [],
                            allFeatures: Bool = false) -> Result<FrontEnd.Output, FrontEndFailure> {
        let input = FrontEnd.Input(main: FrontEnd.PackageGroup(files: files.map(\.sourceFile)),
                                   dependencies: dependencies.map { FrontEnd.PackageGroup(files: $0.map(\.sourceFile)) })
        return FrontEnd.load(input, features: features, allFeatures: allFeatures)
    }

    /// Loads WIT from disk the way `witgen` reads a PATH: a `.wit` file, a package encoded
    /// as a component (`.wasm` or `.wat`), or a package folder: its `.wit` files in name
    /// order, then each entry of `deps/` in name order (a folder of `.wit` files with its own
    /// `deps/`, a `.wit` file, or an encoded package). Names starting with `.` are skipped.
    /// Source paths are relative to the package root when the input is inside it.
    /// Throws when a file cannot be read; the front end's answer is the result.
    public static func load(at url: URL, features: Set<String> = [],
                            allFeatures: Bool = false) throws -> Result<FrontEnd.Output, FrontEndFailure> {
        let input: FrontEnd.Input
        if isDirectory(url) {
            var dependencies: [FrontEnd.PackageGroup] = []
            try collectDependencies(of: url, into: &dependencies)
            input = FrontEnd.Input(main: FrontEnd.PackageGroup(files: try witFiles(in: url)), dependencies: dependencies)
        } else {
            let file = try sourceFile(url)
            input = FrontEnd.Input(main: isEncodedPackage(url.lastPathComponent) ? FrontEnd.PackageGroup(component: file)
                                                                                 : FrontEnd.PackageGroup(files: [file]))
        }
        return FrontEnd.load(input, features: features, allFeatures: allFeatures)
    }

    /// Every `.wit` file under a folder, recursively, sorted.
    public static func witFiles(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "wit" }.sorted { $0.path < $1.path }
    }

    /// `url`'s path relative to the package root when it is inside it, else the whole path.
    public static func relativePath(_ url: URL) -> String {
        let root = packageRoot.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    private static func collectDependencies(of folder: URL, into groups: inout [FrontEnd.PackageGroup]) throws {
        let deps = folder.appendingPathComponent("deps")
        guard isDirectory(deps) else { return }
        for entry in try entries(of: deps) {
            let url = deps.appendingPathComponent(entry)
            if isDirectory(url) {
                groups.append(FrontEnd.PackageGroup(files: try witFiles(in: url)))
                try collectDependencies(of: url, into: &groups)
            } else if entry.hasSuffix(".wit") {
                groups.append(FrontEnd.PackageGroup(files: [try sourceFile(url)]))
            } else if isEncodedPackage(entry) {
                groups.append(FrontEnd.PackageGroup(component: try sourceFile(url)))
            }
        }
    }

    private static func witFiles(in folder: URL) throws -> [SourceFile] {
        try entries(of: folder).filter { $0.hasSuffix(".wit") }.map { folder.appendingPathComponent($0) }
            .filter { !isDirectory($0) }.map(sourceFile)
    }

    private static func entries(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    private static func sourceFile(_ url: URL) throws -> SourceFile {
        SourceFile(path: relativePath(url), bytes: [UInt8](try Data(contentsOf: url)))
    }

    private static func isEncodedPackage(_ name: String) -> Bool {
        name.hasSuffix(".wasm") || name.hasSuffix(".wat")
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// One in-memory `.wit` file.
public struct WITFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    /// A file of text.
    public init(_ path: String, _ text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }

    /// A file of bytes, which need not be UTF-8.
    public init(_ path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The file as the front end takes it.
    public var sourceFile: SourceFile { SourceFile(path: path, bytes: bytes) }
}
