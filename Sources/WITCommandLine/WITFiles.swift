#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WIT

/// Reads a `.wit` file, a WIT package encoded as a component (`.wasm` or
/// `.wat`), or a package directory with its optional `deps/`, into front-end input.
///
/// Only regular files are read (a FIFO or a device is an error, never a wait or an endless
/// read), and never more than `FrontEnd.maximumInputBytes` in all. Links are followed, as a
/// `deps/` entry often is one; a link back to a directory being read, or to one read
/// already, is an error naming it.
enum WITFiles {
    struct ReadError: Error {
        var message: String
    }

    /// A directory's identity (device, inode).
    private struct DirectoryIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// What is read so far: the bytes left under the input limit, the directories being
    /// read (the current one and those it is inside), to tell a cycle of links, and every
    /// directory read at all, by the path it was first read under, so that links leading
    /// to one directory twice cannot make the reading grow without end (each pair of
    /// links doubles the work).
    private struct Reading {
        var remainingBytes = FrontEnd.maximumInputBytes
        var openDirectories: [DirectoryIdentity] = []
        var readDirectories: [DirectoryIdentity: String] = [:]
    }

    static func load(path: String) throws(ReadError) -> FrontEnd.Input {
        guard let kind = FileSystem.kind(path) else {
            if errno == ENOENT { throw ReadError(message: "no such file or directory: \(path)") }
            throw ReadError(message: FileSystem.Failure("cannot read", path).message)
        }
        var reading = Reading()
        guard kind == .directory else {
            let file = try read(path, &reading)
            return FrontEnd.Input(main: isEncodedPackage(path) ? FrontEnd.PackageGroup(component: file)
                                                                : FrontEnd.PackageGroup(files: [file]))
        }
        try enter(path, &reading)
        let main = FrontEnd.PackageGroup(files: try witFiles(in: path, &reading))
        var dependencies: [FrontEnd.PackageGroup] = []
        try collectDependencies(of: path, into: &dependencies, &reading)
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
    private static func collectDependencies(of directory: String, into groups: inout [FrontEnd.PackageGroup],
                                            _ reading: inout Reading) throws(ReadError) {
        let deps = FileSystem.join(directory, "deps")
        guard FileSystem.kind(deps) == .directory else { return }
        try enter(deps, &reading)
        defer { reading.openDirectories.removeLast() }
        for entry in try entries(of: deps) {
            let path = FileSystem.join(deps, entry)
            if FileSystem.kind(path) == .directory {
                try enter(path, &reading)
                defer { reading.openDirectories.removeLast() }
                groups.append(FrontEnd.PackageGroup(files: try witFiles(in: path, &reading)))
                try collectDependencies(of: path, into: &groups, &reading)
            } else if entry.hasSuffix(".wit") {
                groups.append(FrontEnd.PackageGroup(files: [try read(path, &reading)]))
            } else if isEncodedPackage(entry) {
                groups.append(FrontEnd.PackageGroup(component: try read(path, &reading)))
            }
        }
    }

    /// Notes that `directory` is being read; an error when it is already (a link led back to it).
    private static func enter(_ directory: String, _ reading: inout Reading) throws(ReadError) {
        guard let found = FileSystem.identity(directory) else {
            throw ReadError(message: "cannot read directory \(directory): it is gone")
        }
        let identity = DirectoryIdentity(device: found.device, inode: found.inode)
        if reading.openDirectories.contains(identity) {
            throw ReadError(message: "\(directory) is a symbolic link loop: it leads back to a directory that contains it")
        }
        if let first = reading.readDirectories.updateValue(directory, forKey: identity) {
            throw ReadError(message: "\(directory) is the directory \(first) again (through a symbolic link): a package is read once")
        }
        reading.openDirectories.append(identity)
    }

    private static func entries(of directory: String) throws(ReadError) -> [String] {
        do {
            return try FileSystem.entries(directory).filter { !$0.hasPrefix(".") }
        } catch {
            throw ReadError(message: error.message)
        }
    }

    private static func witFiles(in directory: String, _ reading: inout Reading) throws(ReadError) -> [SourceFile] {
        var files: [SourceFile] = []
        for entry in try entries(of: directory) where entry.hasSuffix(".wit") {
            let path = FileSystem.join(directory, entry)
            if FileSystem.kind(path) != .directory { files.append(try read(path, &reading)) }
        }
        return files
    }

    private static func read(_ path: String, _ reading: inout Reading) throws(ReadError) -> SourceFile {
        do {
            let bytes = try FileSystem.read(path, limit: reading.remainingBytes)
            reading.remainingBytes -= bytes.count
            return SourceFile(path: path, bytes: bytes)
        } catch {
            if error.exceedsLimit {
                throw ReadError(message: "WIT input too large: \(path) brings it over the limit of "
                                + "\(FrontEnd.maximumInputBytes) bytes (64 MiB)")
            }
            throw ReadError(message: error.message)
        }
    }
}

extension WITFiles {
    /// The folders a command reads when it is given no input, in order: `Interfaces/` (where
    /// this project keeps its own WIT) and `wit/` (where wit-bindgen, cargo-component and jco
    /// look, with `wit/deps/`).
    static let defaultInputs = ["Interfaces", "wit"]

    /// The first of ``defaultInputs`` that is a folder here; a usage error naming both when
    /// neither is.
    static func defaultInput(option: String) throws(CommandFailure) -> String {
        for folder in defaultInputs where FileSystem.kind(folder) == .directory { return folder }
        throw .usage("no \(option) given, and neither Interfaces/ nor wit/ is a folder here")
    }
}
