#if canImport(Glibc)
import Glibc
#endif

/// The addresses of the host's network interfaces, for `--allow-inbound=tcp://eth0:80`.
enum NetworkInterfaces {
    /// The names of this machine's network interfaces (`if_nameindex`), up or down.
    static func names() -> [String] {
        guard let list = if_nameindex() else { return [] }
        defer { if_freenameindex(list) }
        var result: [String] = []
        var entry = list
        while entry.pointee.if_index != 0, let name = entry.pointee.if_name {
            result.append(String(cString: name))
            entry += 1
        }
        return result
    }

    /// Every IPv4 and IPv6 address of the interface named `name` (`getifaddrs`).
    static func addresses(of name: String) -> [HostAddress] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var result: [HostAddress] = []
        var current: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = current {
            defer { current = entry.pointee.ifa_next }
            guard let cName = entry.pointee.ifa_name, String(cString: cName) == name,
                  let address = entry.pointee.ifa_addr else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
                }
                if let host = HostAddress(bytes: bytes) { result.append(host) }
            case AF_INET6:
                let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                }
                if let host = HostAddress(bytes: bytes) { result.append(host) }
            default:
                break
            }
        }
        return result
    }
}
