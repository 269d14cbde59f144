#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import WASINetworking

/// The UDP capability on Glibc sockets.
public final class GlibcUDPNetwork: WASINetworking.SocketUDP.UDPNetworkResource {
    let context: RuntimeContext

    init(context: RuntimeContext) {
        self.context = context
    }

    public func createUDPSocket(addressFamily: WASINetworking.SocketUDP.IPAddressFamily) throws(WASINetworking.SocketUDP.ErrorCode) -> GlibcUDPSocket {
        guard context.grantsUDP else { throw .accessDenied }
        let descriptor = try mapped { () throws(Errno) in
            try SocketDescriptor.open(family: addressFamily, type: Int32(SOCK_DGRAM.rawValue), protocol: Int32(IPPROTO_UDP))
        }
        return GlibcUDPSocket(descriptor: descriptor, family: addressFamily, context: context)
    }
}

/// A UDP socket.
///
/// What a receive returns depends on how the socket came to be bound. A bind the inbound
/// rules granted (an explicit `bind`, or an implicit one they grant) opens it to every
/// sender. An implicit bind they do not grant binds it anyway, so that replies can arrive,
/// but a receive then returns only datagrams from senders an outbound rule covers (where
/// the socket may send): the others are removed unseen. A connected socket returns only
/// its peer's datagrams, including any queued before the connect.
public final class GlibcUDPSocket: WASINetworking.SocketUDP.UDPSocketResource {
    let descriptor: SocketDescriptor
    let family: WASINetworking.Socket.IPAddressFamily
    let context: RuntimeContext
    /// The last destination this socket was granted (sends usually go to one peer).
    let lastGrant = OutboundGrantCache()
    /// Whether a receive may return a datagram without checking its sender: set once the
    /// socket is bound where the inbound rules grant it, while it is not connected. Until
    /// then every receive checks its sender against ``senders`` (false is the safe answer).
    private let returnsEverySender = Atomic(false)
    /// Which senders a checked receive returns.
    private let senders = Mutex(SenderFilter())
    /// Held by a checked receive from its system call to its decision, so that a peek which
    /// finds a datagram to drop removes exactly that datagram (no other receive takes it meanwhile).
    private let checkedReceiveTurn = Mutex(())

    init(descriptor: consuming SocketDescriptor, family: WASINetworking.Socket.IPAddressFamily, context: RuntimeContext) {
        self.descriptor = descriptor
        self.family = family
        self.context = context
    }

    public func `protocol`() -> WASINetworking.SocketUDP.SocketProtocol { .udp }
    public func addressFamily() -> WASINetworking.SocketUDP.IPAddressFamily { family }

    public func bind(localAddress: WASINetworking.SocketUDP.IPSocketAddress) throws(WASINetworking.SocketUDP.ErrorCode) {
        try bindChecked(descriptor, family: family, to: localAddress, transport: .udp, context: context)
        openToEverySender()
    }

    public func localAddress() throws(WASINetworking.SocketUDP.ErrorCode) -> WASINetworking.SocketUDP.IPSocketAddress {
        guard descriptor.isBound else { throw .notBound }
        let host = try mapped { () throws(Errno) in try descriptor.localAddress() }
        return context.componentLocal(host, .udp)
    }

    /// The first send, connect or receive on an unbound socket binds it, as POSIX's first send does.
    @inline(__always)
    func bindImplicitly() throws(WASINetworking.SocketUDP.ErrorCode) {
        if descriptor.isKnownBound { return }
        try bindUnlessBound()
    }

    /// Binds to the unspecified address and a free port: where the inbound rules grant that,
    /// as an explicit bind there would; otherwise without opening the socket to senders
    /// no outbound rule covers. A socket the system bound already (a failed send or connect
    /// leaves it so) stays as it is, and so stays closed to them.
    private func bindUnlessBound() throws(WASINetworking.SocketUDP.ErrorCode) {
        if descriptor.isBound { return descriptor.markBound() }
        let any: IPSocketAddress = family == .ipv4
            ? .ipv4(.init(port: 0, address: (0, 0, 0, 0)))
            : .ipv6(.init(port: 0, flowInfo: 0, address: (0, 0, 0, 0, 0, 0, 0, 0), scopeID: 0))
        let granted = context.inbound(.udp, on: any)
        do {
            try mapped { () throws(Errno) in try descriptor.bind(granted ?? any) }
        } catch {
            // Another call on the same socket bound it first.
            if descriptor.isBound { return descriptor.markBound() }
            throw error
        }
        if granted != nil { openToEverySender() }
    }

    private func openToEverySender() {
        let connected = senders.withLock { filter in
            filter.inboundGranted = true
            return filter.peer != nil
        }
        if !connected { returnsEverySender.store(true, ordering: .releasing) }
    }

    public func receive(maxBytes: UInt64) throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], WASINetworking.SocketUDP.ReceiveResult) {
        try receive(maxBytes: maxBytes, flags: 0)
    }

    public func peek(maxBytes: UInt64) throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], WASINetworking.SocketUDP.ReceiveResult) {
        try receive(maxBytes: maxBytes, flags: Int32(MSG_PEEK))
    }

    @inline(__always)
    func receive(maxBytes: UInt64, flags: Int32) throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], WASINetworking.SocketUDP.ReceiveResult) {
        try bindImplicitly()
        let capacity = Int(min(maxBytes, 65_536))
        guard returnsEverySender.load(ordering: .acquiring) else { return try receiveChecked(capacity: capacity, flags: flags) }
        let (bytes, count, sender) = try receiveOne(capacity: capacity, flags: flags)
        return (bytes, .init(bytesReceived: UInt64(bytes.count), truncated: count > capacity,
                              remoteAddress: context.componentRemote(sender, .udp)))
    }

    /// One datagram (at most `capacity` of its bytes), its real length and its host-side sender.
    @inline(__always)
    private func receiveOne(capacity: Int, flags: Int32) throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], Int, IPSocketAddress) {
        // MSG_TRUNC makes recvfrom return the datagram's real length, so truncation is known.
        var address = NativeSocketAddress()
        let (bytes, count) = try mapped { () throws(Errno) in
            try receivedBytes(capacity: capacity) { buffer throws(Errno) in
                try valueOrErrno {
                    address.fill { recvfrom(descriptor.raw, buffer.baseAddress, buffer.count, flags | Int32(MSG_TRUNC), $0, $1) }
                }
            }
        }
        guard let sender = address.ipSocketAddress else { throw .unknown }
        return (bytes, count, sender)
    }

    /// A receive that returns only datagrams from the senders ``SenderFilter`` admits; any
    /// other is removed (a peeked one too) and the receive waits for the next.
    private func receiveChecked(capacity: Int, flags: Int32) throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], WASINetworking.SocketUDP.ReceiveResult) {
        try checkedReceiveTurn.withLock { _ throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], WASINetworking.SocketUDP.ReceiveResult) in
            while true {
                let (bytes, count, sender) = try receiveOne(capacity: capacity, flags: flags)
                let filter = senders.withLock { $0 }
                // The connected peer is seen as the component named it, as `remote-address` says.
                let seen = filter.peer?.seen ?? context.componentRemote(sender, .udp)
                if filter.admits(sender, seenAs: seen, granting: { outboundHost($0) }) {
                    return (bytes, .init(bytesReceived: UInt64(bytes.count), truncated: count > capacity, remoteAddress: seen))
                }
                if flags & Int32(MSG_PEEK) != 0 { try discardOne() }
            }
        }
    }

    /// The host-side endpoint the policy grants for sending to `destination`, or `nil`.
    private func outboundHost(_ destination: IPSocketAddress) -> IPSocketAddress? {
        context.outbound(.udp, to: destination, remembering: lastGrant)
    }

    /// Removes the datagram at the head of the queue: the one a peek just saw, since the caller
    /// holds `checkedReceiveTurn` and no other receive of this socket takes it meanwhile.
    private func discardOne() throws(WASINetworking.SocketUDP.ErrorCode) {
        var byte: UInt8 = 0
        try mapped { () throws(Errno) in _ = try valueOrErrno { recv(descriptor.raw, &byte, 1, 0) } }
    }

    public func send(data: [UInt8], options: WASINetworking.SocketUDP.SendOptions) throws(WASINetworking.SocketUDP.ErrorCode) -> UInt64 {
        guard options.remoteAddress.isDestination(for: family) else { throw .invalidArgument }
        // Denied destinations fail before any system call (and bind nothing).
        guard let host = context.outbound(.udp, to: options.remoteAddress, remembering: lastGrant) else { throw .accessDenied }
        try bindImplicitly()
        let count = try mapped { () throws(Errno) in
            try NativeSocketAddress.with(host) { address, length throws(Errno) in
                try valueOrErrno {
                    data.withUnsafeBytes { bytes in sendto(descriptor.raw, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), address, length) }
                }
            }
        }
        return UInt64(count)
    }

    public func connect(remoteAddress: WASINetworking.SocketUDP.IPSocketAddress) throws(WASINetworking.SocketUDP.ErrorCode) {
        guard remoteAddress.isDestination(for: family) else { throw .invalidArgument }
        guard let host = context.outbound(.udp, to: remoteAddress, remembering: lastGrant) else { throw .accessDenied }
        try bindImplicitly()
        // Receives check their sender from before the system call on: datagrams of other
        // senders queued before it stay queued, and only the check keeps them out.
        let peer = (seen: remoteAddress, host: Endpoint(host))
        let previous = senders.withLock { filter in
            defer { filter.peer = peer }
            return filter.peer
        }
        returnsEverySender.store(false, ordering: .releasing)
        do {
            try mapped { () throws(Errno) in
                _ = try NativeSocketAddress.with(host) { address, length throws(Errno) in
                    try valueOrErrno { Glibc.connect(descriptor.raw, address, length) }
                }
            }
        } catch {
            // The socket keeps the peer it had.
            senders.withLock { filter in if filter.peer?.host == peer.host { filter.peer = previous } }
            throw error
        }
    }

    /// The peer as the component named it to `connect` (never the host's mapped one).
    public func remoteAddress() throws(WASINetworking.SocketUDP.ErrorCode) -> WASINetworking.SocketUDP.IPSocketAddress {
        guard let peer = senders.withLock({ $0.peer }) else { throw .notConnected }
        return peer.seen
    }
}

/// Which senders a UDP receive returns, besides those the fast path returns unchecked.
struct SenderFilter: Sendable {
    /// Whether the socket is bound where the inbound rules grant it: every sender may reach it.
    var inboundGranted = false
    /// The connected peer, as the component named it and as the host reaches it.
    var peer: (seen: IPSocketAddress, host: Endpoint)?

    /// Whether a datagram from `sender` (host side; the component sees it as `seen`) is returned.
    /// `granting` is the policy's host-side endpoint for sending to an address, or `nil`.
    func admits(_ sender: IPSocketAddress, seenAs seen: IPSocketAddress, granting: (IPSocketAddress) -> IPSocketAddress?) -> Bool {
        if let peer { return Endpoint(sender) == peer.host }
        if inboundGranted { return true }
        // A reply: the component may send to the sender as it sees it, and that send would reach it.
        return granting(seen).map { Endpoint($0) == Endpoint(sender) } ?? false
    }
}
