/// A closed range of ports, as two plain words.
struct PortRange: Sendable {
    var lower: UInt16
    var upper: UInt16

    @inline(__always)
    func contains(_ port: UInt16) -> Bool { lower <= port && port <= upper }
}

/// One rule of one direction and one transport, flattened for the check path:
/// plain words only, so a check runs over contiguous memory with no reference
/// counting, no allocation and no dynamic dispatch.
struct CompiledRule: Sendable {
    /// An address matches when `address & mask == value` in both words: all-zero
    /// masks for `*`, all-one masks for an address literal, the first byte for
    /// 127.0.0.0/8.
    var maskHigh: UInt64
    var maskLow: UInt64
    var valueHigh: UInt64
    var valueLow: UInt64
    /// The first port range; any others are `extraPorts[extraStart..<extraEnd]` of the table.
    var ports: PortRange
    var extraStart: Int32
    var extraEnd: Int32
    /// The host-side port (`->PORT`), or -1 to keep the component's.
    var mappedPort: Int32
    /// The families the rule applies to: bit 0 IPv4, bit 1 IPv6 (none: never matches).
    var families: UInt8
    /// Whether the host is the interface `interfaces[source]` of the table,
    /// matched by the caller once everything else has matched.
    var matchesBySource: Bool
    var source: Int32
    /// The rule's place in the table's order: of two matching rules, the lower one decides.
    var position: Int32

    /// Whether the host is exactly one address (and the rule can match at all).
    var isOneAddress: Bool { maskHigh == ~0 && maskLow == ~0 && !matchesBySource && families.nonzeroBitCount == 1 }
}

/// A port mapping undone for what the component sees: a host-side `hostPort`
/// (of `address`, when the rule names one) is the component's `componentPort`.
struct PortMapping: Sendable {
    var hostPort: UInt16
    var componentPort: UInt16
    var address: HostAddress?
}

/// The rules of one direction and one transport, compiled as the policy is built, each in
/// constant amortised time. The first rule in policy order that matches decides. Rules
/// naming one address or one host name are looked up by it (so a check costs the same for
/// 10 rules as for 10,000); the others (`*`, `localhost`, interfaces) are scanned.
struct RuleTable: Sendable {
    /// How many entries the table holds (the next entry's position).
    private var count: Int32 = 0
    /// The entries whose host is neither one address nor a name, in policy order.
    private var scanned: [CompiledRule] = []
    /// The entries whose host is one address, by that address, each list in policy order.
    private var byAddress: [HostAddress: [CompiledRule]] = [:]
    /// The entries whose host is a name or `*.suffix`, in policy order, and their indices
    /// by exact name and by suffix (`example.com` for `*.example.com`).
    private var named: [CompiledRule] = []
    private var namedByName: [String: [Int32]] = [:]
    private var namedBySuffix: [String: [Int32]] = [:]
    private var extraPorts: [PortRange] = []
    /// The interface names of the scanned entries matched by the caller.
    private var interfaces: [String] = []
    private(set) var mappings: [PortMapping] = []
    /// `mappings` by host-side port (indices, in policy order): undoing a mapping looks up its port.
    private var mappingsByHostPort: [UInt16: [Int32]] = [:]
    /// The index insertions building has made: what building costs, which stays linear in the
    /// number of rules.
    private(set) var indexWork = 0

    /// Whether every rule decides by address and port alone (no name, `*.suffix` or interface
    /// host): then the same address and port always get the same answer.
    var decidesByAddressAlone: Bool { interfaces.isEmpty && named.isEmpty }

    /// The family bit of ``CompiledRule/families`` for an address.
    @inline(__always)
    static func familyBit(_ address: HostAddress) -> UInt8 { address.isIPv6 ? 2 : 1 }

    static func familyBits(_ family: AddressFamily?) -> UInt8 {
        switch family {
        case .ipv4?: return 1
        case .ipv6?: return 2
        case nil: return 3
        }
    }

    /// Adds a rule: `host`, `family`, `ports` and `mappedPort` as the rule says. A port mapping
    /// is undone only for `mappingAddress` when given. (`.loopback` and `.interface` are
    /// inbound forms, `.name` and `.subdomains` outbound ones.)
    mutating func append(host: HostPattern, family: AddressFamily?, ports: PortSet, mappedPort: UInt16?,
                         mappingAddress: HostAddress?) {
        var rule = CompiledRule(maskHigh: 0, maskLow: 0, valueHigh: 0, valueLow: 0, ports: PortRange(lower: 0, upper: 65535),
                                extraStart: 0, extraEnd: 0, mappedPort: mappedPort.map(Int32.init) ?? -1,
                                families: Self.familyBits(family), matchesBySource: false, source: 0, position: 0)
        if !ports.any {
            // A parsed rule has at least one range; an empty set matches no port.
            rule.ports = ports.ranges.first.map { PortRange(lower: $0.lowerBound, upper: $0.upperBound) } ?? PortRange(lower: 1, upper: 0)
            rule.extraStart = Int32(extraPorts.count)
            for range in ports.ranges.dropFirst() { extraPorts.append(PortRange(lower: range.lowerBound, upper: range.upperBound)) }
            rule.extraEnd = Int32(extraPorts.count)
        }
        switch host {
        case .any:
            add(rule)
        case .address(let address):
            rule.families &= Self.familyBit(address)
            (rule.maskHigh, rule.maskLow) = (~0, ~0)
            (rule.valueHigh, rule.valueLow) = (address.high, address.low)
            add(rule)
        case .name(let name):
            add(rule, named: name, bySuffix: false)
        case .subdomains(let suffix):
            add(rule, named: String(suffix.dropFirst()), bySuffix: true)
        case .interface(let name):
            rule.matchesBySource = true
            rule.source = Int32(interfaces.count)
            interfaces.append(name)
            add(rule)
        case .loopback:
            // Two entries, one per family, one after the other in the order.
            var v4 = rule
            v4.families &= 1
            (v4.maskLow, v4.valueLow) = (0xFFFF_FFFF_FF00_0000, 0x7F00_0000)
            add(v4)
            var v6 = rule
            v6.families &= 2
            (v6.maskHigh, v6.maskLow, v6.valueLow) = (~0, ~0, 1)
            add(v6)
        }
        if let mappedPort, let single = ports.single {
            mappingsByHostPort[mappedPort, default: []].append(Int32(mappings.count))
            mappings.append(PortMapping(hostPort: mappedPort, componentPort: single, address: mappingAddress))
        }
    }

    /// Adds an entry of an address, `*`, `localhost` or interface host.
    private mutating func add(_ rule: CompiledRule) {
        var rule = rule
        rule.position = count
        count += 1
        if rule.families == 0 { return }
        guard rule.isOneAddress else {
            scanned.append(rule)
            return
        }
        byAddress[HostAddress(high: rule.valueHigh, low: rule.valueLow, isIPv6: rule.families == 2), default: []].append(rule)
        indexWork += 1
    }

    /// Adds an entry of a host name (`*.name` when `bySuffix`).
    private mutating func add(_ rule: CompiledRule, named name: String, bySuffix: Bool) {
        var rule = rule
        rule.position = count
        count += 1
        if rule.families == 0 { return }
        let index = Int32(named.count)
        named.append(rule)
        if bySuffix {
            namedBySuffix[name, default: []].append(index)
        } else {
            namedByName[name, default: []].append(index)
        }
        indexWork += 1
    }

    /// The host-side port for the first rule that grants `address` and `port`, or `nil` (also
    /// when the component would not see `port` again through the port mappings).
    /// `names` (asked for only when a name rule could decide) are the names whose lookups
    /// returned the address; `onInterface` decides an interface host, only once everything
    /// else matched.
    @inline(__always)
    func grant(_ address: HostAddress, port: UInt16, resolvedFrom names: () -> Set<String>,
               onInterface: (String) -> Bool) -> UInt16? {
        let family = Self.familyBit(address)
        let (high, low) = (address.high, address.low)
        var found = byAddress[address]?.first { portMatches(port, $0) }
        if let first = named.first, found.map({ $0.position > first.position }) ?? true {
            for name in names() {
                if let rules = namedByName[name] { firstMatch(rules, family: family, port: port, improving: &found) }
                var rest = Substring(name)
                while let dot = rest.firstIndex(of: ".") {
                    rest = rest[rest.index(after: dot)...]
                    if let rules = namedBySuffix[String(rest)] { firstMatch(rules, family: family, port: port, improving: &found) }
                }
            }
        }
        for rule in scanned {
            if let found, found.position < rule.position { break }
            // Family and host in one test: any differing bit is a miss.
            let miss = (high & rule.maskHigh ^ rule.valueHigh) | (low & rule.maskLow ^ rule.valueLow) | UInt64(~rule.families & family)
            guard miss == 0, portMatches(port, rule) else { continue }
            if rule.matchesBySource, !onInterface(interfaces[Int(rule.source)]) { continue }
            found = rule
            break
        }
        guard let found else { return nil }
        let hostPort = found.mappedPort < 0 ? port : UInt16(truncatingIfNeeded: found.mappedPort)
        // The component must see the port it asked for: a host port that another rule maps
        // to would show it that rule's port instead (`*:80->8888` and `*:*`, binding 8888).
        if !mappings.isEmpty, componentPort(ofHost: address, port: hostPort) != port { return nil }
        return hostPort
    }

    /// The first of `rules` (indices into `named`, in policy order) that grants the family and
    /// port, when it comes before `found`.
    private func firstMatch(_ rules: [Int32], family: UInt8, port: UInt16, improving found: inout CompiledRule?) {
        for index in rules {
            let rule = named[Int(index)]
            if let current = found, current.position < rule.position { return }
            guard rule.families & family != 0, portMatches(port, rule) else { continue }
            found = rule
            return
        }
    }

    private func portMatches(_ port: UInt16, _ rule: CompiledRule) -> Bool {
        if rule.ports.contains(port) { return true }
        guard rule.extraStart < rule.extraEnd else { return false }
        return extraPorts[Int(rule.extraStart)..<Int(rule.extraEnd)].contains { $0.contains(port) }
    }

    /// The component's port for a host-side one (port mappings undone).
    @inline(__always)
    func componentPort(ofHost address: HostAddress, port: UInt16) -> UInt16 {
        if mappings.isEmpty { return port }
        guard let candidates = mappingsByHostPort[port] else { return port }
        for index in candidates {
            let mapping = mappings[Int(index)]
            if let required = mapping.address, required != address { continue }
            return mapping.componentPort
        }
        return port
    }
}
