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
    /// For a rule of one address: the next rule of the same address in the table's `exact`
    /// list (policy order), or -1.
    var next: Int32 = -1

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

/// The rules of one address, in a hash index: a chain through `exact` of the table.
struct AddressSlot: Sendable {
    var high: UInt64
    var low: UInt64
    /// The family bit; 0 for an empty slot.
    var family: UInt8
    /// The first and the last rule of the chain (indices into `exact`).
    var first: Int32
    var last: Int32
}

/// The rules of one direction and one transport, compiled as the policy is built, each in
/// constant amortised time. The first rule in policy order that matches decides. Rules
/// naming one address are found through a hash index on the address, rules naming a host
/// name through dictionaries on the name and on `*.suffix`; the others (`*`, `localhost`,
/// interfaces) are scanned.
struct RuleTable: Sendable {
    /// How many entries the table holds (the next entry's position).
    private var count: Int32 = 0
    /// The entries whose host is neither one address nor a name, in policy order.
    private var scanned: [CompiledRule] = []
    /// The entries whose host is one address, in policy order, chained per address.
    private var exact: [CompiledRule] = []
    /// The open-addressing index of `exact`, a power of two long, at most half full.
    private var slots: [AddressSlot] = []
    private var usedSlots = 0
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
    /// The slot writes indexing has made, rehashing included: what building costs, which
    /// stays linear in the number of rules.
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
        let index = Int32(exact.count)
        exact.append(rule)
        if let slot = slot(rule.valueHigh, rule.valueLow, rule.families) {
            exact[Int(slots[slot].last)].next = index
            slots[slot].last = index
            indexWork += 1
            return
        }
        if (usedSlots + 1) * 2 > slots.count { grow() }
        insert(AddressSlot(high: rule.valueHigh, low: rule.valueLow, family: rule.families, first: index, last: index))
        usedSlots += 1
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

    /// The slot holding the chain of an address, if any.
    private func slot(_ high: UInt64, _ low: UInt64, _ family: UInt8) -> Int? {
        if slots.isEmpty { return nil }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: Self.hash(high, low, family)) & mask
        while slots[index].family != 0 {
            if slots[index].high == high, slots[index].low == low, slots[index].family == family { return index }
            index = (index + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ slot: AddressSlot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: Self.hash(slot.high, slot.low, slot.family)) & mask
        while slots[index].family != 0 { index = (index + 1) & mask }
        slots[index] = slot
        indexWork += 1
    }

    /// Doubles the index (each doubling moves every used slot once: constant amortised time per rule).
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: AddressSlot(high: 0, low: 0, family: 0, first: 0, last: 0), count: max(4, old.count * 2))
        for slot in old where slot.family != 0 { insert(slot) }
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
        var found = exactMatch(high, low, family, port: port)
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
        scanned.withUnsafeBufferPointer { rules in
            for rule in rules {
                if let found, found.position < rule.position { return }
                // Family and host in one test: any differing bit is a miss.
                let miss = (high & rule.maskHigh ^ rule.valueHigh) | (low & rule.maskLow ^ rule.valueLow) | UInt64(~rule.families & family)
                guard miss == 0, portMatches(port, rule) else { continue }
                if rule.matchesBySource, !onInterface(interfaces[Int(rule.source)]) { continue }
                found = rule
                return
            }
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
                        var next = slot.first
                        while next >= 0 {
                            let rule = rules[Int(next)]
                            if portMatches(port, rule) { return rule }
                            next = rule.next
                        }
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
        guard let candidates = mappingsByHostPort[port] else { return port }
        for index in candidates {
            let mapping = mappings[Int(index)]
            if let required = mapping.address, required != address { continue }
            return mapping.componentPort
        }
        return port
    }
}
