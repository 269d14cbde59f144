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
