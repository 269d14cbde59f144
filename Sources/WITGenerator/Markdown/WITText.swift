import WITModel

/// Prints model items back as WIT text, for the signatures in the docs.
struct WITText {
    let resolve: Resolve

    /// A type as written in WIT (`list<u8>`, `borrow<tcp-socket>`, a name for named types).
    func type(_ reference: TypeReference?) -> String {
        guard let reference else { return "_" }
        switch reference {
        case .primitive(let primitive): return primitive.rawValue
        case .id(let id): return type(id)
        }
    }

    func type(_ id: TypeID) -> String {
        // Each field read in place: copying the whole `TypeDef` costs retains and releases.
        if let name = resolve.types[id.index].name, resolve.types[id.index].owner != .none { return name }
        return kind(resolve.types[id.index].kind, name: resolve.types[id.index].name)
    }

    /// An anonymous type's structure as WIT text.
    func kind(_ kind: TypeDefKind, name: String?) -> String {
        switch kind {
        case .alias(let target): return type(target)
        case .list(let element): return "list<\(type(element))>"
        case .fixedSizeList(let element, let size): return "list<\(type(element)), \(size)>"
        case .map(let key, let value): return "map<\(type(key)), \(type(value))>"
        case .option(let element): return "option<\(type(element))>"
        case .tuple(let elements): return "tuple<\(elements.map { type($0) }.joined(separator: ", "))>"
        case .result(nil, nil): return "result"
        case .result(let ok?, nil): return "result<\(type(ok))>"
        case .result(nil, let err?): return "result<_, \(type(err))>"
        case .result(let ok?, let err?): return "result<\(type(ok)), \(type(err))>"
        case .future(let element): return element.map { "future<\(type($0))>" } ?? "future"
        case .stream(let element): return element.map { "stream<\(type($0))>" } ?? "stream"
        // An `own` handle is what a bare resource name means in WIT, so it prints as the name.
        case .handle(.own(let target)): return type(target)
        case .handle(.borrow(let target)): return "borrow<\(type(target))>"
        case .resource, .record, .variant, .enumeration, .flags, .unknown: return name ?? "?"
        }
    }

    /// How a `use` names an interface: its plain name in the same package, else `ns:pkg/name@version`.
    func path(_ interface: InterfaceID, from owner: TypeOwner) -> String? {
        guard let name = resolve.interfaces[interface.index].name else { return nil }
        let ownerPackage: PackageID?
        switch owner {
        case .interface(let id): ownerPackage = resolve.interfaces[id.index].package
        case .world(let id): ownerPackage = resolve.worlds[id.index].package
        case .none: ownerPackage = nil
        }
        guard let package = resolve.interfaces[interface.index].package, package != ownerPackage else { return name }
        return resolve.packages[package.index].name.qualifying(name)
    }

    /// The gate lines (`@since(version = …)`) of an item.
    func gates(_ stability: Stability) -> [String] {
        switch stability {
        case .unknown: return []
        case let .stable(since, deprecated):
            return [TextLine.string("@since(version = \(since))")]
                + (deprecated.map { [TextLine.string("@deprecated(version = \($0))")] } ?? [])
        case let .unstable(feature, deprecated):
            // A feature name from an encoded package's metadata is any string: kept on its line.
            return ["@unstable(feature = \(InertText.singleLine(feature)))"] + (deprecated.map { [TextLine.string("@deprecated(version = \($0))")] } ?? [])
        }
    }

    /// `name: func(a: t) -> r;` (methods without `self`, statics with `static`).
    func function(_ function: Function) -> String {
        let params = function.explicitParams
        // Written with `TextLine` (one buffer per signature) rather than `String` interpolation.
        var list = TextLine(reserving: 128)
        for (index, parameter) in params.enumerated() {
            if index > 0 { list.append(", ") }
            list.append("\(parameter.name): \(type(parameter.type))")
        }
        let asyncWord = function.kind.isAsync ? "async " : ""
        switch function.kind {
        case .constructor:
            if case .id(let id)? = function.result, case .result = resolve.types[id.index].kind {
                return TextLine.string("constructor(\(list)) -> \(type(function.result));")
            }
            return TextLine.string("constructor(\(list));")
        case .static, .asyncStatic:
            return TextLine.string("\(function.itemName): static \(asyncWord)func(\(list))\(result(function.result));")
        default:
            return TextLine.string("\(function.itemName): \(asyncWord)func(\(list))\(result(function.result));")
        }
    }

    private func result(_ reference: TypeReference?) -> TextLine {
        guard let reference else { return "" }
        return " -> \(type(reference))"
    }

    /// The definition of a named type, with its gates, as WIT.
    func writeDefinition(_ id: TypeID, members: [Function], into out: inout CodePrinter) {
        let definition = resolve.types[id.index]
        let name = definition.name ?? "?"
        for gate in gates(definition.stability) { out.line(verbatim: gate) }
        switch definition.kind {
        case .record(let fields):
            out.block("record \(name) {") { body in
                for field in fields { body.line("\(field.name): \(type(field.type)),") }
            }
        case .variant(let cases):
            out.block("variant \(name) {") { body in
                for variantCase in cases {
                    if let payload = variantCase.type {
                        body.line("\(variantCase.name)(\(type(payload))),")
                    } else {
                        body.line("\(variantCase.name),")
                    }
                }
            }
        case .enumeration(let cases):
            out.block("enum \(name) {") { body in
                for enumCase in cases { body.line("\(enumCase.name),") }
            }
        case .flags(let flags):
            out.block("flags \(name) {") { body in
                for flag in flags { body.line("\(flag.name),") }
            }
        case .resource:
            if members.isEmpty {
                out.line("resource \(name);")
            } else {
                out.block("resource \(name) {") { body in
                    for member in members {
                        // A member's gate is shown when it differs from the resource's own.
                        if member.stability != definition.stability {
                            for gate in gates(member.stability) { body.line(verbatim: gate) }
                        }
                        body.line(verbatim: function(member))
                    }
                }
            }
        case .alias(.id(let target)) where resolve.types[target.index].owner != definition.owner && resolve.types[target.index].name != nil:
            let from = resolve.types[target.index].owner
            let targetName = resolve.types[target.index].name!
            if case .interface(let interface) = from, let interfaceName = path(interface, from: definition.owner) {
                out.line("use \(interfaceName).{\(targetName == name ? name : "\(targetName) as \(name)")};")
            } else {
                out.line("type \(name) = \(type(target));")
            }
        case .alias(let target):
            out.line("type \(name) = \(type(target));")
        default:
            out.line("type \(name) = \(kind(definition.kind, name: nil));")
        }
    }
}
