/// The reference runtime's access policy: which names may be resolved, which
/// destinations reached, which local addresses listened on, and how names,
/// addresses and ports are mapped. Everything not granted is denied.
///
/// Rules come from `--allow-resolve`, `--allow-outbound` and `--allow-inbound`
/// (see networking.md for every form). The policy is a value: parsing happens
/// once, and each check is a scan over rules compiled to plain words.
public struct NetworkPolicy: Sendable {
    var resolveRules: [ResolveRule] = []
    var outboundRules: [OutboundRule] = []
    var inboundRules: [InboundRule] = []
    /// The outbound and inbound rules compiled for checks, one table per direction and
    /// transport, in policy order.
    var outboundTCP = RuleTable(), outboundUDP = RuleTable()
    var inboundTCP = RuleTable(), inboundUDP = RuleTable()

    /// A policy that denies everything.
    public init() {}

    /// A policy from command-line flags: `--allow-resolve=RULE` (or the flag and the rule
    /// as two arguments). Any other argument is an error.
    public init(arguments: [String]) throws(NetworkPolicyError) {
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
        let host = try parser.hostName(text, at: start, allowWildcard: true)
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
                addresses.append(address)
                offset += item.count + 1
            }
            mapped = addresses
        }
        let family = try parser.familySuffix()
        resolveRules.append(ResolveRule(host: host, family: family, mapped: mapped))
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
            host = .address(literal)
        } else {
            host = try parser.hostName(text, at: offset, allowWildcard: true)
        }
        var mappedAddress: HostAddress?
        if parser.take("->") {
            guard case .name(let name) = host else { throw parser.error("only a host name can be mapped", at: offset) }
            let start = parser.position
            let target = try parser.host()
            guard let address = target.literal else { throw parser.error("`->` must be followed by an IP address", at: start) }
            mappedAddress = address
            host = .name(name)
        }
        guard parser.take(":") else { throw parser.error("missing port (expected `:PORT`)") }
        let ports = try parser.ports()
        let mappedPort = try parser.portMapping(for: ports)
        let family = try parser.familySuffix()
        outboundRules.append(OutboundRule(transport: transport, host: host, ports: ports, family: family,
                                          mappedPort: mappedPort, mappedAddress: mappedAddress))
        // A mapped port is undone only for the rule's own address (the mapped one or the literal).
        var mappingAddress = mappedAddress
        if case .address(let literal) = host { mappingAddress = literal }
        switch transport {
        case .tcp: outboundTCP.append(host: host, family: family, ports: ports, mappedPort: mappedPort, mappingAddress: mappingAddress)
        case .udp: outboundUDP.append(host: host, family: family, ports: ports, mappedPort: mappedPort, mappingAddress: mappingAddress)
        }
        // A name in an outbound rule may be looked up (and is mapped there too).
        switch host {
        case .name, .subdomains:
            resolveRules.append(ResolveRule(host: host, family: family, mapped: mappedAddress.map { [$0] }))
        default:
            break
        }
    }

    private mutating func addInbound(_ parser: inout RuleParser) throws(NetworkPolicyError) {
        let transport = try parser.scheme()
        let (text, offset, literal) = try parser.host()
        let host: HostPattern
        if let literal {
            host = .address(literal)
        } else if text == "*" {
            host = .any
        } else if normalizedName(text) == "localhost" {
            host = .loopback
        } else {
            guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
                throw parser.error("invalid interface name `\(text)`", at: offset)
            }
            host = .interface(text)
        }
        guard parser.take(":") else { throw parser.error("missing port (expected `:PORT`)") }
        let ports = try parser.ports()
        let mappedPort = try parser.portMapping(for: ports)
        if !parser.atEnd { throw parser.error("unexpected `\(String(parser.characters[parser.position...]))`") }
        inboundRules.append(InboundRule(transport: transport, host: host, ports: ports, mappedPort: mappedPort))
        switch transport {
        case .tcp: inboundTCP.append(host: host, family: nil, ports: ports, mappedPort: mappedPort, mappingAddress: nil)
        case .udp: inboundUDP.append(host: host, family: nil, ports: ports, mappedPort: mappedPort, mappingAddress: nil)
        }
    }
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
    /// Whether `name` may be looked up, and how. `nil`: denied.
    public func resolve(_ name: String) -> ResolvePermission? {
        let name = normalizedName(name)
        var granted: ResolvePermission?
        for rule in resolveRules where rule.host.matches(name: name) {
            if let mapped = rule.mapped { return ResolvePermission(family: rule.family, mappedAddresses: mapped) }
            if granted == nil {
                granted = ResolvePermission(family: rule.family, mappedAddresses: nil)
            } else if granted?.family != rule.family {
                granted?.family = nil
            }
        }
        return granted
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
        // A name rule covers the addresses its own lookups returned. (The closure captures
        // no part of the policy, so the check never copies it.)
        let byName = { (host: HostPattern) in names().contains { host.matches(name: $0) } }
        let port: UInt16?
        switch transport {
        case .tcp: port = outboundTCP.grant(destination.address, port: destination.port, matchesHost: byName)
        case .udp: port = outboundUDP.grant(destination.address, port: destination.port, matchesHost: byName)
        }
        return port.map { Endpoint(address: destination.address, port: $0) }
    }

    /// Whether the component may bind / listen on `local`. `nil`: denied; otherwise the
    /// host-side endpoint to bind (a mapped port replaced; port 0 stays 0).
    public func inbound(_ transport: TransportProtocol, on local: Endpoint,
                        interfaceAddresses: (String) -> [HostAddress]) -> Endpoint? {
        let onInterface = { (host: HostPattern) -> Bool in
            guard case .interface(let name) = host else { return false }
            return interfaceAddresses(name).contains(local.address)
        }
        let port: UInt16?
        switch transport {
        case .tcp: port = inboundTCP.grant(local.address, port: local.port, matchesHost: onInterface)
        case .udp: port = inboundUDP.grant(local.address, port: local.port, matchesHost: onInterface)
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
