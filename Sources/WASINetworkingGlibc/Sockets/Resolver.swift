#if canImport(Glibc)
import Glibc
#endif
import WASINetworking

/// Name resolution on `getaddrinfo`, under the policy.
public final class GlibcResolver: WASINetworking.IPResolveAddress.ResolverResource {
    let context: RuntimeContext
    /// The system's name lookup (``systemLookup(_:family:includeUnavailable:)``; tests pass their own).
    let lookup: HostLookup

    init(context: RuntimeContext, lookup: @escaping HostLookup) {
        self.context = context
        self.lookup = lookup
    }

    public func resolveAddresses(name: String, options: WASINetworking.IPResolveAddress.ResolveOptions)
        throws(WASINetworking.IPResolveAddress.ErrorCode) -> [WASINetworking.IPResolveAddress.IPAddress] {
        // Names only: an IP literal in any form (or anything that is not a domain name) is not resolved.
        guard case .success(let ascii) = IDNA.lookupName(name) else { throw .nameUnresolvable }
        guard let permission = context.policy.resolve(ascii) else { throw .accessDenied }
        var addresses: [HostAddress]
        if let mapped = permission.mappedAddresses {
            addresses = mapped
        } else {
            addresses = try lookup(ascii, options.addressFamily, options.includeUnavailable)
        }
        addresses = addresses.filter { address in
            // Never an IPv4-mapped IPv6 address.
            if address.ipv4Mapped != nil { return false }
            if let family = permission.family, address.family != family { return false }
            switch options.addressFamily {
            case .ipv4?: return address.family == .ipv4
            case .ipv6?: return address.family == .ipv6
            case nil: return true
            }
        }
        var seen = Set<HostAddress>()
        addresses = addresses.filter { seen.insert($0).inserted }
        guard !addresses.isEmpty else { throw .nameUnresolvable }
        context.record(name: ascii, addresses: addresses)
        return addresses.map(\.ipAddress)
    }

    static func systemLookup(_ name: String, family: WASINetworking.Socket.IPAddressFamily?, includeUnavailable: Bool) throws(WASINetworking.Socket.ErrorCode) -> [HostAddress] {
        var hints = addrinfo()
        switch family {
        case .ipv4?: hints.ai_family = AF_INET
        case .ipv6?: hints.ai_family = AF_INET6
        case nil: hints.ai_family = AF_UNSPEC
        }
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        // Without include-unavailable, leave out families the host has no address of.
        hints.ai_flags = includeUnavailable ? 0 : AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        var status: Int32
        repeat {
            status = getaddrinfo(name, nil, &hints, &list)
        } while status == EAI_SYSTEM && errno == EINTR
        guard status == 0 else {
            if status == EAI_SYSTEM { throw WASINetworking.Socket.ErrorCode(Errno.current) }
            throw ErrorMapping.errorCode(forResolverStatus: status)
        }
        defer { freeaddrinfo(list) }
        var result: [HostAddress] = []
        var current = list
        while let entry = current {
            defer { current = entry.pointee.ai_next }
            guard let address = entry.pointee.ai_addr else { continue }
            switch entry.pointee.ai_family {
            case AF_INET:
                let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) } }
                if let host = HostAddress(bytes: bytes) { result.append(host) }
            case AF_INET6:
                let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) } }
                if let host = HostAddress(bytes: bytes) { result.append(host) }
            default:
                break
            }
        }
        return result
    }
}
