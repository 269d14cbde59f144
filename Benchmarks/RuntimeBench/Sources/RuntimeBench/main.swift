#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import WASINetworking
import WASINetworkingGlibc

// Each figure is the best of several rounds; the raw Glibc and runtime versions
// alternate within one process, so the ratio compares like with like.

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func best(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var result = Double.infinity
    for _ in 0..<rounds {
        let start = now()
        try body()
        result = min(result, now() - start)
    }
    return result
}

let rules = ["--allow-inbound=tcp://localhost:*", "--allow-outbound=tcp://127.0.0.1:*",
             "--allow-inbound=udp://localhost:*", "--allow-outbound=udp://127.0.0.1:*"]
let runtime = GlibcNetworkingHost(policy: try! NetworkPolicy(arguments: rules))
typealias Address = Socket.IPSocketAddress
func v4(_ port: UInt16) -> Address { .ipv4(.init(port: port, address: (127, 0, 0, 1))) }

func runtimeListener() throws -> (GlibcTCPListener, Address) {
    let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
    try socket.bind(localAddress: v4(0))
    let listener = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 128)
    return (listener, try listener.localAddress())
}

func runtimeConnect(_ address: Address) throws -> GlibcTCPConnection {
    let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
    do { return try GlibcTCPSocket.connect(socket: socket, remoteAddress: address) } catch { throw error.error }
}

func report(_ name: String, raw: Double, ours: Double, unit: String, perSecond: Bool) {
    let rawFigure = perSecond ? 1 / raw : raw
    let ourFigure = perSecond ? 1 / ours : ours
    let overhead = (ours / raw - 1) * 100
    let padded = name + String(repeating: " ", count: max(0, 34 - name.count))
    print("\(padded) raw \(format(rawFigure)) \(unit)   runtime \(format(ourFigure)) \(unit)   overhead \(format(overhead))%")
}

func format(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return String(rounded)
}

let roundTrips = 20_000
let rounds = 5

// 1. TCP 1-byte round trip.
do {
    let (rawListener, rawPort) = Raw.listener()
    let rawClient = Raw.connectTCP(port: rawPort)
    let rawServer = accept(rawListener, nil, nil)
    let (listener, address) = try runtimeListener()
    let client = try runtimeConnect(address)
    let server = try listener.accept()
    let echo = DispatchGroup()
    DispatchQueue.global().async(group: echo) {
        var byte: UInt8 = 0
        while recv(rawServer, &byte, 1, 0) == 1 { _ = send(rawServer, &byte, 1, 0) }
    }
    DispatchQueue.global().async(group: echo) {
        while let bytes = try? server.read(maxBytes: 1), !bytes.isEmpty { _ = try? server.write(data: bytes) }
    }
    var rawTime = Double.infinity, ourTime = Double.infinity
    for _ in 0..<rounds {
        rawTime = min(rawTime, best(1) {
            var byte: UInt8 = 1
            for _ in 0..<roundTrips { _ = send(rawClient, &byte, 1, 0); _ = recv(rawClient, &byte, 1, 0) }
        })
        ourTime = min(ourTime, try best(1) {
            for _ in 0..<roundTrips { _ = try client.write(data: [1]); _ = try client.read(maxBytes: 1) }
        })
    }
    report("TCP 1-byte round trip", raw: rawTime / Double(roundTrips) * 1e6, ours: ourTime / Double(roundTrips) * 1e6, unit: "µs", perSecond: false)
    close(rawClient)
    try client.shutdown(shutdownType: .both)
    echo.wait()
    close(rawServer)
    close(rawListener)
}

// 2. Bulk TCP throughput.
do {
    let total = 256 << 20
    let chunk = [UInt8](repeating: 0x5A, count: 64 << 10)
    let (rawListener, rawPort) = Raw.listener()
    let (listener, address) = try runtimeListener()
    var rawTime = Double.infinity, ourTime = Double.infinity
    for _ in 0..<3 {
        let rawClient = Raw.connectTCP(port: rawPort)
        let rawServer = accept(rawListener, nil, nil)
        let drain = DispatchGroup()
        DispatchQueue.global().async(group: drain) {
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while buffer.withUnsafeMutableBytes({ recv(rawServer, $0.baseAddress, $0.count, 0) }) > 0 {}
        }
        rawTime = min(rawTime, best(1) {
            var sent = 0
            while sent < total { sent += chunk.withUnsafeBytes { send(rawClient, $0.baseAddress, $0.count, 0) } }
            shutdown(rawClient, Int32(SHUT_WR))
            drain.wait()
        })
        close(rawClient); close(rawServer)

        let client = try runtimeConnect(address)
        let server = try listener.accept()
        let drain2 = DispatchGroup()
        DispatchQueue.global().async(group: drain2) {
            while let bytes = try? server.read(maxBytes: 64 << 10), !bytes.isEmpty {}
        }
        ourTime = min(ourTime, try best(1) {
            var sent = 0
            while sent < total { sent += Int(try client.write(data: chunk)) }
            try client.shutdown(shutdownType: .send)
            drain2.wait()
        })
    }
    report("TCP bulk throughput", raw: Double(total >> 20) / rawTime, ours: Double(total >> 20) / ourTime, unit: "MB/s", perSecond: false)
    close(rawListener)
}

// 3. UDP round trip.
do {
    let (rawA, _) = Raw.udpSocket()
    let (rawB, rawBPort) = Raw.udpSocket()
    let a = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
    try a.bind(localAddress: v4(0))
    let b = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
    try b.bind(localAddress: v4(0))
    let bAddress = try b.localAddress()
    let echo = DispatchGroup()
    DispatchQueue.global().async(group: echo) {
        var byte: UInt8 = 0
        var from = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        for _ in 0..<(roundTrips * rounds) {
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
        for _ in 0..<(roundTrips * rounds) {
            guard let (data, result) = try? b.receive(maxBytes: 1) else { break }
            _ = try? b.send(data: data, options: .init(remoteAddress: result.remoteAddress))
        }
    }
    var rawTime = Double.infinity, ourTime = Double.infinity
    for _ in 0..<rounds {
        rawTime = min(rawTime, best(1) {
            var byte: UInt8 = 1
            for _ in 0..<roundTrips {
                _ = Raw.withAddress(Raw.loopback(port: rawBPort)) { sendto(rawA, &byte, 1, 0, $0, $1) }
                _ = recv(rawA, &byte, 1, 0)
            }
        })
        ourTime = min(ourTime, try best(1) {
            for _ in 0..<roundTrips {
                _ = try a.send(data: [1], options: .init(remoteAddress: bAddress))
                _ = try a.receive(maxBytes: 1)
            }
        })
    }
    report("UDP round trip", raw: rawTime / Double(roundTrips) * 1e6, ours: ourTime / Double(roundTrips) * 1e6, unit: "µs", perSecond: false)
    echo.wait()
}

// 4. Connect / accept / close rate.
do {
    let cycles = 5_000
    let (rawListener, rawPort) = Raw.listener()
    let (listener, address) = try runtimeListener()
    var rawTime = Double.infinity, ourTime = Double.infinity
    for _ in 0..<3 {
        rawTime = min(rawTime, best(1) {
            for _ in 0..<cycles {
                let client = Raw.connectTCP(port: rawPort)
                let server = accept(rawListener, nil, nil)
                close(client); close(server)
            }
        })
        ourTime = min(ourTime, try best(1) {
            for _ in 0..<cycles {
                let client = try runtimeConnect(address)
                let server = try listener.accept()
                _ = (client, server)
            }
        })
    }
    report("connect/accept/close", raw: Double(cycles) / rawTime, ours: Double(cycles) / ourTime, unit: "per s", perSecond: false)
    print("  (for connect/accept/close the figure is a rate: overhead = rate drop, shown as time ratio \(format((ourTime / rawTime - 1) * 100))%)")
    close(rawListener)
}

// 5. One policy check against a 20-rule policy.
do {
    var twenty: [String] = []
    for index in 0..<19 { twenty.append("--allow-outbound=tcp://10.0.\(index).1:\(1000 + index),\(2000 + index)-\(2100 + index)") }
    twenty.append("--allow-outbound=tcp://127.0.0.1:8080")
    let policy = try NetworkPolicy(arguments: twenty)
    let destination = Endpoint(address: HostAddress("127.0.0.1")!, port: 8080)
    let names: Set<String> = []
    let checks = 10_000_000
    var granted = 0
    let time = best(3) {
        for _ in 0..<checks where policy.outbound(.tcp, to: destination, resolvedFrom: names) != nil { granted += 1 }
    }
    print("policy check, 20 rules, last rule matches: \(format(time / Double(checks) * 1e9)) ns per check (\(granted > 0 ? "granted" : "denied"))")
}
