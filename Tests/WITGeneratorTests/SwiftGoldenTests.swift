import Testing
import WIT
import WITGenerator
import WITTestSupport

/// The Swift back end's naming and determinism (its golden files are in `GoldenFixtureTests`).
@Suite struct SwiftGoldenTests {
    @Test func outputIsDeterministic() throws {
        let resolve = try TestSupport.load(at: TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/all-types")).get().resolve
        let options = SwiftGenerator.Options(sourceDescription: "x")
        var first = SwiftGenerator(resolve: resolve, options: options)
        var second = SwiftGenerator(resolve: resolve, options: options)
        #expect(first.generate() == second.generate())
    }

    @Test(arguments: [
        ("tcp-socket", "TCPSocket", "tcpSocket"), ("ipv6-socket-address", "IPv6SocketAddress", "ipv6SocketAddress"),
        ("ip-address", "IPAddress", "ipAddress"), ("local-ip", "LocalIP", "localIP"), ("udp", "UDP", "udp"),
        ("get-HTTP-thing", "GetHTTPThing", "getHTTPThing"), ("result", "ResultType", "result"),
        ("error", "ErrorType", "error"), ("string", "StringType", "string"), ("type", "TypeType", "type"),
    ])
    func naming(wit: String, type: String, member: String) {
        #expect(Naming.swiftType(wit) == type)
        #expect(Naming.lowerCamel(wit) == member)
    }

    @Test func keywordsAreEscaped() {
        #expect(Naming.swiftMember("self") == "`self`")
        #expect(Naming.swiftMember("in") == "`in`")
        #expect(Naming.swiftMember("default") == "`default`")
        #expect(Naming.swiftMember("plain") == "plain")
    }
}
