import Glibc

/// The few file-system calls the command line needs, on the C library directly:
/// `witgen` does not load Foundation, which keeps its start-up at a millisecond.
enum FileSystem {
    /// A failed call, with the path and the system's reason.
    struct Failure: Error {
        var message: String

        init(_ what: String, _ path: String, errno code: Int32 = errno) {
            message = "\(what) \(path): \(String(cString: strerror(code)))"
        }
    }

    enum Kind {
        case file, directory
    }

    /// What is at `path`, following symbolic links; `nil` when nothing is.
    static func kind(_ path: String) -> Kind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// The whole contents of a file.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure("cannot read", path) }
        defer { close(descriptor) }
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 && status.st_size > 0 ? Int(status.st_size) : 0
        // Read straight into the array, sized by `fstat` plus one byte to see the end in one go.
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if read < 0, errno == EINTR { continue }
                if read < 0 { failed = true }
                if read <= 0 { return }
                count += read
            }
        }
        if failed { throw Failure("cannot read", path) }
        if bytes.count <= expected { return bytes }
        // Longer than `fstat` said (a file that grows, or one of /proc): read the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure("cannot read", path)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The names in a directory (without `.` and `..`), sorted.
    static func entries(_ directory: String) throws(Failure) -> [String] {
        guard let stream = opendir(directory) else { throw Failure("cannot read directory", directory) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Creates `directory` and its missing parents.
    static func createDirectories(_ directory: String) throws(Failure) {
        if directory.isEmpty || kind(directory) == .directory { return }
        let parent = parentPath(directory)
        if parent != directory { try createDirectories(parent) }
        if mkdir(directory, 0o777) != 0, errno != EEXIST { throw Failure("cannot create directory", directory) }
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`:
    /// a reader sees the old file or the new one, never half of one.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let directory = parentPath(path)
        try createDirectories(directory)
        let temporary = join(directory, ".\(lastComponent(path)).witgen-tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure("cannot write", temporary) }
        if let code = writeAll(bytes, to: descriptor) {
            close(descriptor)
            unlink(temporary)
            throw Failure("cannot write", temporary, errno: code)
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure("cannot write", temporary, errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure("cannot rename to", path, errno: code)
        }
    }

    static func remove(_ path: String) throws(Failure) {
        guard unlink(path) == 0 else { throw Failure("cannot remove", path) }
    }

    /// `a/b` (or `b` when `a` is empty).
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory part of a path (`.` when there is none).
    static func parentPath(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Writes text to standard error (nothing more can be done when that fails).
    static func writeError(_ text: String) {
        _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Writes all of `bytes` to a descriptor, retrying after interruptions and partial
    /// writes. Returns `nil`, or the `errno` of the write that failed.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }
}
