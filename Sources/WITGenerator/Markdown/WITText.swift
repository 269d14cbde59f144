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
    func definition(_ id: TypeID, members: [Function]) -> String {
        definitionLines(id, members: members).joined(separator: "\n")
    }

    /// The lines of `definition(_:members:)`.
    func definitionLines(_ id: TypeID, members: [Function]) -> [String] {
        let definition = resolve.types[id.index]
        let name = definition.name ?? "?"
        var lines = gates(definition.stability)
        switch definition.kind {
        case .record(let fields):
            lines.append("record \(name) {")
            lines += fields.map { "    \($0.name): \(type($0.type))," }
            lines.append("}")
        case .variant(let cases):
            lines.append("variant \(name) {")
            lines += cases.map { variantCase in "    \(variantCase.name)\(variantCase.type.map { "(\(type($0)))" } ?? ""),"}
            lines.append("}")
        case .enumeration(let cases):
            lines.append("enum \(name) {")
            lines += cases.map { "    \($0.name)," }
            lines.append("}")
        case .flags(let flags):
            lines.append("flags \(name) {")
            lines += flags.map { "    \($0.name)," }
            lines.append("}")
        case .resource:
            if members.isEmpty {
                lines.append("resource \(name);")
            } else {
                lines.append("resource \(name) {")
                for member in members {
                    // A member's gate is shown when it differs from the resource's own.
                    if member.stability != definition.stability {
                        lines += gates(member.stability).map { "    " + $0 }
                    }
                    lines.append("    " + function(member))
                }
                lines.append("}")
            }
        case .alias(.id(let target)) where resolve.types[target.index].owner != definition.owner && resolve.types[target.index].name != nil:
            let from = resolve.types[target.index].owner
            if case .interface(let interface) = from, let interfaceName = path(interface, from: definition.owner) {
                lines.append("use \(interfaceName).{\(resolve.types[target.index].name! == name ? name : "\(resolve.types[target.index].name!) as \(name)")};")
            } else {
                lines.append("type \(name) = \(type(target));")
            }
        case .alias(let target):
            lines.append("type \(name) = \(type(target));")
        default:
            lines.append("type \(name) = \(kind(definition.kind, name: nil));")
        }
        return lines
    }
}

extension TextLine.StringInterpolation {
    /// A version as `Version.description` spells it (`1.2.3-rc.1+build`), its numbers written directly.
    mutating func appendInterpolation(_ version: Version) {
        appendInterpolation(version.major)
        appendLiteral(".")
        appendInterpolation(version.minor)
        appendLiteral(".")
        appendInterpolation(version.patch)
        if !version.prerelease.isEmpty {
            appendLiteral("-")
            appendInterpolation(TextLine(joining: version.prerelease, separator: "."))
        }
        if !version.build.isEmpty {
            appendLiteral("+")
            appendInterpolation(TextLine(joining: version.build, separator: "."))
        }
    }
}
