/// The transport a rule governs.
public enum TransportProtocol: String, Sendable, Hashable {
    case tcp, udp
}

/// An IP address family.
public enum AddressFamily: Sendable, Hashable {
    case ipv4, ipv6
}

/// An IP address: 4 bytes for IPv4, 16 for IPv6, kept in two words so that
/// comparing and hashing never touch the heap (policy checks run on every call).
public struct HostAddress: Hashable, Sendable, CustomStringConvertible {
    /// The high and low 64 bits of the address (an IPv4 address is in the low 32 bits).
    let high: UInt64
    let low: UInt64
    /// Whether this is an IPv6 address.
    let isIPv6: Bool

    /// The address bytes, most significant first.
    public var bytes: [UInt8] {
        var result: [UInt8] = []
        if isIPv6 {
            for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
            for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        } else {
            for shift in stride(from: 24, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        }
        return result
    }

    /// An address from its words (an IPv4 address in the low 32 bits of `low`).
    init(high: UInt64, low: UInt64, isIPv6: Bool) {
        self.high = high
        self.low = low
        self.isIPv6 = isIPv6
    }

    /// An address from 4 or 16 bytes; `nil` for any other length.
    public init?(bytes: [UInt8]) {
        switch bytes.count {
        case 4:
            high = 0
            low = bytes.reduce(0) { $0 << 8 | UInt64($1) }
            isIPv6 = false
        case 16:
            high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
            low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
            isIPv6 = true
        default:
            return nil
        }
    }

    /// Parses `127.0.0.1`, `::1`, `2001:db8::1`, `::ffff:10.0.0.1` (the forms `inet_pton` reads);
    /// `nil` for anything else: names, and `inet_aton`'s other forms (`127.1`, `010.0.0.1`).
    public init?(_ text: String) {
        guard let bytes = Self.parseIPv4(Substring(text)) ?? Self.parseIPv6(Substring(text)) else { return nil }
        self.init(bytes: bytes)
    }

    public var family: AddressFamily { isIPv6 ? .ipv6 : .ipv4 }

    /// `0.0.0.0` or `::`.
    public var isUnspecified: Bool { high == 0 && low == 0 }

    /// `127.0.0.0/8` or `::1`.
    public var isLoopback: Bool { isIPv6 ? (high == 0 && low == 1) : (low >> 24 == 127) }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`).
    public var ipv4Mapped: HostAddress? {
        guard isIPv6, high == 0, low >> 32 == 0xFFFF else { return nil }
        return HostAddress(bytes: [UInt8(truncatingIfNeeded: low >> 24), UInt8(truncatingIfNeeded: low >> 16),
                                   UInt8(truncatingIfNeeded: low >> 8), UInt8(truncatingIfNeeded: low)])
    }

    /// Dotted decimal, or RFC 5952's IPv6 form (``ipv6Text(_:)``).
    public var description: String {
        let bytes = self.bytes
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var segments: [UInt16] = []
        for index in stride(from: 0, to: 16, by: 2) { segments.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])) }
        return Self.ipv6Text(segments)
    }

    /// An IPv6 address of eight groups in RFC 5952's form: lower-case hex without leading
    /// zeros, the longest run of two or more zero groups (the first of equal runs) as `::`,
    /// and an IPv4-mapped address with its last 32 bits in dotted decimal (`::ffff:192.0.2.1`).
    public static func ipv6Text(_ groups: [UInt16]) -> String {
        precondition(groups.count == 8, "an IPv6 address has eight groups")
        if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
            let (high, low) = (groups[6], groups[7])
            return "::ffff:\(high >> 8).\(high & 0xFF).\(low >> 8).\(low & 0xFF)"
        }
        var longest: (start: Int, length: Int)?
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index >= 2, end - index > (longest?.length ?? 0) { longest = (index, end - index) }
            index = end
        }
        func hex(_ part: ArraySlice<UInt16>) -> String { part.map { String($0, radix: 16) }.joined(separator: ":") }
        guard let longest else { return hex(groups[...]) }
        return hex(groups[..<longest.start]) + "::" + hex(groups[(longest.start + longest.length)...])
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            // No leading zero, as `inet_pton`: to `inet_aton` (and so to many C programs) `010` is octal 8.
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part.count == 1 || part.first != "0", let value = UInt8(part) else { return nil }
            result.append(value)
        }
        return result
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
            .map { String($0) }
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var result: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if allowIPv4Tail, index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    result += v4
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                result += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return result
        }
        if halves.count == 1 {
            guard let all = groups(halves[0], allowIPv4Tail: true), all.count == 16 else { return nil }
            return all
        }
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true),
              head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An address and a port.
public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    public var address: HostAddress
    public var port: UInt16

    public init(address: HostAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    public var description: String {
        address.family == .ipv4 ? "\(address):\(port)" : "[\(address)]:\(port)"
    }
}
