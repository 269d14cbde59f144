#if canImport(Glibc)
import Glibc
#endif

/// A POSIX error number, as a typed error.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `errno` value.
    public let rawValue: Int32

    /// Wraps an `errno` value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The current thread's `errno`.
    static var current: Errno { Errno(rawValue: errno) }

    /// `strerror`'s text, with the symbolic name when known.
    public var description: String {
        String(cString: strerror(rawValue))
    }
}

/// Runs a system call, turning `-1` into the typed ``Errno`` and retrying on
/// `EINTR` (every call but `close`, which must never be retried on Linux).
@inline(__always)
func valueOrErrno<T: BinaryInteger>(_ call: () -> T) throws(Errno) -> T {
    while true {
        let result = call()
        if result != -1 { return result }
        let error = Errno.current
        if error.rawValue != EINTR { throw error }
    }
}

/// `connect` on a blocking socket, where `EINTR` is not a failure but must not be
/// retried either: POSIX says the connection then goes on in the background (a
/// second `connect` would fail with `EALREADY`). So an interrupted connect waits
/// for the socket to become writable and reads the outcome from `SO_ERROR`.
func connectOrErrno(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) throws(Errno) {
    if Glibc.connect(descriptor, address, length) == 0 { return }
    let error = Errno.current
    guard error.rawValue == EINTR else { throw error }
    var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
    _ = try valueOrErrno { poll(&waiting, 1, -1) }
    var outcome: Int32 = 0
    var size = socklen_t(MemoryLayout<Int32>.size)
    _ = try valueOrErrno { getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &outcome, &size) }
    if outcome != 0 { throw Errno(rawValue: outcome) }
}
