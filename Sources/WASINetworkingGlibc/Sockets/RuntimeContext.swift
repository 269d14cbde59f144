import Synchronization
import WASINetworking

/// What every resource of one runtime shares: the access policy and the
/// record of which names resolved to which addresses (a name rule covers only
/// the addresses its own lookup returned).
final class RuntimeContext: Sendable {
    let policy: NetworkPolicy
    private let resolvedNames = Mutex<[HostAddress: Set<String>]>([:])

    init(policy: NetworkPolicy) {
        self.policy = policy
    }

    /// Remembers that a lookup of `name` returned these addresses.
    func record(name: String, addresses: [HostAddress]) {
        resolvedNames.withLock { table in
            for address in addresses { table[address, default: []].insert(name) }
        }
    }

    /// The names whose lookups returned `address`.
    func names(resolvingTo address: HostAddress) -> Set<String> {
        resolvedNames.withLock { $0[address] ?? [] }
    }

    /// The host-side endpoint for an outbound destination, or `nil` when the policy denies it.
    func outbound(_ transport: TransportProtocol, to destination: IPSocketAddress) -> IPSocketAddress? {
        let endpoint = Endpoint(destination)
        guard let granted = policy.outbound(transport, to: endpoint, resolvedFrom: names(resolvingTo: endpoint.address)) else {
            return nil
        }
        return granted.socketAddress(keeping: destination)
    }

    /// The host-side endpoint to bind for a local address, or `nil` when the policy denies it.
    func inbound(_ transport: TransportProtocol, on local: IPSocketAddress) -> IPSocketAddress? {
        guard let granted = policy.inbound(transport, on: Endpoint(local), interfaceAddresses: NetworkInterfaces.addresses(of:)) else {
            return nil
        }
        return granted.socketAddress(keeping: local)
    }

    /// What the component sees for a host-side local address.
    func componentLocal(_ host: IPSocketAddress, _ transport: TransportProtocol) -> IPSocketAddress {
        policy.componentView(ofHostLocal: Endpoint(host), transport: transport).socketAddress(keeping: host)
    }

    /// What the component sees for a host-side remote address.
    func componentRemote(_ host: IPSocketAddress, _ transport: TransportProtocol) -> IPSocketAddress {
        policy.componentView(ofHostRemote: Endpoint(host), transport: transport).socketAddress(keeping: host)
    }
}

extension Endpoint {
    /// The policy's view of a WIT socket address.
    init(_ address: IPSocketAddress) {
        switch address {
        case .ipv4(let v4):
            let (a, b, c, d) = v4.address
            self.init(address: HostAddress(bytes: [a, b, c, d])!, port: v4.port)
        case .ipv6(let v6):
            var bytes: [UInt8] = []
            for segment in NativeSocketAddress.segments(of: v6.address) { bytes += [UInt8(segment >> 8), UInt8(segment & 0xFF)] }
            self.init(address: HostAddress(bytes: bytes)!, port: v6.port)
        }
    }

    /// Back to a WIT socket address, keeping the IPv6 flow info and scope of `original`.
    func socketAddress(keeping original: IPSocketAddress) -> IPSocketAddress {
        let bytes = address.bytes
        if bytes.count == 4 {
            return .ipv4(.init(port: port, address: (bytes[0], bytes[1], bytes[2], bytes[3])))
        }
        var segments = [UInt16](repeating: 0, count: 8)
        for index in 0..<8 { segments[index] = UInt16(bytes[index * 2]) << 8 | UInt16(bytes[index * 2 + 1]) }
        var flowInfo: UInt32 = 0
        var scopeID: UInt32 = 0
        if case .ipv6(let v6) = original {
            flowInfo = v6.flowInfo
            scopeID = v6.scopeID
        }
        return .ipv6(.init(port: port, flowInfo: flowInfo,
                           address: (segments[0], segments[1], segments[2], segments[3], segments[4], segments[5], segments[6], segments[7]),
                           scopeID: scopeID))
    }
}

extension HostAddress {
    /// The WIT form of an IP address.
    var ipAddress: IPAddress {
        switch Endpoint(address: self, port: 0).socketAddress(keeping: .ipv4(.init(port: 0, address: (0, 0, 0, 0)))) {
        case .ipv4(let v4): return .ipv4(v4.address)
        case .ipv6(let v6): return .ipv6(v6.address)
        }
    }
}
