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
public final class GlibcTCPNetwork: SocketTCP.TCPNetworkResource {
    let context: RuntimeContext

    init(context: RuntimeContext) {
        self.context = context
    }

    public func createTCPSocket(addressFamily: SocketTCP.IPAddressFamily) throws(SocketTCP.ErrorCode) -> GlibcTCPSocket {
        let descriptor = try mapped { () throws(Errno) in try SocketDescriptor.openStream(family: addressFamily) }
        return GlibcTCPSocket(descriptor: descriptor, family: addressFamily, context: context)
    }
}

extension SocketDescriptor {
    /// A new socket of one family; IPv6 sockets are never dual-stack.
    static func openStream(family: Socket.IPAddressFamily) throws(Errno) -> SocketDescriptor {
        try open(family: family, type: Int32(SOCK_STREAM.rawValue), protocol: Int32(IPPROTO_TCP))
    }

    static func open(family: Socket.IPAddressFamily, type: Int32, protocol: Int32) throws(Errno) -> SocketDescriptor {
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
func bindChecked(_ descriptor: borrowing SocketDescriptor, family: Socket.IPAddressFamily, to local: IPSocketAddress,
                 transport: TransportProtocol, context: RuntimeContext) throws(Socket.ErrorCode) {
    guard local.family == family else { throw .invalidArgument }
    if descriptor.isBound { throw .alreadyBound }
    guard let host = context.inbound(transport, on: local) else { throw .accessDenied }
    try mapped { () throws(Errno) in try descriptor.bind(host) }
}

/// An undecided TCP socket.
public final class GlibcTCPSocket: SocketTCP.TCPSocketResource {
    let descriptor: SocketDescriptor
    let family: Socket.IPAddressFamily
    let context: RuntimeContext

    init(descriptor: consuming SocketDescriptor, family: Socket.IPAddressFamily, context: RuntimeContext) {
        self.descriptor = descriptor
        self.family = family
        self.context = context
    }

    public func `protocol`() -> SocketTCP.SocketProtocol { .tcp }
    public func addressFamily() -> SocketTCP.IPAddressFamily { family }

    public func bind(localAddress: SocketTCP.IPSocketAddress) throws(SocketTCP.ErrorCode) {
        try bindChecked(descriptor, family: family, to: localAddress, transport: .tcp, context: context)
    }

    public func localAddress() throws(SocketTCP.ErrorCode) -> SocketTCP.IPSocketAddress {
        guard descriptor.isBound else { throw .notBound }
        let host = try mapped { () throws(Errno) in try descriptor.localAddress() }
        return context.componentLocal(host, .tcp)
    }

    public static func connect(socket: consuming GlibcTCPSocket, remoteAddress: SocketTCP.IPSocketAddress)
        throws(SocketTCP.TCPSocketError<GlibcTCPSocket>) -> GlibcTCPConnection {
        let socket = socket
        guard remoteAddress.family == socket.family, !remoteAddress.isUnspecified else {
            throw SocketTCP.TCPSocketError(socket: socket, error: .invalidArgument)
        }
        // Denied destinations fail before any system call.
        guard let host = socket.context.outbound(.tcp, to: remoteAddress, remembering: socket.context.lastTCPGrant) else {
            throw SocketTCP.TCPSocketError(socket: socket, error: .accessDenied)
        }
        let raw = socket.descriptor.raw
        do {
            try NativeSocketAddress.with(host) { address, length throws(Errno) in
                try connectOrErrno(raw, address, length)
            }
        } catch {
            throw SocketTCP.TCPSocketError(socket: socket, error: Socket.ErrorCode(error))
        }
        // The undecided socket stays the descriptor's owner, kept alive by the connection.
        return GlibcTCPConnection(descriptor: SocketDescriptor(sharing: raw, ownedBy: socket), family: socket.family,
                                  context: socket.context, remote: remoteAddress)
    }

    public static func listen(socket: consuming GlibcTCPSocket, backlogSizeHint: UInt32)
        throws(SocketTCP.TCPSocketError<GlibcTCPSocket>) -> GlibcTCPListener {
        let socket = socket
        if !socket.descriptor.isBound {
            let any: IPSocketAddress = socket.family == .ipv4
                ? .ipv4(.init(port: 0, address: (0, 0, 0, 0)))
                : .ipv6(.init(port: 0, flowInfo: 0, address: (0, 0, 0, 0, 0, 0, 0, 0), scopeID: 0))
            do {
                try bindChecked(socket.descriptor, family: socket.family, to: any, transport: .tcp, context: socket.context)
            } catch {
                throw SocketTCP.TCPSocketError(socket: socket, error: error)
            }
        }
        let backlog = Int32(clamping: min(backlogSizeHint, UInt32(SOMAXCONN)))
        let raw = socket.descriptor.raw
        do {
            _ = try valueOrErrno { Glibc.listen(raw, max(1, backlog)) }
        } catch {
            throw SocketTCP.TCPSocketError(socket: socket, error: Socket.ErrorCode(error))
        }
        return GlibcTCPListener(descriptor: SocketDescriptor(sharing: raw, ownedBy: socket), family: socket.family,
                                context: socket.context)
    }
}

/// A listening TCP socket.
public final class GlibcTCPListener: SocketTCP.TCPListenerResource {
    let descriptor: SocketDescriptor
    let family: Socket.IPAddressFamily
    let context: RuntimeContext

    init(descriptor: consuming SocketDescriptor, family: Socket.IPAddressFamily, context: RuntimeContext) {
        self.descriptor = descriptor
        self.family = family
        self.context = context
    }

    public func `protocol`() -> SocketTCP.SocketProtocol { .tcp }
    public func addressFamily() -> SocketTCP.IPAddressFamily { family }

    public func localAddress() throws(SocketTCP.ErrorCode) -> SocketTCP.IPSocketAddress {
        let host = try mapped { () throws(Errno) in try descriptor.localAddress() }
        return context.componentLocal(host, .tcp)
    }

    public func accept() throws(SocketTCP.ErrorCode) -> GlibcTCPConnection {
        // The peer's address comes with the connection: no `getpeername` afterwards.
        var address = NativeSocketAddress()
        let raw = try mapped { () throws(Errno) in
            try valueOrErrno { address.fill { systemAccept4(descriptor.raw, $0, $1, Int32(SOCK_CLOEXEC.rawValue)) } }
        }
        let connection = SocketDescriptor(owning: raw)
        guard let remote = address.ipSocketAddress else { throw Socket.ErrorCode(Errno(rawValue: EAFNOSUPPORT)) }
        return GlibcTCPConnection(descriptor: connection, family: family, context: context,
                                  remote: context.componentRemote(remote, .tcp))
    }
}

/// A connected TCP socket.
public final class GlibcTCPConnection: SocketTCP.TCPConnectionResource {
    let descriptor: SocketDescriptor
    let family: Socket.IPAddressFamily
    let context: RuntimeContext
    /// The remote address as the component knows it (never the host's mapped one).
    let remote: IPSocketAddress
    /// Set once the sending side is shut down (a flag, not a lock: writes only read it).
    let sendShutdown = Atomic(false)
    /// The storage of the last small receive's result, filled again when the caller has let go of it.
    let receiveStorage = ReceiveStorage()

    init(descriptor: consuming SocketDescriptor, family: Socket.IPAddressFamily, context: RuntimeContext, remote: IPSocketAddress) {
        self.descriptor = descriptor
        self.family = family
        self.context = context
        self.remote = remote
    }

    public func `protocol`() -> SocketTCP.SocketProtocol { .tcp }
    public func addressFamily() -> SocketTCP.IPAddressFamily { family }

    public func localAddress() throws(SocketTCP.ErrorCode) -> SocketTCP.IPSocketAddress {
        let host = try mapped { () throws(Errno) in try descriptor.localAddress() }
        return context.componentLocal(host, .tcp)
    }

    public func remoteAddress() throws(SocketTCP.ErrorCode) -> SocketTCP.IPSocketAddress { remote }

    public func read(maxBytes: UInt64) throws(SocketTCP.ErrorCode) -> [UInt8] {
        try receive(maxBytes: maxBytes, flags: 0)
    }

    public func peek(maxBytes: UInt64) throws(SocketTCP.ErrorCode) -> [UInt8] {
        try receive(maxBytes: maxBytes, flags: Int32(MSG_PEEK))
    }

    @inline(__always)
    func receive(maxBytes: UInt64, flags: Int32) throws(SocketTCP.ErrorCode) -> [UInt8] {
        let capacity = Int(min(maxBytes, 1 << 24))
        guard capacity > 0 else { return [] }
        return try mapped { () throws(Errno) in
            try receivedBytes(capacity: capacity, reusing: receiveStorage) { buffer throws(Errno) in
                try valueOrErrno { recv(descriptor.raw, buffer.baseAddress, buffer.count, flags) }
            }.bytes
        }
    }

    public func write(data: [UInt8]) throws(SocketTCP.ErrorCode) -> UInt64 {
        if sendShutdown.load(ordering: .acquiring) { throw .brokenPipe }
        var sent = 0
        while sent < data.count {
            let count = try mapped { () throws(Errno) in
                try valueOrErrno {
                    data.withUnsafeBytes { bytes in
                        send(descriptor.raw, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                    }
                }
            }
            sent += count
        }
        return UInt64(sent)
    }

    public func flush() throws(SocketTCP.ErrorCode) {}

    public func shutdown(shutdownType: SocketTCP.ShutdownType) throws(SocketTCP.ErrorCode) {
        let how: Int32
        switch shutdownType {
        case .receive: how = Int32(SHUT_RD)
        case .send: how = Int32(SHUT_WR)
        case .both: how = Int32(SHUT_RDWR)
        }
        try mapped { () throws(Errno) in _ = try valueOrErrno { Glibc.shutdown(descriptor.raw, how) } }
        if shutdownType != .receive { sendShutdown.store(true, ordering: .releasing) }
    }
}
