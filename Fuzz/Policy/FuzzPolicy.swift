@testable import WASINetworkingGlibc

/// libFuzzer target: any bytes as the value of `--allow-resolve`, `--allow-outbound` and
/// `--allow-inbound` must give a policy or an error that points into the value, never a
/// crash, a hang or a leak. The flag and the value as one argument, as two, and through
/// `add(flag:value:)` must agree. A rule that parses must grant what it names (checked
/// by building an endpoint or a name from the parsed rule), round-trip its port
/// mappings, and grant nothing to the other transport or to the unspecified address.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let value = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for flag in ["allow-resolve", "allow-outbound", "allow-inbound"] {
        let added = parse { (policy: inout NetworkPolicy) throws(NetworkPolicyError) in try policy.add(flag: flag, value: value) }
        let joined = parse { (policy: inout NetworkPolicy) throws(NetworkPolicyError) in
            policy = try NetworkPolicy(arguments: ["--\(flag)=\(value)"])
        }
        let separate = parse { (policy: inout NetworkPolicy) throws(NetworkPolicyError) in
            policy = try NetworkPolicy(arguments: ["--\(flag)", value])
        }
        require(added.summary == joined.summary && added.summary == separate.summary,
                     "the three ways of giving --\(flag) disagree: \(added.summary) / \(joined.summary) / \(separate.summary)")
        switch added {
        case .failure(let error):
            require(error.rule == "--\(flag)=\(value)", "the error names another rule: \(error.rule)")
            require((1...value.count + 1).contains(error.position),
                         "position \(error.position) is outside the value (\(value.count) characters): \(error)")
            require(!error.message.isEmpty)
        case .success(let policy):
            require(!policy.isEmpty, "--\(flag)=\(value) parsed but granted nothing")
            check(policy, value: value)
        }
    }
    return 0
}

private func parse(_ body: (inout NetworkPolicy) throws(NetworkPolicyError) -> Void) -> Result<NetworkPolicy, NetworkPolicyError> {
    var policy = NetworkPolicy()
    do throws(NetworkPolicyError) {
        try body(&policy)
        return .success(policy)
    } catch {
        return .failure(error)
    }
}

extension Result<NetworkPolicy, NetworkPolicyError> {
    var summary: String {
        switch self {
        case .success(let policy):
            "ok \(policy.resolveRules.count) \(policy.outboundRules.count) \(policy.inboundRules.count)"
        case .failure(let error): "error \(error.position) \(error.message)"
        }
    }
}

private let v4 = HostAddress("192.0.2.1")!
private let v6 = HostAddress("2001:db8::1")!
private let unspecified = [HostAddress("0.0.0.0")!, HostAddress("::")!]

private func other(_ transport: TransportProtocol) -> TransportProtocol { transport == .tcp ? .udp : .tcp }

/// Ports a rule covers: the first and last of each of a few ranges (or a few for `*`).
private func samplePorts(_ ports: PortSet) -> [UInt16] {
    if ports.any { return [0, 80, 65535] }
    require(!ports.ranges.isEmpty, "a rule without ports")
    return ports.ranges.prefix(4).flatMap { [$0.lowerBound, $0.upperBound] }
}

private func check(_ policy: NetworkPolicy, value: String) {
    let noInterfaces: (String) -> [HostAddress] = { _ in [] }
    for address in unspecified {
        for transport in [TransportProtocol.tcp, .udp] {
            require(policy.outbound(transport, to: Endpoint(address: address, port: 80), resolvedFrom: ["a.b"]) == nil,
                         "\(value): the unspecified address is granted")
        }
    }
    for rule in policy.resolveRules { checkResolve(policy, rule, value: value) }
    for rule in policy.outboundRules {
        require(policy.grantsAny(rule.transport))
        for port in samplePorts(rule.ports) {
            let names: Set<String>
            var addresses: [HostAddress]
            switch rule.host {
            case .any: addresses = [v4, v6]; names = []
            case .address(let address): addresses = [address]; names = []
            case .name(let name): addresses = rule.mappedAddress.map { [$0] } ?? [v4, v6]; names = [name]
            case .subdomains(let suffix): addresses = [v4, v6]; names = ["a" + suffix]
            case .loopback, .interface: fail("\(value): an inbound host in an outbound rule")
            }
            if let family = rule.family { addresses = addresses.filter { $0.family == family } }
            for address in addresses {
                let seen = Endpoint(address: address, port: port)
                let granted = policy.outbound(rule.transport, to: seen, resolvedFrom: names)
                if address.isUnspecified {
                    require(granted == nil, "\(value): \(seen) granted")
                    continue
                }
                guard let granted else { fail("\(value): its own destination \(seen) denied") }
                require(granted == Endpoint(address: address, port: rule.mappedPort ?? port),
                             "\(value): \(seen) mapped to \(granted)")
                require(policy.componentView(ofHostRemote: granted, transport: rule.transport) == seen,
                             "\(value): \(granted) seen as \(policy.componentView(ofHostRemote: granted, transport: rule.transport))")
                require(policy.outbound(other(rule.transport), to: seen, resolvedFrom: names) == nil,
                             "\(value): the other transport is granted")
                if !names.isEmpty {
                    require(policy.outbound(rule.transport, to: seen, resolvedFrom: []) == nil,
                                 "\(value): a name rule grants an address no lookup returned")
                }
            }
        }
    }
    for rule in policy.inboundRules {
        require(policy.grantsAny(rule.transport))
        for port in samplePorts(rule.ports) {
            var addresses: [HostAddress]
            var interfaces = noInterfaces
            switch rule.host {
            case .any: addresses = [v4, v6] + unspecified
            case .loopback: addresses = [HostAddress("127.0.0.1")!, HostAddress("::1")!]
            case .address(let address): addresses = [address]
            case .interface(let name):
                addresses = [v4, v6]
                interfaces = { $0 == name ? [v4, v6] : [] }
            case .name, .subdomains: fail("\(value): a name in an inbound rule")
            }
            for address in addresses {
                let local = Endpoint(address: address, port: port)
                guard let granted = policy.inbound(rule.transport, on: local, interfaceAddresses: interfaces) else {
                    fail("\(value): its own local address \(local) denied")
                }
                require(granted == Endpoint(address: address, port: rule.mappedPort ?? port),
                             "\(value): \(local) mapped to \(granted)")
                require(policy.componentView(ofHostLocal: granted, transport: rule.transport) == local,
                             "\(value): \(granted) seen as \(policy.componentView(ofHostLocal: granted, transport: rule.transport))")
                require(policy.inbound(other(rule.transport), on: local, interfaceAddresses: interfaces) == nil,
                             "\(value): the other transport is granted")
            }
        }
    }
}

private func checkResolve(_ policy: NetworkPolicy, _ rule: ResolveRule, value: String) {
    let name: String
    switch rule.host {
    case .any: name = "anything.example"
    case .name(let exact):
        name = exact
        require(IDNA.lookupName(exact) == .success(exact), "\(value): `\(exact)` is not in lookup form")
        require(policy.resolve(exact + ".") != nil, "\(value): `\(exact).` denied")
    case .subdomains(let suffix):
        name = "a" + suffix
        require(IDNA.lookupName(name) == .success(name), "\(value): `\(name)` is not in lookup form")
        require(policy.resolve(String(suffix.dropFirst())) == nil, "\(value): `*.` covers the name itself")
    case .address, .loopback, .interface: fail("\(value): a resolve rule for an address or interface")
    }
    guard let permission = policy.resolve(name) else { fail("\(value): its own name `\(name)` denied") }
    require(permission.family == rule.family, "\(value): family \(String(describing: permission.family))")
    require(permission.mappedAddresses == rule.mapped, "\(value): mapped to \(String(describing: permission.mappedAddresses))")
}

/// `precondition` that keeps its message in an optimized build (libFuzzer prints it before the stack).
private func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}

private func fail(_ message: String) -> Never { fatalError(message) }
