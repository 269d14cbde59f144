import Testing
import WASINetworking
@testable import WASINetworkingGlibc

@Suite(.serialized) struct UDPRuntimeTests {
    let rules = ["--allow-inbound=udp://localhost:*", "--allow-outbound=udp://127.0.0.1:*", "--allow-outbound=udp://[::1]:*"]

    func boundSocket(_ runtime: GlibcNetworkingHost, family: WASINetworking.Socket.IPAddressFamily = .ipv4) throws -> (GlibcUDPSocket, Address) {
        let socket = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: family)
        try socket.bind(localAddress: family == .ipv4 ? v4(127, 0, 0, 1, port: 0) : v6Loopback(port: 0))
        return (socket, try socket.localAddress())
    }

    @Test func sendReceivePeekAndTruncation() throws {
        let runtime = try testHost(rules)
        let (a, aAddress) = try boundSocket(runtime)
        let (b, bAddress) = try boundSocket(runtime)
        #expect(try a.send(data: [1, 2, 3, 4], options: .init(remoteAddress: bAddress)) == 4)
        let (peeked, peekResult) = try b.peek(maxBytes: 16)
        #expect(peeked == [1, 2, 3, 4])
        #expect(!peekResult.truncated)
        let (data, result) = try b.receive(maxBytes: 2)
        #expect(data == [1, 2])
        #expect(result.truncated)
        #expect(result.bytesReceived == 2)
        #expect(result.remoteAddress == aAddress)
        #expect(b.protocol() == .udp)
    }

    @Test func ipv6Datagrams() throws {
        let runtime = try testHost(rules)
        let (a, _) = try boundSocket(runtime, family: .ipv6)
        let (b, bAddress) = try boundSocket(runtime, family: .ipv6)
        _ = try a.send(data: [7], options: .init(remoteAddress: bAddress))
        #expect(try b.receive(maxBytes: 8).0 == [7])
    }

    @Test func connectSetsTheDefaultPeerAndFiltersReceives() throws {
        let runtime = try testHost(rules)
        let (a, aAddress) = try boundSocket(runtime)
        let (b, bAddress) = try boundSocket(runtime)
        let (c, _) = try boundSocket(runtime)
        #expect(throws: WASINetworking.Socket.ErrorCode.notConnected) { _ = try b.remoteAddress() }
        try b.connect(remoteAddress: aAddress)
        #expect(try b.remoteAddress() == aAddress)
        _ = try c.send(data: [0xC], options: .init(remoteAddress: bAddress))
        _ = try a.send(data: [0xA], options: .init(remoteAddress: bAddress))
        // Only the connected peer's datagram arrives.
        #expect(try b.receive(maxBytes: 8).0 == [0xA])
    }

    @Test func deniedSendConnectAndBind() throws {
        let runtime = try testHost(["--allow-inbound=udp://localhost:*"])
        let (a, _) = try boundSocket(runtime)
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try a.send(data: [1], options: .init(remoteAddress: v4(127, 0, 0, 1, port: 9))) }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try a.connect(remoteAddress: v4(127, 0, 0, 1, port: 9)) }
        let other = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try other.bind(localAddress: v4(0, 0, 0, 0, port: 5353)) }
    }

    @Test func aSendBindsTheSocketForReceivesAndBind() throws {
        let runtime = try testHost(rules)
        let (b, bAddress) = try boundSocket(runtime)
        let a = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
        #expect(throws: WASINetworking.Socket.ErrorCode.notBound) { _ = try a.localAddress() }
        _ = try a.send(data: [5], options: .init(remoteAddress: bAddress))
        let aAddress = try a.localAddress()
        #expect(aAddress.port != 0)
        #expect(throws: WASINetworking.Socket.ErrorCode.alreadyBound) { try a.bind(localAddress: v4(127, 0, 0, 1, port: 0)) }
        let (_, result) = try b.receive(maxBytes: 8)
        // The reply reaches the port the send bound: the receive does not bind again.
        _ = try b.send(data: [6], options: .init(remoteAddress: result.remoteAddress))
        #expect(try a.receive(maxBytes: 8).0 == [6])
        #expect(try a.localAddress().port == aAddress.port)
    }

    @Test func aRememberedGrantCoversOnlyItsOwnDestination() throws {
        let probe = try testHost(rules)
        let (b, bAddress) = try boundSocket(probe)
        let runtime = try testHost([
            "--allow-inbound=udp://localhost:*", "--allow-outbound=udp://127.0.0.1:\(bAddress.port)",
        ])
        let (a, _) = try boundSocket(runtime)
        // The same destination twice (the second from the socket's remembered grant), then
        // others that share its address or its port: each decided by the policy.
        for _ in 0..<2 { #expect(try a.send(data: [1], options: .init(remoteAddress: bAddress)) == 1) }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) {
            _ = try a.send(data: [2], options: .init(remoteAddress: bAddress.replacingPort(bAddress.port &+ 1)))
        }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) {
            _ = try a.send(data: [3], options: .init(remoteAddress: v4(127, 0, 0, 2, port: bAddress.port)))
        }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { try a.connect(remoteAddress: v4(127, 0, 0, 1, port: bAddress.port &+ 1)) }
        #expect(try a.send(data: [5], options: .init(remoteAddress: bAddress)) == 1)
        #expect(try b.receive(maxBytes: 8).0 == [1])
        #expect(try b.receive(maxBytes: 8).0 == [1])
        #expect(try b.receive(maxBytes: 8).0 == [5])
    }

    @Test func aRememberedGrantKeepsItsPortMapping() throws {
        let probe = try testHost(rules)
        let (b, bAddress) = try boundSocket(probe)
        let runtime = try testHost([
            "--allow-inbound=udp://localhost:*", "--allow-outbound=udp://127.0.0.1:7000->\(bAddress.port)",
        ])
        let (a, _) = try boundSocket(runtime)
        for byte: UInt8 in 1...3 {
            #expect(try a.send(data: [byte], options: .init(remoteAddress: v4(127, 0, 0, 1, port: 7000))) == 1)
            #expect(try b.receive(maxBytes: 8).0 == [byte])
        }
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) {
            _ = try a.send(data: [4], options: .init(remoteAddress: bAddress))
        }
    }

    @Test func receivedArraysAreIndependentValues() throws {
        let runtime = try testHost(rules)
        let (a, _) = try boundSocket(runtime)
        let (b, bAddress) = try boundSocket(runtime)
        // Sizes that stay, grow, shrink and come back, some results kept and some changed by the caller.
        let datagrams: [[UInt8]] = [[1], [2], [3, 4, 5], [6, 7, 8], [9], [], Array(0..<200), [10], Array(0..<64), [11, 12, 13]]
        var kept: [[UInt8]] = []
        for (index, datagram) in datagrams.enumerated() {
            _ = try a.send(data: datagram, options: .init(remoteAddress: bAddress))
            var (data, result) = try b.receive(maxBytes: 512)
            #expect(data == datagram)
            #expect(result.bytesReceived == UInt64(datagram.count))
            if index % 3 == 1 { data.append(0xFF) }
            kept.append(data)
        }
        for (index, datagram) in datagrams.enumerated() {
            #expect(kept[index] == datagram + (index % 3 == 1 ? [0xFF] : []))
        }
    }

    @Test func grantsAreRememberedOnlyWhenNoLookupCanChangeThem() throws {
        #expect(try !NetworkPolicy(arguments: ["--allow-outbound=udp://127.0.0.1:*", "--allow-outbound=tcp://*:80"])
            .outboundDependsOnLookups(.udp))
        let named = try NetworkPolicy(arguments: ["--allow-outbound=udp://example.com:53", "--allow-outbound=tcp://10.0.0.1:80"])
        #expect(named.outboundDependsOnLookups(.udp))
        #expect(!named.outboundDependsOnLookups(.tcp))
        #expect(try NetworkPolicy(arguments: ["--allow-outbound=tcp://*.example.com:443"]).outboundDependsOnLookups(.tcp))
    }

    @Test func bindTwiceAndWrongFamily() throws {
        let runtime = try testHost(rules)
        let (a, _) = try boundSocket(runtime)
        #expect(throws: WASINetworking.Socket.ErrorCode.alreadyBound) { try a.bind(localAddress: v4(127, 0, 0, 1, port: 0)) }
        #expect(throws: WASINetworking.Socket.ErrorCode.invalidArgument) { _ = try a.send(data: [1], options: .init(remoteAddress: v6Loopback(port: 9))) }
    }
}

@Suite struct ResolverRuntimeTests {
    @Test func resolvesAllowedNamesOnly() throws {
        let runtime = try testHost(["--allow-resolve=localhost"])
        let resolver = runtime.defaultResolver()
        let addresses = try resolver.resolveAddresses(name: "LOCALHOST.", options: .init(addressFamily: nil, includeUnavailable: true))
        #expect(!addresses.isEmpty)
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) {
            _ = try resolver.resolveAddresses(name: "example.com", options: .init(addressFamily: nil, includeUnavailable: false))
        }
    }

    @Test(arguments: ["", "127.0.0.1", "::1", "[::1]", "a..b", "-bad.example", "bad_.example .com"])
    func rejectsNonNames(name: String) throws {
        let runtime = try testHost(["--allow-resolve=*"])
        #expect(throws: WASINetworking.Socket.ErrorCode.nameUnresolvable) {
            _ = try runtime.defaultResolver().resolveAddresses(name: name, options: .init(addressFamily: nil, includeUnavailable: false))
        }
    }

    @Test func mappedNamesAndFamilyFilters() throws {
        let runtime = try testHost([
            "--allow-resolve=db.internal->10.0.0.7,fd00::7", "--allow-resolve=v4.internal->10.0.0.8,fd00::8#ipv4-only",
        ])
        let resolver = runtime.defaultResolver()
        let both = try resolver.resolveAddresses(name: "db.internal", options: .init(addressFamily: nil, includeUnavailable: false))
        #expect(both.count == 2)
        let v6 = try resolver.resolveAddresses(name: "db.internal", options: .init(addressFamily: .ipv6, includeUnavailable: false))
        #expect(v6.count == 1)
        let filtered = try resolver.resolveAddresses(name: "v4.internal", options: .init(addressFamily: nil, includeUnavailable: false))
        #expect(filtered.count == 1)
        if case .ipv4(let address) = filtered.first {
            #expect(address == (10, 0, 0, 8))
        } else {
            Issue.record("expected the IPv4 address only")
        }
    }

    @Test func neverReturnsIPv4MappedAddresses() throws {
        // Not even as a mapping: a rule mapping a name to one is refused.
        #expect(throws: NetworkPolicyError.self) { try NetworkPolicy(arguments: ["--allow-resolve=m.internal->::ffff:10.0.0.1,10.0.0.2"]) }
    }

    @Test func unicodeNamesArePunycoded() {
        #expect(IDNA.asciiName("bücher.example") == "xn--bcher-kva.example")
        #expect(IDNA.asciiName("Example.COM.") == "example.com")
        #expect(IDNA.asciiName("münchen.de") == "xn--mnchen-3ya.de")
        #expect(IDNA.asciiName("a..b") == nil)
    }

    @Test func aNameRuleCoversOnlyItsOwnLookups() throws {
        // Both names map to the same address; only the allowed name's lookup opens the way.
        let runtime = try testHost([
            "--allow-outbound=tcp://good.internal->127.0.0.1:*", "--allow-resolve=evil.internal->127.0.0.1",
            "--allow-inbound=tcp://localhost:*",
        ])
        let (listener, address) = try loopbackListener(runtime)
        _ = try runtime.defaultResolver().resolveAddresses(name: "evil.internal", options: .init(addressFamily: nil, includeUnavailable: false))
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) { _ = try connect(runtime, to: address) }
        _ = try runtime.defaultResolver().resolveAddresses(name: "good.internal", options: .init(addressFamily: nil, includeUnavailable: false))
        _ = try connect(runtime, to: address)
        withExtendedLifetime(listener) {}
    }
}
