/// Type definitions and value types in the component text format.
extension ComponentTextReader {
    private static let primitives: [String: PrimitiveType] = [
        "bool": .bool, "s8": .s8, "u8": .u8, "s16": .s16, "u16": .u16, "s32": .s32, "u32": .u32, "s64": .s64, "u64": .u64,
        "f32": .f32, "f64": .f64, "float32": .f32, "float64": .f64, "char": .char, "string": .string,
        "error-context": .errorContext,
    ]

    /// The type of `(type $label? TYPE)`.
    mutating func typeDefinition(_ expression: SExpression, label: String?) throws(Diagnostic) -> ComponentSyntax.TypeDefinition {
        if let word = expression.word {
            guard let primitive = Self.primitives[word] else { throw error("unknown type `\(word)`", expression) }
            return .defined(.primitive(primitive))
        }
        guard case .list(let elements, _) = expression, let head = expression.head else {
            throw error("expected a type definition", expression)
        }
        switch head {
        case "component": return .component(try declarations(elements.dropFirst(), label: label, inComponent: true))
        case "instance": return .instance(try declarations(elements.dropFirst(), label: label, inComponent: false))
        case "func": return .function(try functionType(elements.dropFirst(), expression))
        case "resource":
            throw error("unsupported resource type definition: resources with a representation belong to concrete components",
                        expression)
        default: return .defined(try definedType(expression))
        }
    }

    /// `async? (param "name" VT)* (result VT)?`
    mutating func functionType(_ elements: ArraySlice<SExpression>, _ expression: SExpression) throws(Diagnostic) -> ComponentSyntax.FunctionType {
        var rest = elements
        var isAsync = false
        if rest.first?.word == "async" {
            isAsync = true
            rest = rest.dropFirst()
        }
        var params: [(name: String, type: ComponentSyntax.ValueType)] = []
        var result: ComponentSyntax.ValueType?
        for element in rest {
            guard case .list(let parts, _) = element else { throw error("expected `(param …)` or `(result …)`", element) }
            switch element.head {
            case "param" where result == nil:
                guard parts.count == 3 else { throw error("expected `(param \"name\" TYPE)`", element) }
                params.append((try string(parts[1], "a parameter name"), try valueType(parts[2])))
            case "result" where result == nil:
                guard parts.count == 2 else {
                    throw error(parts.count == 3 ? "unsupported named function results" : "expected `(result TYPE)`", element)
                }
                result = try valueType(parts[1])
            default:
                throw error("expected `(param \"name\" TYPE)` or one `(result TYPE)` after the parameters", element)
            }
        }
        return ComponentSyntax.FunctionType(isAsync: isAsync, params: params, result: result)
    }

    /// A value type: a primitive, an index, or an inline defined type (numbered before the item using it).
    mutating func valueType(_ expression: SExpression) throws(Diagnostic) -> ComponentSyntax.ValueType {
        switch expression {
        case .atom(let atom):
            if case .word(let word) = atom.kind, let primitive = Self.primitives[word] { return .primitive(primitive) }
            return .index(try index(expression, .type))
        case .list:
            let definition = try definedType(expression)
            return .index(emitType(.defined(definition), expression.span))
        }
    }

    private mutating func optionalValueType(_ elements: ArraySlice<SExpression>, _ expression: SExpression,
                                            _ form: String) throws(Diagnostic) -> ComponentSyntax.ValueType? {
        switch elements.count {
        case 0: return nil
        case 1: return try valueType(elements[elements.startIndex])
        default: throw error("expected `(\(form) TYPE?)`", expression)
        }
    }

    private func names(_ elements: ArraySlice<SExpression>, _ what: String) throws(Diagnostic) -> [String] {
        var names: [String] = []
        for element in elements { names.append(try string(element, what)) }
        return names
    }

    mutating func definedType(_ expression: SExpression) throws(Diagnostic) -> ComponentSyntax.DefinedType {
        guard case .list(let elements, _) = expression, let head = expression.head else {
            throw error("expected a type definition", expression)
        }
        let arguments = elements.dropFirst()
        func expectCount(_ count: Int, _ shape: String) throws(Diagnostic) {
            guard arguments.count == count else { throw error("expected `(\(head) \(shape))`", expression) }
        }
        switch head {
        case "record":
            var fields: [(name: String, type: ComponentSyntax.ValueType)] = []
            for field in arguments {
                guard case .list(let parts, _) = field, field.head == "field", parts.count == 3 else {
                    throw error("expected `(field \"name\" TYPE)`", field)
                }
                fields.append((try string(parts[1], "a field name"), try valueType(parts[2])))
            }
            return .record(fields)
        case "variant":
            var cases: [(name: String, type: ComponentSyntax.ValueType?)] = []
            for item in arguments {
                guard case .list(let parts, _) = item, item.head == "case" else { throw error("expected `(case \"name\" TYPE?)`", item) }
                var index = 1
                _ = identifier(parts, &index)
                guard index < parts.count else { throw error("expected `(case \"name\" TYPE?)`", item) }
                let name = try string(parts[index], "a case name")
                var type: ComponentSyntax.ValueType?
                for part in parts[(index + 1)...] {
                    if part.head == "refines" { throw error("unsupported `refines` on the variant case `\(name)`", part) }
                    guard type == nil else { throw error("expected `(case \"name\" TYPE?)`", item) }
                    type = try valueType(part)
                }
                cases.append((name, type))
            }
            return .variant(cases)
        case "list":
            guard arguments.count == 1 || arguments.count == 2 else { throw error("expected `(list TYPE N?)`", expression) }
            let element = try valueType(arguments[arguments.startIndex])
            if arguments.count == 2 { return .fixedSizeList(element, try number(arguments[arguments.startIndex + 1], "a list length")) }
            return .list(element)
        case "tuple":
            var types: [ComponentSyntax.ValueType] = []
            for element in arguments { types.append(try valueType(element)) }
            return .tuple(types)
        case "flags": return .flags(try names(arguments, "a flag name"))
        case "enum": return .enumeration(try names(arguments, "an enum case name"))
        case "option":
            try expectCount(1, "TYPE")
            return .option(try valueType(arguments[arguments.startIndex]))
        case "result":
            var ok: ComponentSyntax.ValueType?
            var err: ComponentSyntax.ValueType?
            for (position, element) in arguments.enumerated() {
                if element.head == "error", case .list(let parts, _) = element {
                    guard parts.count == 2, err == nil, position == arguments.count - 1 else {
                        throw error("expected `(result TYPE? (error TYPE)?)`", expression)
                    }
                    err = try valueType(parts[1])
                } else {
                    guard position == 0 else { throw error("expected `(result TYPE? (error TYPE)?)`", expression) }
                    ok = try valueType(element)
                }
            }
            return .result(ok: ok, err: err)
        case "own", "borrow":
            try expectCount(1, "IDX")
            let resource = try index(arguments[arguments.startIndex], .type)
            return head == "own" ? .own(resource) : .borrow(resource)
        case "future": return .future(try optionalValueType(arguments, expression, head))
        case "stream": return .stream(try optionalValueType(arguments, expression, head))
        case "map":
            try expectCount(2, "KEY VALUE")
            let key = try valueType(arguments[arguments.startIndex])
            return .map(key: key, value: try valueType(arguments[arguments.startIndex + 1]))
        default:
            throw error("unknown or unsupported type `(\(head) …)`", expression)
        }
    }
}
