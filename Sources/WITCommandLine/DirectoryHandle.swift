#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open directory: every call names an entry directly inside it, by a plain name, and
/// never follows a symbolic link at that entry. Working relative to the descriptor means a
/// path component swapped for a link after the directory was opened cannot redirect a
/// write or a removal somewhere else.
final class DirectoryHandle: Sendable {
    /// What an entry is, as `lstat` sees it (a link is a link, whatever it points to).
    enum EntryKind: Equatable, Sendable {
        case regularFile, directory, symbolicLink, other
    }

    /// What `status(of:)` tells about an entry.
    struct EntryStatus: Sendable {
        var kind: EntryKind
        /// The permission bits (`rwx` for user, group and others; no set-id or sticky bits).
        var permissions: mode_t
    }

    let descriptor: Int32
    /// The path the directory was opened by, for messages.
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Opens the directory at `path`, following symbolic links on the way (the path is the
    /// user's choice). `nil` when nothing is there.
    static func open(_ path: String) throws(FileSystem.Failure) -> DirectoryHandle? {
        let descriptor = openPath(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            if errno == ENOTDIR { throw FileSystem.Failure(message: "\(path) is not a directory, where the output folder goes") }
            throw FileSystem.Failure("cannot open directory", path)
        }
        return DirectoryHandle(descriptor: descriptor, path: path)
    }

    /// The subdirectory `name`, not following a link at it. `nil` when nothing is there;
    /// an error when a link, a file or anything but a directory is.
    func subdirectory(_ name: String) throws(FileSystem.Failure) -> DirectoryHandle? {
        let path = FileSystem.join(self.path, name)
        let descriptor = openat(self.descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor >= 0 { return DirectoryHandle(descriptor: descriptor, path: path) }
        let code = errno
        if code == ENOENT { return nil }
        if code == ELOOP || code == ENOTDIR, let status = status(of: name) {
            throw FileSystem.Failure(message: "\(path) is \(status.kind.described), where a directory goes; refusing to use it")
        }
        throw FileSystem.Failure("cannot open directory", path, errno: code)
    }

    /// The subdirectory `name`, created (mode 0777 less the umask) when missing.
    func createSubdirectory(_ name: String) throws(FileSystem.Failure) -> DirectoryHandle {
        if mkdirat(descriptor, name, 0o777) != 0, errno != EEXIST {
            throw FileSystem.Failure("cannot create directory", FileSystem.join(path, name))
        }
        guard let directory = try subdirectory(name) else {
            throw FileSystem.Failure("cannot open directory", FileSystem.join(path, name), errno: ENOENT)
        }
        return directory
    }

    /// The entries (without `.` and `..`) with their kinds, by name.
    func entries() throws(FileSystem.Failure) -> [(name: String, kind: EntryKind)] {
        // `fdopendir` takes the descriptor it is given; it gets its own copy.
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            let code = errno
            if copy >= 0 { close(copy) }
            throw FileSystem.Failure("cannot read directory", path, errno: code)
        }
        defer { closedir(stream) }
        // The copy shares the read position with the original: start from the beginning.
        rewinddir(stream)
        var result: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            // An entry gone since `readdir` (removed by someone else) is left out.
            if let status = status(of: name) { result.append((name, status.kind)) }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// What the entry `name` is, not following a link; `nil` when nothing is there.
    func status(of name: String) -> EntryStatus? {
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return EntryStatus(kind: EntryKind(mode: status.st_mode), permissions: status.st_mode & 0o777)
    }

    /// The contents of the regular file `name` (a link there is refused), at most `limit`
    /// bytes, or only its first `prefix` bytes when `prefix` is given.
    func readFile(_ name: String, limit: Int, prefix: Int? = nil) throws(FileSystem.Failure) -> [UInt8] {
        let path = FileSystem.join(self.path, name)
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard file >= 0 else { throw FileSystem.Failure("cannot read", path) }
        defer { close(file) }
        return try FileSystem.readRegularFile(file, path: path, limit: limit, prefix: prefix)
    }

    /// Writes `bytes` to a new temporary file in this directory, to become `name` by
    /// `commit(_:as:)`, and returns its name.
    ///
    /// The temporary file has a random name (`TemporaryName`) and is created exclusively,
    /// not through a link: a file or link planted at that name makes the write fail, never
    /// go elsewhere. It gets `permissions` (those of the file it replaces), or for a new file
    /// 0666 less the umask. It is not flushed (`fsync` would cost milliseconds a file): after
    /// a crash of the machine a file system may keep the rename and lose the data, leaving an
    /// empty or zero-filled file, which the next run takes for its own (``OutputWriter``).
    /// `temporaryName` picks the names tried (at most 8, while each is taken); tests choose them.
    func writeTemporary(_ bytes: [UInt8], for name: String, permissions: mode_t?,
                        temporaryName: (String) throws(FileSystem.Failure) -> String = TemporaryName.make)
        throws(FileSystem.Failure) -> String {
        var temporary = ""
        var file: Int32 = -1
        for _ in 0..<8 {
            temporary = try temporaryName(name)
            file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if file >= 0 || errno != EEXIST { break }
        }
        let temporaryPath = FileSystem.join(path, temporary)
        guard file >= 0 else { throw FileSystem.Failure("cannot create", temporaryPath) }
        func discard(_ code: Int32, _ what: String) -> FileSystem.Failure {
            close(file)
            unlinkat(descriptor, temporary, 0)
            return FileSystem.Failure(what, temporaryPath, errno: code)
        }
        if let permissions, fchmod(file, permissions) != 0 { throw discard(errno, "cannot set the mode of") }
        if let code = FileSystem.writeAll(bytes, to: file) { throw discard(code, "cannot write") }
        guard close(file) == 0 else {
            let code = errno
            unlinkat(descriptor, temporary, 0)
            throw FileSystem.Failure("cannot write", temporaryPath, errno: code)
        }
        return temporary
    }

    /// Renames the temporary file `temporary` (from `writeTemporary`) to `name`, replacing
    /// what is there in one step: a reader sees the old file or the new one, never part of one.
    func commit(_ temporary: String, as name: String) throws(FileSystem.Failure) {
        guard renameat(descriptor, temporary, descriptor, name) == 0 else {
            let code = errno
            unlinkat(descriptor, temporary, 0)
            throw FileSystem.Failure("cannot rename to", FileSystem.join(path, name), errno: code)
        }
    }

    /// Removes the entry `name` (a link itself, never what it points to).
    func remove(_ name: String) throws(FileSystem.Failure) {
        guard unlinkat(descriptor, name, 0) == 0 else { throw FileSystem.Failure("cannot remove", FileSystem.join(path, name)) }
    }

    /// Takes a `flock` on the directory itself (exclusive, or shared when `shared`), waiting
    /// at most `seconds`; `onWait` runs once when another process holds it. The lock goes
    /// with the process (or the handle): nothing is left behind, even after `kill -9`.
    func lock(shared: Bool = false, waitingAtMost seconds: Int, onWait: () -> Void) throws(FileSystem.Failure) {
        var waited = 0
        let step = 20 // milliseconds
        while flock(descriptor, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw FileSystem.Failure("cannot lock", path) }
            if waited >= seconds * 1000 {
                throw FileSystem.Failure(message: "another witgen generate is writing \(path)/ (it holds its lock)"
                                         + (seconds > 0 ? "; gave up after \(seconds) s" : ""))
            }
            if waited == 0 { onWait() }
            usleep(useconds_t(step * 1000))
            waited += step
        }
    }
}

extension DirectoryHandle.EntryKind {
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// "a symbolic link", for messages.
    var described: String {
        switch self {
        case .regularFile: "a file"
        case .directory: "a directory"
        case .symbolicLink: "a symbolic link"
        case .other: "a special file"
        }
    }
}

/// The names of `generate`'s temporary files: `.NAME.<16 hex digits>.witgen-tmp`, next to
/// the file `NAME` they become. Leftovers (after a crash) are recognised by `isTemporary`.
enum TemporaryName {
    static let suffix = ".witgen-tmp"

    /// A fresh name for a temporary file that will become `name`.
    static func make(for name: String) throws(FileSystem.Failure) -> String {
        var random = [UInt8](repeating: 0, count: 8)
        try FileSystem.randomBytes(&random)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in random { hex += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return "." + name + "." + String(decoding: hex, as: UTF8.self) + suffix
    }

    /// Whether `name` is one of `generate`'s temporary files: a dot, a name, and
    /// `.witgen-tmp`, with or without the random part (older versions had none).
    static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(suffix) && name.utf8.count > suffix.utf8.count + 1
    }
}

/// `open(2)`, by a name apart from `DirectoryHandle.open`.
private func openPath(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}
