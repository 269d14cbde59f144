#if canImport(Glibc)
import Glibc
#endif

/// The one owner of an open socket descriptor: it is closed exactly once, when
/// the owner goes away. Every socket the runtime opens is `SOCK_CLOEXEC`.
final class SocketDescriptor: Sendable {
    /// The raw descriptor, valid for the owner's lifetime.
    let raw: Int32

    /// Takes ownership of an open descriptor.
    init(owning raw: Int32) {
        self.raw = raw
    }

    /// `socket(domain, type | SOCK_CLOEXEC, protocol)`.
    static func open(domain: Int32, type: Int32, protocol: Int32) throws(Errno) -> SocketDescriptor {
        let raw = try valueOrErrno { socket(domain, type | Int32(SOCK_CLOEXEC.rawValue), `protocol`) }
        return SocketDescriptor(owning: raw)
    }

    deinit {
        // `close` is not retried on EINTR: on Linux the descriptor is released either way.
        _ = Glibc.close(raw)
    }

    func setOption(level: Int32, name: Int32, value: Int32) throws(Errno) {
        var value = value
        _ = try valueOrErrno { setsockopt(raw, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }
}
