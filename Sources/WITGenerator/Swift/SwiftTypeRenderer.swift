import WIT

/// Spells WIT types as Swift types. Resources are spelled through `resourceName`
/// (an associated type, a generic parameter, or `Self`, depending on where the
/// type is written).
struct SwiftTypeRenderer {
    var names: SwiftNames
    var facts: SwiftTypeFacts
    var resourceName: (TypeID) -> String

    mutating func render(_ reference: TypeReference?) -> String {
        guard let reference else { return "WITNone" }
        switch reference {
        case .primitive(let primitive): return Self.primitive(primitive)
        case .id(let id): return render(id)
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

    /// A named type with its resource arguments, or an anonymous type spelled out.
    mutating func render(_ id: TypeID) -> String {
        let type = names.resolve[id]
        if case .resource = type.kind { return resourceName(id) }
        if case .handle(.own(let target)) = type.kind { return resourceName(facts.unaliased(target)) }
        if case .handle(.borrow(let target)) = type.kind { return resourceName(facts.unaliased(target)) }
        if type.name != nil, type.owner != .none {
            if case .alias(.id(let target)) = type.kind, case .resource = names.resolve[facts.unaliased(target)].kind {
                return resourceName(facts.unaliased(target))
            }
            let arguments = facts.resources(in: id).map(resourceName)
            let base = names.qualifiedName(id)
            return arguments.isEmpty ? base : "\(base)<\(arguments.joined(separator: ", "))>"
        }
        return renderKind(type.kind)
    }

    mutating func renderKind(_ kind: TypeDefKind) -> String {
        switch kind {
        case .alias(let target): return render(target)
        case .list(.primitive(.u8)): return "[UInt8]"
        case .list(let element): return "[\(render(element))]"
        case .fixedSizeList(let element, _): return "[\(render(element))]"
        case .map(let key, let value): return "[\(render(key)): \(render(value))]"
        case .option(let element): return "Optional<\(render(element))>"
        case .tuple(let elements):
            if elements.isEmpty { return "WITNone" }
            if elements.count == 1 { return render(elements[0]) }
            return "(" + elements.map { render($0) }.joined(separator: ", ") + ")"
        case .result(let ok, let err): return "WITResult<\(render(ok)), \(render(err))>"
        case .future(let element): return "WITFuture<\(element.map { render($0) } ?? "WITNone")>"
        case .stream(let element): return "WITStream<\(element.map { render($0) } ?? "WITNone")>"
        case .handle(.own(let target)), .handle(.borrow(let target)): return resourceName(facts.unaliased(target))
        case .resource, .record, .variant, .enumeration, .flags, .unknown: return "Never"
        }
    }
}
