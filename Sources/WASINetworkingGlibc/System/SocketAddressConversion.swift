#if canImport(Glibc)
import Glibc
#endif
import WASINetworking

typealias IPSocketAddress = Socket.IPSocketAddress
typealias IPAddress = Socket.IPAddress

/// A `sockaddr_in` or `sockaddr_in6`, stored in a `sockaddr_storage` with its length.
struct NativeSocketAddress {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)

    init() {}

    /// The native form of a WIT socket address.
    init(_ address: IPSocketAddress) {
        switch address {
        case .ipv4(let v4):
            var native = sockaddr_in()
            native.sin_family = sa_family_t(AF_INET)
            native.sin_port = v4.port.bigEndian
            let (a, b, c, d) = v4.address
            native.sin_addr.s_addr = (UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)).bigEndian
            withUnsafeMutableBytes(of: &storage) { target in
                withUnsafeBytes(of: native) { target.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        case .ipv6(let v6):
            var native = sockaddr_in6()
            native.sin6_family = sa_family_t(AF_INET6)
            native.sin6_port = v6.port.bigEndian
            native.sin6_flowinfo = v6.flowInfo.bigEndian
            native.sin6_scope_id = v6.scopeID
            let segments = Self.segments(of: v6.address)
            withUnsafeMutableBytes(of: &native.sin6_addr) { bytes in
                for (index, segment) in segments.enumerated() {
                    bytes[index * 2] = UInt8(segment >> 8)
                    bytes[index * 2 + 1] = UInt8(segment & 0xFF)
                }
            }
            withUnsafeMutableBytes(of: &storage) { target in
                withUnsafeBytes(of: native) { target.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        }
    }

    static func segments(of address: Socket.IPv6Address) -> [UInt16] {
        let (a, b, c, d, e, f, g, h) = address
        return [a, b, c, d, e, f, g, h]
    }

    var family: Int32 { Int32(storage.ss_family) }

    /// The WIT socket address; `nil` for a family other than IPv4 and IPv6.
    var ipSocketAddress: IPSocketAddress? {
        var copy = storage
        switch family {
        case AF_INET:
            return withUnsafeBytes(of: &copy) { raw in
                let native = raw.load(as: sockaddr_in.self)
                let value = UInt32(bigEndian: native.sin_addr.s_addr)
                return .ipv4(.init(port: UInt16(bigEndian: native.sin_port),
                                   address: (UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))))
            }
        case AF_INET6:
            return withUnsafeBytes(of: &copy) { raw in
                var native = raw.load(as: sockaddr_in6.self)
                let bytes = withUnsafeBytes(of: &native.sin6_addr) { Array($0) }
                var s = [UInt16](repeating: 0, count: 8)
                for index in 0..<8 { s[index] = UInt16(bytes[index * 2]) << 8 | UInt16(bytes[index * 2 + 1]) }
                return .ipv6(.init(port: UInt16(bigEndian: native.sin6_port), flowInfo: UInt32(bigEndian: native.sin6_flowinfo),
                                   address: (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]), scopeID: native.sin6_scope_id))
            }
        default:
            return nil
        }
    }

    /// Calls `body` with the address as `sockaddr*` and its length.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var copy = storage
        let length = self.length
        return withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    /// Runs a call that writes a `sockaddr` (getsockname, accept, recvfrom) and returns
    /// the call's result with the address it wrote.
    static func receiving<R>(_ body: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> R)
        -> (result: R, address: NativeSocketAddress) {
        var address = NativeSocketAddress()
        let result = address.fill(body)
        return (result, address)
    }

    /// Runs a call that writes a `sockaddr` into this address (with the full length to
    /// write) and returns the call's result.
    mutating func fill<R>(_ body: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> R) -> R {
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, &length) }
        }
        self.length = length
        return result
    }
}

extension IPSocketAddress {
    /// The address family of a socket address.
    var family: Socket.IPAddressFamily {
        switch self {
        case .ipv4: return .ipv4
        case .ipv6: return .ipv6
        }
    }

    var port: UInt16 {
        switch self {
        case .ipv4(let v4): return v4.port
        case .ipv6(let v6): return v6.port
        }
    }
}
