import WASINetworking
import WASINetworkingGlibc

/// `HOST:PORT`, `[v6]:PORT` and `PORT` arguments.
struct EndpointArgument {
    var host: String?
    var port: UInt16

    init?(_ text: String, hostOptional: Bool) {
        var rest = Substring(text)
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            rest = rest.dropFirst()
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        } else if !hostOptional {
            return nil
        }
        guard let port = UInt16(rest) else { return nil }
        self.port = port
    }
}

extension WASINetworking.Socket.IPAddress {
    var family: WASINetworking.Socket.IPAddressFamily {
        switch self {
        case .ipv4: return .ipv4
        case .ipv6: return .ipv6
        }
    }

    func socketAddress(port: UInt16) -> WASINetworking.Socket.IPSocketAddress {
        switch self {
        case .ipv4(let address): return .ipv4(.init(port: port, address: address))
        case .ipv6(let address): return .ipv6(.init(port: port, flowInfo: 0, address: address, scopeID: 0))
        }
    }
}

/// Text forms for messages.
func describe(_ address: WASINetworking.Socket.IPSocketAddress) -> String {
    switch address {
    case .ipv4(let v4):
        let (a, b, c, d) = v4.address
        return "\(a).\(b).\(c).\(d):\(v4.port)"
    case .ipv6(let v6):
        let (a, b, c, d, e, f, g, h) = v6.address
        let text = [a, b, c, d, e, f, g, h].map { String($0, radix: 16) }.joined(separator: ":")
        return "[\(text)]:\(v6.port)"
    }
}

func describe(_ address: WASINetworking.Socket.IPAddress) -> String {
    let text = describe(address.socketAddress(port: 0))
    return String(text.dropLast(2)).trimmingCharacters(in: ["[", "]"])
}

/// Turns a literal address into a WIT address, or `nil` for a name.
func literal(_ host: String) -> WASINetworking.Socket.IPAddress? {
    guard let parsed = HostAddress(host) else { return nil }
    let bytes = parsed.bytes
    if bytes.count == 4 { return .ipv4((bytes[0], bytes[1], bytes[2], bytes[3])) }
    var segments = [UInt16](repeating: 0, count: 8)
    for index in 0..<8 { segments[index] = UInt16(bytes[index * 2]) << 8 | UInt16(bytes[index * 2 + 1]) }
    return .ipv6((segments[0], segments[1], segments[2], segments[3], segments[4], segments[5], segments[6], segments[7]))
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
