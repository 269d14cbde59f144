/// The model as the reference tool prints it (`wasm-tools component wit --json`):
/// the same keys, the same indices, fields left out where it leaves them out.
extension Resolve {
    /// The JSON document for this model.
    public func json() -> JSONValue {
        .object([
            ("worlds", .array(worlds.map(json(world:)))),
            ("interfaces", .array(interfaces.map(json(interface:)))),
            ("types", .array(types.map(json(type:)))),
            ("packages", .array(packages.map(json(package:)))),
        ])
    }

    private func json(reference: TypeReference) -> JSONValue {
        switch reference {
        case .primitive(let primitive): return .string(primitive.rawValue)
        case .id(let id): return .number(id.index)
        }
    }

    private func json(optional reference: TypeReference?) -> JSONValue {
        reference.map(json(reference:)) ?? .null
    }

    private func appendDocsAndStability(_ docs: Docs, _ stability: Stability, to members: inout [(String, JSONValue)]) {
        if let contents = docs.contents { members.append(("docs", .object([("contents", .string(contents))]))) }
        if let stability = json(stability: stability) { members.append(("stability", stability)) }
    }

    private func appendDocs(_ docs: Docs, to members: inout [(String, JSONValue)]) {
        if let contents = docs.contents { members.append(("docs", .object([("contents", .string(contents))]))) }
    }

    private func json(stability: Stability) -> JSONValue? {
        switch stability {
        case .unknown:
            return nil
        case let .stable(since, deprecated):
            var members: [(String, JSONValue)] = [("since", .string(since.description))]
            if let deprecated { members.append(("deprecated", .string(deprecated.description))) }
            return .object([("stable", .object(members))])
        case let .unstable(feature, deprecated):
            var members: [(String, JSONValue)] = [("feature", .string(feature))]
            if let deprecated { members.append(("deprecated", .string(deprecated.description))) }
            return .object([("unstable", .object(members))])
        }
    }

    private func json(type: TypeDef) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", type.name.map(JSONValue.string) ?? .null),
            ("kind", json(kind: type.kind)),
        ]
        switch type.owner {
        case .none: members.append(("owner", .null))
        case .interface(let id): members.append(("owner", .object([("interface", .number(id.index))])))
        case .world(let id): members.append(("owner", .object([("world", .number(id.index))])))
        }
        appendDocsAndStability(type.docs, type.stability, to: &members)
        return .object(members)
    }

    private func json(kind: TypeDefKind) -> JSONValue {
        switch kind {
        case .resource:
            return .string("resource")
        case .unknown:
            return .string("unknown")
        case .record(let fields):
            let items: [JSONValue] = fields.map { field in
                var members: [(String, JSONValue)] = [("name", .string(field.name)), ("type", json(reference: field.type))]
                appendDocs(field.docs, to: &members)
                return .object(members)
            }
            return .object([("record", .object([("fields", .array(items))]))])
        case .handle(.own(let id)):
            return .object([("handle", .object([("own", .number(id.index))]))])
        case .handle(.borrow(let id)):
            return .object([("handle", .object([("borrow", .number(id.index))]))])
        case .flags(let flags):
            let items: [JSONValue] = flags.map { flag in
                var members: [(String, JSONValue)] = [("name", .string(flag.name))]
                appendDocs(flag.docs, to: &members)
                return .object(members)
            }
            return .object([("flags", .object([("flags", .array(items))]))])
        case .tuple(let types):
            return .object([("tuple", .object([("types", .array(types.map(json(reference:))))]))])
        case .variant(let cases):
            let items: [JSONValue] = cases.map { variantCase in
                var members: [(String, JSONValue)] = [("name", .string(variantCase.name)),
                                                      ("type", json(optional: variantCase.type))]
                appendDocs(variantCase.docs, to: &members)
                return .object(members)
            }
            return .object([("variant", .object([("cases", .array(items))]))])
        case .enumeration(let cases):
            let items: [JSONValue] = cases.map { enumCase in
                var members: [(String, JSONValue)] = [("name", .string(enumCase.name))]
                appendDocs(enumCase.docs, to: &members)
                return .object(members)
            }
            return .object([("enum", .object([("cases", .array(items))]))])
        case .option(let element):
            return .object([("option", json(reference: element))])
        case let .result(ok, err):
            return .object([("result", .object([("ok", json(optional: ok)), ("err", json(optional: err))]))])
        case .list(let element):
            return .object([("list", json(reference: element))])
        case let .map(key, value):
            return .object([("map", .array([json(reference: key), json(reference: value)]))])
        case let .fixedSizeList(element, size):
            return .object([("fixed-length-list", .array([json(reference: element), .number(Int(size))]))])
        case .future(let element):
            return .object([("future", json(optional: element))])
        case .stream(let element):
            return .object([("stream", json(optional: element))])
        case .alias(let target):
            return .object([("type", json(reference: target))])
        }
    }

    func json(function: Function) -> JSONValue {
        let kind: JSONValue
        switch function.kind {
        case .freestanding: kind = .string("freestanding")
        case .asyncFreestanding: kind = .string("async-freestanding")
        case .method(let id): kind = .object([("method", .number(id.index))])
        case .asyncMethod(let id): kind = .object([("async-method", .number(id.index))])
        case .static(let id): kind = .object([("static", .number(id.index))])
        case .asyncStatic(let id): kind = .object([("async-static", .number(id.index))])
        case .constructor(let id): kind = .object([("constructor", .number(id.index))])
        }
        var members: [(String, JSONValue)] = [
            ("name", .string(function.name)),
            ("kind", kind),
            ("params", .array(function.params.map { .object([("name", .string($0.name)), ("type", json(reference: $0.type))]) })),
        ]
        if let result = function.result { members.append(("result", json(reference: result))) }
        appendDocsAndStability(function.docs, function.stability, to: &members)
        return .object(members)
    }

    private func json(interface: Interface) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", interface.name.map(JSONValue.string) ?? .null),
            ("types", .object(interface.types.map { ($0.key, JSONValue.number($0.value.index)) })),
            ("functions", .object(interface.functions.map { ($0.key, json(function: $0.value)) })),
        ]
        appendDocsAndStability(interface.docs, interface.stability, to: &members)
        if let package = interface.package { members.append(("package", .number(package.index))) }
        return .object(members)
    }

    private func json(worldItems: OrderedDictionary<WorldKey, WorldItem>) -> JSONValue {
        .object(worldItems.map { key, item in
            let name: String
            switch key {
            case .name(let text): name = text
            case .interface(let id): name = "interface-\(id.index)"
            }
            let value: JSONValue
            switch item {
            case let .interface(id, stability):
                var members: [(String, JSONValue)] = [("id", .number(id.index))]
                if let stability = json(stability: stability) { members.append(("stability", stability)) }
                value = .object([("interface", .object(members))])
            case .function(let function):
                value = .object([("function", json(function: function))])
            case .type(let id):
                value = .object([("type", .number(id.index))])
            }
            return (name, value)
        })
    }

    private func json(world: World) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(world.name)),
            ("imports", json(worldItems: world.imports)),
            ("exports", json(worldItems: world.exports)),
        ]
        if let package = world.package { members.append(("package", .number(package.index))) }
        appendDocsAndStability(world.docs, world.stability, to: &members)
        return .object(members)
    }

    private func json(package: Package) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(package.name.description))]
        appendDocs(package.docs, to: &members)
        members.append(("interfaces", .object(package.interfaces.map { ($0.key, JSONValue.number($0.value.index)) })))
        members.append(("worlds", .object(package.worlds.map { ($0.key, JSONValue.number($0.value.index)) })))
        return .object(members)
    }
}
