#if canImport(Glibc)
import Glibc
#endif
import Testing
import WASINetworking
@testable import WASINetworkingGlibc

/// No test sends a lookup off the machine: every runtime of these tests resolves through
/// ``TestLookup``, which answers from its own table or from `/etc/hosts` and fails the test on
/// any other name.
@Suite struct LookupIsolationTests {
    static let options = WASINetworking.IPResolveAddress.ResolveOptions(addressFamily: nil, includeUnavailable: false)

    @Test func localhostAsIPv6IsAnsweredByTheTestsTable() throws {
        let lookup = TestLookup(answers: ["localhost": [HostAddress("127.0.0.1")!, HostAddress("::1")!]])
        let runtime = try testHost(["--allow-resolve=localhost"], lookup: lookup)
        let addresses = try runtime.defaultResolver().resolveAddresses(name: "localhost", options: .init(addressFamily: .ipv6, includeUnavailable: false))
        #expect(addresses == [.ipv6((0, 0, 0, 0, 0, 0, 0, 1))])
        #expect(lookup.names == ["localhost"])
    }

    @Test func aNameOutsideTheHostsFileFailsTheTestAndIsNotLookedUp() throws {
        // `localhost` for IPv6 only is outside the file when it has no `::1` line; a made-up
        // name always is. The system's resolver would ask a DNS server for either.
        var names = ["name-outside-the-hosts-file.invalid"]
        if !HostsFile.lists("localhost", family: .ipv6) { names.append("localhost") }
        for name in names {
            let lookup = TestLookup()
            let runtime = try testHost(["--allow-resolve=*"], lookup: lookup)
            withKnownIssue("the test lookup reports a lookup that would leave the machine") {
                _ = try? runtime.defaultResolver().resolveAddresses(name: name, options: .init(addressFamily: .ipv6, includeUnavailable: false))
            } matching: { issue in
                issue.comments.contains { $0.rawValue.contains("would leave the machine") }
            }
            #expect(lookup.names == [name])
        }
    }

    @Test func deniedAndMappedNamesNeverReachTheLookup() throws {
        let lookup = TestLookup()
        let runtime = try testHost(["--allow-resolve=db.internal->10.0.0.7"], lookup: lookup)
        #expect(throws: WASINetworking.Socket.ErrorCode.accessDenied) {
            _ = try runtime.defaultResolver().resolveAddresses(name: "example.com", options: Self.options)
        }
        #expect(try runtime.defaultResolver().resolveAddresses(name: "db.internal", options: Self.options).count == 1)
        #expect(lookup.names.isEmpty)
    }

    @Test func theSystemLookupAnswersANameOfTheHostsFile() throws {
        // localhost for both families: answered from the file whenever it has a localhost line.
        #expect(HostsFile.lists("localhost", family: nil), "/etc/hosts has no localhost line")
        let lookup = TestLookup()
        let runtime = try testHost(["--allow-resolve=localhost"], lookup: lookup)
        let addresses = try runtime.defaultResolver().resolveAddresses(name: "localhost", options: Self.options)
        #expect(!addresses.isEmpty)
        #expect(lookup.names == ["localhost"])
    }

    /// The sources of this test target, read from beside this file.
    static func testSources() -> [(name: String, text: String)] {
        let directory = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/")!))
        return ((try? FileManagerLite.entries(of: directory)) ?? []).filter { $0.hasSuffix(".swift") }.sorted().compactMap { name in
            guard let file = fopen("\(directory)/\(name)", "r") else { return nil }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count <= 0 { break }
                bytes += buffer[0..<count]
            }
            return (name, String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func everyRuntimeOfTheseTestsUsesTheTestLookup() {
        let sources = Self.testSources()
        #expect(sources.count > 5)
        // Assembled, so that this file does not contain the text it looks for.
        let direct = "GlibcNetworkingHost" + "(policy:"
        for source in sources where source.name != "RuntimeSupport.swift" {
            #expect(!source.text.contains(direct), "\(source.name) makes a runtime whose lookups may leave the machine: use testHost")
        }
    }
}
