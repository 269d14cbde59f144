import Synchronization
import WASINetworking

/// What every resource of one runtime shares: the access policy and the
/// record of which names resolved to which addresses (a name rule covers only
/// the addresses its own lookup returned).
final class RuntimeContext: Sendable {
    let policy: NetworkPolicy
    private let resolvedNames = Mutex<[HostAddress: Set<String>]>([:])
    /// Whether outbound grants may be remembered, per transport (see ``OutboundGrantCache``).
    private let remembersTCPGrants: Bool, remembersUDPGrants: Bool
    /// The last TCP destination granted: every connect starts from a new socket, so the
    /// runtime remembers it, not the socket.
    let lastTCPGrant = OutboundGrantCache()
    /// Whether any rule grants something of the transport: without one, creating a socket is denied.
    let grantsTCP: Bool, grantsUDP: Bool

    init(policy: NetworkPolicy) {
        self.policy = policy
        remembersTCPGrants = !policy.outboundDependsOnLookups(.tcp)
        remembersUDPGrants = !policy.outboundDependsOnLookups(.udp)
        grantsTCP = policy.grantsAny(.tcp)
        grantsUDP = policy.grantsAny(.udp)
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

    /// ``outbound(_:to:)`` through a one-entry cache of the last grant: a destination granted
    /// before gets the same answer without a new check, when the policy cannot change its mind.
    @inline(__always)
    func outbound(_ transport: TransportProtocol, to destination: IPSocketAddress,
                  remembering cache: borrowing OutboundGrantCache) -> IPSocketAddress? {
        let remembers = transport == .tcp ? remembersTCPGrants : remembersUDPGrants
        if remembers, let port = cache.hostPort(for: destination) { return destination.replacingPort(port) }
        guard let host = outbound(transport, to: destination) else { return nil }
        if remembers { cache.remember(destination, hostPort: host.port) }
        return host
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
    @inline(__always)
    func componentRemote(_ host: IPSocketAddress, _ transport: TransportProtocol) -> IPSocketAddress {
        guard policy.mapsPorts(inbound: false, transport) else { return host }
        return host.replacingPort(policy.componentView(ofHostRemote: Endpoint(host), transport: transport).port)
    }
}

/// A one-entry cache of the last IPv4 destination the policy granted and the host-side port it
/// maps to, in one atomic word (address, port, host port; 0 when empty: the unspecified address
/// is never granted), so that repeated sends or connects to one peer skip the policy check.
/// Only used when the check cannot change its answer (``NetworkPolicy/outboundDependsOnLookups(_:)``);
/// IPv6 destinations are always checked.
struct OutboundGrantCache: ~Copyable, Sendable {
    private let entry = Atomic<UInt64>(0)

    init() {}

    /// The address and port of an IPv4 destination in the cache's upper 48 bits.
    @inline(__always)
    private static func key(_ v4: WASINetworking.Socket.IPv4SocketAddress) -> UInt64 {
        let (a, b, c, d) = v4.address
        return UInt64(a) << 40 | UInt64(b) << 32 | UInt64(c) << 24 | UInt64(d) << 16 | UInt64(v4.port)
    }

    /// The host-side port granted for `destination` before, or `nil`.
    @inline(__always)
    func hostPort(for destination: IPSocketAddress) -> UInt16? {
        guard case .ipv4(let v4) = destination else { return nil }
        let word = entry.load(ordering: .relaxed)
        guard word != 0, word >> 16 == Self.key(v4) else { return nil }
        return UInt16(truncatingIfNeeded: word)
    }

    /// Remembers that `destination` was granted with `hostPort` (replacing the previous grant).
    @inline(__always)
    func remember(_ destination: IPSocketAddress, hostPort: UInt16) {
        guard case .ipv4(let v4) = destination else { return }
        let word = Self.key(v4) << 16 | UInt64(hostPort)
        // No store when nothing changes: the word stays shared in every reader's cache.
        if entry.load(ordering: .relaxed) != word { entry.store(word, ordering: .relaxed) }
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
