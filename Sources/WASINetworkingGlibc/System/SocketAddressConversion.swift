#if canImport(Glibc)
import Glibc
#endif
import WASINetworking

typealias IPSocketAddress = WASINetworking.Socket.IPSocketAddress
typealias IPAddress = WASINetworking.Socket.IPAddress

/// A `sockaddr_in` or `sockaddr_in6` a system call wrote. The storage is a `sockaddr_in6`,
/// the larger of the two: IP sockets report no other kind, and a `sockaddr_storage` would
/// be 128 bytes to clear and copy on every receive.
struct NativeSocketAddress {
    var storage = sockaddr_in6()

    init() {}

    /// Calls `body` with the native form of a WIT socket address (a `sockaddr_in` or
    /// `sockaddr_in6`, built on the stack) and its length. Build it once, outside any retry
    /// loop: inside one, the compiler prepares both forms before it knows which it needs.
    @inline(__always)
    static func with<R, E: Error>(_ address: IPSocketAddress,
                                  _ body: (UnsafePointer<sockaddr>, socklen_t) throws(E) -> R) throws(E) -> R {
        switch address {
        case .ipv4(let v4):
            var native = sockaddr_in()
            native.sin_family = sa_family_t(AF_INET)
            native.sin_port = v4.port.bigEndian
            let (a, b, c, d) = v4.address
            native.sin_addr.s_addr = (UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)).bigEndian
            return try withUnsafePointer(to: &native) { pointer throws(E) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer throws(E) in
                    try body(pointer, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6(let v6):
            var native = sockaddr_in6()
            native.sin6_family = sa_family_t(AF_INET6)
            native.sin6_port = v6.port.bigEndian
            native.sin6_flowinfo = v6.flowInfo.bigEndian
            native.sin6_scope_id = v6.scopeID
            // The eight segments of the tuple are contiguous: stored in network byte order.
            withUnsafeMutableBytes(of: &native.sin6_addr) { bytes in
                withUnsafeBytes(of: v6.address) { segments in
                    for offset in stride(from: 0, to: 16, by: 2) {
                        bytes.storeBytes(of: segments.load(fromByteOffset: offset, as: UInt16.self).bigEndian,
                                         toByteOffset: offset, as: UInt16.self)
                    }
                }
            }
            return try withUnsafePointer(to: &native) { pointer throws(E) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer throws(E) in
                    try body(pointer, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    var family: Int32 { Int32(storage.sin6_family) }

    /// The WIT socket address; `nil` for a family other than IPv4 and IPv6.
    @inline(__always)
    var ipSocketAddress: IPSocketAddress? {
        switch family {
        case AF_INET:
            return withUnsafeBytes(of: storage) { raw in
                let native = raw.load(as: sockaddr_in.self)
                let value = UInt32(bigEndian: native.sin_addr.s_addr)
                return .ipv4(.init(port: UInt16(bigEndian: native.sin_port),
                                   address: (UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))))
            }
        case AF_INET6:
            return withUnsafeBytes(of: storage) { raw in
                let native = raw.load(as: sockaddr_in6.self)
                var segments: WASINetworking.Socket.IPv6Address = (0, 0, 0, 0, 0, 0, 0, 0)
                withUnsafeBytes(of: native.sin6_addr) { bytes in
                    withUnsafeMutableBytes(of: &segments) { target in
                        for offset in stride(from: 0, to: 16, by: 2) {
                            target.storeBytes(of: UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)),
                                              toByteOffset: offset, as: UInt16.self)
                        }
                    }
                }
                return .ipv6(.init(port: UInt16(bigEndian: native.sin6_port), flowInfo: UInt32(bigEndian: native.sin6_flowinfo),
                                   address: segments, scopeID: native.sin6_scope_id))
            }
        default:
            return nil
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
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        return withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, &length) }
        }
    }
}

extension IPSocketAddress {
    /// The same address with another port.
    func replacingPort(_ port: UInt16) -> IPSocketAddress {
        switch self {
        case .ipv4(var v4):
            v4.port = port
            return .ipv4(v4)
        case .ipv6(var v6):
            v6.port = port
            return .ipv6(v6)
        }
    }

    /// Whether the address is `0.0.0.0` or `::`.
    var isUnspecified: Bool {
        switch self {
        case .ipv4(let v4):
            let (a, b, c, d) = v4.address
            return a | b | c | d == 0
        case .ipv6(let v6):
            let (a, b, c, d, e, f, g, h) = v6.address
            return a | b | c | d | e | f | g | h == 0
        }
    }

    /// Whether the address can be a destination for a socket of `family`: of that family,
    /// not the unspecified address (which the kernel takes for this host) and not port 0.
    /// Anything else is an invalid argument for TCP and UDP alike, whatever the policy says.
    @inline(__always)
    func isDestination(for family: WASINetworking.Socket.IPAddressFamily) -> Bool {
        self.family == family && !isUnspecified && port != 0
    }

    /// The address family of a socket address.
    var family: WASINetworking.Socket.IPAddressFamily {
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
