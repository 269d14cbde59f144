#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// `dup3` (a GNU extension the Glibc module does not export): duplicates a descriptor onto
/// a given number with `O_CLOEXEC` set atomically.
@_silgen_name("dup3")
func systemDup3(_ old: Int32, _ new: Int32, _ flags: Int32) -> Int32

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
    /// Set once the socket is known to keep a local port for good (a bind the runtime made,
    /// explicit or implicit): from then on a bound-state check makes no system call. For a
    /// TCP socket it means a bind the policy granted; a port the kernel chose for a TCP
    /// connect never sets it.
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

    /// Puts `fresh` behind this descriptor's number in place of the socket there (`dup3`,
    /// close-on-exec kept), and forgets that the old one was bound: a socket handed back
    /// after a failed call is then as it was before, without what the system left on it.
    func replace(with fresh: borrowing SocketDescriptor) throws(Errno) {
        _ = try valueOrErrno { systemDup3(fresh.raw, raw, O_CLOEXEC) }
        boundForGood.store(false, ordering: .relaxed)
    }

    func setOption(level: Int32, name: Int32, value: Int32) throws(Errno) {
        var value = value
        _ = try valueOrErrno { setsockopt(raw, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }
}
