import Testing
import WASINetworking
@testable import WASINetworkingGlibc

/// One error for one condition on every protocol, and sockets handed back after a failed
/// call as they were: no state the kernel left behind lets a later call skip a policy check.
@Suite(.serialized) struct DestinationAndFailedCallTests {
    static let v6Unspecified: Address = .ipv6(.init(port: 9, flowInfo: 0, address: (0, 0, 0, 0, 0, 0, 0, 0), scopeID: 0))

    /// The unspecified address (of either family) and port 0 as destinations, each under rules that grant any address and port.
    static let invalidDestinations: [(String, Address)] = [
        ("0.0.0.0", v4(0, 0, 0, 0, port: 9)), ("::", v6Unspecified), ("port 0", v4(127, 0, 0, 1, port: 0)),
    ]

    @Test(arguments: invalidDestinations.map(\.0))
    func anInvalidDestinationIsInvalidArgumentForTCPAndUDP(_ name: String) throws {
        let destination = Self.invalidDestinations.first { $0.0 == name }!.1
        let family: WASINetworking.Socket.IPAddressFamily = destination.family
        let runtime = try testHost(["--allow-outbound=tcp://*:*", "--allow-outbound=udp://*:*"])
        let tcp = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: family)
        do {
            _ = try GlibcTCPSocket.connect(socket: tcp, remoteAddress: destination)
            Issue.record("a TCP connect to \(name) succeeded")
        } catch {
            #expect(error.error == .invalidArgument, "TCP connect to \(name)")
        }
        let udp = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: family)
        #expect(throws: WASINetworking.Socket.ErrorCode.invalidArgument, "UDP send to \(name)") {
            _ = try udp.send(data: [1], options: .init(remoteAddress: destination))
        }
        #expect(throws: WASINetworking.Socket.ErrorCode.invalidArgument, "UDP connect to \(name)") { try udp.connect(remoteAddress: destination) }
        // Checked before anything else: the rejected calls bound nothing.
        let bound = udp.descriptor.isBound
        #expect(!bound)
    }

    @Test func creatingASocketOfAProtocolNoRuleMentionsIsDenied() throws {
        let tcpOnly = try testHost(["--allow-outbound=tcp://127.0.0.1:80"])
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try tcpOnly.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4) }
        _ = try tcpOnly.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        let udpOnly = try testHost(["--allow-inbound=udp://localhost:53"])
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try udpOnly.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv6) }
        _ = try udpOnly.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv6)
        let nothing = try testHost(["--allow-resolve=localhost"])
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try nothing.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4) }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try nothing.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4) }
    }

    /// An address where a TCP connect is refused: a bound socket that does not listen.
    func refusingAddress() throws -> (GlibcTCPSocket, Address) {
        let probe = try testHost(["--allow-inbound=tcp://localhost:*"])
        let socket = try probe.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        try socket.bind(localAddress: v4(127, 0, 0, 1, port: 0))
        return (socket, try socket.localAddress())
    }

    /// The socket a refused connect hands back.
    func refusedSocket(_ runtime: GlibcNetworkingHost, connectingTo address: Address) throws -> GlibcTCPSocket {
        let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        do {
            _ = try GlibcTCPSocket.connect(socket: socket, remoteAddress: address)
        } catch {
            #expect(error.error == .connectionRefused)
            return error.socket
        }
        throw WASINetworking.Socket.ErrorCode.unknown
    }

    @Test func aListenAfterAFailedConnectIsChecked() throws {
        let (refusing, address) = try refusingAddress()
        // Listening is granted on loopback only, never on the unspecified address a bare listen binds.
        let runtime = try testHost(["--allow-outbound=tcp://127.0.0.1:*", "--allow-inbound=tcp://localhost:*"])
        let socket = try refusedSocket(runtime, connectingTo: address)
        do {
            let listener = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 1)
            let host = try? listener.endpoint.descriptor.localAddress()
            Issue.record("listened on \(host.map { "\($0)" } ?? "?") after a failed connect")
        } catch {
            #expect(error.error == .accessDenied)
        }
        withExtendedLifetime(refusing) {}
    }

    @Test func aFailedConnectHandsBackTheSocketUnbound() throws {
        let (refusing, address) = try refusingAddress()
        let runtime = try testHost(["--allow-outbound=tcp://127.0.0.1:*", "--allow-inbound=tcp://localhost:*"])
        let socket = try refusedSocket(runtime, connectingTo: address)
        #expect(throws: WASINetworking.Socket.ErrorCode.notBound) { _ = try socket.localAddress() }
        // A bind is checked and made as on a new socket, then listen uses it.
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try socket.bind(localAddress: v4(0, 0, 0, 0, port: 0)) }
        try socket.bind(localAddress: v4(127, 0, 0, 1, port: 0))
        let listener = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 1)
        let local = try listener.localAddress()
        #expect(local.family == .ipv4)
        if case .ipv4(let v4) = local { #expect(v4.address == (127, 0, 0, 1)) }
        // And the renewed socket still works for another connect (refused again, handed back again).
        _ = try refusedSocket(runtime, connectingTo: address)
        withExtendedLifetime(refusing) {}
    }

    @Test func aFailedConnectOfABoundSocketKeepsItsBind() throws {
        let (refusing, address) = try refusingAddress()
        let runtime = try testHost(["--allow-outbound=tcp://127.0.0.1:*", "--allow-inbound=tcp://localhost:*"])
        let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        try socket.bind(localAddress: v4(127, 0, 0, 1, port: 0))
        let bound = try socket.localAddress()
        let handedBack: GlibcTCPSocket
        do {
            _ = try GlibcTCPSocket.connect(socket: socket, remoteAddress: address)
            Issue.record("connect succeeded")
            return
        } catch {
            handedBack = error.socket
        }
        #expect(try handedBack.localAddress() == bound)
        // The kernel refuses a listen on the socket it failed to connect: the runtime's is a new one.
        let listener = try GlibcTCPSocket.listen(socket: handedBack, backlogSizeHint: 1)
        #expect(try listener.localAddress() == bound)
        withExtendedLifetime(refusing) {}
    }
}
