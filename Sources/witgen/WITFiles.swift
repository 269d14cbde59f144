import Foundation
import WIT

/// Reads a `.wit` file, or a package directory with its optional `deps/`, into front-end input.
enum WITFiles {
    struct ReadError: Error {
        var message: String
    }

    static func load(path: String) throws(ReadError) -> FrontEnd.Input {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "no such file or directory: \(path)")
        }
        guard isDirectory.boolValue else {
            return FrontEnd.Input(main: FrontEnd.PackageGroup(files: [try read(path)]))
        }
        let main = FrontEnd.PackageGroup(files: try witFiles(in: path))
        var dependencies: [FrontEnd.PackageGroup] = []
        try collectDependencies(of: path, into: &dependencies)
        return FrontEnd.Input(main: main, dependencies: dependencies)
    }

    /// Each entry of `deps/` is a package: a directory of `.wit` files (with
    /// possibly its own `deps/`), or a single `.wit` file. Other files are ignored.
    private static func collectDependencies(of directory: String, into groups: inout [FrontEnd.PackageGroup]) throws(ReadError) {
        let deps = (directory as NSString).appendingPathComponent("deps")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: deps, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        for entry in try entries(of: deps) {
            let path = (deps as NSString).appendingPathComponent(entry)
            var entryIsDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &entryIsDirectory)
            if entryIsDirectory.boolValue {
                groups.append(FrontEnd.PackageGroup(files: try witFiles(in: path)))
                try collectDependencies(of: path, into: &groups)
            } else if entry.hasSuffix(".wit") {
                groups.append(FrontEnd.PackageGroup(files: [try read(path)]))
            }
        }
    }

    private static func entries(of directory: String) throws(ReadError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw ReadError(message: "cannot read directory \(directory): \(error.localizedDescription)")
        }
    }

    private static func witFiles(in directory: String) throws(ReadError) -> [SourceFile] {
        var files: [SourceFile] = []
        for entry in try entries(of: directory) where entry.hasSuffix(".wit") {
            let path = (directory as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.append(try read(path)) }
        }
        return files
    }

    private static func read(_ path: String) throws(ReadError) -> SourceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(message: "cannot read \(path)")
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }
}
