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

    /// A bad endpoint says what is wrong with it, then the usage; exit 64.
    @Test(arguments: [
        (["connect", "127.0.0.1:abc"], "`127.0.0.1:abc`: `abc` is not a port (a number from 0 to 65535)"),
        (["connect", "127.0.0.1"], "`127.0.0.1`: no `:PORT`"),
        (["connect", "::1:80"], "`::1:80`: write an IPv6 address in brackets, `[::1]:80`"),
        (["connect", "[::1:80"], "`[::1:80`: no `]` closes the IPv6 address"),
        (["udp-send", ":53", "x"], "`:53`: the host before `:` is empty"),
        (["listen", "70000"], "`70000`: `70000` is not a port"),
    ] as [([String], String)])
    func badEndpointsSayWhatIsWrong(arguments: [String], message: String) throws {
        let outcome = try run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("usage: "))
    }

    /// A failure reads as words with the POSIX name, and an IPv6 peer in RFC 5952's form.
    @Test func aRefusedConnectionSaysSo() throws {
        let port = freePort()
        let v4 = try run(["--allow-outbound=tcp://127.0.0.1:\(port)", "connect", "127.0.0.1:\(port)"])
        #expect(v4.status == 1)
        #expect(v4.stderr == "wasi-net: connect to 127.0.0.1:\(port): connection refused (ECONNREFUSED)\n")
        let v6 = try run(["--allow-outbound=tcp://[::1]:\(port)", "connect", "[::1]:\(port)"])
        #expect(v6.status == 1)
        #expect(v6.stderr.contains("connect to [::1]:\(port): "), "\(v6.stderr)")
        #expect(!v6.stderr.contains("0:0:0"))
    }

    /// Every example of `wasi-net help rules` is a rule the policy takes (a literal address
    /// resolves without any rule, so the run only parses them), and a malformed rule points
    /// at its position with a caret.
    @Test func everyExampleOfTheRulesHelpIsARule() throws {
        let help = try run(["help", "rules"])
        #expect(help.status == 0)
        var flag: String?
        var rules: [String] = []
        for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("--allow-") { flag = String(line.prefix { $0 != "=" }); continue }
            guard let flag, line.hasPrefix("  ") else { continue }
            let tokens = line.split(separator: " ")
            if flag == "--allow-resolve" {
                if line.hasPrefix("  "), !line.hasPrefix("   "), let first = tokens.first { rules.append("\(flag)=\(first)") }
            } else {
                rules += tokens.filter { $0.contains("://") }.map { "\(flag)=\($0)" }
            }
        }
        #expect(rules.count >= 15, "\(rules)")
        for rule in rules {
            let outcome = try run([rule, "resolve", "127.0.0.1"])
            #expect(outcome.status == 0, "\(rule): \(outcome.stderr)")
        }
        let malformed = try run(["--allow-outbound=tcp://*:80-", "resolve", "127.0.0.1"])
        #expect(malformed.status == 64)
        #expect(malformed.stderr.hasSuffix("port range `80-` has no end\n  --allow-outbound=tcp://*:80-\n                              ^\n"),
                "\(malformed.stderr)")
        #expect(try run(["--help"]).stdout.contains("wasi-net help rules"))
        #expect(try run(["help", "nonsense"]).status == 64)
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

/// Nothing lost when the two directions end at different times: each side half-closes while
/// the other still has bytes to send. Every wait is bounded.
extension WasiNetProcessTests {
    /// A running `wasi-net` whose stdin the test writes when it chooses.
    struct Running {
        let process: Process
        let input: FileHandle
        let output: FileHandle

        /// Waits until stdout has printed `text` (or `seconds` pass); what it printed.
        func waitForOutput(_ text: String, seconds: Double = 10) -> String {
            var printed: [UInt8] = []
            let deadline = Date().addingTimeInterval(seconds)
            let descriptor = output.fileDescriptor
            while Date() < deadline, !String(decoding: printed, as: UTF8.self).contains(text) {
                var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, 50) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { break }
                printed += buffer[0..<count]
            }
            return String(decoding: printed, as: UTF8.self)
        }

        /// Waits until the process exits (or `seconds` pass, then ends it); its status.
        func finish(seconds: Double = 10) -> Int32 {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    func start(_ arguments: [String]) throws -> Running {
        // A process that exited early closes its stdin: writing to it must fail the write, not
        // end the test runner with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        return Running(process: process, input: stdin.fileHandleForWriting, output: stdout.fileHandleForReading)
    }

    /// Reads a connection until its end (each read bounded by the socket's receive timeout).
    func readToEnd(_ connection: GlibcTCPConnection) throws -> String {
        var bytes: [UInt8] = []
        for _ in 0..<1_000 {
            let chunk = try connection.read(maxBytes: 4096)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func setReceiveTimeout(_ raw: Int32, seconds: Int) {
        var time = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(raw, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    @Test func connectKeepsSendingStdinAfterThePeerHalfCloses() throws {
        let runtime = try testHost(["--allow-inbound=tcp://localhost:*"])
        let (listener, address) = try loopbackListener(runtime)
        // accept honours the receive timeout: a client that never connects fails the test, not hangs it.
        setReceiveTimeout(listener.endpoint.descriptor.raw, seconds: 10)
        let client = try start(["--allow-outbound=tcp://127.0.0.1:\(address.port)", "connect", "127.0.0.1:\(address.port)"])
        defer { if client.process.isRunning { client.process.terminate() } }
        let server = try listener.accept()
        setReceiveTimeout(server.endpoint.descriptor.raw, seconds: 10)
        _ = try server.write(data: Array("from-server\n".utf8))
        try server.shutdown(shutdownType: .send)
        #expect(client.waitForOutput("from-server\n").contains("from-server\n"))
        // The client has seen the end of the stream; its stdin has more to send.
        Thread.sleep(forTimeInterval: 0.3)
        try? client.input.write(contentsOf: Data("from-client\n".utf8))
        try? client.input.close()
        #expect(try readToEnd(server) == "from-client\n")
        #expect(client.finish() == 0)
    }

    @Test func listenKeepsSendingStdinAfterThePeerHalfCloses() throws {
        let port = freePort()
        let server = try start(["--allow-inbound=tcp://localhost:\(port)", "listen", "127.0.0.1:\(port)"])
        defer { if server.process.isRunning { server.process.terminate() } }
        let runtime = try testHost(["--allow-outbound=tcp://127.0.0.1:\(port)"])
        var connection: GlibcTCPConnection?
        for _ in 0..<200 where connection == nil {
            connection = try? connect(runtime, to: v4(127, 0, 0, 1, port: port))
            if connection == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        let client = try #require(connection)
        setReceiveTimeout(client.endpoint.descriptor.raw, seconds: 10)
        _ = try client.write(data: Array("from-client\n".utf8))
        try client.shutdown(shutdownType: .send)
        #expect(server.waitForOutput("from-client\n").contains("from-client\n"))
        Thread.sleep(forTimeInterval: 0.3)
        try? server.input.write(contentsOf: Data("from-listener\n".utf8))
        try? server.input.close()
        #expect(try readToEnd(client) == "from-listener\n")
        #expect(server.finish() == 0)
    }

    @Test func connectPrintsThePeersBytesAfterStdinEnds() throws {
        let runtime = try testHost(["--allow-inbound=tcp://localhost:*"])
        let (listener, address) = try loopbackListener(runtime)
        setReceiveTimeout(listener.endpoint.descriptor.raw, seconds: 10)
        let client = try start(["--allow-outbound=tcp://127.0.0.1:\(address.port)", "connect", "127.0.0.1:\(address.port)"])
        defer { if client.process.isRunning { client.process.terminate() } }
        try client.input.write(contentsOf: Data("question\n".utf8))
        try client.input.close()
        let server = try listener.accept()
        setReceiveTimeout(server.endpoint.descriptor.raw, seconds: 10)
        // The client's end of stdin is the end of its stream; the answer comes after it.
        #expect(try readToEnd(server) == "question\n")
        Thread.sleep(forTimeInterval: 0.3)
        _ = try server.write(data: Array("answer\n".utf8))
        try server.shutdown(shutdownType: .send)
        #expect(client.waitForOutput("answer\n").contains("answer\n"))
        #expect(client.finish() == 0)
    }
}
