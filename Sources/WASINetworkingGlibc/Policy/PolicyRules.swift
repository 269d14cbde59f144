/// A malformed `--allow-*` rule: which rule, where in it (1-based), and what is wrong.
public struct NetworkPolicyError: Error, Sendable, CustomStringConvertible {
    /// The whole rule as given (`--allow-outbound=tcp://…`).
    public var rule: String
    /// The 1-based character position in the rule's value where the problem is.
    public var position: Int
    /// What is wrong.
    public var message: String

    public var description: String { "\(rule): at position \(position): \(message)" }

    /// The rule on a line of its own and a caret under the position, as witgen's
    /// diagnostics point at a column: what a terminal shows below ``description``.
    public var pointer: String {
        let valueStart = rule.firstIndex(of: "=").map { rule.distance(from: rule.startIndex, to: $0) + 1 } ?? 0
        return "  \(rule)\n  \(String(repeating: " ", count: valueStart + position - 1))^"
    }
}

/// Which hosts a rule names.
enum HostPattern: Hashable, Sendable {
    /// `*`.
    case any
    /// An IP address literal.
    case address(HostAddress)
    /// A host name in lookup form (``IDNA/lookupName(_:)``: lower case, NFC, Punycode, no trailing dot).
    case name(String)
    /// `*.example.com`: strict subdomains; stored as `.example.com` (lookup form).
    case subdomains(String)
    /// `localhost` in an inbound rule: the loopback addresses.
    case loopback
    /// A network interface name in an inbound rule (`eth0`).
    case interface(String)
}

/// Ports: any, or a list of single ports and ranges.
struct PortSet: Hashable, Sendable {
    var any = false
    var ranges: [ClosedRange<UInt16>] = []

    /// The single port of a set that names exactly one.
    var single: UInt16? {
        guard !any, ranges.count == 1, ranges[0].lowerBound == ranges[0].upperBound else { return nil }
        return ranges[0].lowerBound
    }
}

struct ResolveRule: Sendable {
    var host: HostPattern
    var family: AddressFamily?
    var mapped: [HostAddress]?
}

struct OutboundRule: Sendable {
    var transport: TransportProtocol
    var host: HostPattern
    var ports: PortSet
    var family: AddressFamily?
    /// `->PORT`: the host-side port for the single port of the rule.
    var mappedPort: UInt16?
    /// `name->ADDR`: the address the name stands for.
    var mappedAddress: HostAddress?
}

struct InboundRule: Sendable {
    var transport: TransportProtocol
    var host: HostPattern
    var ports: PortSet
    var mappedPort: UInt16?
}

/// Parses the value of one `--allow-*` flag.
struct RuleParser {
    let rule: String
    let characters: [Character]
    var position = 0

    init(rule: String, value: String) {
        self.rule = rule
        characters = Array(value)
    }

    func error(_ message: String, at offset: Int? = nil) -> NetworkPolicyError {
        NetworkPolicyError(rule: rule, position: (offset ?? position) + 1, message: message)
    }

    var atEnd: Bool { position >= characters.count }

    mutating func take(_ text: String) -> Bool {
        let expected = Array(text)
        guard position + expected.count <= characters.count, Array(characters[position..<position + expected.count]) == expected else {
            return false
        }
        position += expected.count
        return true
    }

    /// Characters up to (not including) any of `stops`.
    mutating func token(until stops: Set<Character>) -> String {
        let start = position
        while position < characters.count, !stops.contains(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    /// `#ipv4-only` / `#ipv6-only` at the end, if present.
    mutating func familySuffix() throws(NetworkPolicyError) -> AddressFamily? {
        guard !atEnd else { return nil }
        let start = position
        guard take("#") else { throw error("unexpected `\(String(characters[position...]))`") }
        let suffix = String(characters[position...])
        position = characters.count
        switch suffix {
        case "ipv4-only": return .ipv4
        case "ipv6-only": return .ipv6
        default: throw error("unknown suffix `#\(suffix)` (expected #ipv4-only or #ipv6-only)", at: start)
        }
    }

    /// A host name or `*.suffix` in its lookup form (``IDNA/lookupName(_:)``), so that a rule
    /// written in Unicode or in Punycode matches lookups written either way.
    /// `addressesAllowed`: the rule may name an address instead (the message then says how to write it).
    func hostName(_ text: String, at offset: Int, allowWildcard: Bool, addressesAllowed: Bool) throws(NetworkPolicyError) -> HostPattern {
        if text == "*" { return .any }
        if text.hasPrefix("*.") {
            guard allowWildcard else { throw error("a wildcard name is not allowed here", at: offset) }
            let suffix = try lookupName(String(text.dropFirst(2)), at: offset + 2, addressesAllowed: false)
            // A subdomain adds at least a one-byte label and a dot.
            guard suffix.utf8.count <= 251 else {
                throw error("host name is \(suffix.utf8.count) bytes long in ASCII form: no subdomain of it fits in 253", at: offset + 2)
            }
            return .subdomains("." + suffix)
        }
        return .name(try lookupName(text, at: offset, addressesAllowed: addressesAllowed))
    }

    func lookupName(_ text: String, at offset: Int, addressesAllowed: Bool) throws(NetworkPolicyError) -> String {
        switch IDNA.lookupName(text) {
        case .success(let name):
            return name
        case .failure(let problem):
            var message = problem.message
            if case .addressLiteral(_, let canonical) = problem {
                message += addressesAllowed ? "; write the address as `\(canonical)`" : "; a resolve rule names host names only"
            }
            throw error(message, at: offset + problem.offset)
        }
    }

    /// `*`, or `80`, `80,443`, `21,35000-35999`. Port 0 (the system picks) only alone and only
    /// where `zeroAllowed` (inbound rules): no connection or send reaches port 0.
    mutating func ports(zeroAllowed: Bool) throws(NetworkPolicyError) -> PortSet {
        let start = position
        var full = ""
        // Up to a `#suffix` or a `->` mapping (a lone `-` belongs to a range).
        while position < characters.count, characters[position] != "#" {
            if characters[position] == "-", position + 1 < characters.count, characters[position + 1] == ">" { break }
            full.append(characters[position])
            position += 1
        }
        var set = PortSet()
        guard !full.isEmpty else { throw error("missing port", at: start) }
        if full == "*" {
            set.any = true
            return set
        }
        var offset = start
        for item in full.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count) else { throw error("invalid port range `\(item)`", at: offset) }
            var values: [UInt16] = []
            var boundOffset = offset
            for (index, bound) in bounds.enumerated() {
                if bound.isEmpty, bounds.count == 2 {
                    throw error("port range `\(item)` has no \(index == 0 ? "start" : "end")", at: boundOffset)
                }
                let value = try port(String(bound), at: boundOffset)
                if value == 0, bounds.count == 2 { throw error("port 0 (a port the system picks) cannot be part of a range", at: boundOffset) }
                if value == 0, !zeroAllowed { throw error("port 0 is never a destination", at: boundOffset) }
                values.append(value)
                boundOffset += bound.count + 1
            }
            if values.count == 2, values[0] > values[1] {
                throw error("port range `\(item)` starts after it ends", at: offset)
            }
            set.ranges.append(values[0]...values[values.count - 1])
            offset += item.count + 1
        }
        return set
    }

    /// One port number: decimal digits, no leading zero, at most 65535.
    func port(_ text: String, at offset: Int) throws(NetworkPolicyError) -> UInt16 {
        guard !text.isEmpty else { throw error("missing port", at: offset) }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw error("invalid port `\(text)`", at: offset) }
        guard text.count == 1 || text.first != "0" else { throw error("port `\(text)` has a leading zero", at: offset) }
        guard let value = UInt16(text) else { throw error("port `\(text)` is larger than 65535", at: offset) }
        return value
    }

    /// `->PORT`. Never to port 0: inbound, the component would see the host's real port (the
    /// one the system picked); outbound, nothing is reached at port 0. Never from port 0.
    mutating func portMapping(for ports: PortSet, inbound: Bool) throws(NetworkPolicyError) -> UInt16? {
        let start = position
        guard take("->") else { return nil }
        guard let single = ports.single else { throw error("a port mapping needs exactly one port before `->`", at: start) }
        guard single != 0 else { throw error("port 0 (a port the system picks) cannot be mapped", at: start) }
        let text = token(until: ["#"])
        guard !text.isEmpty else { throw error("dangling `->`", at: start + 2) }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw error("invalid mapped port `\(text)`", at: start + 2) }
        let port = try port(text, at: start + 2)
        guard port != 0 else {
            throw error(inbound ? "`->0` would show the component the host's real port; map to a fixed port"
                                : "`->0`: nothing is reached at port 0", at: start + 2)
        }
        return port
    }

    /// `tcp://` or `udp://`.
    mutating func scheme() throws(NetworkPolicyError) -> TransportProtocol {
        if take("tcp://") { return .tcp }
        if take("udp://") { return .udp }
        throw error("expected `tcp://` or `udp://`")
    }

    /// A host: `*`, `[v6]`, an IPv4 literal, or a name (until `:` or `->`).
    mutating func host() throws(NetworkPolicyError) -> (text: String, offset: Int, literal: HostAddress?) {
        let start = position
        if take("[") {
            let text = token(until: ["]"])
            guard take("]") else { throw error("missing `]`", at: start) }
            if text.contains("%") { throw error("an IPv6 zone (`%…`) is not supported in a rule", at: start + 1) }
            guard let address = HostAddress(text), address.family == .ipv6 else {
                throw error("invalid IPv6 address `\(text)`", at: start + 1)
            }
            return (text, start, address)
        }
        var text = ""
        while position < characters.count, characters[position] != ":" {
            if characters[position] == "-", position + 1 < characters.count, characters[position + 1] == ">" { break }
            text.append(characters[position])
            position += 1
        }
        guard !text.isEmpty else {
            throw error(take("::") ? "an IPv6 address must be in brackets" : "empty host", at: start)
        }
        if let address = HostAddress(text) { return (text, start, address) }
        if text.contains(":") { throw error("an IPv6 address must be in brackets", at: start) }
        if let canonical = IDNA.addressLiteral(text) {
            throw error("`\(text)` is the IPv4 address \(canonical) in a non-canonical form; write `\(canonical)`", at: start)
        }
        if text.first?.isNumber == true, text.allSatisfy({ $0.isNumber || $0 == "." }) {
            throw error("invalid IPv4 address `\(text)`", at: start)
        }
        return (text, start, nil)
    }
}
