import Testing
import WASINetworking
@testable import WASINetworkingGlibc

/// TCP on real loopback sockets (127.0.0.1 and ::1 only).
@Suite(.serialized) struct TCPRuntimeTests {
    let allowAll = ["--allow-inbound=tcp://localhost:*", "--allow-outbound=tcp://127.0.0.1:*", "--allow-outbound=tcp://[::1]:*"]

    @Test func echoOverIPv4() throws {
        let runtime = try testHost(allowAll)
        let (listener, address) = try loopbackListener(runtime)
        let client = try connect(runtime, to: address)
        let server = try listener.accept()
        #expect(try client.write(data: Array("ping".utf8)) == 4)
        #expect(try readAll(server, count: 4) == Array("ping".utf8))
        #expect(try server.remoteAddress() == client.localAddress())
        #expect(try client.remoteAddress() == address)
        #expect(client.protocol() == .tcp)
        #expect(client.addressFamily() == .ipv4)
        #expect(listener.protocol() == .tcp)
    }

    @Test func echoOverIPv6IsNotDualStack() throws {
        let runtime = try testHost(allowAll)
        let (listener, address) = try loopbackListener(runtime, family: .ipv6)
        let client = try connect(runtime, to: address)
        let server = try listener.accept()
        _ = try server.write(data: [1, 2, 3])
        #expect(try readAll(client, count: 3) == [1, 2, 3])
        // The accepted connection's peer, as accept reported it, is the client's own address.
        #expect(try server.remoteAddress() == client.localAddress())
        // An IPv4 client cannot reach the IPv6 listener's port: the socket is IPV6_V6ONLY.
        #expect(throws: WASINetworking.Socket.ErrorCode.self) { _ = try connect(runtime, to: v4(127, 0, 0, 1, port: address.port)) }
    }

    @Test func peekLeavesBytesAndShutdownEndsTheStream() throws {
        let runtime = try testHost(allowAll)
        let (listener, address) = try loopbackListener(runtime)
        let client = try connect(runtime, to: address)
        let server = try listener.accept()
        _ = try client.write(data: [9, 8, 7])
        #expect(try server.peek(maxBytes: 2) == [9, 8])
        #expect(try readAll(server, count: 3) == [9, 8, 7])
        try client.shutdown(shutdownType: .send)
        #expect(try server.read(maxBytes: 10) == [])
        #expect(throws: WASINetworking.Socket.ErrorCode.brokenPipe) { _ = try client.write(data: [1]) }
    }

    @Test func connectionRefusedHandsTheSocketBack() throws {
        let runtime = try testHost(allowAll)
        let (listener, address) = try loopbackListener(runtime)
        _ = listener
        let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        let port = address.port == 65_535 ? 1 : address.port + 1
        do {
            _ = try GlibcTCPSocket.connect(socket: socket, remoteAddress: v4(127, 0, 0, 1, port: port))
            Issue.record("connect to a closed port succeeded")
        } catch {
            #expect(error.error == .connectionRefused)
            #expect(error.socket.addressFamily() == .ipv4)
        }
    }

    @Test func aRememberedConnectGrantCoversOnlyItsOwnDestination() throws {
        let (listener, address) = try loopbackListener(testHost(allowAll))
        let runtime = try testHost(["--allow-outbound=tcp://127.0.0.1:\(address.port)"])
        // The same destination twice (the second from the remembered grant), then others that
        // share its address or its port: each decided by the policy, before any system call.
        for _ in 0..<2 {
            _ = try connect(runtime, to: address)
            _ = try listener.accept()
        }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try connect(runtime, to: address.replacingPort(address.port &+ 1)) }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try connect(runtime, to: v4(127, 0, 0, 2, port: address.port)) }
        _ = try connect(runtime, to: address)
    }

    @Test func bindTwiceAndWrongFamily() throws {
        let runtime = try testHost(allowAll)
        let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        #expect(throws: WASINetworking.Socket.ErrorCode.notBound) { _ = try socket.localAddress() }
        #expect(throws: WASINetworking.Socket.ErrorCode.invalidArgument) { try socket.bind(localAddress: v6Loopback(port: 0)) }
        try socket.bind(localAddress: v4(127, 0, 0, 1, port: 0))
        #expect(throws: WASINetworking.Socket.ErrorCode.alreadyBound) { try socket.bind(localAddress: v4(127, 0, 0, 1, port: 0)) }
    }

    @Test func addressInUse() throws {
        let runtime = try testHost(allowAll)
        let (listener, address) = try loopbackListener(runtime)
        let other = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        #expect(throws: WASINetworking.Socket.ErrorCode.addressInUse) { try other.bind(localAddress: address) }
        withExtendedLifetime(listener) {}
    }

    @Test func deniedConnectMakesNoSystemCall() throws {
        let runtime = try testHost(["--allow-inbound=tcp://localhost:*"])
        let (listener, address) = try loopbackListener(runtime)
        let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        do {
            _ = try GlibcTCPSocket.connect(socket: socket, remoteAddress: address)
            Issue.record("denied connect succeeded")
        } catch {
            #expect(error.error == .accessDenied)
            // No connect() reached the kernel: the socket is still unbound and nothing is pending.
            let bound = error.socket.endpoint.descriptor.isBound
            #expect(!bound)
        }
        _ = listener
    }

    @Test func deniedListenAndBind() throws {
        let runtime = try testHost(["--allow-inbound=tcp://localhost:8080"])
        let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try socket.bind(localAddress: v4(127, 0, 0, 1, port: 9090)) }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try socket.bind(localAddress: v4(0, 0, 0, 0, port: 8080)) }
        do {
            _ = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 1)
            Issue.record("listen on an unbound socket without *:0 succeeded")
        } catch {
            #expect(error.error == .accessDenied)
        }
    }

    @Test func inboundPortMappingIsInvisibleToTheComponent() throws {
        // The component listens on 8080; the host really listens on a free port it maps to: one
        // the system just handed out and took back (the next port up may be in use, or in
        // TIME_WAIT after the connections other suites make meanwhile).
        let probe = try testHost(["--allow-inbound=tcp://localhost:*"])
        let hostPort = try {
            let (probeListener, probeAddress) = try loopbackListener(probe)
            withExtendedLifetime(probeListener) {}
            return probeAddress.port
        }()
        let runtime = try testHost([
            "--allow-inbound=tcp://localhost:8080->\(hostPort)", "--allow-outbound=tcp://127.0.0.1:*",
        ])
        let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
        try socket.bind(localAddress: v4(127, 0, 0, 1, port: 8080))
        #expect(try socket.localAddress() == v4(127, 0, 0, 1, port: 8080))
        let listener = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 4)
        #expect(try listener.localAddress() == v4(127, 0, 0, 1, port: 8080))
        // The host's real port is the mapped one.
        let hostLocal = try listener.endpoint.descriptor.localAddress()
        #expect(hostLocal == v4(127, 0, 0, 1, port: hostPort))
    }
}
