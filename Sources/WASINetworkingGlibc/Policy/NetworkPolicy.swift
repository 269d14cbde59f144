/// The reference runtime's access policy: which names may be resolved, which
/// destinations reached, which local addresses listened on, and how names,
/// addresses and ports are mapped. Everything not granted is denied.
///
/// Rules come from `--allow-resolve`, `--allow-outbound` and `--allow-inbound`
/// (see networking.md for every form). The policy is a value: parsing happens
/// once, each rule is indexed as it is added (in constant amortised time), and a check
/// looks up the rules of its address or name instead of scanning them all.
public struct NetworkPolicy: Sendable {
    var resolveRules: [ResolveRule] = []
    var outboundRules: [OutboundRule] = []
    var inboundRules: [InboundRule] = []
    /// The outbound and inbound rules compiled for checks, one table per direction and
    /// transport, in policy order.
    var outboundTCP = RuleTable(), outboundUDP = RuleTable()
    var inboundTCP = RuleTable(), inboundUDP = RuleTable()
    /// The resolve rules by exact name, by the suffix of `*.suffix` (without its dot), and `*`:
    /// indices into `resolveRules`, in policy order.
    var resolveByName: [String: [Int]] = [:]
    var resolveBySuffix: [String: [Int]] = [:]
    var resolveAny: [Int] = []
    /// Every mapped name (`name->ADDR`), with the first rule that mapped it and its answer:
    /// a second rule giving the name another answer is an error, whatever the order.
    var nameMappings: [String: (rule: String, addresses: [HostAddress])] = [:]
    /// The port mappings by direction, transport and host-side port: two rules mapping two
    /// ports of the component to one host port (for one address) would make it see the wrong one.
    var portMappings: [PortMappingKey: PortMappingTargets] = [:]
    /// The network interface names inbound rules may name; `nil`: this machine's, asked for
    /// when a rule first names an interface.
    var interfaceNames: [String]?

    /// A policy that denies everything.
    public init() {}

    /// A policy from command-line flags: `--allow-resolve=RULE` (or the flag and the rule
    /// as two arguments). Any other argument is an error. `interfaceNames`: the interfaces
    /// an inbound rule may name (by default this machine's).
    public init(arguments: [String], interfaceNames: [String]? = nil) throws(NetworkPolicyError) {
        self.interfaceNames = interfaceNames
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            // The `=` byte, not the `=` character: a value that starts with a combining mark
            // joins the `=` into one character, and the flag would not be found.
            if let equals = argument.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let flag = String(argument[..<equals]).drop { $0 == "-" }
                try add(flag: String(flag), value: String(argument[argument.utf8.index(after: equals)...]))
            } else if argument.hasPrefix("--allow-"), index + 1 < arguments.count {
                try add(flag: String(argument.dropFirst(2)), value: arguments[index + 1])
                index += 1
            } else {
                throw NetworkPolicyError(rule: argument, position: 1, message: "expected --allow-resolve, --allow-outbound or --allow-inbound with a rule")
            }
            index += 1
        }
    }

    /// Whether nothing at all is granted.
    public var isEmpty: Bool { resolveRules.isEmpty && outboundRules.isEmpty && inboundRules.isEmpty }

    /// Whether any rule mentions the transport (a capability of that kind can do something).
    public func grantsAny(_ transport: TransportProtocol) -> Bool {
        outboundRules.contains { $0.transport == transport } || inboundRules.contains { $0.transport == transport }
    }

    /// Adds one rule: `flag` is `allow-resolve`, `allow-outbound` or `allow-inbound`.
    public mutating func add(flag: String, value: String) throws(NetworkPolicyError) {
        let rule = "--\(flag)=\(value)"
        var parser = RuleParser(rule: rule, value: value)
        switch flag {
        case "allow-resolve": try addResolve(&parser)
        case "allow-outbound": try addOutbound(&parser)
        case "allow-inbound": try addInbound(&parser)
        default: throw NetworkPolicyError(rule: rule, position: 1, message: "unknown flag --\(flag)")
        }
    }

    private mutating func addResolve(_ parser: inout RuleParser) throws(NetworkPolicyError) {
        let start = parser.position
        let text = parser.token(until: ["#", "-"]) + continuation(&parser)
        let host = try parser.hostName(text, at: start, allowWildcard: true, addressesAllowed: false)
        var mapped: [HostAddress]?
        if parser.take("->") {
            guard case .name = host else { throw parser.error("only a plain name can be mapped", at: start) }
            let addressStart = parser.position
            let list = parser.token(until: ["#"])
            guard !list.isEmpty else { throw parser.error("dangling `->`", at: addressStart - 2) }
            var addresses: [HostAddress] = []
            var offset = addressStart
            for item in list.split(separator: ",", omittingEmptySubsequences: false) {
                let text = String(item).trimmingBrackets()
                guard let address = HostAddress(text) else { throw parser.error("invalid address `\(item)`", at: offset) }
                try Self.checkMappedAddress(address, text: String(item), at: offset, parser)
                addresses.append(address)
                offset += item.count + 1
            }
            mapped = addresses
        }
        let familyStart = parser.position
        let family = try parser.familySuffix()
        if let mapped, let family, !mapped.contains(where: { $0.family == family }) {
            throw parser.error("`#\(family == .ipv4 ? "ipv4" : "ipv6")-only` leaves none of the mapped addresses", at: familyStart)
        }
        if case .name(let name) = host, let mapped {
            try checkMapping(of: name, to: mapped, parser, at: start)
            recordMapping(of: name, to: mapped, parser)
        }
        appendResolve(ResolveRule(host: host, family: family, mapped: mapped))
    }

    /// An address a name is mapped to must be one a lookup can return and a connection reach.
    private static func checkMappedAddress(_ address: HostAddress, text: String, at offset: Int,
                                           _ parser: RuleParser) throws(NetworkPolicyError) {
        if address.isUnspecified { throw parser.error("`\(text)` is the unspecified address, never a destination", at: offset) }
        if let v4 = address.ipv4Mapped {
            throw parser.error("`\(text)` is an IPv4-mapped address, never an answer (IPv6 sockets are IPv6-only); write `\(v4)`", at: offset)
        }
    }

    /// Refuses a mapping of `name` to `addresses` when an earlier rule mapped it to another answer.
    private func checkMapping(of name: String, to addresses: [HostAddress], _ parser: RuleParser,
                              at offset: Int) throws(NetworkPolicyError) {
        guard let earlier = nameMappings[name], earlier.addresses != addresses else { return }
        let answer = { (list: [HostAddress]) in list.map(\.description).joined(separator: ",") }
        throw parser.error("`\(name)` is mapped to \(answer(addresses)) here but to \(answer(earlier.addresses)) by `\(earlier.rule)`; a name has one mapping", at: offset)
    }

    /// Remembers (once checked) that the parser's rule maps `name` to `addresses`.
    private mutating func recordMapping(of name: String, to addresses: [HostAddress], _ parser: RuleParser) {
        if nameMappings[name] == nil { nameMappings[name] = (parser.rule, addresses) }
    }

    /// Refuses a mapping of `componentPort` to the key's host port (for `address`, or any address)
    /// when an earlier rule maps another component port there for the same address.
    private func checkPortMapping(_ key: PortMappingKey, from componentPort: UInt16, address: HostAddress?,
                                  _ parser: RuleParser, at offset: Int) throws(NetworkPolicyError) {
        guard let targets = portMappings[key] else { return }
        var other: (rule: String, port: UInt16)?
        if let any = targets.anyAddress, any.port != componentPort { other = any }
        if let address {
            if let earlier = targets.byAddress[address], earlier.port != componentPort { other = other ?? earlier }
        } else if let witness = targets.byComponentPort.first(where: { $0.key != componentPort }) {
            other = other ?? (witness.value, witness.key)
        }
        if let other {
            throw parser.error("host port \(key.hostPort) is already where port \(other.port) is mapped by `\(other.rule)`; the component could not tell port \(componentPort) from port \(other.port)", at: offset)
        }
    }

    /// Remembers (once checked) that the parser's rule maps `componentPort` to the key's host port.
    private mutating func recordPortMapping(_ key: PortMappingKey, from componentPort: UInt16, address: HostAddress?,
                                            _ parser: RuleParser) {
        var targets = portMappings[key] ?? PortMappingTargets()
        if let address {
            if targets.byAddress[address] == nil { targets.byAddress[address] = (parser.rule, componentPort) }
        } else if targets.anyAddress == nil {
            targets.anyAddress = (parser.rule, componentPort)
        }
        if targets.byComponentPort[componentPort] == nil { targets.byComponentPort[componentPort] = parser.rule }
        portMappings[key] = targets
    }

    private mutating func appendResolve(_ rule: ResolveRule) {
        let index = resolveRules.count
        resolveRules.append(rule)
        switch rule.host {
        case .name(let name): resolveByName[name, default: []].append(index)
        case .subdomains(let suffix): resolveBySuffix[String(suffix.dropFirst()), default: []].append(index)
        default: resolveAny.append(index)
        }
    }

    /// The rest of a name after a `-` that is not the start of `->`.
    private func continuation(_ parser: inout RuleParser) -> String {
        var text = ""
        while !parser.atEnd, parser.characters[parser.position] == "-",
              parser.position + 1 >= parser.characters.count || parser.characters[parser.position + 1] != ">" {
            parser.position += 1
            text += "-" + parser.token(until: ["#", "-"])
        }
        return text
    }

    private mutating func addOutbound(_ parser: inout RuleParser) throws(NetworkPolicyError) {
        let transport = try parser.scheme()
        let (text, offset, literal) = try parser.host()
        var host: HostPattern
        if let literal {
            if literal.isUnspecified { throw parser.error("`\(text)` is the unspecified address, never a destination", at: offset) }
            if let v4 = literal.ipv4Mapped {
                throw parser.error("`\(text)` is an IPv4-mapped address, never reached (IPv6 sockets are IPv6-only); write `\(v4)`", at: offset)
            }
            host = .address(literal)
        } else {
            host = try parser.hostName(text, at: offset, allowWildcard: true, addressesAllowed: true)
        }
        var mappedAddress: HostAddress?
        if parser.take("->") {
            guard case .name(let name) = host else { throw parser.error("only a host name can be mapped", at: offset) }
            let start = parser.position
            let target = try parser.host()
            guard let address = target.literal else { throw parser.error("`->` must be followed by an IP address", at: start) }
            try Self.checkMappedAddress(address, text: target.text, at: start, parser)
            mappedAddress = address
            host = .name(name)
        }
        guard parser.take(":") else { throw parser.error("missing port (expected `:PORT`)") }
        let ports = try parser.ports(zeroAllowed: false)
        let mappingStart = parser.position
        let mappedPort = try parser.portMapping(for: ports, inbound: false)
        let familyStart = parser.position
        let family = try parser.familySuffix()
        // A mapped port is undone only for the rule's own address (the mapped one or the literal).
        var mappingAddress = mappedAddress
        if case .address(let literal) = host { mappingAddress = literal }
        if let family, let address = mappingAddress, address.family != family {
            throw parser.error("`#\(family == .ipv4 ? "ipv4" : "ipv6")-only` contradicts the address \(address)", at: familyStart)
        }
        // Every check before anything is recorded: a refused rule leaves the policy as it was.
        if case .name(let name) = host, let mappedAddress { try checkMapping(of: name, to: [mappedAddress], parser, at: offset) }
        let portKey = PortMappingKey(inbound: false, transport: transport, hostPort: mappedPort ?? 0)
        if mappedPort != nil, let single = ports.single {
            try checkPortMapping(portKey, from: single, address: mappingAddress, parser, at: mappingStart)
            recordPortMapping(portKey, from: single, address: mappingAddress, parser)
        }
        if case .name(let name) = host, let mappedAddress { recordMapping(of: name, to: [mappedAddress], parser) }
        outboundRules.append(OutboundRule(transport: transport, host: host, ports: ports, family: family,
                                          mappedPort: mappedPort, mappedAddress: mappedAddress))
        switch transport {
        case .tcp: outboundTCP.append(host: host, family: family, ports: ports, mappedPort: mappedPort, mappingAddress: mappingAddress)
        case .udp: outboundUDP.append(host: host, family: family, ports: ports, mappedPort: mappedPort, mappingAddress: mappingAddress)
        }
        // A name in an outbound rule may be looked up (and is mapped there too).
        switch host {
        case .name, .subdomains:
            appendResolve(ResolveRule(host: host, family: family, mapped: mappedAddress.map { [$0] }))
        default:
            break
        }
    }

    private mutating func addInbound(_ parser: inout RuleParser) throws(NetworkPolicyError) {
        let transport = try parser.scheme()
        let (text, offset, literal) = try parser.host()
        let host: HostPattern
        if let literal {
            if let v4 = literal.ipv4Mapped {
                throw parser.error("`\(text)` is an IPv4-mapped address, never bound (IPv6 sockets are IPv6-only); write `\(v4)`", at: offset)
            }
            host = .address(literal)
        } else if text == "*" {
            host = .any
        } else if IDNA.asciiName(text) == "localhost" {
            host = .loopback
        } else {
            host = .interface(try interface(text, at: offset, parser))
        }
        guard parser.take(":") else { throw parser.error("missing port (expected `:PORT`)") }
        let ports = try parser.ports(zeroAllowed: true)
        let mappingStart = parser.position
        let mappedPort = try parser.portMapping(for: ports, inbound: true)
        if !parser.atEnd {
            let rest = String(parser.characters[parser.position...])
            throw parser.error(rest.hasPrefix("#") ? "an inbound rule takes no family suffix (its address or interface decides)"
                                                   : "unexpected `\(rest)`")
        }
        if let mappedPort, let single = ports.single {
            // What the component sees of a local endpoint depends on its port alone (any address).
            let key = PortMappingKey(inbound: true, transport: transport, hostPort: mappedPort)
            try checkPortMapping(key, from: single, address: nil, parser, at: mappingStart)
            recordPortMapping(key, from: single, address: nil, parser)
        }
        inboundRules.append(InboundRule(transport: transport, host: host, ports: ports, mappedPort: mappedPort))
        // `localhost` in an inbound rule may be looked up, as a name in an outbound rule may.
        if case .loopback = host { appendResolve(ResolveRule(host: .name("localhost"), family: nil, mapped: nil)) }
        switch transport {
        case .tcp: inboundTCP.append(host: host, family: nil, ports: ports, mappedPort: mappedPort, mappingAddress: nil)
        case .udp: inboundUDP.append(host: host, family: nil, ports: ports, mappedPort: mappedPort, mappingAddress: nil)
        }
    }

    /// An inbound host that is not an address, `*` or `localhost` names an interface, which
    /// must exist: a misspelt host (`locahost`) would otherwise be a rule that never matches.
    private mutating func interface(_ text: String, at offset: Int, _ parser: RuleParser) throws(NetworkPolicyError) -> String {
        guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw parser.error("invalid interface name `\(text)`", at: offset)
        }
        if interfaceNames == nil { interfaceNames = NetworkInterfaces.names() }
        let known = interfaceNames ?? []
        guard known.contains(text) else {
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw parser.error("`\(text)` is not an address, `localhost`, `*` or a network interface of this machine (interfaces: \(list))", at: offset)
        }
        return text
    }
}

/// A host-side port that port mappings of one direction and transport lead to.
struct PortMappingKey: Hashable, Sendable {
    var inbound: Bool
    var transport: TransportProtocol
    var hostPort: UInt16
}

/// The rules mapping to one host port: the one for any address, the ones for one address, and
/// one rule for each component port mapped there.
struct PortMappingTargets: Sendable {
    var anyAddress: (rule: String, port: UInt16)?
    var byAddress: [HostAddress: (rule: String, port: UInt16)] = [:]
    var byComponentPort: [UInt16: String] = [:]
}

extension String {
    func trimmingBrackets() -> String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}

/// What a resolve rule grants for a name.
public struct ResolvePermission: Sendable, Equatable {
    /// Only addresses of this family may be returned; `nil` for both.
    public var family: AddressFamily?
    /// For a mapped name (`name->addr`), the answer, without any lookup.
    public var mappedAddresses: [HostAddress]?
}

extension NetworkPolicy {
    /// Whether `name` may be looked up, and how. `nil`: denied. The name is compared in its
    /// lookup form (``IDNA/lookupName(_:)``): Unicode or Punycode, any case, one trailing dot.
    public func resolve(_ name: String) -> ResolvePermission? {
        guard let name = IDNA.asciiName(name) else { return nil }
        var granted: ResolvePermission?
        var firstMapped: Int?
        for index in resolveCandidates(name) {
            let rule = resolveRules[index]
            if rule.mapped != nil {
                if firstMapped.map({ index < $0 }) ?? true { firstMapped = index }
            } else if granted == nil {
                granted = ResolvePermission(family: rule.family, mappedAddresses: nil)
            } else if granted?.family != rule.family {
                granted?.family = nil
            }
        }
        // A mapped name is answered by its mapping (one per name: conflicting ones are refused).
        if let firstMapped {
            let rule = resolveRules[firstMapped]
            return ResolvePermission(family: rule.family, mappedAddresses: rule.mapped)
        }
        return granted
    }

    /// The resolve rules that match `name` (in lookup form), found through the indexes: the
    /// exact name, each of its strict suffixes for `*.suffix` rules, and `*`.
    func resolveCandidates(_ name: String) -> [Int] {
        var result = resolveAny
        if let exact = resolveByName[name] { result += exact }
        var rest = Substring(name)
        while let dot = rest.firstIndex(of: ".") {
            rest = rest[rest.index(after: dot)...]
            if let rules = resolveBySuffix[String(rest)] { result += rules }
        }
        return result
    }

    /// Whether the component may send to / connect to `destination`; `names` are the names whose
    /// lookups returned its address. `nil`: denied; otherwise the host-side endpoint to use.
    public func outbound(_ transport: TransportProtocol, to destination: Endpoint, resolvedFrom names: Set<String>) -> Endpoint? {
        outbound(transport, to: destination, resolvedFrom: { names })
    }

    /// ``outbound(_:to:resolvedFrom:)`` with the names asked for only when a name rule
    /// decides (finding them takes a lock in the runtime).
    @inline(__always)
    func outbound(_ transport: TransportProtocol, to destination: Endpoint, resolvedFrom names: () -> Set<String>) -> Endpoint? {
        // The unspecified address means "this host" to the kernel: never a way around a rule.
        if destination.address.isUnspecified { return nil }
        // A name rule covers the addresses its own lookups returned.
        let noInterface = { (_: String) in false }
        let port: UInt16?
        switch transport {
        case .tcp: port = outboundTCP.grant(destination.address, port: destination.port, resolvedFrom: names, onInterface: noInterface)
        case .udp: port = outboundUDP.grant(destination.address, port: destination.port, resolvedFrom: names, onInterface: noInterface)
        }
        return port.map { Endpoint(address: destination.address, port: $0) }
    }

    /// Whether the component may bind / listen on `local`. `nil`: denied; otherwise the
    /// host-side endpoint to bind (a mapped port replaced; port 0 stays 0).
    public func inbound(_ transport: TransportProtocol, on local: Endpoint,
                        interfaceAddresses: (String) -> [HostAddress]) -> Endpoint? {
        let onInterface = { (name: String) in interfaceAddresses(name).contains(local.address) }
        let noNames = { Set<String>() }
        let port: UInt16?
        switch transport {
        case .tcp: port = inboundTCP.grant(local.address, port: local.port, resolvedFrom: noNames, onInterface: onInterface)
        case .udp: port = inboundUDP.grant(local.address, port: local.port, resolvedFrom: noNames, onInterface: onInterface)
        }
        return port.map { Endpoint(address: local.address, port: $0) }
    }

    /// Whether an outbound check for the transport can change its answer for the same
    /// destination over time: only a name rule can (it covers what lookups made meanwhile
    /// returned). When it cannot, the runtime may remember a grant.
    func outboundDependsOnLookups(_ transport: TransportProtocol) -> Bool {
        switch transport {
        case .tcp: return !outboundTCP.decidesByAddressAlone
        case .udp: return !outboundUDP.decidesByAddressAlone
        }
    }

    /// Whether a rule of the direction and transport maps a port: otherwise the component
    /// sees every host-side endpoint as it is.
    func mapsPorts(inbound: Bool, _ transport: TransportProtocol) -> Bool {
        switch (inbound, transport) {
        case (true, .tcp): return !inboundTCP.mappings.isEmpty
        case (true, .udp): return !inboundUDP.mappings.isEmpty
        case (false, .tcp): return !outboundTCP.mappings.isEmpty
        case (false, .udp): return !outboundUDP.mappings.isEmpty
        }
    }

    /// A host-side local endpoint as the component sees it (inbound port mappings undone).
    public func componentView(ofHostLocal host: Endpoint, transport: TransportProtocol) -> Endpoint {
        let port: UInt16
        switch transport {
        case .tcp: port = inboundTCP.componentPort(ofHost: host.address, port: host.port)
        case .udp: port = inboundUDP.componentPort(ofHost: host.address, port: host.port)
        }
        return Endpoint(address: host.address, port: port)
    }

    /// A host-side remote endpoint as the component sees it (outbound port mappings undone).
    public func componentView(ofHostRemote host: Endpoint, transport: TransportProtocol) -> Endpoint {
        let port: UInt16
        switch transport {
        case .tcp: port = outboundTCP.componentPort(ofHost: host.address, port: host.port)
        case .udp: port = outboundUDP.componentPort(ofHost: host.address, port: host.port)
        }
        return Endpoint(address: host.address, port: port)
    }
}
