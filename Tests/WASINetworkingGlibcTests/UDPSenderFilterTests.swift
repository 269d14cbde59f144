#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Testing
import WASINetworking
@testable import WASINetworkingGlibc

/// Which datagrams a UDP socket returns, by how it came to be bound: an implicit bind the
/// inbound rules do not grant takes replies from the destinations the outbound rules grant,
/// and nothing from anyone else. Every socket is on loopback; every wait has a timeout.
@Suite(.serialized) struct UDPSenderFilterTests {
    /// Rules for the peers of the socket under test (the granted server and the stranger).
    let peerRules = ["--allow-inbound=udp://localhost:*", "--allow-outbound=udp://127.0.0.1:*"]

    func boundSocket(_ runtime: GlibcNetworkingHost) throws -> (GlibcUDPSocket, Address) {
        let socket = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        try socket.bind(localAddress: v4(127, 0, 0, 1, port: 0))
        setReceiveTimeout(socket, milliseconds: 2_000)
        return (socket, try socket.localAddress())
    }

    /// Receives on `socket` give up with `would-block` after `milliseconds` without a datagram.
    func setReceiveTimeout(_ socket: GlibcUDPSocket, milliseconds: Int) {
        var time = timeval(tv_sec: milliseconds / 1_000, tv_usec: (milliseconds % 1_000) * 1_000)
        let status = setsockopt(socket.descriptor.raw, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        #expect(status == 0)
    }

    /// A client under `rules` that has sent one datagram to `server` (binding implicitly), the
    /// loopback address its replies go to, and the server's view of that first datagram.
    func clientAfterOneSend(_ rules: [String], to server: GlibcUDPSocket, at serverAddress: Address,
                            sendingTo destination: Address? = nil) throws -> (GlibcUDPSocket, Address) {
        let runtime = try testHost(rules)
        let client = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        setReceiveTimeout(client, milliseconds: 300)
        _ = try client.send(data: [1], options: .init(remoteAddress: destination ?? serverAddress))
        let (request, _) = try server.receive(maxBytes: 8)
        #expect(request == [1])
        return (client, v4(127, 0, 0, 1, port: try client.localAddress().port))
    }

    @Test func anImplicitBindTakesTheGrantedServersReplyAndDropsAStrangers() throws {
        let peers = try testHost(peerRules)
        let (server, serverAddress) = try boundSocket(peers)
        let (stranger, strangerAddress) = try boundSocket(peers)
        let (client, replyAddress) = try clientAfterOneSend(["--allow-outbound=udp://127.0.0.1:\(serverAddress.port)"],
                                                            to: server, at: serverAddress)
        #expect(strangerAddress.port != serverAddress.port)
        // The stranger's datagram is queued first; the receive drops it and returns the reply.
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: replyAddress))
        _ = try server.send(data: [2], options: .init(remoteAddress: replyAddress))
        let (reply, result) = try client.receive(maxBytes: 8)
        #expect(reply == [2])
        #expect(result.remoteAddress == serverAddress)
        // A stranger alone: nothing is returned, the receive waits until its timeout.
        _ = try stranger.send(data: [0xBB], options: .init(remoteAddress: replyAddress))
        #expect(throws: WASINetworking.Socket.ErrorCode.wouldBlock) { _ = try client.receive(maxBytes: 8) }
    }

    @Test func aPeekDropsAStrangersDatagramAndKeepsTheReplyQueued() throws {
        let peers = try testHost(peerRules)
        let (server, serverAddress) = try boundSocket(peers)
        let (stranger, _) = try boundSocket(peers)
        let (client, replyAddress) = try clientAfterOneSend(["--allow-outbound=udp://127.0.0.1:\(serverAddress.port)"],
                                                            to: server, at: serverAddress)
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: replyAddress))
        _ = try server.send(data: [3], options: .init(remoteAddress: replyAddress))
        #expect(try client.peek(maxBytes: 8).0 == [3])
        #expect(try client.peek(maxBytes: 8).0 == [3])
        #expect(try client.receive(maxBytes: 8).0 == [3])
        _ = try stranger.send(data: [0xBB], options: .init(remoteAddress: replyAddress))
        #expect(throws: WASINetworking.Socket.ErrorCode.wouldBlock) { _ = try client.peek(maxBytes: 8) }
        // The dropped datagram is gone, not left queued behind the peek.
        _ = try server.send(data: [4], options: .init(remoteAddress: replyAddress))
        #expect(try client.receive(maxBytes: 8).0 == [4])
    }

    @Test func aBlockingReceiveGoesOnWaitingAfterADroppedDatagram() throws {
        let peers = try testHost(peerRules)
        let (server, serverAddress) = try boundSocket(peers)
        let (stranger, _) = try boundSocket(peers)
        let (client, replyAddress) = try clientAfterOneSend(["--allow-outbound=udp://127.0.0.1:\(serverAddress.port)"],
                                                            to: server, at: serverAddress)
        setReceiveTimeout(client, milliseconds: 3_000)
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: replyAddress))
        // The reply comes later, while the receive below is waiting.
        let replied = DispatchSemaphore(value: 0)
        let serverBox = UnsafeSendable(server)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) {
            _ = try? serverBox.value.send(data: [5], options: .init(remoteAddress: replyAddress))
            replied.signal()
        }
        let (reply, result) = try client.receive(maxBytes: 8)
        #expect(reply == [5])
        #expect(result.remoteAddress == serverAddress)
        #expect(replied.wait(timeout: .now() + 5) == .success)
    }

    @Test func aReplyThroughAPortMappingIsTakenAndSeenAsTheComponentsPort() throws {
        let peers = try testHost(peerRules)
        let (server, serverAddress) = try boundSocket(peers)
        let (stranger, _) = try boundSocket(peers)
        let (client, replyAddress) = try clientAfterOneSend(["--allow-outbound=udp://127.0.0.1:7000->\(serverAddress.port)"],
                                                            to: server, at: serverAddress, sendingTo: v4(127, 0, 0, 1, port: 7000))
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: replyAddress))
        _ = try server.send(data: [6], options: .init(remoteAddress: replyAddress))
        let (reply, result) = try client.receive(maxBytes: 8)
        #expect(reply == [6])
        #expect(result.remoteAddress == v4(127, 0, 0, 1, port: 7000))
    }

    @Test(arguments: ["a failed send", "a denied bind"])
    func aSocketBoundAfterAFailedCallTakesOnlyReplies(_ failure: String) throws {
        let peers = try testHost(peerRules)
        let (server, serverAddress) = try boundSocket(peers)
        let (stranger, _) = try boundSocket(peers)
        let runtime = try testHost(["--allow-outbound=udp://127.0.0.1:\(serverAddress.port)"])
        let client = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        setReceiveTimeout(client, milliseconds: 300)
        if failure == "a failed send" {
            // Too large for UDP: the kernel binds the socket and fails the send.
            #expect(throws: WASINetworking.Socket.ErrorCode.datagramTooLarge) {
                _ = try client.send(data: [UInt8](repeating: 0, count: 70_000), options: .init(remoteAddress: serverAddress))
            }
        } else {
            #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try client.bind(localAddress: v4(127, 0, 0, 1, port: 0)) }
        }
        _ = try client.send(data: [1], options: .init(remoteAddress: serverAddress))
        #expect(try server.receive(maxBytes: 8).0 == [1])
        let replyAddress = v4(127, 0, 0, 1, port: try client.localAddress().port)
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: replyAddress))
        #expect(throws: WASINetworking.Socket.ErrorCode.wouldBlock) { _ = try client.receive(maxBytes: 8) }
        _ = try server.send(data: [2], options: .init(remoteAddress: replyAddress))
        #expect(try client.receive(maxBytes: 8).0 == [2])
    }

    @Test func anImplicitBindTheInboundRulesGrantIsOpenToEverySender() throws {
        let peers = try testHost(peerRules)
        let (server, serverAddress) = try boundSocket(peers)
        let (stranger, strangerAddress) = try boundSocket(peers)
        // `*:0`: a bind to any address on a port the system picks, which is what an implicit bind is.
        let (client, replyAddress) = try clientAfterOneSend(
            ["--allow-outbound=udp://127.0.0.1:\(serverAddress.port)", "--allow-inbound=udp://*:0"], to: server, at: serverAddress)
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: replyAddress))
        let (datagram, result) = try client.receive(maxBytes: 8)
        #expect(datagram == [0xBA])
        #expect(result.remoteAddress == strangerAddress)
    }

    @Test func aReceiveBeforeAnySendBindsForRepliesOnly() throws {
        let peers = try testHost(peerRules)
        let (stranger, _) = try boundSocket(peers)
        let runtime = try testHost(["--allow-outbound=udp://127.0.0.1:9"])
        let client = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        setReceiveTimeout(client, milliseconds: 300)
        #expect(throws: WASINetworking.Socket.ErrorCode.wouldBlock) { _ = try client.receive(maxBytes: 8) }
        let address = try client.localAddress()
        #expect(address.port != 0)
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: v4(127, 0, 0, 1, port: address.port)))
        #expect(throws: WASINetworking.Socket.ErrorCode.wouldBlock) { _ = try client.receive(maxBytes: 8) }
    }

    @Test func aConnectedSocketReturnsOnlyItsPeerEvenFromBeforeTheConnect() throws {
        let runtime = try testHost(peerRules)
        let (client, clientAddress) = try boundSocket(runtime)
        let (peer, peerAddress) = try boundSocket(runtime)
        let (stranger, _) = try boundSocket(runtime)
        setReceiveTimeout(client, milliseconds: 300)
        // Queued before the connect, from a sender the inbound rule lets reach the socket.
        _ = try stranger.send(data: [0xBA], options: .init(remoteAddress: clientAddress))
        try client.connect(remoteAddress: peerAddress)
        _ = try peer.send(data: [7], options: .init(remoteAddress: clientAddress))
        let (datagram, result) = try client.receive(maxBytes: 8)
        #expect(datagram == [7])
        #expect(result.remoteAddress == peerAddress)
        #expect(throws: WASINetworking.Socket.ErrorCode.wouldBlock) { _ = try client.peek(maxBytes: 8) }
    }

    @Test func aConnectedSocketsRemoteAddressIsTheOneItWasGiven() throws {
        let peers = try testHost(peerRules)
        let (server, serverAddress) = try boundSocket(peers)
        // Port 7000 maps to the server's port; every other port is granted as it is. The server's
        // own port is not: the component would see it as 7000 (a mapping's target is reached
        // only through the mapping).
        let runtime = try testHost(["--allow-outbound=udp://127.0.0.1:7000->\(serverAddress.port)", "--allow-outbound=udp://127.0.0.1:*"])
        let direct = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try direct.connect(remoteAddress: serverAddress) }
        let mapped = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        setReceiveTimeout(mapped, milliseconds: 2_000)
        try mapped.connect(remoteAddress: v4(127, 0, 0, 1, port: 7000))
        #expect(try mapped.remoteAddress() == v4(127, 0, 0, 1, port: 7000))
        // Its datagrams come from the server, seen as the address the component connected to.
        _ = try server.send(data: [8], options: .init(remoteAddress: v4(127, 0, 0, 1, port: try mapped.localAddress().port)))
        #expect(try mapped.receive(maxBytes: 8).1.remoteAddress == v4(127, 0, 0, 1, port: 7000))
        let unconnected = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        #expect(throws: WASINetworking.Socket.ErrorCode.notConnected) { _ = try unconnected.remoteAddress() }
    }
}

/// Hands a value to another thread in a test (the runtime's resources are safe to share).
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
