#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import Testing
import WASINetworking
@testable import WASINetworkingGlibc

/// Many clients at once, many cycles in a row: every byte verified, no descriptor left behind.
@Suite(.serialized) struct LoadAndLeakTests {
    static let rules = ["--allow-inbound=tcp://localhost:*", "--allow-outbound=tcp://127.0.0.1:*",
                        "--allow-inbound=udp://localhost:*", "--allow-outbound=udp://127.0.0.1:*"]

    @Test(.timeLimit(.minutes(2)))
    func sixtyFourClientsTimesAThousandEchoRoundTrips() throws {
        let runtime = try testHost(Self.rules)
        let (listener, address) = try loopbackListener(runtime)
        let clients = 64
        let roundTrips = 1_000
        let failures = Mutex<[String]>([])
        let servers = DispatchGroup()
        DispatchQueue.global().async(group: servers) {
            // One thread per accepted connection, each echoing until the end of its stream.
            for _ in 0..<clients {
                guard let connection = try? listener.accept() else {
                    failures.withLock { $0.append("accept failed") }
                    return
                }
                DispatchQueue.global().async(group: servers) {
                    while let bytes = try? connection.read(maxBytes: 4096), !bytes.isEmpty {
                        if (try? connection.write(data: bytes)) == nil { break }
                    }
                }
            }
        }
        DispatchQueue.concurrentPerform(iterations: clients) { client in
            do {
                let connection = try connect(runtime, to: address)
                for trip in 0..<roundTrips {
                    // A different payload every time, so misrouted or stale bytes cannot pass.
                    let payload = (0..<32).map { UInt8(truncatingIfNeeded: client &* 31 &+ trip &* 7 &+ $0) }
                    _ = try connection.write(data: payload)
                    let echoed = try readAll(connection, count: payload.count)
                    if echoed != payload {
                        failures.withLock { $0.append("client \(client) trip \(trip): wrong bytes") }
                        return
                    }
                }
                try connection.shutdown(shutdownType: .send)
            } catch {
                failures.withLock { $0.append("client \(client): \(error)") }
            }
        }
        servers.wait()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(5) })")
    }

    @Test(.timeLimit(.minutes(2)))
    func tenThousandOpenUseCloseCyclesLeaveNoDescriptor() throws {
        let runtime = try testHost(Self.rules)
        let (listener, address) = try loopbackListener(runtime)
        // Sockets, not a count of descriptors: other suites run at the same time and open and
        // close descriptors of their own (and the runtime's only descriptors are sockets).
        let before = openSockets()
        #expect(!before.isEmpty)
        for cycle in 0..<10_000 {
            switch cycle % 4 {
            case 0:
                // TCP: connect, accept, exchange, close both ends.
                let client = try connect(runtime, to: address)
                let server = try listener.accept()
                _ = try client.write(data: [UInt8(truncatingIfNeeded: cycle)])
                #expect(try server.read(maxBytes: 1) == [UInt8(truncatingIfNeeded: cycle)])
            case 1:
                // A refused connect hands back a socket that is then dropped.
                let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
                _ = try? GlibcTCPSocket.connect(socket: socket, remoteAddress: v4(127, 0, 0, 1, port: 1))
            case 2:
                // UDP: bind, send to itself, receive.
                let udp = try runtime.defaultUDPNetwork().createUDPSocket(addressFamily: .ipv4)
                try udp.bind(localAddress: v4(127, 0, 0, 1, port: 0))
                _ = try udp.send(data: [1], options: .init(remoteAddress: try udp.localAddress()))
                _ = try udp.receive(maxBytes: 1)
            default:
                // A denied operation: no descriptor may stay behind either.
                let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
                _ = try? socket.bind(localAddress: v4(0, 0, 0, 0, port: 1))
            }
        }
        // A socket another suite opened meanwhile is closed by that suite soon; a leaked one never is.
        var left = openSockets().subtracting(before)
        for _ in 0..<1_000 where !left.isEmpty {
            var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
            nanosleep(&pause, nil)
            left.formIntersection(openSockets())
        }
        #expect(left.isEmpty, "still open: \(left.sorted().prefix(5))")
        withExtendedLifetime(listener) {}
    }
}
