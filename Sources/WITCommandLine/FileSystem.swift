#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls the command line needs, on the C library directly:
/// `witgen` does not load Foundation, which keeps its start-up at a millisecond.
enum FileSystem {
    /// A failed call, with the path and the system's reason.
    struct Failure: Error {
        var message: String
        /// Whether the call refused a file larger than the limit it was given.
        var exceedsLimit = false

        init(_ what: String, _ path: String, errno code: Int32 = errno) {
            message = "\(what) \(path): \(String(cString: strerror(code)))"
        }

        init(message: String) {
            self.message = message
        }
    }

    enum Kind {
        case file, directory
    }

    /// What is at `path`, following symbolic links; `nil` when nothing is.
    static func kind(_ path: String) -> Kind? {
        identity(path).map { $0.isDirectory ? .directory : .file }
    }

    /// A directory's or file's identity, following symbolic links: two paths with the
    /// same device and inode are the same thing. `nil` when nothing is at `path`.
    static func identity(_ path: String) -> (device: UInt64, inode: UInt64, isDirectory: Bool)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        // `dev_t` is unsigned on Linux and signed on Darwin: its bits are the identity either way.
        return (UInt64(truncatingIfNeeded: status.st_dev), UInt64(status.st_ino), (status.st_mode & S_IFMT) == S_IFDIR)
    }

    /// The contents of the regular file at `path` (following symbolic links), at most `limit`
    /// bytes: a FIFO, a device or a directory is refused without reading from it.
    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused right after).
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure("cannot read", path) }
        defer { close(descriptor) }
        return try readRegularFile(descriptor, path: path, limit: limit)
    }

    /// The contents of the open file `descriptor`, when it is a regular file of at most
    /// `limit` bytes (checked by `fstat` before reading, and again while reading, so that a
    /// file that grows stops at the limit); only the first `prefix` bytes when given.
    static func readRegularFile(_ descriptor: Int32, path: String, limit: Int, prefix: Int? = nil) throws(Failure) -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure("cannot read", path) }
        let kind = DirectoryHandle.EntryKind(mode: status.st_mode)
        guard kind == .regularFile else { throw Failure(message: "cannot read \(path): it is \(kind.described), not a regular file") }
        var tooLarge = Failure(message: "cannot read \(path): larger than the limit of \(limit) bytes")
        tooLarge.exceedsLimit = true
        if prefix == nil, status.st_size > limit { throw tooLarge }
        let ceiling = prefix.map { min($0, limit) } ?? limit + 1
        // Sized by `fstat` plus one byte, to see the end in one read.
        var bytes = [UInt8](repeating: 0, count: min(max(Int(status.st_size), 0) + 1, ceiling))
        var count = 0
        while true {
            if count == bytes.count {
                if count >= ceiling { break }
                bytes += repeatElement(0, count: min(max(count, 1 << 16), ceiling - count))
            }
            let read = bytes.withUnsafeMutableBytes { readDescriptor(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read < 0 {
                if errno == EINTR { continue }
                throw Failure("cannot read", path)
            }
            if read == 0 { break }
            count += read
        }
        if prefix == nil, count > limit { throw tooLarge }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// Fills `bytes` (at most 256 of them) with random bytes from the kernel: on Linux
    /// `getentropy`, which is `getrandom`, or `/dev/urandom` where that is missing; on
    /// Darwin `arc4random_buf`, which cannot fail.
    static func randomBytes(_ bytes: inout [UInt8]) throws(Failure) {
        #if canImport(Darwin)
        bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress, $0.count) }
        #else
        if bytes.withUnsafeMutableBytes({ getentropy($0.baseAddress, $0.count) }) == 0 { return }
        let source = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw Failure("cannot read", "/dev/urandom") }
        defer { close(source) }
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { readDescriptor(source, $0.baseAddress! + count, $0.count - count) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { throw Failure("cannot read", "/dev/urandom") }
            count += read
        }
        #endif
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

/// `read(2)`, by a name apart from `FileSystem.read`.
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
