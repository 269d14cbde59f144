import Testing
import WASINetworking

/// Generic client code written only against the generated protocols: it runs
/// on any host, here the in-memory one.
func echoOnce<Host: WASINetworking.NetworkingWorld.Imports>(_ host: Host, message: [UInt8]) throws -> [UInt8] {
    let network = host.defaultTCPNetwork()
    let server = try network.createTCPSocket(addressFamily: .ipv4)
    try server.bind(localAddress: loopback(8080))
    let listener = try host.tcpSocketListen(socket: server, backlogSizeHint: 16)
    let client = try network.createTCPSocket(addressFamily: .ipv4)
    let connection = try host.tcpSocketConnect(socket: client, remoteAddress: try listener.localAddress())
    let accepted = try listener.accept()
    _ = try connection.write(data: message)
    let received = try accepted.read(maxBytes: 1024)
    _ = try accepted.write(data: received)
    return try connection.read(maxBytes: 1024)
}

@Suite struct FakeHostTests {
    @Test func tcpEchoThroughTheGeneratedProtocols() throws {
        #expect(try echoOnce(FakeHost(), message: Array("hello".utf8)) == Array("hello".utf8))
    }

    @Test func failedConnectHandsTheSocketBack() throws {
        let host = FakeHost()
        let socket = try host.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        do {
            _ = try FakeTCPSocket.connect(socket: socket, remoteAddress: loopback(1))
            Issue.record("connect to a port nobody listens on succeeded")
        } catch {
            #expect(error.error == .connectionRefused)
            // The undecided socket came back and is usable.
            try error.socket.bind(localAddress: loopback(2))
            #expect(try error.socket.localAddress() == loopback(2))
        }
    }

    @Test func listenOnATakenAddressFails() throws {
        let host = FakeHost()
        let network = host.defaultTCPNetwork()
        let first = try network.createTCPSocket(addressFamily: .ipv4)
        try first.bind(localAddress: loopback(9000))
        _ = try FakeTCPSocket.listen(socket: first, backlogSizeHint: 1)
        let second = try network.createTCPSocket(addressFamily: .ipv4)
        try second.bind(localAddress: loopback(9000))
        #expect(throws: WASINetworking.SocketTCP.TCPSocketError<FakeTCPSocket>.self) {
            _ = try FakeTCPSocket.listen(socket: second, backlogSizeHint: 1)
        }
    }

    @Test func udpDatagramsAndConnectFilter() throws {
        let host = FakeHost()
        let network = host.defaultUDPNetwork()
        let a = try network.createUDPSocket(addressFamily: .ipv4)
        let b = try network.createUDPSocket(addressFamily: .ipv4)
        try a.bind(localAddress: loopback(5000))
        try b.bind(localAddress: loopback(5001))
        #expect(try a.send(data: [1, 2, 3], options: .init(remoteAddress: loopback(5001))) == 3)
        let (data, result) = try b.receive(maxBytes: 2)
        #expect(data == [1, 2])
        #expect(result.truncated)
        #expect(result.remoteAddress == loopback(5000))
        #expect(b.protocol() == .udp)
    }

    @Test func resolverFiltersByFamily() throws {
        let host = FakeHost()
        host.state.tables.withLock { $0.names["example.com"] = [.ipv4((93, 184, 216, 34)), .ipv6((0x2606, 0x2800, 0, 0, 0, 0, 0, 1))] }
        let resolver = host.defaultResolver()
        let all = try resolver.resolveAddresses(name: "example.com", options: .init(addressFamily: nil, includeUnavailable: false))
        #expect(all.count == 2)
        let v6 = try resolver.resolveAddresses(name: "example.com", options: .init(addressFamily: .ipv6, includeUnavailable: false))
        #expect(v6.count == 1)
        #expect(throws: WASINetworking.Socket.ErrorCode.nameUnresolvable) {
            _ = try resolver.resolveAddresses(name: "", options: .init(addressFamily: nil, includeUnavailable: false))
        }
    }
}
