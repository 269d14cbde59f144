#if canImport(Glibc)
import Glibc
#endif
import WASINetworking

/// The UDP capability on Glibc sockets.
public final class GlibcUDPNetwork: SocketUDP.UDPNetworkResource {
    let context: RuntimeContext

    init(context: RuntimeContext) {
        self.context = context
    }

    public func createUDPSocket(addressFamily: SocketUDP.IPAddressFamily) throws(SocketUDP.ErrorCode) -> GlibcUDPSocket {
        let descriptor = try mapped { () throws(Errno) in
            try SocketDescriptor.open(family: addressFamily, type: Int32(SOCK_DGRAM.rawValue), protocol: Int32(IPPROTO_UDP))
        }
        return GlibcUDPSocket(descriptor: descriptor, family: addressFamily, context: context)
    }
}

/// A UDP socket.
public final class GlibcUDPSocket: SocketUDP.UDPSocketResource {
    let descriptor: SocketDescriptor
    let family: Socket.IPAddressFamily
    let context: RuntimeContext
    /// The last destination this socket was granted (sends usually go to one peer).
    let lastGrant = OutboundGrantCache()
    /// Guards `spare`, the storage of the last small receive's result, filled again when the
    /// caller has let go of it (see ``ReceiveStorage``).
    let receiveStorage = ReceiveStorage()
    /// Only touched by the receive that holds `receiveStorage` (so neither isolation nor
    /// exclusivity needs checking); `nil` until the first small receive.
    @exclusivity(unchecked) nonisolated(unsafe) private var spare: [UInt8]?

    init(descriptor: consuming SocketDescriptor, family: Socket.IPAddressFamily, context: RuntimeContext) {
        self.descriptor = descriptor
        self.family = family
        self.context = context
    }

    public func `protocol`() -> SocketUDP.SocketProtocol { .udp }
    public func addressFamily() -> SocketUDP.IPAddressFamily { family }

    public func bind(localAddress: SocketUDP.IPSocketAddress) throws(SocketUDP.ErrorCode) {
        try bindChecked(descriptor, family: family, to: localAddress, transport: .udp, context: context)
    }

    public func localAddress() throws(SocketUDP.ErrorCode) -> SocketUDP.IPSocketAddress {
        guard descriptor.isBound else { throw .notBound }
        let host = try mapped { () throws(Errno) in try descriptor.localAddress() }
        return context.componentLocal(host, .udp)
    }

    /// The first receive on a socket that is neither bound nor has sent binds it, as POSIX's first send does.
    @inline(__always)
    func bindImplicitly() throws(SocketUDP.ErrorCode) {
        if descriptor.isKnownBound { return }
        try bindUnlessBound()
    }

    private func bindUnlessBound() throws(SocketUDP.ErrorCode) {
        guard !descriptor.isBound else { return }
        let any: IPSocketAddress = family == .ipv4
            ? .ipv4(.init(port: 0, address: (0, 0, 0, 0)))
            : .ipv6(.init(port: 0, flowInfo: 0, address: (0, 0, 0, 0, 0, 0, 0, 0), scopeID: 0))
        try bindChecked(descriptor, family: family, to: any, transport: .udp, context: context)
    }

    public func receive(maxBytes: UInt64) throws(SocketUDP.ErrorCode) -> ([UInt8], SocketUDP.ReceiveResult) {
        try receive(maxBytes: maxBytes, flags: 0)
    }

    public func peek(maxBytes: UInt64) throws(SocketUDP.ErrorCode) -> ([UInt8], SocketUDP.ReceiveResult) {
        try receive(maxBytes: maxBytes, flags: Int32(MSG_PEEK))
    }

    @inline(__always)
    func receive(maxBytes: UInt64, flags: Int32) throws(SocketUDP.ErrorCode) -> ([UInt8], SocketUDP.ReceiveResult) {
        try bindImplicitly()
        let capacity = Int(min(maxBytes, 65_536))
        // MSG_TRUNC makes recvfrom return the datagram's real length, so truncation is known.
        var address = NativeSocketAddress()
        let (bytes, count) = try mapped { () throws(Errno) in
            try receivedBytes(capacity: capacity, reusing: { array(of: $0) }) { buffer throws(Errno) in
                try valueOrErrno {
                    address.fill { recvfrom(descriptor.raw, buffer.baseAddress, buffer.count, flags | Int32(MSG_TRUNC), $0, $1) }
                }
            }
        }
        let kept = bytes.count
        guard let sender = address.ipSocketAddress else { throw .unknown }
        return (bytes, .init(bytesReceived: UInt64(kept), truncated: count > capacity,
                              remoteAddress: context.componentRemote(sender, .udp)))
    }

    public func send(data: [UInt8], options: SocketUDP.SendOptions) throws(SocketUDP.ErrorCode) -> UInt64 {
        guard options.remoteAddress.family == family else { throw .invalidArgument }
        // Denied destinations fail before any system call.
        guard let host = context.outbound(.udp, to: options.remoteAddress, remembering: lastGrant) else { throw .accessDenied }
        let count = try mapped { () throws(Errno) in
            try NativeSocketAddress.with(host) { address, length throws(Errno) in
                try valueOrErrno {
                    data.withUnsafeBytes { bytes in sendto(descriptor.raw, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), address, length) }
                }
            }
        }
        // A send binds an unbound UDP socket, for good.
        descriptor.markBound()
        return UInt64(count)
    }

    public func connect(remoteAddress: SocketUDP.IPSocketAddress) throws(SocketUDP.ErrorCode) {
        guard remoteAddress.family == family else { throw .invalidArgument }
        guard let host = context.outbound(.udp, to: remoteAddress, remembering: lastGrant) else { throw .accessDenied }
        try mapped { () throws(Errno) in
            _ = try NativeSocketAddress.with(host) { address, length throws(Errno) in
                try valueOrErrno { Glibc.connect(descriptor.raw, address, length) }
            }
        }
        // So does a connect.
        descriptor.markBound()
    }

    public func remoteAddress() throws(SocketUDP.ErrorCode) -> SocketUDP.IPSocketAddress {
        let host = try mapped { () throws(Errno) in try descriptor.remoteAddress() }
        return context.componentRemote(host, .udp)
    }
}

extension GlibcUDPSocket {
    /// An array holding a small receive's `bytes`, in the spare storage when it is free (see
    /// ``ReceiveStorage``). Callers pass it to ``receivedBytes(capacity:reusing:_:)`` as a
    /// closure, `{ array(of: $0) }`: the method reference `array(of:)` would be a partial
    /// application that retains the object and releases it again on every receive.
    @inline(__always)
    func array(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        receiveStorage.array(of: bytes, reusing: &spare)
    }
}
