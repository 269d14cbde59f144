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
        // The names are looked up only when a name rule decides.
        guard let granted = policy.outbound(transport, to: endpoint, resolvedFrom: { names(resolvingTo: endpoint.address) }) else {
            return nil
        }
        // A grant keeps the address and at most maps the port.
        return destination.replacingPort(granted.port)
    }

    /// The host-side endpoint to bind for a local address, or `nil` when the policy denies it.
    func inbound(_ transport: TransportProtocol, on local: IPSocketAddress) -> IPSocketAddress? {
        guard let granted = policy.inbound(transport, on: Endpoint(local), interfaceAddresses: NetworkInterfaces.addresses(of:)) else {
            return nil
        }
        return local.replacingPort(granted.port)
    }

    /// What the component sees for a host-side local address (only a mapped port differs).
    func componentLocal(_ host: IPSocketAddress, _ transport: TransportProtocol) -> IPSocketAddress {
        guard policy.mapsPorts(inbound: true, transport) else { return host }
        return host.replacingPort(policy.componentView(ofHostLocal: Endpoint(host), transport: transport).port)
    }

    /// What the component sees for a host-side remote address (only a mapped port differs).
    func componentRemote(_ host: IPSocketAddress, _ transport: TransportProtocol) -> IPSocketAddress {
        guard policy.mapsPorts(inbound: false, transport) else { return host }
        return host.replacingPort(policy.componentView(ofHostRemote: Endpoint(host), transport: transport).port)
    }
}

extension Endpoint {
    /// The policy's view of a WIT socket address.
    init(_ address: IPSocketAddress) {
        switch address {
        case .ipv4(let v4):
            let (a, b, c, d) = v4.address
            let low = UInt64(a) << 24 | UInt64(b) << 16 | UInt64(c) << 8 | UInt64(d)
            self.init(address: HostAddress(high: 0, low: low, isIPv6: false), port: v4.port)
        case .ipv6(let v6):
            let (a, b, c, d, e, f, g, h) = v6.address
            let high = UInt64(a) << 48 | UInt64(b) << 32 | UInt64(c) << 16 | UInt64(d)
            let low = UInt64(e) << 48 | UInt64(f) << 32 | UInt64(g) << 16 | UInt64(h)
            self.init(address: HostAddress(high: high, low: low, isIPv6: true), port: v6.port)
        }
    }
}

extension HostAddress {
    /// The WIT form of an IP address.
    var ipAddress: IPAddress {
        guard isIPv6 else {
            return .ipv4((UInt8(truncatingIfNeeded: low >> 24), UInt8(truncatingIfNeeded: low >> 16),
                          UInt8(truncatingIfNeeded: low >> 8), UInt8(truncatingIfNeeded: low)))
        }
        func segment(_ word: UInt64, _ index: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: word >> (48 - 16 * index)) }
        return .ipv6((segment(high, 0), segment(high, 1), segment(high, 2), segment(high, 3),
                      segment(low, 0), segment(low, 1), segment(low, 2), segment(low, 3)))
    }
}
