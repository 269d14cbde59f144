#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import WASINetworking
import WASINetworkingGlibc

// Each benchmark is a plain function, not top-level code: closures of top-level code run
// on the main actor and pay an isolation check per call, which would burden one side only.

// 1. TCP 1-byte round trip (each side echoed by a server of its own kind).
func tcpRoundTrip() throws {
    let pairs = try ConnectionPairs()
    let (rawListener, rawClient, rawServer) = (pairs.rawListener, pairs.rawClient, pairs.rawServer)
    let (listener, client, server) = (pairs.listener, pairs.client, pairs.server)
    let echo = DispatchGroup()
    DispatchQueue.global().async(group: echo) {
        pinToBenchmarkCPU()
        var byte: UInt8 = 0
        while recv(rawServer, &byte, 1, 0) == 1 { _ = send(rawServer, &byte, 1, 0) }
    }
    DispatchQueue.global().async(group: echo) {
        pinToBenchmarkCPU()
        while let bytes = try? server.read(maxBytes: 1), !bytes.isEmpty { _ = try? server.write(data: bytes) }
    }
    let result = try compare(rounds: rounds, raw: {
        time {
            var byte: UInt8 = 1
            for _ in 0..<roundTrips { _ = send(rawClient, &byte, 1, 0); _ = recv(rawClient, &byte, 1, 0) }
        }
    }, runtime: {
        try time {
            for _ in 0..<roundTrips { _ = try client.write(data: [1]); _ = try client.read(maxBytes: 1) }
        }
    })
    report("TCP 1-byte round trip", result, unit: "µs") { $0 / Double(roundTrips) * 1e6 }
    close(rawClient)
    try client.shutdown(shutdownType: .both)
    echo.wait()
    close(rawServer)
    close(rawListener)
}

// 2. Bulk TCP throughput: a fresh connection per round, the time from the first send
// until the receiver has drained everything.
func tcpBulk() throws {
    let total = 8 << 20
    let chunk = [UInt8](repeating: 0x5A, count: 64 << 10)
    let (listener, address) = try runtimeListener()
    let (rawListener, rawPort) = sharedListener(at: address)
    let result = try compare(rounds: 41, raw: {
        let rawClient = Raw.connectTCP(port: rawPort)
        let rawServer = Raw.accept(rawListener)
        defer { close(rawClient); close(rawServer) }
        let drain = DispatchGroup()
        DispatchQueue.global().async(group: drain) {
            pinToBenchmarkCPU()
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while buffer.withUnsafeMutableBytes({ recv(rawServer, $0.baseAddress, $0.count, 0) }) > 0 {}
        }
        return time {
            var sent = 0
            while sent < total { sent += chunk.withUnsafeBytes { send(rawClient, $0.baseAddress, $0.count, 0) } }
            shutdown(rawClient, Int32(SHUT_WR))
            drain.wait()
        }
    }, runtime: {
        let client = try runtimeConnect(address)
        let server = try listener.accept()
        let drain = DispatchGroup()
        DispatchQueue.global().async(group: drain) {
            pinToBenchmarkCPU()
            while let bytes = try? server.read(maxBytes: 64 << 10), !bytes.isEmpty {}
        }
        return try time {
            var sent = 0
            while sent < total { sent += Int(try client.write(data: chunk)) }
            try client.shutdown(shutdownType: .send)
            drain.wait()
        }
    })
    report("TCP bulk throughput", result, unit: "MB/s") { Double(total >> 20) / $0 }
    withExtendedLifetime(listener) {}
}

// 3. UDP round trip (each side echoed by a server of its own kind).
func udpRoundTrip() throws {
    let (rawA, _) = Raw.udpSocket()
    let (rawB, rawBPort) = Raw.udpSocket()
    let a = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
    try a.bind(localAddress: v4(0))
    let b = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
    try b.bind(localAddress: v4(0))
    let bAddress = try b.localAddress()
    // Every round plus the warm-up.
    let echoes = roundTrips * (rounds + 1)
    let echo = DispatchGroup()
    DispatchQueue.global().async(group: echo) {
        pinToBenchmarkCPU()
        var byte: UInt8 = 0
        var from = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        for _ in 0..<echoes {
            let count = withUnsafeMutablePointer(to: &from) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(rawB, &byte, 1, 0, $0, &length) }
            }
            if count < 0 { break }
            _ = withUnsafePointer(to: &from) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(rawB, &byte, 1, 0, $0, length) }
            }
        }
    }
    DispatchQueue.global().async(group: echo) {
        pinToBenchmarkCPU()
        for _ in 0..<echoes {
            guard let (data, result) = try? b.receive(maxBytes: 1) else { break }
            _ = try? b.send(data: data, options: .init(remoteAddress: result.remoteAddress))
        }
    }
    let result = try compare(rounds: rounds, raw: {
        time {
            var byte: UInt8 = 1
            for _ in 0..<roundTrips {
                _ = Raw.withAddress(Raw.loopback(port: rawBPort)) { sendto(rawA, &byte, 1, 0, $0, $1) }
                _ = Raw.receiveFrom(rawA, &byte)
            }
        }
    }, runtime: {
        try time {
            for _ in 0..<roundTrips {
                _ = try a.send(data: [1], options: .init(remoteAddress: bAddress))
                _ = try a.receive(maxBytes: 1)
            }
        }
    })
    report("UDP round trip", result, unit: "µs") { $0 / Double(roundTrips) * 1e6 }
    echo.wait()
    close(rawA)
    close(rawB)
}

// 4. Connect / accept / close rate.
func connectAcceptClose() throws {
    let cycles = 50
    let (listener, address) = try runtimeListener()
    let (rawListener, rawPort) = sharedListener(at: address)
    let result = try compare(rounds: 101, raw: {
        time {
            for _ in 0..<cycles {
                let client = Raw.connectTCP(port: rawPort)
                let server = Raw.accept(rawListener)
                close(client); close(server)
            }
        }
    }, runtime: {
        try time {
            for _ in 0..<cycles {
                // Both ends are closed when they go out of scope, as the raw side closes them.
                let client = try runtimeConnect(address)
                let server = try listener.accept()
                _ = (client, server)
            }
        }
    })
    report("connect/accept/close", result, unit: "per s") { Double(cycles) / $0 }
    withExtendedLifetime(listener) {}
}

// The noise floor: the raw TCP round trip against itself on a second connection, measured
// the same way. Overheads within it are not told apart from zero on this machine.
func noiseFloor() throws {
    func echoedConnection() -> (client: Int32, server: Int32, listener: Int32, echo: DispatchGroup) {
        let (listener, port) = Raw.listener()
        let client = Raw.connectTCP(port: port)
        let server = Raw.accept(listener)
        let echo = DispatchGroup()
        DispatchQueue.global().async(group: echo) {
            pinToBenchmarkCPU()
            var byte: UInt8 = 0
            while recv(server, &byte, 1, 0) == 1 { _ = send(server, &byte, 1, 0) }
        }
        return (client, server, listener, echo)
    }
    func timeRoundTrips(on client: Int32) -> Double {
        time {
            var byte: UInt8 = 1
            for _ in 0..<roundTrips { _ = send(client, &byte, 1, 0); _ = recv(client, &byte, 1, 0) }
        }
    }
    let first = echoedConnection(), second = echoedConnection()
    let result = compare(rounds: rounds, raw: { timeRoundTrips(on: first.client) }, runtime: { timeRoundTrips(on: second.client) })
    print("noise floor: raw vs raw TCP round trip, overhead \(format((result.ratio - 1) * 100))%")
    for connection in [first, second] {
        shutdown(connection.client, Int32(SHUT_WR))
        connection.echo.wait()
        close(connection.client); close(connection.server); close(connection.listener)
    }
}

// 5. One policy check against a 20-rule policy.
func policyCheck() throws {
    var twenty: [String] = []
    for index in 0..<19 { twenty.append("--allow-outbound=tcp://10.0.\(index).1:\(1000 + index),\(2000 + index)-\(2100 + index)") }
    twenty.append("--allow-outbound=tcp://127.0.0.1:8080")
    let policy = try NetworkPolicy(arguments: twenty)
    let destination = Endpoint(address: HostAddress("127.0.0.1")!, port: 8080)
    let names: Set<String> = []
    let checks = 10_000_000
    var granted = 0
    let elapsed = best(3) {
        for _ in 0..<checks where policy.outbound(.tcp, to: destination, resolvedFrom: names) != nil { granted += 1 }
    }
    print("policy check, 20 rules, last rule matches: \(format(elapsed / Double(checks) * 1e9)) ns per check (\(granted > 0 ? "granted" : "denied"))")
}

// 6. Building large policies, and denied checks against many name rules.
func policyBuild() throws {
    var addressRules: [String] = []
    for index in 0..<10_000 { addressRules.append("--allow-outbound=tcp://10.0.\(index / 256).\(index % 256):\(1000 + index % 100)") }
    var policy = NetworkPolicy()
    let build = best(1) { policy = try! NetworkPolicy(arguments: addressRules) }
    print("policy build, 10,000 address rules: \(format(build * 1e3)) ms")
    let last = Endpoint(address: HostAddress("10.0.39.15")!, port: 1099)
    print("  check of the last rule's address: \(policy.outbound(.tcp, to: last, resolvedFrom: []) != nil ? "granted" : "denied")")

    var nameRules: [String] = []
    for index in 0..<4_000 { nameRules.append("--allow-outbound=tcp://host\(index).example:443") }
    var named = NetworkPolicy()
    let nameBuild = best(1) { named = try! NetworkPolicy(arguments: nameRules) }
    print("policy build, 4,000 name rules: \(format(nameBuild * 1e3)) ms")
    let destination = Endpoint(address: HostAddress("192.0.2.1")!, port: 443)
    let names: Set<String> = ["elsewhere.example"]
    let checks = 2_000
    var granted = 0
    let outbound = best(3) {
        for _ in 0..<checks where named.outbound(.tcp, to: destination, resolvedFrom: names) != nil { granted += 1 }
    }
    print("outbound check, 4,000 name rules, denied: \(format(outbound / Double(checks) * 1e6)) µs per check (\(granted) granted)")
    let resolve = best(3) {
        for _ in 0..<checks where named.resolve("elsewhere.example") != nil { granted += 1 }
    }
    print("resolve check, 4,000 name rules, denied: \(format(resolve / Double(checks) * 1e6)) µs per check (\(granted) granted)")
}

// 7. What the component sees of a host port, with 10,000 inbound port mappings.
func policyView() throws {
    var rules: [String] = []
    for index in 0..<10_000 { rules.append("--allow-inbound=tcp://*:\(1000 + index)->\(20_000 + index)") }
    let policy = try NetworkPolicy(arguments: rules)
    let address = HostAddress("127.0.0.1")!
    let views = 20_000
    var mapped = 0
    // Every mapped host port in turn (one port over and over would let the compiler hoist the call).
    let elapsed = best(3) {
        for index in 0..<views {
            let host = Endpoint(address: address, port: UInt16(20_000 + index % 10_000))
            if policy.componentView(ofHostLocal: host, transport: .tcp).port != host.port { mapped += 1 }
        }
    }
    print("component view of a host port, 10,000 port mappings: \(format(elapsed / Double(views) * 1e9)) ns per view (\(mapped / 3) of \(views) mapped)")
}

// 8. Small reads of bytes that have already arrived: 16 bytes per read, so the time is the
// receive path's own (one system call and the array returned), with no wake-ups.
func tcpSmallReads() throws {
    let total = 16 << 10, piece = 16
    let block = [UInt8](repeating: 0x5A, count: total)
    let pairs = try ConnectionPairs()
    let (rawListener, rawClient, rawServer) = (pairs.rawListener, pairs.rawClient, pairs.rawServer)
    let (listener, client, server) = (pairs.listener, pairs.client, pairs.server)
    let result = try compare(rounds: rounds, raw: {
        var sent = 0
        while sent < total { sent += block.withUnsafeBytes { send(rawClient, $0.baseAddress! + sent, $0.count - sent, 0) } }
        return time {
            var buffer = (UInt64(0), UInt64(0))
            var received = 0
            while received < total { received += withUnsafeMutableBytes(of: &buffer) { recv(rawServer, $0.baseAddress, piece, 0) } }
        }
    }, runtime: {
        _ = try client.write(data: block)
        return try time {
            var received = 0
            while received < total { received += try server.read(maxBytes: UInt64(piece)).count }
        }
    })
    report("TCP 16-byte reads, data queued", result, unit: "ns") { $0 / Double(total / piece) * 1e9 }
    close(rawClient); close(rawServer); close(rawListener)
    withExtendedLifetime((listener, client)) {}
}

// 9. One policy check against policies of 1, 10 and 100 rules, the last rule matching and no
// rule matching: rules of one address each (looked up by address) and rules of `*` (scanned).
func policyCheckSizes() throws {
    for (kind, host) in [("address", { (index: Int) in "10.0.\(index / 256).\(index % 256)" }), ("`*`", { (_: Int) in "*" })] {
        for count in [1, 10, 100] {
            var arguments: [String] = []
            for index in 0..<count { arguments.append("--allow-outbound=tcp://\(host(index)):\(1000 + index)") }
            let policy = try NetworkPolicy(arguments: arguments)
            let last = count - 1
            let matching = Endpoint(address: HostAddress("10.0.\(last / 256).\(last % 256)")!, port: UInt16(1000 + last))
            let denied = Endpoint(address: HostAddress("10.0.0.0")!, port: 999)
            let checks = 1_000_000
            var granted = 0
            let hit = best(5) {
                for _ in 0..<checks where policy.outbound(.tcp, to: matching, resolvedFrom: []) != nil { granted += 1 }
            }
            let miss = best(5) {
                for _ in 0..<checks where policy.outbound(.tcp, to: denied, resolvedFrom: []) != nil { granted += 1 }
            }
            print("policy check, \(count) \(kind) rules: last rule matches \(format(hit / Double(checks) * 1e9)) ns, "
                  + "none matches \(format(miss / Double(checks) * 1e9)) ns (\(granted / 5) granted)")
        }
    }
}
