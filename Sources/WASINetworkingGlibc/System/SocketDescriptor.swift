#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open socket descriptor as the socket object that holds it sees it: stored inline in
/// that object (not an object of its own, so opening or accepting a socket allocates one
/// object, not two). Every socket the runtime opens is `SOCK_CLOEXEC`.
///
/// A descriptor has exactly one owner, which closes it exactly once, when it goes away: the
/// object that opened or accepted it. A connection or listener made from an undecided TCP
/// socket is the same object (``TCPEndpoint``), so no holder ever shares a descriptor it does
/// not own. Non-copyable, so no holder can duplicate the owner's duty to close.
struct SocketDescriptor: ~Copyable, Sendable {
    /// The raw descriptor, valid for the holder's lifetime.
    let raw: Int32
    /// Set once the socket is known to keep a local port for good (an explicit bind, or a
    /// UDP send or connect, which bind implicitly): from then on a bound-state check makes no
    /// system call. A port the kernel chose for a TCP connect is not kept if the connect
    /// fails, so that alone never sets it.
    private let boundForGood = Atomic<Bool>(false)

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

    /// Whether the socket is known to keep its local port (see `markBound`).
    var isKnownBound: Bool { boundForGood.load(ordering: .relaxed) }

    /// Records that the socket has a local port it keeps until it is closed. Stored once only:
    /// sends call this every time, and an unchanged flag's cache line stays shared.
    func markBound() {
        if !isKnownBound { boundForGood.store(true, ordering: .relaxed) }
    }

    func setOption(level: Int32, name: Int32, value: Int32) throws(Errno) {
        var value = value
        _ = try valueOrErrno { setsockopt(raw, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }
}
