import WIT

/// Reads a `.wit` file, a WIT package encoded as a component (`.wasm` or
/// `.wat`), or a package directory with its optional `deps/`, into front-end input.
enum WITFiles {
    struct ReadError: Error {
        var message: String
    }

    static func load(path: String) throws(ReadError) -> FrontEnd.Input {
        guard let kind = FileSystem.kind(path) else {
            throw ReadError(message: "no such file or directory: \(path)")
        }
        guard kind == .directory else {
            let file = try read(path)
            return FrontEnd.Input(main: isEncodedPackage(path) ? FrontEnd.PackageGroup(component: file)
                                                                : FrontEnd.PackageGroup(files: [file]))
        }
        let main = FrontEnd.PackageGroup(files: try witFiles(in: path))
        var dependencies: [FrontEnd.PackageGroup] = []
        try collectDependencies(of: path, into: &dependencies)
        return FrontEnd.Input(main: main, dependencies: dependencies)
    }

    /// Whether a file holds a WIT package encoded as a component, by its extension
    /// (the front end then tells a binary from text by its first bytes).
    static func isEncodedPackage(_ path: String) -> Bool {
        path.hasSuffix(".wasm") || path.hasSuffix(".wat")
    }

    /// Each entry of `deps/` is a package: a directory of `.wit` files (with
    /// possibly its own `deps/`), a single `.wit` file, or a package encoded as
    /// a component (`.wasm` or `.wat`). Other files are ignored.
    private static func collectDependencies(of directory: String, into groups: inout [FrontEnd.PackageGroup]) throws(ReadError) {
        let deps = FileSystem.join(directory, "deps")
        guard FileSystem.kind(deps) == .directory else { return }
        for entry in try entries(of: deps) {
            let path = FileSystem.join(deps, entry)
            if FileSystem.kind(path) == .directory {
                groups.append(FrontEnd.PackageGroup(files: try witFiles(in: path)))
                try collectDependencies(of: path, into: &groups)
            } else if entry.hasSuffix(".wit") {
                groups.append(FrontEnd.PackageGroup(files: [try read(path)]))
            } else if isEncodedPackage(entry) {
                groups.append(FrontEnd.PackageGroup(component: try read(path)))
            }
        }
    }

    private static func entries(of directory: String) throws(ReadError) -> [String] {
        do {
            return try FileSystem.entries(directory).filter { !$0.hasPrefix(".") }
        } catch {
            throw ReadError(message: error.message)
        }
    }

    private static func witFiles(in directory: String) throws(ReadError) -> [SourceFile] {
        var files: [SourceFile] = []
        for entry in try entries(of: directory) where entry.hasSuffix(".wit") {
            let path = FileSystem.join(directory, entry)
            if FileSystem.kind(path) != .directory { files.append(try read(path)) }
        }
        return files
    }

    private static func read(_ path: String) throws(ReadError) -> SourceFile {
        do {
            return SourceFile(path: path, bytes: try FileSystem.read(path))
        } catch {
            throw ReadError(message: error.message)
        }
    }
}
