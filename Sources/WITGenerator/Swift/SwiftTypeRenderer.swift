import WITModel

/// Spells WIT types as Swift types. Resources are spelled by their global names
/// (an associated type or a generic parameter), or `Self` inside the protocol of
/// the resource being declared. A class, so that one cache of spellings serves
/// the whole generator: most types are spelled many times, the same way each time.
final class SwiftTypeRenderer {
    let names: SwiftNames
    let facts: SwiftTypeFacts
    /// Spellings that do not depend on which resource is `Self`.
    private var spellings: ArenaTable<TypeID, String>

    init(names: SwiftNames, facts: SwiftTypeFacts) {
        self.names = names
        self.facts = facts
        spellings = ArenaTable(count: names.resolve.types.count)
    }

    /// The Swift spelling of a type, where `selfResource` (if any) is written `Self`.
    func render(_ reference: TypeReference?, selfResource: TypeID? = nil) -> String {
        guard let reference else { return "WITNone" }
        switch reference {
        case .primitive(let primitive): return Self.primitive(primitive)
        case .id(let id): return render(id, selfResource: selfResource)
        }
    }

    static func primitive(_ primitive: PrimitiveType) -> String {
        switch primitive {
        case .bool: return "Bool"
        case .u8: return "UInt8"
        case .u16: return "UInt16"
        case .u32: return "UInt32"
        case .u64: return "UInt64"
        case .s8: return "Int8"
        case .s16: return "Int16"
        case .s32: return "Int32"
        case .s64: return "Int64"
        case .f32: return "Float"
        case .f64: return "Double"
        case .char: return "Unicode.Scalar"
        case .string: return "String"
        case .errorContext: return "WITErrorContext"
        }
    }

    /// A resource's name where it is written: `Self` inside its own protocol.
    func resourceName(_ resource: TypeID, selfResource: TypeID?) -> String {
        resource == selfResource ? "Self" : names.resourceNames[resource] ?? "Never"
    }

    /// A named type with its resource arguments, or an anonymous type spelled out.
    func render(_ id: TypeID, selfResource: TypeID?) -> String {
        if let selfResource, facts.resources(in: id).contains(selfResource) {
            return spell(id, selfResource: selfResource)
        }
        if let cached = spellings[id] { return cached }
        let spelling = spell(id, selfResource: nil)
        spellings[id] = spelling
        return spelling
    }

    private func spell(_ id: TypeID, selfResource: TypeID?) -> String {
        let type = names.resolve.types[id.index]
        switch type.kind {
        case .resource:
            return resourceName(id, selfResource: selfResource)
        case .handle(.own(let target)), .handle(.borrow(let target)):
            return resourceName(names.resolve.dealiased(target), selfResource: selfResource)
        default:
            break
        }
        if type.name != nil, type.owner != .none {
            if case .alias(.id(let target)) = type.kind, case .resource = names.resolve[names.resolve.dealiased(target)].kind {
                return resourceName(names.resolve.dealiased(target), selfResource: selfResource)
            }
            let arguments = facts.resources(in: id).map { resourceName($0, selfResource: selfResource) }
            let base = names.qualifiedName(id)
            return arguments.isEmpty ? base : "\(base)<\(arguments.joined(separator: ", "))>"
        }
        return renderKind(type.kind, selfResource: selfResource)
    }

    /// The spelling of a type's structure (an alias's target, a list's element, …).
    func renderKind(_ kind: TypeDefKind, selfResource: TypeID? = nil) -> String {
        func render(_ reference: TypeReference?) -> String { self.render(reference, selfResource: selfResource) }
        switch kind {
        case .alias(let target): return render(target)
        case .list(.primitive(.u8)): return "[UInt8]"
        case .list(let element): return "[\(render(element))]"
        case .fixedSizeList(let element, _): return "[\(render(element))]"
        case .map(let key, let value): return "[\(render(key)): \(render(value))]"
        case .option(let element): return "\(render(element))?"
        case .tuple(let elements):
            if elements.isEmpty { return "WITNone" }
            if elements.count == 1 { return render(elements[0]) }
            return "(" + elements.map { render($0) }.joined(separator: ", ") + ")"
        case .result(let ok, let err): return "WITResult<\(render(ok)), \(render(err))>"
        case .future(let element): return "WITFuture<\(element.map { render($0) } ?? "WITNone")>"
        case .stream(let element): return "WITStream<\(element.map { render($0) } ?? "WITNone")>"
        case .handle(.own(let target)), .handle(.borrow(let target)):
            return resourceName(names.resolve.dealiased(target), selfResource: selfResource)
        case .resource, .record, .variant, .enumeration, .flags, .unknown: return "Never"
        }
    }
}
