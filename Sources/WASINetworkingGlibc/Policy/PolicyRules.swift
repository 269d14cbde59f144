/// A malformed `--allow-*` rule: which rule, where in it (1-based), and what is wrong.
public struct NetworkPolicyError: Error, Sendable, CustomStringConvertible {
    /// The whole rule as given (`--allow-outbound=tcp://…`).
    public var rule: String
    /// The 1-based character position in the rule's value where the problem is.
    public var position: Int
    /// What is wrong.
    public var message: String

    public var description: String { "\(rule): at position \(position): \(message)" }
}

/// Which hosts a rule names.
enum HostPattern: Hashable, Sendable {
    /// `*`.
    case any
    /// An IP address literal.
    case address(HostAddress)
    /// A host name, normalized (lower case, no trailing dot).
    case name(String)
    /// `*.example.com`: strict subdomains; stored as `.example.com`.
    case subdomains(String)
    /// `localhost` in an inbound rule: the loopback addresses.
    case loopback
    /// A network interface name in an inbound rule (`eth0`).
    case interface(String)

    func matches(name candidate: String) -> Bool {
        switch self {
        case .any: return true
        case .name(let name): return candidate == name
        case .subdomains(let suffix): return candidate.count > suffix.count && candidate.hasSuffix(suffix)
        default: return false
        }
    }
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

/// Normalizes a host name as rules and lookups compare them: lower case, one trailing dot dropped.
func normalizedName(_ name: String) -> String {
    var text = name.lowercased()
    if text.hasSuffix(".") { text.removeLast() }
    return text
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

    /// A host name or `*.suffix`, validated.
    func hostName(_ text: String, at offset: Int, allowWildcard: Bool) throws(NetworkPolicyError) -> HostPattern {
        if text == "*" { return .any }
        if text.hasPrefix("*.") {
            guard allowWildcard else { throw error("a wildcard name is not allowed here", at: offset) }
            let rest = normalizedName(String(text.dropFirst(2)))
            try validateName(rest, at: offset + 2)
            return .subdomains("." + rest)
        }
        let name = normalizedName(text)
        try validateName(name, at: offset)
        return .name(name)
    }

    /// `name` is normalized (one trailing dot already dropped): an empty label anywhere,
    /// a second trailing dot included, is an error, or the rule could never match its name.
    func validateName(_ name: String, at offset: Int) throws(NetworkPolicyError) {
        guard !name.isEmpty else { throw error("empty host", at: offset) }
        var previous: Character = "."
        var last = 0
        for (index, character) in name.enumerated() {
            let valid = character.isLetter || character.isNumber || character == "-" || character == "." || character == "_"
            if !valid || (character == "." && previous == ".") {
                throw error("invalid character `\(character)` in host name", at: offset + index)
            }
            previous = character
            last = index
        }
        // `name..`: reported at the dot that normalizing dropped, as `a..b` is at its second dot.
        if previous == "." { throw error("invalid character `.` in host name", at: offset + last + 1) }
    }

    /// `*`, or `80`, `80,443`, `21,35000-35999`.
    mutating func ports() throws(NetworkPolicyError) -> PortSet {
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
            for bound in bounds {
                guard !bound.isEmpty, bound.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw error("invalid port `\(bound)`", at: boundOffset)
                }
                guard let value = UInt16(bound) else { throw error("port `\(bound)` is larger than 65535", at: boundOffset) }
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

    /// `->PORT`.
    mutating func portMapping(for ports: PortSet) throws(NetworkPolicyError) -> UInt16? {
        let start = position
        guard take("->") else { return nil }
        guard ports.single != nil else { throw error("a port mapping needs exactly one port before `->`", at: start) }
        let text = token(until: ["#"])
        guard let port = UInt16(text), text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw error(text.isEmpty ? "dangling `->`" : "invalid mapped port `\(text)`", at: start + 2)
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
        guard !text.isEmpty else { throw error("empty host", at: start) }
        if let address = HostAddress(text) { return (text, start, address) }
        if text.contains(":") { throw error("an IPv6 address must be in brackets", at: start) }
        if text.first?.isNumber == true, text.allSatisfy({ $0.isNumber || $0 == "." }) {
            throw error("invalid IPv4 address `\(text)`", at: start)
        }
        return (text, start, nil)
    }
}
