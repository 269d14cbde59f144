#if canImport(Glibc)
import Glibc
#endif
import Testing
import WASINetworking
@testable import WASINetworkingGlibc

/// Every rule form of networking.md, allowed and denied, and the bypass cases.
@Suite struct NetworkPolicyRuleTests {
    func policy(_ rules: String...) throws -> NetworkPolicy { try NetworkPolicy(arguments: rules) }
    func endpoint(_ address: String, _ port: UInt16) -> Endpoint { Endpoint(address: HostAddress(address)!, port: port) }
    let noInterfaces: (String) -> [HostAddress] = { _ in [] }

    @Test func emptyPolicyDeniesEverything() {
        let empty = NetworkPolicy()
        #expect(empty.isEmpty)
        #expect(empty.resolve("example.com") == nil)
        #expect(empty.outbound(.tcp, to: endpoint("127.0.0.1", 80), resolvedFrom: []) == nil)
        #expect(empty.inbound(.tcp, on: endpoint("127.0.0.1", 80), interfaceAddresses: noInterfaces) == nil)
    }

    @Test func resolveExactNameIsCaseInsensitiveAndIgnoresATrailingDot() throws {
        let p = try policy("--allow-resolve=Example.COM.")
        #expect(p.resolve("example.com") != nil)
        #expect(p.resolve("EXAMPLE.com.") != nil)
        #expect(p.resolve("www.example.com") == nil)
        #expect(p.resolve("example.com..") == nil)
    }

    /// An inbound rule on `localhost` lets `localhost` be looked up, as an outbound rule on a
    /// name does, and nothing else: `listen localhost:P` needs no resolve rule of its own.
    @Test func anInboundLocalhostRuleLetsLocalhostBeLookedUp() throws {
        let p = try policy("--allow-inbound=tcp://localhost:8080")
        #expect(p.resolve("localhost") == ResolvePermission(family: nil, mappedAddresses: nil))
        #expect(p.resolve("LOCALHOST.") != nil)
        #expect(p.resolve("example.com") == nil)
        #expect(try policy("--allow-inbound=tcp://*:8080").resolve("localhost") == nil)
        #expect(try policy("--allow-inbound=udp://127.0.0.1:53").resolve("localhost") == nil)
    }

    @Test func resolveWildcardCoversStrictSubdomainsOnly() throws {
        let p = try policy("--allow-resolve=*.example.com")
        #expect(p.resolve("a.example.com") != nil)
        #expect(p.resolve("a.b.example.com") != nil)
        #expect(p.resolve("example.com") == nil)
        #expect(p.resolve("evil-example.com") == nil)
        #expect(p.resolve("example.com.evil.org") == nil)
    }

    @Test func resolveAnything() throws {
        #expect(try policy("--allow-resolve=*").resolve("anything.test") != nil)
    }

    @Test func resolveFamilySuffixes() throws {
        #expect(try policy("--allow-resolve=example.com#ipv4-only").resolve("example.com")?.family == .ipv4)
        #expect(try policy("--allow-resolve=example.com#ipv6-only").resolve("example.com")?.family == .ipv6)
    }

    @Test func resolveMapping() throws {
        let p = try policy("--allow-resolve=my-database.internal->172.17.0.14")
        #expect(p.resolve("my-database.internal")?.mappedAddresses == [HostAddress("172.17.0.14")!])
        #expect(p.resolve("other.internal") == nil)
    }

    @Test func outboundExactAddressAndPort() throws {
        let p = try policy("--allow-outbound=tcp://127.0.0.1:80")
        #expect(p.outbound(.tcp, to: endpoint("127.0.0.1", 80), resolvedFrom: []) == endpoint("127.0.0.1", 80))
        #expect(p.outbound(.tcp, to: endpoint("127.0.0.1", 81), resolvedFrom: []) == nil)
        #expect(p.outbound(.tcp, to: endpoint("127.0.0.2", 80), resolvedFrom: []) == nil)
        #expect(p.outbound(.udp, to: endpoint("127.0.0.1", 80), resolvedFrom: []) == nil)
    }

    @Test func outboundAnyPortAnyHostAndEverything() throws {
        #expect(try policy("--allow-outbound=tcp://127.0.0.1:*").outbound(.tcp, to: endpoint("127.0.0.1", 65535), resolvedFrom: []) != nil)
        let anyHost = try policy("--allow-outbound=tcp://*:80")
        #expect(anyHost.outbound(.tcp, to: endpoint("10.1.2.3", 80), resolvedFrom: []) != nil)
        #expect(anyHost.outbound(.tcp, to: endpoint("10.1.2.3", 443), resolvedFrom: []) == nil)
        #expect(try policy("--allow-outbound=tcp://*:*").outbound(.tcp, to: endpoint("::1", 9), resolvedFrom: []) != nil)
    }

    @Test func outboundPortListsAndRanges() throws {
        let p = try policy("--allow-outbound=tcp://*:80,443", "--allow-outbound=tcp://*:21,35000-35999")
        for port: UInt16 in [80, 443, 21, 35000, 35500, 35999] {
            #expect(p.outbound(.tcp, to: endpoint("10.0.0.1", port), resolvedFrom: []) != nil, "port \(port)")
        }
        for port: UInt16 in [81, 442, 22, 34999, 36000] {
            #expect(p.outbound(.tcp, to: endpoint("10.0.0.1", port), resolvedFrom: []) == nil, "port \(port)")
        }
    }

    @Test func outboundUDPAndFamilySuffix() throws {
        let p = try policy("--allow-outbound=udp://*:53#ipv4-only")
        #expect(p.outbound(.udp, to: endpoint("8.8.8.8", 53), resolvedFrom: []) != nil)
        #expect(p.outbound(.udp, to: endpoint("2001:4860:4860::8888", 53), resolvedFrom: []) == nil)
        #expect(p.outbound(.tcp, to: endpoint("8.8.8.8", 53), resolvedFrom: []) == nil)
    }

    @Test func outboundIPv6LiteralInBrackets() throws {
        let p = try policy("--allow-outbound=tcp://[::1]:8080")
        #expect(p.outbound(.tcp, to: endpoint("::1", 8080), resolvedFrom: []) != nil)
        #expect(p.outbound(.tcp, to: endpoint("127.0.0.1", 8080), resolvedFrom: []) == nil)
    }

    @Test func outboundNameCoversOnlyItsOwnLookupsAndImpliesResolve() throws {
        let p = try policy("--allow-outbound=tcp://example.com:80")
        #expect(p.resolve("example.com") != nil)
        let address = endpoint("93.184.216.34", 80)
        #expect(p.outbound(.tcp, to: address, resolvedFrom: ["example.com"]) != nil)
        // The same address returned by another name's lookup is not covered.
        #expect(p.outbound(.tcp, to: address, resolvedFrom: ["evil.org"]) == nil)
        #expect(p.outbound(.tcp, to: address, resolvedFrom: []) == nil)
    }

    @Test func ipv4RuleIsNotBypassedThroughTheMappedForm() throws {
        let p = try policy("--allow-outbound=tcp://127.0.0.1:80")
        #expect(p.outbound(.tcp, to: endpoint("::ffff:127.0.0.1", 80), resolvedFrom: []) == nil)
        let any4 = try policy("--allow-outbound=tcp://*:80#ipv4-only")
        #expect(any4.outbound(.tcp, to: endpoint("::ffff:10.0.0.1", 80), resolvedFrom: []) == nil)
    }

    @Test func unspecifiedAddressIsNeverAWayAround() throws {
        let p = try policy("--allow-outbound=tcp://127.0.0.1:80", "--allow-outbound=tcp://*:443")
        #expect(p.outbound(.tcp, to: endpoint("0.0.0.0", 80), resolvedFrom: []) == nil)
        #expect(p.outbound(.tcp, to: endpoint("::", 443), resolvedFrom: []) == nil)
        #expect(p.outbound(.tcp, to: endpoint("0.0.0.0", 443), resolvedFrom: []) == nil)
    }

    @Test func outboundMappingOfNameAddressAndPort() throws {
        let p = try policy("--allow-outbound=tcp://my-database.internal->172.17.0.14:5432->5433")
        #expect(p.resolve("my-database.internal")?.mappedAddresses == [HostAddress("172.17.0.14")!])
        let seen = endpoint("172.17.0.14", 5432)
        #expect(p.outbound(.tcp, to: seen, resolvedFrom: ["my-database.internal"]) == endpoint("172.17.0.14", 5433))
        #expect(p.componentView(ofHostRemote: endpoint("172.17.0.14", 5433), transport: .tcp) == seen)
    }

    @Test func inboundLocalhostInterfaceAnyAndPortZero() throws {
        let local = try policy("--allow-inbound=tcp://localhost:80")
        #expect(local.inbound(.tcp, on: endpoint("127.0.0.1", 80), interfaceAddresses: noInterfaces) != nil)
        #expect(local.inbound(.tcp, on: endpoint("::1", 80), interfaceAddresses: noInterfaces) != nil)
        #expect(local.inbound(.tcp, on: endpoint("0.0.0.0", 80), interfaceAddresses: noInterfaces) == nil)
        #expect(local.inbound(.tcp, on: endpoint("127.0.0.1", 81), interfaceAddresses: noInterfaces) == nil)
        let eth0 = try NetworkPolicy(arguments: ["--allow-inbound=tcp://eth0:80"], interfaceNames: ["lo", "eth0"])
        let addresses: (String) -> [HostAddress] = { $0 == "eth0" ? [HostAddress("192.168.1.5")!] : [] }
        #expect(eth0.inbound(.tcp, on: endpoint("192.168.1.5", 80), interfaceAddresses: addresses) != nil)
        #expect(eth0.inbound(.tcp, on: endpoint("127.0.0.1", 80), interfaceAddresses: addresses) == nil)
        let any = try policy("--allow-inbound=tcp://*:80")
        #expect(any.inbound(.tcp, on: endpoint("0.0.0.0", 80), interfaceAddresses: noInterfaces) != nil)
        let zero = try policy("--allow-inbound=tcp://*:0")
        #expect(zero.inbound(.tcp, on: endpoint("0.0.0.0", 0), interfaceAddresses: noInterfaces) != nil)
        #expect(zero.inbound(.tcp, on: endpoint("0.0.0.0", 80), interfaceAddresses: noInterfaces) == nil)
    }

    @Test func inboundPortMapping() throws {
        let p = try policy("--allow-inbound=tcp://*:80->8888")
        #expect(p.inbound(.tcp, on: endpoint("0.0.0.0", 80), interfaceAddresses: noInterfaces) == endpoint("0.0.0.0", 8888))
        #expect(p.componentView(ofHostLocal: endpoint("0.0.0.0", 8888), transport: .tcp) == endpoint("0.0.0.0", 80))
    }

    @Test func theFirstMatchingRuleDecidesWhateverItsHostForm() throws {
        // An any-host rule before an address rule for the same port, and the other way round.
        let anyFirst = try policy("--allow-outbound=tcp://*:80->8080", "--allow-outbound=tcp://10.0.0.1:80->9090")
        #expect(anyFirst.outbound(.tcp, to: endpoint("10.0.0.1", 80), resolvedFrom: []) == endpoint("10.0.0.1", 8080))
        let addressFirst = try policy("--allow-outbound=tcp://10.0.0.1:80->9090", "--allow-outbound=tcp://*:80->8080")
        #expect(addressFirst.outbound(.tcp, to: endpoint("10.0.0.1", 80), resolvedFrom: []) == endpoint("10.0.0.1", 9090))
        #expect(addressFirst.outbound(.tcp, to: endpoint("10.0.0.2", 80), resolvedFrom: []) == endpoint("10.0.0.2", 8080))
        // Two rules for one address: the first whose ports match.
        let twice = try policy("--allow-outbound=tcp://10.0.0.1:443->8443", "--allow-outbound=tcp://10.0.0.1:*",
                               "--allow-outbound=tcp://10.0.0.1:80->8080")
        #expect(twice.outbound(.tcp, to: endpoint("10.0.0.1", 443), resolvedFrom: []) == endpoint("10.0.0.1", 8443))
        #expect(twice.outbound(.tcp, to: endpoint("10.0.0.1", 80), resolvedFrom: []) == endpoint("10.0.0.1", 80))
        // A name rule before an address rule decides only for its own lookups.
        let named = try policy("--allow-outbound=tcp://db.internal->10.0.0.7:5432->5433", "--allow-outbound=tcp://10.0.0.7:5432")
        #expect(named.outbound(.tcp, to: endpoint("10.0.0.7", 5432), resolvedFrom: ["db.internal"]) == endpoint("10.0.0.7", 5433))
        #expect(named.outbound(.tcp, to: endpoint("10.0.0.7", 5432), resolvedFrom: []) == endpoint("10.0.0.7", 5432))
    }

    @Test func manyAddressRulesEachGrantOnlyTheirOwnAddressFamilyAndPorts() throws {
        var rules: [String] = []
        for index in 0..<40 {
            rules.append("--allow-outbound=udp://10.1.\(index).1:\(1000 + index),\(2000 + index)-\(2100 + index)")
            rules.append("--allow-outbound=udp://[fd00::\(index + 1)]:53")
        }
        let p = try NetworkPolicy(arguments: rules)
        for index in 0..<40 {
            let address = "10.1.\(index).1"
            #expect(p.outbound(.udp, to: endpoint(address, UInt16(1000 + index)), resolvedFrom: []) != nil, "\(address)")
            #expect(p.outbound(.udp, to: endpoint(address, UInt16(2050 + index)), resolvedFrom: []) != nil, "\(address)")
            #expect(p.outbound(.udp, to: endpoint(address, UInt16(1001 + index)), resolvedFrom: []) == nil, "\(address)")
            #expect(p.outbound(.tcp, to: endpoint(address, UInt16(1000 + index)), resolvedFrom: []) == nil, "\(address)")
            #expect(p.outbound(.udp, to: endpoint("fd00::\(index + 1)", 53), resolvedFrom: []) != nil)
            #expect(p.outbound(.udp, to: endpoint("fd00::\(index + 41)", 53), resolvedFrom: []) == nil)
        }
        // The same words in the other family are another address.
        let v6 = try policy("--allow-outbound=tcp://[::1]:80")
        #expect(v6.outbound(.tcp, to: endpoint("0.0.0.1", 80), resolvedFrom: []) == nil)
        let v4 = try policy("--allow-outbound=tcp://0.0.0.1:80")
        #expect(v4.outbound(.tcp, to: endpoint("::1", 80), resolvedFrom: []) == nil)
        #expect(v4.outbound(.tcp, to: endpoint("0.0.0.1", 80), resolvedFrom: []) != nil)
    }

    @Test func inboundLocalhostIsAllOf127And1OnlyOnIPv6() throws {
        let local = try policy("--allow-inbound=udp://localhost:53->5353")
        let none: (String) -> [HostAddress] = { _ in [] }
        #expect(local.inbound(.udp, on: endpoint("127.255.0.9", 53), interfaceAddresses: none) == endpoint("127.255.0.9", 5353))
        #expect(local.inbound(.udp, on: endpoint("::1", 53), interfaceAddresses: none) == endpoint("::1", 5353))
        #expect(local.inbound(.udp, on: endpoint("128.0.0.1", 53), interfaceAddresses: none) == nil)
        #expect(local.inbound(.udp, on: endpoint("::2", 53), interfaceAddresses: none) == nil)
        #expect(local.inbound(.udp, on: endpoint("::ffff:127.0.0.1", 53), interfaceAddresses: none) == nil)
        #expect(local.inbound(.tcp, on: endpoint("127.0.0.1", 53), interfaceAddresses: none) == nil)
        #expect(local.componentView(ofHostLocal: endpoint("::1", 5353), transport: .udp) == endpoint("::1", 53))
        #expect(local.componentView(ofHostLocal: endpoint("::1", 5353), transport: .tcp) == endpoint("::1", 5353))
    }

    @Test(arguments: [
        ("--allow-outbound=http://x:80", 1, "expected `tcp://` or `udp://`"),
        ("--allow-outbound=tcp://x", 8, "missing port (expected `:PORT`)"),
        ("--allow-outbound=tcp://x:99999", 9, "port `99999` is larger than 65535"),
        ("--allow-outbound=tcp://x:90-80", 9, "port range `90-80` starts after it ends"),
        ("--allow-outbound=tcp://:80", 7, "empty host"),
        ("--allow-outbound=tcp://300.1.1.1:80", 7, "invalid IPv4 address `300.1.1.1`"),
        ("--allow-outbound=tcp://[::g]:80", 8, "invalid IPv6 address `::g`"),
        ("--allow-outbound=tcp://x:80#ipv5-only", 11, "unknown suffix `#ipv5-only` (expected #ipv4-only or #ipv6-only)"),
        ("--allow-outbound=tcp://x:80->", 13, "dangling `->`"),
        ("--allow-outbound=tcp://x:80,81->90", 14, "a port mapping needs exactly one port before `->`"),
        ("--allow-resolve=*.example.com->1.2.3.4", 1, "only a plain name can be mapped"),
        ("--allow-resolve=", 1, "empty host"),
        ("--allow-sideways=x", 1, "unknown flag --allow-sideways"),
        // Found by the policy fuzzer: with one trailing dot dropped, `name..` was kept as
        // `name.`, which no lookup (normalized the same way) could ever match.
        ("--allow-resolve=255Te55..", 9, "empty label in host name"),
        ("--allow-resolve=*.example.com..", 15, "empty label in host name"),
        ("--allow-outbound=tcp://Example.COM..:80", 19, "empty label in host name"),
        ("--allow-resolve=a..b", 3, "empty label in host name"),
        // Addresses in the forms only inet_aton reads are not names, nor addresses to write in a rule.
        ("--allow-resolve=127.1", 1, "`127.1` is the IP address 127.0.0.1 in a non-canonical form, not a host name; a resolve rule names host names only"),
        ("--allow-resolve=0x7f.1", 1, "`0x7f.1` is the IP address 127.0.0.1 in a non-canonical form, not a host name; a resolve rule names host names only"),
        ("--allow-resolve=2130706433#ipv4-only", 1, "`2130706433` is the IP address 127.0.0.1 in a non-canonical form, not a host name; a resolve rule names host names only"),
        ("--allow-resolve=127.0.0.1", 1, "`127.0.0.1` is an IP address, not a host name; a resolve rule names host names only"),
        ("--allow-resolve=*.127.1", 3, "`127.1` is the IP address 127.0.0.1 in a non-canonical form, not a host name; a resolve rule names host names only"),
        ("--allow-resolve=printer.1.2.3.4", 15, "the last label `4` is a number: not a host name"),
        ("--allow-outbound=tcp://0x7f.1:80", 7, "`0x7f.1` is the IPv4 address 127.0.0.1 in a non-canonical form; write `127.0.0.1`"),
        ("--allow-outbound=tcp://017700000001:80", 7, "`017700000001` is the IPv4 address 127.0.0.1 in a non-canonical form; write `127.0.0.1`"),
        ("--allow-outbound=udp://0:53", 7, "`0` is the IPv4 address 0.0.0.0 in a non-canonical form; write `0.0.0.0`"),
        ("--allow-outbound=tcp://010.0.0.1:80", 7, "`010.0.0.1` is the IPv4 address 8.0.0.1 in a non-canonical form; write `8.0.0.1`"),
        ("--allow-inbound=tcp://127.1:80", 7, "`127.1` is the IPv4 address 127.0.0.1 in a non-canonical form; write `127.0.0.1`"),
        // Mappings that leak the host's port or can never work.
        ("--allow-inbound=tcp://127.0.0.1:80->0", 21, "`->0` would show the component the host's real port; map to a fixed port"),
        ("--allow-inbound=tcp://127.0.0.1:0->8080", 18, "port 0 (a port the system picks) cannot be mapped"),
        ("--allow-outbound=udp://127.0.0.1:53->0", 21, "`->0`: nothing is reached at port 0"),
        ("--allow-outbound=tcp://db.test->::ffff:127.0.0.1:80", 16, "an IPv6 address must be in brackets"),
        ("--allow-outbound=tcp://db.test->[::ffff:127.0.0.1]:80", 16, "`::ffff:127.0.0.1` is an IPv4-mapped address, never an answer (IPv6 sockets are IPv6-only); write `127.0.0.1`"),
        ("--allow-outbound=tcp://db.test->0.0.0.0:80", 16, "`0.0.0.0` is the unspecified address, never a destination"),
        ("--allow-resolve=db.test->10.0.0.1,::", 19, "`::` is the unspecified address, never a destination"),
        ("--allow-resolve=db.test->[::ffff:10.0.0.1]", 10, "`[::ffff:10.0.0.1]` is an IPv4-mapped address, never an answer (IPv6 sockets are IPv6-only); write `10.0.0.1`"),
        ("--allow-outbound=tcp://0.0.0.0:80", 7, "`0.0.0.0` is the unspecified address, never a destination"),
        ("--allow-outbound=tcp://[::]:*", 7, "`::` is the unspecified address, never a destination"),
        ("--allow-outbound=tcp://[::ffff:10.0.0.1]:80", 7, "`::ffff:10.0.0.1` is an IPv4-mapped address, never reached (IPv6 sockets are IPv6-only); write `10.0.0.1`"),
        ("--allow-inbound=udp://[::ffff:127.0.0.1]:53", 7, "`::ffff:127.0.0.1` is an IPv4-mapped address, never bound (IPv6 sockets are IPv6-only); write `127.0.0.1`"),
        ("--allow-outbound=tcp://10.0.0.1:80#ipv6-only", 18, "`#ipv6-only` contradicts the address 10.0.0.1"),
        ("--allow-outbound=udp://[::1]:53#ipv4-only", 15, "`#ipv4-only` contradicts the address ::1"),
        ("--allow-outbound=tcp://db.test->10.0.0.1:80#ipv6-only", 27, "`#ipv6-only` contradicts the address 10.0.0.1"),
        ("--allow-resolve=db.test->10.0.0.1,10.0.0.2#ipv6-only", 27, "`#ipv6-only` leaves none of the mapped addresses"),
        // Ports.
        ("--allow-inbound=tcp://*:0-0", 9, "port 0 (a port the system picks) cannot be part of a range"),
        ("--allow-inbound=tcp://*:0-80", 9, "port 0 (a port the system picks) cannot be part of a range"),
        ("--allow-outbound=tcp://*:0", 9, "port 0 is never a destination"),
        ("--allow-outbound=tcp://*:080", 9, "port `080` has a leading zero"),
        ("--allow-outbound=tcp://*:", 9, "missing port"),
        ("--allow-outbound=tcp://*:80,", 12, "missing port"),
        ("--allow-inbound=tcp://*:80->08080", 13, "port `08080` has a leading zero"),
        // Names over the DNS limits, and other grammar slips.
        ("--allow-resolve=\(String(repeating: "a", count: 64)).test", 1, "label `aaaaaaaaaaaaaaaaaaaa…` is 64 bytes or more in ASCII form (at most 63)"),
        ("--allow-resolve=\(Array(repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".")).test", 1, "host name is 254 bytes or more in ASCII form (at most 253)"),
        ("--allow-resolve=*.\(Array(repeating: String(repeating: "a", count: 49), count: 5).joined(separator: ".")).tt", 3, "host name is 252 bytes long in ASCII form: no subdomain of it fits in 253"),
        ("--allow-resolve=-bad.test", 1, "label `-bad` starts or ends with `-`"),
        ("--allow-outbound=tcp://[fe80::1%eth0]:80", 8, "an IPv6 zone (`%…`) is not supported in a rule"),
        ("--allow-outbound=TCP://x:80", 1, "expected `tcp://` or `udp://`"),
        ("--allow-inbound=tcp://*:80#ipv4-only", 11, "an inbound rule takes no family suffix (its address or interface decides)"),
        ("--allow-outbound=tcp://x:80#ipv4-only#ipv4-only", 11, "unknown suffix `#ipv4-only#ipv4-only` (expected #ipv4-only or #ipv6-only)"),
        ("--allow-outbound=tcp://*->10.0.0.1:80", 7, "only a host name can be mapped"),
        ("--allow-outbound=tcp://*.x.test->10.0.0.1:80", 7, "only a host name can be mapped"),
    ])
    func malformedRulesNameTheRuleAndThePosition(rule: String, position: Int, message: String) {
        do {
            _ = try NetworkPolicy(arguments: [rule])
            Issue.record("\(rule) was accepted")
        } catch {
            #expect(error.rule == rule)
            #expect(error.message == message)
            #expect(error.position == position, "\(rule): position \(error.position)")
        }
    }

    /// Found by the policy fuzzer: a value starting with a combining mark joins the `=` into
    /// one character, and the one-argument form failed with "expected --allow-…" instead of
    /// the error the two-argument form gives.
    @Test func valueStartingWithACombiningMarkIsParsedLikeAnyValue() throws {
        for value in ["\u{301}example.com", "\u{749}x"] {
            var joined: NetworkPolicyError?
            do { _ = try NetworkPolicy(arguments: ["--allow-resolve=\(value)"]) } catch { joined = error }
            var separate: NetworkPolicyError?
            do { _ = try NetworkPolicy(arguments: ["--allow-resolve", value]) } catch { separate = error }
            let error = try #require(joined)
            #expect(error.message == separate?.message)
            #expect(error.message.hasPrefix("invalid character"))
            #expect(error.position == 1)
            #expect(error.rule == "--allow-resolve=\(value)")
        }
        // The value after the `=` byte is kept whole.
        #expect(try policy("--allow-outbound=tcp://*:80").outbound(.tcp, to: endpoint("10.0.0.1", 80), resolvedFrom: []) != nil)
    }

    /// Building indexes each rule as it comes: the index work grows with the rules, not with
    /// their square (re-indexing every rule for each added one took 26 s for 10,000 rules).
    @Test func buildingThePolicyIsLinearInItsRules() throws {
        let count = 2_000
        var p = NetworkPolicy()
        for index in 0..<count {
            // Distinct addresses, and every tenth rule a second one for an address already there.
            let address = index % 10 == 9 ? "10.0.\(index / 256).\(index % 256 - 1)" : "10.0.\(index / 256).\(index % 256)"
            try p.add(flag: "allow-outbound", value: "tcp://\(address):\(1000 + index % 100)")
        }
        #expect(p.outboundTCP.indexWork <= 4 * count, "\(p.outboundTCP.indexWork) index insertions for \(count) rules")
        #expect(p.outbound(.tcp, to: endpoint("10.0.0.0", 1000), resolvedFrom: []) != nil)
        #expect(p.outbound(.tcp, to: endpoint("10.0.7.206", 1099), resolvedFrom: []) != nil)
        #expect(p.outbound(.tcp, to: endpoint("10.0.0.0", 1001), resolvedFrom: []) == nil)
    }

    /// A check against name rules looks the names up instead of trying each rule: the names
    /// a destination was resolved from are asked for once, not once per name rule.
    @Test func nameRuleChecksLookTheNamesUp() throws {
        var rules: [String] = []
        for index in 0..<4_000 {
            rules.append(index % 2 == 0 ? "--allow-outbound=tcp://host\(index).test:80" : "--allow-outbound=tcp://*.zone\(index).test:80")
        }
        let p = try NetworkPolicy(arguments: rules)
        var asked = 0
        let destination = endpoint("192.0.2.1", 80)
        #expect(p.outbound(.tcp, to: destination, resolvedFrom: { asked += 1; return ["elsewhere.test"] }) == nil)
        #expect(asked <= 1, "the names were asked for \(asked) times")
        #expect(p.outbound(.tcp, to: destination, resolvedFrom: ["host3998.test"]) != nil)
        #expect(p.outbound(.tcp, to: destination, resolvedFrom: ["a.b.zone3999.test"]) != nil)
        #expect(p.outbound(.tcp, to: destination, resolvedFrom: ["zone3999.test"]) == nil)
        #expect(p.outbound(.tcp, to: destination, resolvedFrom: ["host3999.test"]) == nil)
        #expect(p.outbound(.tcp, to: endpoint("192.0.2.1", 81), resolvedFrom: ["host3998.test"]) == nil)
        // Resolve checks use the same kind of index: a denied name meets no rule.
        #expect(p.resolveCandidates("elsewhere.test").isEmpty)
        #expect(p.resolveCandidates("a.zone3999.test") == [3999])
        #expect(p.resolve("host3998.test") != nil && p.resolve("a.zone1.test") != nil && p.resolve("zone1.test") == nil)
    }

    /// Several rules for one name: the first in policy order decides, through the index too.
    @Test func theFirstMatchingNameRuleDecides() throws {
        let p = try policy("--allow-outbound=tcp://*.example.test:443->8443", "--allow-outbound=tcp://www.example.test:443->9443",
                           "--allow-outbound=tcp://*:443")
        let seen = endpoint("192.0.2.7", 443)
        #expect(p.outbound(.tcp, to: seen, resolvedFrom: ["www.example.test"]) == endpoint("192.0.2.7", 8443))
        let q = try policy("--allow-outbound=tcp://www.example.test:443->9443", "--allow-outbound=tcp://*.example.test:443->8443")
        #expect(q.outbound(.tcp, to: seen, resolvedFrom: ["www.example.test"]) == endpoint("192.0.2.7", 9443))
        #expect(q.outbound(.tcp, to: seen, resolvedFrom: ["other.example.test", "www.example.test"]) == endpoint("192.0.2.7", 9443))
        let anyFirst = try policy("--allow-outbound=tcp://*:443", "--allow-outbound=tcp://www.example.test:443->9443")
        #expect(anyFirst.outbound(.tcp, to: seen, resolvedFrom: ["www.example.test"]) == seen)
    }

    /// A component cannot make the host encode a long name: a name or label of more scalars
    /// than its ASCII form may have bytes fails before any Punycode work (which grows with
    /// length times distinct characters: a 16,000-character label took over a second).
    @Test func longUnicodeNamesFailBeforeTheyAreEncoded() throws {
        let distinct = (0..<100_000).map { Character(Unicode.Scalar(0x4E00 + UInt32($0 % 20_000))!) }
        #expect(IDNA.lookupNameOfAnyText(String(distinct)) == .failure(.nameTooLong(length: 100_000)))
        let label = String(distinct.prefix(64))
        #expect(IDNA.lookupNameOfAnyText(label + ".example") == .failure(.labelTooLong(label: label, length: 64, offset: 0)))
        let runtime = try testHost(["--allow-resolve=*"])
        #expect(throws: WASINetworking.Socket.ErrorCode.nameUnresolvable) {
            _ = try runtime.defaultResolver().resolveAddresses(name: String(distinct), options: .init(addressFamily: nil, includeUnavailable: true))
        }
    }

    /// The forms `inet_aton` reads are IP literals: the resolver fails them before any lookup
    /// (the interface: `name-unresolvable` for a literal), whatever the policy allows.
    @Test(arguments: ["127.1", "2130706433", "0x7f000001", "0x7f.1", "017700000001", "0", "0X7F.0.0.1", "127.0.0.1", "::1"])
    func resolverFailsEveryAddressLiteral(name: String) throws {
        let runtime = try testHost(["--allow-resolve=*"])
        #expect(throws: WASINetworking.Socket.ErrorCode.nameUnresolvable) {
            _ = try runtime.defaultResolver().resolveAddresses(name: name, options: .init(addressFamily: nil, includeUnavailable: true))
        }
    }

    /// The one test of a domain name agrees with the C library: whatever `inet_aton` or
    /// `inet_pton` reads is an address literal, with the canonical form `inet_ntoa` gives.
    @Test func domainNameValidationAgreesWithInetAton() {
        let samples = ["127.1", "2130706433", "0x7f000001", "0x7f.1", "017700000001", "0", "0x", "0x.1", "08", "09.1", "1.2.3.4.5",
                       "4294967295", "4294967296", "0xffffffff", "0x100000000", "1.16777215", "1.16777216", "1.2.65535", "1.2.65536",
                       "256.1", "255.255.255.255", "0377.0xff.255.0", "00000000000000000001", "1..2", ".1", "1.", "127.1.", "0xg", "0x7f.example",
                       "example.com", "1e3", "127.0.0.1", "0.0.0.0", "012", "0x0", "0X1F", "99999999999999999999"]
        for sample in samples {
            // A name's one trailing dot is not part of it (`1.` is `1`).
            let body = sample.hasSuffix(".") ? String(sample.dropLast()) : sample
            var address = in_addr()
            let aton = inet_aton(body, &address) != 0
            let result = IDNA.lookupName(sample)
            if aton {
                let canonical = String(cString: inet_ntoa(address))
                #expect(result == .failure(.addressLiteral(text: body, canonical: canonical)), "\(sample)")
            } else if case .failure(.addressLiteral) = result {
                Issue.record("\(sample): inet_aton refuses it, lookupName calls it an address")
            }
        }
        // The ASCII fast path decides as the general one.
        for sample in samples + ["Example.COM.", "a-b.c_d", "-a.b", "a-.b", "a..b", ".a", "a.", "a", "\(String(repeating: "a", count: 63)).b",
                                 "\(String(repeating: "a", count: 64)).b", "x.0x1f", "x.0x", "x.1a", "x:y", "a b", "_"] {
            #expect(IDNA.lookupName(sample) == IDNA.lookupNameOfAnyText(sample), "\(sample)")
        }
        #expect(IDNA.lookupName("printer.1.2.3.4") == .failure(.numericLastLabel(label: "4", offset: 14)))
        #expect(IDNA.lookupName("host.0x10") == .failure(.numericLastLabel(label: "0x10", offset: 5)))
        #expect(IDNA.lookupName("_sip._tcp.Example.COM.") == .success("_sip._tcp.example.com"))
        #expect(IDNA.lookupName("1password.com") == .success("1password.com"))
        #expect(IDNA.lookupName("a\u{3002}b") == .success("a.b"))
        #expect(IDNA.lookupName("\u{301}a.test") == .failure(.invalidCharacter("\u{301}", offset: 0)))
        #expect(IDNA.lookupName("a b") == .failure(.invalidCharacter(" ", offset: 1)))
        #expect(IDNA.lookupName(".") == .failure(.empty))
    }

    /// A name mapped by two rules to two answers would resolve by flag order: an error naming
    /// both rules, in either order. The same answer twice is fine.
    @Test func conflictingMappingsOfOneNameAreAnError() throws {
        let resolve = "--allow-resolve=alias.test->127.0.0.1"
        let outbound = "--allow-outbound=tcp://ALIAS.test.->127.0.0.2:80"
        for (first, second) in [(resolve, outbound), (outbound, resolve)] {
            do {
                _ = try NetworkPolicy(arguments: [first, second])
                Issue.record("\(first) \(second) accepted")
            } catch {
                #expect(error.rule == second)
                #expect(error.message.contains("`\(first)`"), "\(error.message)")
                #expect(error.message.contains("`alias.test` is mapped to"), "\(error.message)")
            }
        }
        let same = try policy(resolve, "--allow-outbound=tcp://alias.test->127.0.0.1:80", "--allow-resolve=alias.test")
        #expect(same.resolve("alias.test")?.mappedAddresses == [HostAddress("127.0.0.1")!])
        #expect(throws: NetworkPolicyError.self) { try policy("--allow-resolve=a.test->10.0.0.1,10.0.0.2", "--allow-resolve=a.test->10.0.0.2,10.0.0.1") }
    }

    /// Rules and lookups meet in one form: a rule written in Unicode (either normalization) or
    /// Punycode matches a lookup written any of these ways.
    @Test func unicodeRulesMatchUnicodeAndPunycodeLookups() throws {
        let lookups = ["bücher.example", "xn--bcher-kva.example", "BÜCHER.Example.", "bu\u{308}cher.example"]
        for rule in ["bücher.example", "xn--bcher-kva.example", "bu\u{308}cher.example", "Bücher.EXAMPLE"] {
            let p = try policy("--allow-resolve=\(rule)", "--allow-outbound=tcp://*.\(rule):443")
            for name in lookups {
                #expect(p.resolve(name) != nil, "rule \(rule), lookup \(name)")
                #expect(p.resolve("www.\(name)") != nil, "rule *.\(rule), lookup www.\(name)")
            }
            #expect(p.resolve("buecher.example") == nil)
            #expect(p.outbound(.tcp, to: endpoint("192.0.2.1", 443), resolvedFrom: ["www.xn--bcher-kva.example"]) != nil)
        }
        // Through the resolver, which looks names up in their ASCII form.
        let runtime = try testHost(["--allow-resolve=bücher.example->127.0.0.1"])
        for name in lookups {
            let addresses = try runtime.defaultResolver().resolveAddresses(name: name, options: .init(addressFamily: nil, includeUnavailable: true))
            #expect(addresses.count == 1, "\(name)")
        }
    }

    /// An inbound host that is no address, `localhost`, `*` or interface of this machine is a
    /// typo that would never match: an error naming it and the machine's interfaces.
    @Test func inboundHostMustBeAnExistingInterface() throws {
        do {
            _ = try NetworkPolicy(arguments: ["--allow-inbound=tcp://locahost:80"])
            Issue.record("tcp://locahost:80 accepted")
        } catch {
            #expect(error.position == 7)
            #expect(error.message.hasPrefix("`locahost` is not an address, `localhost`, `*` or a network interface of this machine (interfaces: "),
                    "\(error.message)")
            #expect(error.message.contains("lo"))
        }
        #expect(throws: NetworkPolicyError.self) {
            try NetworkPolicy(arguments: ["--allow-inbound=udp://wlan9:53"], interfaceNames: ["lo", "eth0"])
        }
        let eth = try NetworkPolicy(arguments: ["--allow-inbound=udp://eth0:53", "--allow-inbound=tcp://LocalHost.:80"],
                                    interfaceNames: ["lo", "eth0"])
        #expect(eth.inboundRules.map(\.host) == [.interface("eth0"), .loopback])
    }

    /// Two ports of the component mapped to one host port would show the component the wrong
    /// one (what it sees is undone from the host port): an error naming the other rule.
    @Test(arguments: [
        ("--allow-inbound=tcp://*:80->8888", "--allow-inbound=tcp://localhost:81->8888"),
        ("--allow-inbound=udp://*:53->5353", "--allow-inbound=udp://127.0.0.1:54->5353"),
        ("--allow-outbound=tcp://db.test:5432->5433", "--allow-outbound=tcp://10.0.0.1:5434->5433"),
        ("--allow-outbound=tcp://10.0.0.1:5432->5433", "--allow-outbound=tcp://10.0.0.1:5434->5433"),
        ("--allow-outbound=udp://a.test->10.0.0.1:53->5353", "--allow-outbound=udp://b.test->10.0.0.1:54->5353"),
    ])
    func twoPortsMappedToOneHostPortAreAnError(first: String, second: String) {
        for (one, other) in [(first, second), (second, first)] {
            do {
                _ = try NetworkPolicy(arguments: [one, other])
                Issue.record("\(one) \(other) accepted")
            } catch {
                #expect(error.rule == other)
                #expect(error.message.contains("is mapped by `\(one)`"), "\(error.message)")
            }
        }
    }

    /// A port that a mapping leads to is not granted directly by another rule: the component
    /// would see the mapping's port, not the one it bound or connected to.
    @Test func aMappingTargetPortIsNotGrantedDirectly() throws {
        let inbound = try policy("--allow-inbound=tcp://*:80->8888", "--allow-inbound=tcp://*:*")
        #expect(inbound.inbound(.tcp, on: endpoint("127.0.0.1", 8888), interfaceAddresses: noInterfaces) == nil)
        #expect(inbound.inbound(.tcp, on: endpoint("127.0.0.1", 80), interfaceAddresses: noInterfaces) == endpoint("127.0.0.1", 8888))
        #expect(inbound.inbound(.tcp, on: endpoint("127.0.0.1", 9000), interfaceAddresses: noInterfaces) == endpoint("127.0.0.1", 9000))
        #expect(inbound.inbound(.udp, on: endpoint("127.0.0.1", 8888), interfaceAddresses: noInterfaces) == nil)
        let outbound = try policy("--allow-outbound=tcp://a.test->10.0.0.1:80->8080", "--allow-outbound=tcp://10.0.0.0:*",
                                  "--allow-outbound=tcp://10.0.0.1:*", "--allow-outbound=tcp://10.0.0.2:*")
        #expect(outbound.outbound(.tcp, to: endpoint("10.0.0.1", 8080), resolvedFrom: []) == nil)
        #expect(outbound.outbound(.tcp, to: endpoint("10.0.0.1", 80), resolvedFrom: ["a.test"]) == endpoint("10.0.0.1", 8080))
        #expect(outbound.outbound(.tcp, to: endpoint("10.0.0.2", 8080), resolvedFrom: []) == endpoint("10.0.0.2", 8080))
        let anyHost = try policy("--allow-outbound=udp://*:53->5353", "--allow-outbound=udp://*:*")
        #expect(anyHost.outbound(.udp, to: endpoint("192.0.2.1", 5353), resolvedFrom: []) == nil)
        #expect(anyHost.outbound(.udp, to: endpoint("192.0.2.1", 53), resolvedFrom: []) == endpoint("192.0.2.1", 5353))
        // A mapping onto the same port changes nothing the component sees.
        let same = try policy("--allow-inbound=tcp://*:8888->8888", "--allow-inbound=tcp://*:*")
        #expect(same.inbound(.tcp, on: endpoint("127.0.0.1", 8888), interfaceAddresses: noInterfaces) == endpoint("127.0.0.1", 8888))
    }

    /// A rule refused by `add` leaves nothing behind: its mappings do not refuse a later rule.
    @Test func aRefusedRuleRecordsNoMapping() throws {
        var p = try policy("--allow-outbound=tcp://a.test->10.0.0.1:80->8080")
        // Refused for its port mapping (10.0.0.1:8080 is already port 80), after its name mapping was checked.
        #expect(throws: NetworkPolicyError.self) { try p.add(flag: "allow-outbound", value: "tcp://b.test->10.0.0.1:81->8080") }
        #expect(throws: NetworkPolicyError.self) { try p.add(flag: "allow-outbound", value: "tcp://c.test->10.0.0.3:82->9090#ipv6-only") }
        #expect(throws: NetworkPolicyError.self) { try p.add(flag: "allow-outbound", value: "tcp://d.test->10.0.0.4:83->8080#x") }
        try p.add(flag: "allow-outbound", value: "tcp://b.test->10.0.0.5:81->9090")
        try p.add(flag: "allow-outbound", value: "tcp://10.0.0.3:85->9090")
        #expect(p.resolve("b.test")?.mappedAddresses == [HostAddress("10.0.0.5")!])
        #expect(p.resolve("d.test") == nil)
    }

    @Test func portMappingsThatCanBeToldApartAreKept() throws {
        // Other addresses, other transports, other directions, or the same mapping twice.
        let p = try policy("--allow-outbound=tcp://a.test->10.0.0.1:80->8080", "--allow-outbound=tcp://b.test->10.0.0.2:81->8080",
                           "--allow-outbound=udp://10.0.0.1:82->8080", "--allow-inbound=tcp://*:83->8080",
                           "--allow-inbound=tcp://*:83->8080", "--allow-outbound=tcp://c.test->10.0.0.1:80->8080")
        #expect(p.componentView(ofHostRemote: endpoint("10.0.0.2", 8080), transport: .tcp) == endpoint("10.0.0.2", 81))
        #expect(p.componentView(ofHostRemote: endpoint("10.0.0.1", 8080), transport: .tcp) == endpoint("10.0.0.1", 80))
    }

    @Test func addressParsing() {
        #expect(HostAddress("::ffff:127.0.0.1")?.ipv4Mapped == HostAddress("127.0.0.1"))
        #expect(HostAddress("2001:db8::1")?.bytes.count == 16)
        #expect(HostAddress("1.2.3") == nil)
        #expect(HostAddress("1::2::3") == nil)
        #expect(HostAddress("example.com") == nil)
        #expect(HostAddress("::")?.isUnspecified == true)
        #expect(HostAddress("127.9.9.9")?.isLoopback == true)
    }
}

/// Addresses as people read them: RFC 5952's IPv6 form everywhere the runtime and
/// `wasi-net` print one.
@Suite struct AddressTextTests {
    @Test(arguments: [
        ([0, 0, 0, 0, 0, 0, 0, 1], "::1"),
        ([0, 0, 0, 0, 0, 0, 0, 0], "::"),
        ([0x2001, 0xdb8, 0, 0, 0, 0, 2, 1], "2001:db8::2:1"),
        ([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1], "2001:db8:0:1:1:1:1:1"),       // one zero group stays
        ([0x2001, 0, 0, 1, 0, 0, 0, 1], "2001:0:0:1::1"),                 // the longest run
        ([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1], "2001:db8::1:0:0:1"),         // the first of equal runs
        ([0xFE80, 0, 0, 0, 0xABCD, 0xEF, 0, 0], "fe80::abcd:ef:0:0"),
        ([0, 0, 0, 0, 0, 0xFFFF, 0xC000, 0x0201], "::ffff:192.0.2.1"),
    ] as [([UInt16], String)])
    func ipv6(groups: [UInt16], text: String) {
        #expect(HostAddress.ipv6Text(groups) == text)
    }

    @Test func hostAddressesPrintThatWay() throws {
        #expect(try #require(HostAddress("0:0:0:0:0:0:0:1")).description == "::1")
        #expect(try #require(HostAddress("127.0.0.1")).description == "127.0.0.1")
    }
}
