import WASINetworking
import WASINetworkingGlibc

/// `HOST:PORT`, `[v6]:PORT` and `PORT` arguments.
struct EndpointArgument {
    var host: String?
    var port: UInt16

    /// What is wrong with an argument, for the usage error.
    struct Problem: Error {
        var message: String
    }

    init(_ text: String, hostOptional: Bool) throws(Problem) {
        var rest = Substring(text)
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw Problem(message: "`\(text)`: no `]` closes the IPv6 address") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            guard rest.hasPrefix(":") else { throw Problem(message: "`\(text)`: a `:PORT` must follow `]`") }
            rest = rest.dropFirst()
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
            if host?.contains(":") == true {
                throw Problem(message: "`\(text)`: write an IPv6 address in brackets, `[\(host ?? "")]:\(rest)`")
            }
        } else if !hostOptional {
            throw Problem(message: "`\(text)`: no `:PORT` (write HOST:PORT, e.g. 127.0.0.1:8080)")
        }
        if host?.isEmpty == true { throw Problem(message: "`\(text)`: the host before `:` is empty") }
        guard let port = UInt16(rest) else {
            throw Problem(message: "`\(text)`: `\(rest)` is not a port (a number from 0 to 65535)")
        }
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
        return "[\(describe(.ipv6(v6.address)))]:\(v6.port)"
    }
}

func describe(_ address: WASINetworking.Socket.IPAddress) -> String {
    switch address {
    case .ipv4(let (a, b, c, d)): return "\(a).\(b).\(c).\(d)"
    case .ipv6(let (a, b, c, d, e, f, g, h)): return HostAddress.ipv6Text([a, b, c, d, e, f, g, h])
    }
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
