import Foundation
import Testing
@testable import WASINetworkingGlibc

/// `wasi-net` as a user runs it: a real process on loopback.
@Suite(.serialized) struct WasiNetProcessTests {
    static let executable: URL = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return products.appendingPathComponent("wasi-net")
    }()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], input: String = "", timeout: TimeInterval = 10) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                       stderr: String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// A free loopback port (bound and released).
    func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(fd, $0, length) ; _ = getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    @Test func listenAndConnectOnLoopback() throws {
        let port = freePort()
        let server = Process()
        server.executableURL = Self.executable
        server.arguments = ["--allow-inbound=tcp://localhost:\(port)", "listen", "127.0.0.1:\(port)", "--echo"]
        let serverErr = Pipe()
        server.standardError = serverErr
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        // Wait until it listens.
        var outcome = Outcome(status: -1, stdout: "", stderr: "")
        for _ in 0..<100 {
            outcome = try run(["--allow-outbound=tcp://127.0.0.1:\(port)", "connect", "127.0.0.1:\(port)"], input: "hello over wasi-net\n")
            if outcome.status == 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "hello over wasi-net\n")
    }

    @Test func deniedConnectPrintsTheDenialAndFails() throws {
        let outcome = try run(["connect", "127.0.0.1:9"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("access denied: connect to 127.0.0.1:9"))
    }

    @Test func deniedResolveAndMalformedRule() throws {
        let denied = try run(["resolve", "localhost"])
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("access denied: resolve localhost"))
        let malformed = try run(["--allow-outbound=tcp://x:99999", "resolve", "localhost"])
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("--allow-outbound=tcp://x:99999: at position 9"))
    }

    @Test func resolveAllowedName() throws {
        // The process uses the system's resolver: only a name of /etc/hosts keeps it on the machine.
        try #require(HostsFile.lists("localhost", family: nil), "/etc/hosts has no localhost line")
        let outcome = try run(["--allow-resolve=localhost", "resolve", "localhost"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("127.0.0.1") || outcome.stdout.contains("0:0:0:0:0:0:0:1"))
    }

    @Test func udpSendAndReceive() throws {
        let port = freePort()
        let receiver = Process()
        receiver.executableURL = Self.executable
        receiver.arguments = ["--allow-inbound=udp://localhost:\(port)", "udp-receive", "127.0.0.1:\(port)"]
        let out = Pipe()
        receiver.standardOutput = out
        receiver.standardError = Pipe()
        try receiver.run()
        defer { if receiver.isRunning { receiver.terminate() } }
        for _ in 0..<100 where receiver.isRunning {
            _ = try run(["--allow-outbound=udp://127.0.0.1:\(port)", "udp-send", "127.0.0.1:\(port)", "datagram!"])
            Thread.sleep(forTimeInterval: 0.05)
        }
        receiver.waitUntilExit()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains(": datagram!"))
    }
}
