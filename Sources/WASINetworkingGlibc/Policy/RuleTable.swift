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
    /// Whether the host (a name, `*.suffix`, an interface) is `hosts[source]` of the table,
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

/// The rules of one address, in a hash index: `exact[start..<end]` of the table.
struct AddressSlot: Sendable {
    var high: UInt64
    var low: UInt64
    /// The family bit; 0 for an empty slot.
    var family: UInt8
    var start: Int32
    var end: Int32
}

/// The rules of one direction and one transport, compiled once when the policy is
/// built. The first rule in policy order that matches decides. Rules naming one
/// address are found through a hash index on the address, the others are scanned.
struct RuleTable: Sendable {
    /// Every rule, in policy order (a rule's position is its index here).
    private var all: [CompiledRule] = []
    /// The rules whose host is not one address, in policy order.
    private var scanned: [CompiledRule] = []
    /// The rules whose host is one address, grouped by address (policy order within a group).
    private var exact: [CompiledRule] = []
    /// The open-addressing index of `exact`, a power of two long, at most half full.
    private var slots: [AddressSlot] = []
    private var extraPorts: [PortRange] = []
    /// The hosts of the rules matched by the caller.
    private var hosts: [HostPattern] = []
    private(set) var mappings: [PortMapping] = []

    /// Whether every rule decides by address and port alone (no name, `*.suffix` or interface
    /// host): then the same address and port always get the same answer.
    var decidesByAddressAlone: Bool { hosts.isEmpty }

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

    /// The first slot to probe for an address.
    @inline(__always)
    static func hash(_ high: UInt64, _ low: UInt64, _ family: UInt8) -> UInt64 {
        var value = high ^ (low &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(family)
        value = (value ^ (value >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return value ^ (value >> 29)
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
        case .name, .subdomains, .interface:
            rule.matchesBySource = true
            rule.source = Int32(hosts.count)
            hosts.append(host)
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
            mappings.append(PortMapping(hostPort: mappedPort, componentPort: single, address: mappingAddress))
        }
    }

    private mutating func add(_ rule: CompiledRule) {
        var rule = rule
        rule.position = Int32(all.count)
        all.append(rule)
        reindex()
    }

    /// Rebuilds the scanned list and the address index from `all` (policies are built once,
    /// from a few rules).
    private mutating func reindex() {
        scanned = all.filter { !$0.isOneAddress && $0.families != 0 }
        var groups: [[CompiledRule]] = []
        var groupOf: [HostAddress: Int] = [:]
        for rule in all where rule.isOneAddress {
            let address = HostAddress(high: rule.valueHigh, low: rule.valueLow, isIPv6: rule.families == 2)
            if let group = groupOf[address] {
                groups[group].append(rule)
            } else {
                groupOf[address] = groups.count
                groups.append([rule])
            }
        }
        exact = []
        slots = []
        guard !groups.isEmpty else { return }
        var capacity = 4
        while capacity < groups.count * 2 { capacity *= 2 }
        slots = Array(repeating: AddressSlot(high: 0, low: 0, family: 0, start: 0, end: 0), count: capacity)
        for group in groups {
            let first = group[0]
            var index = Int(truncatingIfNeeded: Self.hash(first.valueHigh, first.valueLow, first.families) & UInt64(capacity - 1))
            while slots[index].family != 0 { index = (index + 1) & (capacity - 1) }
            slots[index] = AddressSlot(high: first.valueHigh, low: first.valueLow, family: first.families,
                                       start: Int32(exact.count), end: Int32(exact.count + group.count))
            exact += group
        }
    }

    /// The host-side port for the first rule that grants `address` and `port`, or `nil`.
    /// `matchesHost` decides a name or interface host, only once everything else matched.
    @inline(__always)
    func grant(_ address: HostAddress, port: UInt16, matchesHost: (HostPattern) -> Bool) -> UInt16? {
        let family = Self.familyBit(address)
        let (high, low) = (address.high, address.low)
        var found = exactMatch(high, low, family, port: port)
        scanned.withUnsafeBufferPointer { rules in
            for rule in rules {
                if let found, found.position < rule.position { return }
                // Family and host in one test: any differing bit is a miss.
                let miss = (high & rule.maskHigh ^ rule.valueHigh) | (low & rule.maskLow ^ rule.valueLow) | UInt64(~rule.families & family)
                guard miss == 0, portMatches(port, rule) else { continue }
                if rule.matchesBySource, !matchesHost(hosts[Int(rule.source)]) { continue }
                found = rule
                return
            }
        }
        guard let found else { return nil }
        return found.mappedPort < 0 ? port : UInt16(truncatingIfNeeded: found.mappedPort)
    }

    /// The first rule naming exactly this address that grants `port`.
    @inline(__always)
    private func exactMatch(_ high: UInt64, _ low: UInt64, _ family: UInt8, port: UInt16) -> CompiledRule? {
        if slots.isEmpty { return nil }
        return slots.withUnsafeBufferPointer { slots -> CompiledRule? in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: Self.hash(high, low, family)) & mask
            while slots[index].family != 0 {
                let slot = slots[index]
                if slot.high == high, slot.low == low, slot.family == family {
                    return exact.withUnsafeBufferPointer { rules -> CompiledRule? in
                        for rule in rules[Int(slot.start)..<Int(slot.end)] where portMatches(port, rule) { return rule }
                        return nil
                    }
                }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    @inline(__always)
    private func portMatches(_ port: UInt16, _ rule: CompiledRule) -> Bool {
        if rule.ports.contains(port) { return true }
        guard rule.extraStart < rule.extraEnd else { return false }
        return extraPorts.withUnsafeBufferPointer { ranges in
            for index in Int(rule.extraStart)..<Int(rule.extraEnd) where ranges[index].contains(port) { return true }
            return false
        }
    }

    /// The component's port for a host-side one (port mappings undone).
    @inline(__always)
    func componentPort(ofHost address: HostAddress, port: UInt16) -> UInt16 {
        if mappings.isEmpty { return port }
        for mapping in mappings where mapping.hostPort == port {
            if let required = mapping.address, required != address { continue }
            return mapping.componentPort
        }
        return port
    }
}
