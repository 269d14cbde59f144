#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import WASINetworking

/// `accept4` (a GNU extension the Glibc module does not export): accepts with `SOCK_CLOEXEC` set atomically.
@_silgen_name("accept4")
func systemAccept4(_ socket: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: UnsafeMutablePointer<socklen_t>?,
                   _ flags: Int32) -> Int32

/// The TCP capability on Glibc sockets.
public final class GlibcTCPNetwork: WASINetworking.SocketTCP.TCPNetworkResource {
    let context: RuntimeContext

    init(context: RuntimeContext) {
        self.context = context
    }

    public func createTCPSocket(addressFamily: WASINetworking.SocketTCP.IPAddressFamily) throws(WASINetworking.SocketTCP.ErrorCode) -> GlibcTCPSocket {
        guard context.grantsTCP else { throw .accessDenied }
        let descriptor = try mapped { () throws(Errno) in try SocketDescriptor.openStream(family: addressFamily) }
        return GlibcTCPSocket(endpoint: TCPEndpoint(descriptor: descriptor, family: addressFamily, context: context))
    }
}

extension SocketDescriptor {
    /// A new socket of one family; IPv6 sockets are never dual-stack.
    static func openStream(family: WASINetworking.Socket.IPAddressFamily) throws(Errno) -> SocketDescriptor {
        try open(family: family, type: Int32(SOCK_STREAM.rawValue), protocol: Int32(IPPROTO_TCP))
    }

    static func open(family: WASINetworking.Socket.IPAddressFamily, type: Int32, protocol: Int32) throws(Errno) -> SocketDescriptor {
        let descriptor = try open(domain: family == .ipv4 ? AF_INET : AF_INET6, type: type, protocol: `protocol`)
        if family == .ipv6 { try descriptor.setOption(level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: 1) }
        return descriptor
    }

    /// `getsockname`, as a WIT address.
    func localAddress() throws(Errno) -> IPSocketAddress {
        let (status, address) = NativeSocketAddress.receiving { getsockname(raw, $0, $1) }
        if status == -1 { throw Errno.current }
        guard let result = address.ipSocketAddress else { throw Errno(rawValue: EAFNOSUPPORT) }
        return result
    }

    /// `getpeername`, as a WIT address.
    func remoteAddress() throws(Errno) -> IPSocketAddress {
        let (status, address) = NativeSocketAddress.receiving { getpeername(raw, $0, $1) }
        if status == -1 { throw Errno.current }
        guard let result = address.ipSocketAddress else { throw Errno(rawValue: EAFNOSUPPORT) }
        return result
    }

    func bind(_ address: IPSocketAddress) throws(Errno) {
        _ = try NativeSocketAddress.with(address) { native, length throws(Errno) in try valueOrErrno { Glibc.bind(raw, native, length) } }
        markBound()
    }

    /// Whether the socket has a local address already (`getsockname` port is not 0); no
    /// system call once it is known to keep one.
    var isBound: Bool {
        if isKnownBound { return true }
        guard let address = try? localAddress() else { return false }
        return address.port != 0
    }
}

/// Checks shared by `bind` on TCP and UDP sockets: family, state, policy; then binds.
func bindChecked(_ descriptor: borrowing SocketDescriptor, family: WASINetworking.Socket.IPAddressFamily, to local: IPSocketAddress,
                 transport: TransportProtocol, context: RuntimeContext) throws(WASINetworking.Socket.ErrorCode) {
    guard local.family == family else { throw .invalidArgument }
    if descriptor.isBound { throw .alreadyBound }
    guard let host = context.inbound(transport, on: local) else { throw .accessDenied }
    try mapped { () throws(Errno) in try descriptor.bind(host) }
}

/// The one object behind a TCP socket in all of its states: it owns the descriptor (and
/// closes it when the last value that refers to it goes away) and holds what the states share.
///
/// ``GlibcTCPSocket``, ``GlibcTCPListener`` and ``GlibcTCPConnection`` are values that refer
/// to it. `connect` and `listen` hand the socket's object on to the connection or listener
/// they return, so a socket is one object whatever its state (a connect allocates nothing);
/// `accept` makes one object per connection.
final class TCPEndpoint: Sendable {
    let descriptor: SocketDescriptor
    let family: WASINetworking.Socket.IPAddressFamily
    let context: RuntimeContext
    /// Set once the sending side of a connection is shut down (a flag, not a lock: writes only read it).
    let sendShutdown = Atomic(false)

    init(descriptor: consuming SocketDescriptor, family: WASINetworking.Socket.IPAddressFamily, context: RuntimeContext) {
        self.descriptor = descriptor
        self.family = family
        self.context = context
    }

    /// `getsockname`, as the component sees it.
    func localAddress() throws(WASINetworking.Socket.ErrorCode) -> IPSocketAddress {
        let host = try mapped { () throws(Errno) in try descriptor.localAddress() }
        return context.componentLocal(host, .tcp)
    }

    /// Checks a connect's destination (``IPSocketAddress/isDestination(for:)``, then the
    /// policy: a denied destination fails before any system call) and connects.
    func connect(to remoteAddress: IPSocketAddress) throws(WASINetworking.Socket.ErrorCode) {
        guard remoteAddress.isDestination(for: family) else { throw .invalidArgument }
        guard let host = context.outbound(.tcp, to: remoteAddress, remembering: context.lastTCPGrant) else { throw .accessDenied }
        let raw = descriptor.raw
        do throws(Errno) {
            try NativeSocketAddress.with(host) { address, length throws(Errno) in
                try connectOrErrno(raw, address, length)
            }
        } catch {
            restoreAfterFailedConnect()
            throw WASINetworking.Socket.ErrorCode(error)
        }
    }

    /// Puts the socket back as it was before a failed connect, so that it can be bound, connected
    /// or listened on again. Linux may keep the local port it bound for the attempt (one no
    /// bind asked for and no rule granted) and may refuse a listen on the socket, so it is
    /// replaced by a new one, bound again where a bind the policy granted had bound it.
    /// If that fails the socket stays as the kernel left it, and the next listen is checked.
    private func restoreAfterFailedConnect() {
        let granted = descriptor.isKnownBound ? try? descriptor.localAddress() : nil
        do throws(Errno) {
            try renew()
            if let granted { try descriptor.bind(granted) }
        } catch {}
    }

    /// Replaces the socket behind the descriptor with a new unbound one of the same family.
    func renew() throws(Errno) {
        let fresh = try SocketDescriptor.openStream(family: family)
        try descriptor.replace(with: fresh)
    }

    /// Listens, after binding to the unspecified address and a free port (policy permitting)
    /// unless a bind the policy granted came first. A socket the kernel bound by itself (a
    /// failed connect leaves it so, if its renewal failed) is checked like an unbound one.
    func listen(backlogSizeHint: UInt32) throws(WASINetworking.Socket.ErrorCode) {
        if !descriptor.isKnownBound {
            let any: IPSocketAddress = family == .ipv4
                ? .ipv4(.init(port: 0, address: (0, 0, 0, 0)))
                : .ipv6(.init(port: 0, flowInfo: 0, address: (0, 0, 0, 0, 0, 0, 0, 0), scopeID: 0))
            guard let host = context.inbound(.tcp, on: any) else { throw .accessDenied }
            try mapped { () throws(Errno) in
                if descriptor.isBound { try renew() }
                try descriptor.bind(host)
            }
        }
        let backlog = Int32(clamping: min(backlogSizeHint, UInt32(SOMAXCONN)))
        let raw = descriptor.raw
        try mapped { () throws(Errno) in _ = try valueOrErrno { Glibc.listen(raw, max(1, backlog)) } }
    }
}

/// An undecided TCP socket: a reference to its ``TCPEndpoint``. Copies refer to the same socket.
public struct GlibcTCPSocket: WASINetworking.SocketTCP.TCPSocketResource {
    let endpoint: TCPEndpoint

    init(endpoint: TCPEndpoint) {
        self.endpoint = endpoint
    }

    public func `protocol`() -> WASINetworking.SocketTCP.SocketProtocol { .tcp }
    public func addressFamily() -> WASINetworking.SocketTCP.IPAddressFamily { endpoint.family }

    public func bind(localAddress: WASINetworking.SocketTCP.IPSocketAddress) throws(WASINetworking.SocketTCP.ErrorCode) {
        try bindChecked(endpoint.descriptor, family: endpoint.family, to: localAddress, transport: .tcp, context: endpoint.context)
    }

    public func localAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress {
        guard endpoint.descriptor.isBound else { throw .notBound }
        return try endpoint.localAddress()
    }

    /// The connection is the same endpoint, now connected: no new object. The socket's
    /// reference is taken over (`consume`), not copied, so the endpoint is neither retained
    /// nor released here; a failure hands it back as the undecided socket.
    public static func connect(socket: consuming GlibcTCPSocket, remoteAddress: WASINetworking.SocketTCP.IPSocketAddress)
        throws(WASINetworking.SocketTCP.TCPSocketError<GlibcTCPSocket>) -> GlibcTCPConnection {
        let endpoint = (consume socket).endpoint
        do {
            try endpoint.connect(to: remoteAddress)
        } catch {
            throw WASINetworking.SocketTCP.TCPSocketError(socket: GlibcTCPSocket(endpoint: endpoint), error: error)
        }
        return GlibcTCPConnection(endpoint: endpoint, remote: remoteAddress)
    }

    /// The listener is the same endpoint, now listening: no new object.
    public static func listen(socket: consuming GlibcTCPSocket, backlogSizeHint: UInt32)
        throws(WASINetworking.SocketTCP.TCPSocketError<GlibcTCPSocket>) -> GlibcTCPListener {
        let endpoint = (consume socket).endpoint
        do {
            try endpoint.listen(backlogSizeHint: backlogSizeHint)
        } catch {
            throw WASINetworking.SocketTCP.TCPSocketError(socket: GlibcTCPSocket(endpoint: endpoint), error: error)
        }
        return GlibcTCPListener(endpoint: endpoint)
    }
}

/// A listening TCP socket: a reference to its ``TCPEndpoint``. Copies refer to the same listener.
public struct GlibcTCPListener: WASINetworking.SocketTCP.TCPListenerResource {
    let endpoint: TCPEndpoint

    init(endpoint: TCPEndpoint) {
        self.endpoint = endpoint
    }

    public func `protocol`() -> WASINetworking.SocketTCP.SocketProtocol { .tcp }
    public func addressFamily() -> WASINetworking.SocketTCP.IPAddressFamily { endpoint.family }

    public func localAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress {
        try endpoint.localAddress()
    }

    public func accept() throws(WASINetworking.SocketTCP.ErrorCode) -> GlibcTCPConnection {
        // The peer's address comes with the connection: no `getpeername` afterwards.
        var address = NativeSocketAddress()
        let listening = endpoint.descriptor.raw
        let raw = try mapped { () throws(Errno) in
            try valueOrErrno { address.fill { systemAccept4(listening, $0, $1, Int32(SOCK_CLOEXEC.rawValue)) } }
        }
        let connection = SocketDescriptor(owning: raw)
        guard let remote = address.ipSocketAddress else { throw WASINetworking.Socket.ErrorCode(Errno(rawValue: EAFNOSUPPORT)) }
        let context = endpoint.context
        return GlibcTCPConnection(endpoint: TCPEndpoint(descriptor: connection, family: endpoint.family, context: context),
                                  remote: context.componentRemote(remote, .tcp))
    }
}

/// A connected TCP socket: a reference to its ``TCPEndpoint`` and the remote address. Copies
/// refer to the same connection.
public struct GlibcTCPConnection: WASINetworking.SocketTCP.TCPConnectionResource {
    let endpoint: TCPEndpoint
    /// The remote address as the component knows it (never the host's mapped one).
    let remote: IPSocketAddress

    init(endpoint: TCPEndpoint, remote: IPSocketAddress) {
        self.endpoint = endpoint
        self.remote = remote
    }

    public func `protocol`() -> WASINetworking.SocketTCP.SocketProtocol { .tcp }
    public func addressFamily() -> WASINetworking.SocketTCP.IPAddressFamily { endpoint.family }

    public func localAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress {
        try endpoint.localAddress()
    }

    public func remoteAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress { remote }

    public func read(maxBytes: UInt64) throws(WASINetworking.SocketTCP.ErrorCode) -> [UInt8] {
        try receive(maxBytes: maxBytes, flags: 0)
    }

    public func peek(maxBytes: UInt64) throws(WASINetworking.SocketTCP.ErrorCode) -> [UInt8] {
        try receive(maxBytes: maxBytes, flags: Int32(MSG_PEEK))
    }

    @inline(__always)
    func receive(maxBytes: UInt64, flags: Int32) throws(WASINetworking.SocketTCP.ErrorCode) -> [UInt8] {
        let capacity = Int(min(maxBytes, 1 << 24))
        guard capacity > 0 else { return [] }
        let raw = endpoint.descriptor.raw
        return try mapped { () throws(Errno) in
            try receivedBytes(capacity: capacity) { buffer throws(Errno) in
                try valueOrErrno { recv(raw, buffer.baseAddress, buffer.count, flags) }
            }.bytes
        }
    }

    public func write(data: [UInt8]) throws(WASINetworking.SocketTCP.ErrorCode) -> UInt64 {
        if endpoint.sendShutdown.load(ordering: .acquiring) { throw .brokenPipe }
        let raw = endpoint.descriptor.raw
        var sent = 0
        while sent < data.count {
            let count = try mapped { () throws(Errno) in
                try valueOrErrno {
                    data.withUnsafeBytes { bytes in
                        send(raw, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                    }
                }
            }
            sent += count
        }
        return UInt64(sent)
    }

    public func flush() throws(WASINetworking.SocketTCP.ErrorCode) {}

    public func shutdown(shutdownType: WASINetworking.SocketTCP.ShutdownType) throws(WASINetworking.SocketTCP.ErrorCode) {
        let how: Int32
        switch shutdownType {
        case .receive: how = Int32(SHUT_RD)
        case .send: how = Int32(SHUT_WR)
        case .both: how = Int32(SHUT_RDWR)
        }
        let raw = endpoint.descriptor.raw
        try mapped { () throws(Errno) in _ = try valueOrErrno { Glibc.shutdown(raw, how) } }
        if shutdownType != .receive { endpoint.sendShutdown.store(true, ordering: .releasing) }
    }
}
