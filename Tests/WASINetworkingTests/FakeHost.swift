import Synchronization
import WASINetworking

// An in-memory host for the generated networking protocols: a tiny fake network
// where TCP connections and UDP datagrams travel between sockets of the same
// process. It exists to prove the protocols can be implemented as written:
// concrete resource types, no casts, no `Any`.

typealias Address = WASINetworking.Socket.IPSocketAddress
typealias Failure = WASINetworking.Socket.ErrorCode

/// The shared state of the fake network.
final class FakeNetworkState: Sendable {
    struct Tables {
        var listeners: [Address: FakeListener] = [:]
        var udpSockets: [Address: FakeUDPSocket] = [:]
        var nextPort: UInt16 = 40_000
        var names: [String: [WASINetworking.Socket.IPAddress]] = [:]
    }

    let tables = Mutex(Tables())

    func freePort() -> UInt16 {
        tables.withLock { tables in
            defer { tables.nextPort += 1 }
            return tables.nextPort
        }
    }
}

func loopback(_ port: UInt16) -> Address { .ipv4(.init(port: port, address: (127, 0, 0, 1))) }

func port(of address: Address) -> UInt16 {
    switch address {
    case .ipv4(let v4): return v4.port
    case .ipv6(let v6): return v6.port
    }
}

/// A byte pipe between the two ends of a fake connection.
final class Pipe: Sendable {
    let buffer = Mutex<[UInt8]>([])
    let closed = Mutex(false)
}

final class FakeTCPNetwork: WASINetworking.SocketTCP.TCPNetworkResource {
    let state: FakeNetworkState
    init(state: FakeNetworkState) { self.state = state }

    func createTCPSocket(addressFamily: WASINetworking.SocketTCP.IPAddressFamily) throws(WASINetworking.SocketTCP.ErrorCode) -> FakeTCPSocket {
        guard addressFamily == .ipv4 else { throw .addressFamilyNotSupported }
        return FakeTCPSocket(state: state)
    }
}

final class FakeTCPSocket: WASINetworking.SocketTCP.TCPSocketResource {
    let state: FakeNetworkState
    let bound = Mutex<Address?>(nil)
    init(state: FakeNetworkState) { self.state = state }

    func `protocol`() -> WASINetworking.SocketTCP.SocketProtocol { .tcp }
    func addressFamily() -> WASINetworking.SocketTCP.IPAddressFamily { .ipv4 }

    func bind(localAddress: WASINetworking.SocketTCP.IPSocketAddress) throws(WASINetworking.SocketTCP.ErrorCode) {
        try bound.withLock { (bound: inout Address?) throws(WASINetworking.SocketTCP.ErrorCode) in
            guard bound == nil else { throw .alreadyBound }
            bound = localAddress
        }
    }

    func localAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress {
        guard let address = bound.withLock({ $0 }) else { throw .notBound }
        return address
    }

    static func connect(socket: consuming FakeTCPSocket, remoteAddress: WASINetworking.SocketTCP.IPSocketAddress)
        throws(WASINetworking.SocketTCP.TCPSocketError<FakeTCPSocket>) -> FakeTCPConnection {
        let listener = socket.state.tables.withLock { $0.listeners[remoteAddress] }
        guard let listener else { throw WASINetworking.SocketTCP.TCPSocketError(socket: socket, error: .connectionRefused) }
        let local = loopback(socket.state.freePort())
        let (client, server) = FakeTCPConnection.pair(local: local, remote: remoteAddress)
        listener.pending.withLock { $0.append(server) }
        return client
    }

    static func listen(socket: consuming FakeTCPSocket, backlogSizeHint: UInt32)
        throws(WASINetworking.SocketTCP.TCPSocketError<FakeTCPSocket>) -> FakeListener {
        let address = socket.bound.withLock { $0 } ?? loopback(socket.state.freePort())
        let listener = FakeListener(address: address)
        let taken = socket.state.tables.withLock { tables -> Bool in
            if tables.listeners[address] != nil { return true }
            tables.listeners[address] = listener
            return false
        }
        if taken { throw WASINetworking.SocketTCP.TCPSocketError(socket: socket, error: .addressInUse) }
        return listener
    }
}

final class FakeListener: WASINetworking.SocketTCP.TCPListenerResource {
    let address: Address
    let pending = Mutex<[FakeTCPConnection]>([])
    init(address: Address) { self.address = address }

    func `protocol`() -> WASINetworking.SocketTCP.SocketProtocol { .tcp }
    func addressFamily() -> WASINetworking.SocketTCP.IPAddressFamily { .ipv4 }
    func localAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress { address }

    func accept() throws(WASINetworking.SocketTCP.ErrorCode) -> FakeTCPConnection {
        guard let next = pending.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { throw .wouldBlock }
        return next
    }
}

final class FakeTCPConnection: WASINetworking.SocketTCP.TCPConnectionResource {
    let local: Address
    let remote: Address
    let incoming: Pipe
    let outgoing: Pipe
    let sendClosed = Mutex(false)

    init(local: Address, remote: Address, incoming: Pipe, outgoing: Pipe) {
        self.local = local
        self.remote = remote
        self.incoming = incoming
        self.outgoing = outgoing
    }

    static func pair(local: Address, remote: Address) -> (FakeTCPConnection, FakeTCPConnection) {
        let forward = Pipe()
        let backward = Pipe()
        return (FakeTCPConnection(local: local, remote: remote, incoming: backward, outgoing: forward),
                FakeTCPConnection(local: remote, remote: local, incoming: forward, outgoing: backward))
    }

    func `protocol`() -> WASINetworking.SocketTCP.SocketProtocol { .tcp }
    func addressFamily() -> WASINetworking.SocketTCP.IPAddressFamily { .ipv4 }
    func localAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress { local }
    func remoteAddress() throws(WASINetworking.SocketTCP.ErrorCode) -> WASINetworking.SocketTCP.IPSocketAddress { remote }

    func read(maxBytes: UInt64) throws(WASINetworking.SocketTCP.ErrorCode) -> [UInt8] {
        incoming.buffer.withLock { buffer in
            let count = min(Int(maxBytes), buffer.count)
            defer { buffer.removeFirst(count) }
            return Array(buffer.prefix(count))
        }
    }

    func peek(maxBytes: UInt64) throws(WASINetworking.SocketTCP.ErrorCode) -> [UInt8] {
        incoming.buffer.withLock { Array($0.prefix(Int(maxBytes))) }
    }

    func write(data: [UInt8]) throws(WASINetworking.SocketTCP.ErrorCode) -> UInt64 {
        if sendClosed.withLock({ $0 }) { throw .brokenPipe }
        outgoing.buffer.withLock { $0.append(contentsOf: data) }
        return UInt64(data.count)
    }

    func flush() throws(WASINetworking.SocketTCP.ErrorCode) {}

    func shutdown(shutdownType: WASINetworking.SocketTCP.ShutdownType) throws(WASINetworking.SocketTCP.ErrorCode) {
        if shutdownType != .receive { sendClosed.withLock { $0 = true } }
    }
}

final class FakeUDPNetwork: WASINetworking.SocketUDP.UDPNetworkResource {
    let state: FakeNetworkState
    init(state: FakeNetworkState) { self.state = state }

    func createUDPSocket(addressFamily: WASINetworking.SocketUDP.IPAddressFamily) throws(WASINetworking.SocketUDP.ErrorCode) -> FakeUDPSocket {
        FakeUDPSocket(state: state)
    }
}

final class FakeUDPSocket: WASINetworking.SocketUDP.UDPSocketResource {
    let state: FakeNetworkState
    let bound = Mutex<Address?>(nil)
    let peer = Mutex<Address?>(nil)
    let queue = Mutex<[([UInt8], Address)]>([])
    init(state: FakeNetworkState) { self.state = state }

    func `protocol`() -> WASINetworking.SocketUDP.SocketProtocol { .udp }
    func addressFamily() -> WASINetworking.SocketUDP.IPAddressFamily { .ipv4 }

    func bind(localAddress: WASINetworking.SocketUDP.IPSocketAddress) throws(WASINetworking.SocketUDP.ErrorCode) {
        let already = bound.withLock { bound -> Bool in
            if bound != nil { return true }
            bound = localAddress
            return false
        }
        if already { throw .alreadyBound }
        state.tables.withLock { $0.udpSockets[localAddress] = self }
    }

    func localAddress() throws(WASINetworking.SocketUDP.ErrorCode) -> WASINetworking.SocketUDP.IPSocketAddress {
        guard let address = bound.withLock({ $0 }) else { throw .notBound }
        return address
    }

    func implicitBind() -> Address {
        if let address = bound.withLock({ $0 }) { return address }
        let address = loopback(state.freePort())
        try? bind(localAddress: address)
        return address
    }

    func receive(maxBytes: UInt64) throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], WASINetworking.SocketUDP.ReceiveResult) {
        _ = implicitBind()
        guard let (data, sender) = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { throw .wouldBlock }
        let kept = Array(data.prefix(Int(maxBytes)))
        return (kept, .init(bytesReceived: UInt64(kept.count), truncated: kept.count < data.count, remoteAddress: sender))
    }

    func peek(maxBytes: UInt64) throws(WASINetworking.SocketUDP.ErrorCode) -> ([UInt8], WASINetworking.SocketUDP.ReceiveResult) {
        guard let (data, sender) = queue.withLock({ $0.first }) else { throw .wouldBlock }
        let kept = Array(data.prefix(Int(maxBytes)))
        return (kept, .init(bytesReceived: UInt64(kept.count), truncated: kept.count < data.count, remoteAddress: sender))
    }

    func send(data: [UInt8], options: WASINetworking.SocketUDP.SendOptions) throws(WASINetworking.SocketUDP.ErrorCode) -> UInt64 {
        let sender = implicitBind()
        guard let target = state.tables.withLock({ $0.udpSockets[options.remoteAddress] }) else { return UInt64(data.count) }
        let acceptsSender = target.peer.withLock { $0 == nil || $0 == sender }
        if acceptsSender { target.queue.withLock { $0.append((data, sender)) } }
        return UInt64(data.count)
    }

    func connect(remoteAddress: WASINetworking.SocketUDP.IPSocketAddress) throws(WASINetworking.SocketUDP.ErrorCode) {
        peer.withLock { $0 = remoteAddress }
    }

    func remoteAddress() throws(WASINetworking.SocketUDP.ErrorCode) -> WASINetworking.SocketUDP.IPSocketAddress {
        guard let address = peer.withLock({ $0 }) else { throw .notConnected }
        return address
    }
}

final class FakeResolver: WASINetworking.IPResolveAddress.ResolverResource {
    let state: FakeNetworkState
    init(state: FakeNetworkState) { self.state = state }

    func resolveAddresses(name: String, options: WASINetworking.IPResolveAddress.ResolveOptions)
        throws(WASINetworking.IPResolveAddress.ErrorCode) -> [WASINetworking.IPResolveAddress.IPAddress] {
        guard !name.isEmpty, let addresses = state.tables.withLock({ $0.names[name.lowercased()] }) else {
            throw .nameUnresolvable
        }
        return addresses.filter { address in
            switch (options.addressFamily, address) {
            case (nil, _), (.ipv4?, .ipv4), (.ipv6?, .ipv6): return true
            default: return false
            }
        }
    }
}

/// The whole host, conforming to the world that imports all four interfaces.
struct FakeHost: WASINetworking.NetworkingWorld.Imports {
    let state = FakeNetworkState()

    func defaultTCPNetwork() -> FakeTCPNetwork { FakeTCPNetwork(state: state) }
    func defaultUDPNetwork() -> FakeUDPNetwork { FakeUDPNetwork(state: state) }
    func defaultResolver() -> FakeResolver { FakeResolver(state: state) }

    func tcpSocketConnect(socket: consuming FakeTCPSocket, remoteAddress: WASINetworking.SocketTCP.IPSocketAddress)
        throws(WASINetworking.SocketTCP.TCPSocketError<FakeTCPSocket>) -> FakeTCPConnection {
        try FakeTCPSocket.connect(socket: socket, remoteAddress: remoteAddress)
    }

    func tcpSocketListen(socket: consuming FakeTCPSocket, backlogSizeHint: UInt32)
        throws(WASINetworking.SocketTCP.TCPSocketError<FakeTCPSocket>) -> FakeListener {
        try FakeTCPSocket.listen(socket: socket, backlogSizeHint: backlogSizeHint)
    }
}
