/// Types and functions: from graph nodes to WIT type definitions.
extension WITPackageDecoder {
    /// The WIT type a node is known as, following `eq` aliases back to the
    /// first node already mapped: a hit means the declaration is a `use` (or a
    /// `type a = b`) of a type defined before.
    func knownType(_ node: NodeID) -> TypeID? {
        var current = node
        while true {
            if let id = typeMap[current] { return id }
            guard case .alias(let target) = graph.nodes[current] else { return nil }
            current = target
        }
    }

    mutating func map(_ node: NodeID, to id: TypeID, _ span: Span) throws(Diagnostic) {
        if let previous = typeMap.updateValue(id, forKey: node), previous != id {
            throw error("a type is declared twice with different meanings (unsupported reuse of one type definition)", span)
        }
    }

    /// A named type of an interface or world: an alias when `referenced` is a
    /// type already known, otherwise a new definition.
    mutating func registerTypeExport(_ name: String, _ owner: TypeOwner, _ referenced: NodeID, _ created: NodeID,
                                     _ span: Span) throws(Diagnostic) -> TypeID {
        let kind: TypeDefKind
        if let previous = knownType(referenced) {
            kind = .alias(.id(previous))
        } else {
            switch graph.definition(of: referenced) {
            case .defined(let definition): kind = try convert(definition, span)
            case .resource: kind = .resource
            default: throw error("the type `\(name)` is not a value type or a resource", span)
            }
        }
        let id = TypeID(resolve.types.count)
        resolve.types.append(TypeDef(name: name, kind: kind, owner: owner, docs: Docs(), stability: .unknown))
        if case .resource = kind {
            if resources[owner, default: [:]].updateValue(id, forKey: name) != nil {
                throw error("the resource `\(name)` is defined twice", span)
            }
        }
        try map(created, to: id, span)
        return id
    }

    mutating func convertFunction(_ name: String, _ node: NodeID, _ owner: TypeOwner,
                                  _ span: Span) throws(Diagnostic) -> Function {
        guard case .function(let type) = graph.definition(of: node) else {
            throw error("`\(name)` is not a function", span)
        }
        func resource(_ resourceName: String) throws(Diagnostic) -> TypeID {
            guard let id = resources[owner]?[resourceName] else {
                throw error("the function `\(name)` belongs to a resource `\(resourceName)` that is not defined before it", span)
            }
            return id
        }
        let kind: FunctionKind
        switch ComponentName(name) {
        case .label: kind = type.isAsync ? .asyncFreestanding : .freestanding
        case .constructor(let name): kind = .constructor(try resource(name))
        case .method(let name, _): kind = type.isAsync ? .asyncMethod(try resource(name)) : .method(try resource(name))
        case .staticFunction(let name, _): kind = type.isAsync ? .asyncStatic(try resource(name)) : .static(try resource(name))
        case .interface, nil: throw error("`\(name)` is not a valid function name", span)
        }
        var params: [Parameter] = []
        for param in type.params {
            params.append(Parameter(name: param.name, type: try convert(param.type, span)))
        }
        let result = try type.result.map { (value) throws(Diagnostic) in try convert(value, span) }
        return Function(name: name, kind: kind, params: params, result: result, docs: Docs(), stability: .unknown)
    }

    /// A use of a value type; a defined type seen for the first time becomes
    /// an anonymous type (only the kinds that may be anonymous in WIT).
    mutating func convert(_ value: ComponentTypeGraph.ValueRef, _ span: Span) throws(Diagnostic) -> TypeReference {
        switch value {
        case .primitive(let primitive): return .primitive(primitive)
        case .node(let node):
            if let id = typeMap[node] { return .id(id) }
            guard case .defined(let definition) = graph.definition(of: node) else {
                throw error("a value type refers to something that is not a value type", span)
            }
            let kind = try convert(definition, span)
            switch kind {
            case .record: throw error("unexpected unnamed type of kind 'record'", graph.spans[node])
            case .variant: throw error("unexpected unnamed type of kind 'variant'", graph.spans[node])
            case .enumeration: throw error("unexpected unnamed type of kind 'enum'", graph.spans[node])
            case .flags: throw error("unexpected unnamed type of kind 'flags'", graph.spans[node])
            default: break
            }
            let id = TypeID(resolve.types.count)
            resolve.types.append(TypeDef(name: nil, kind: kind, owner: .none, docs: Docs(), stability: .unknown))
            typeMap[node] = id
            return .id(id)
        }
    }

    private mutating func convertOptional(_ value: ComponentTypeGraph.ValueRef?, _ span: Span) throws(Diagnostic) -> TypeReference? {
        guard let value else { return nil }
        return try convert(value, span)
    }

    private func handle(_ node: NodeID, _ span: Span) throws(Diagnostic) -> TypeID {
        guard let id = typeMap[node] else {
            throw error("a handle refers to a resource that is not a named type", span)
        }
        return id
    }

    mutating func convert(_ definition: ComponentTypeGraph.DefinedNode, _ span: Span) throws(Diagnostic) -> TypeDefKind {
        switch definition {
        case .primitive(let primitive): return .alias(.primitive(primitive))
        case .list(let element): return .list(try convert(element, span))
        case .map(let key, let value):
            let key = try convert(key, span)
            return .map(key: key, value: try convert(value, span))
        case .fixedSizeList(let element, let size): return .fixedSizeList(try convert(element, span), size: size)
        case .tuple(let elements):
            var converted: [TypeReference] = []
            for element in elements { converted.append(try convert(element, span)) }
            return .tuple(converted)
        case .option(let element): return .option(try convert(element, span))
        case .result(let ok, let err):
            let ok = try convertOptional(ok, span)
            return .result(ok: ok, err: try convertOptional(err, span))
        case .record(let fields):
            var converted: [Field] = []
            for field in fields {
                converted.append(Field(name: field.name, type: try convert(field.type, span), docs: Docs()))
            }
            return .record(converted)
        case .variant(let cases):
            var converted: [VariantCase] = []
            for item in cases {
                converted.append(VariantCase(name: item.name, type: try convertOptional(item.type, span), docs: Docs()))
            }
            return .variant(converted)
        case .flags(let names): return .flags(names.map { NamedItem(name: $0, docs: Docs()) })
        case .enumeration(let names): return .enumeration(names.map { NamedItem(name: $0, docs: Docs()) })
        case .own(let node): return .handle(.own(try handle(node, span)))
        case .borrow(let node): return .handle(.borrow(try handle(node, span)))
        case .future(let element): return .future(try convertOptional(element, span))
        case .stream(let element): return .stream(try convertOptional(element, span))
        }
    }

    /// Walks a definition that re-declares a known type `id` (an interface's
    /// types, imported again by a later item) and maps its anonymous parts to
    /// the parts of `id`, so that they are not defined a second time.
    mutating func register(_ definition: ComponentTypeGraph.DefinedNode, as id: TypeID, _ span: Span) throws(Diagnostic) {
        let kind = resolve[id].kind
        if case .alias(.id) = kind { return }
        func mismatch(_ what: String) -> Diagnostic {
            error("the type `\(resolve[id].name ?? "_")` is declared again as \(what), unlike its definition", span)
        }
        switch (definition, kind) {
        case (.primitive, _), (.flags, _), (.enumeration, _), (.own, _), (.borrow, _):
            return
        case let (.list(element), .list(known)), let (.option(element), .option(known)):
            try register(element, as: known, span)
        case let (.fixedSizeList(element, size), .fixedSizeList(known, knownSize)) where size == knownSize:
            try register(element, as: known, span)
        case let (.map(key, value), .map(knownKey, knownValue)):
            try register(key, as: knownKey, span)
            try register(value, as: knownValue, span)
        case let (.tuple(elements), .tuple(known)):
            guard elements.count == known.count else { throw mismatch("a tuple of \(elements.count)") }
            for (element, knownElement) in zip(elements, known) { try register(element, as: knownElement, span) }
        case let (.result(ok, err), .result(knownOk, knownErr)):
            try register(optional: ok, as: knownOk, mismatch("a result of another shape"), span)
            try register(optional: err, as: knownErr, mismatch("a result of another shape"), span)
        case let (.record(fields), .record(known)):
            guard fields.count == known.count else { throw mismatch("a record with \(fields.count) fields") }
            for (field, knownField) in zip(fields, known) {
                guard field.name == knownField.name else { throw mismatch("a record with fields in another order") }
                try register(field.type, as: knownField.type, span)
            }
        case let (.variant(cases), .variant(known)):
            guard cases.count == known.count else { throw mismatch("a variant with \(cases.count) cases") }
            for (item, knownCase) in zip(cases, known) {
                guard item.name == knownCase.name else { throw mismatch("a variant with cases in another order") }
                try register(optional: item.type, as: knownCase.type, mismatch("a variant with other payloads"), span)
            }
        case let (.future(element), .future(known)):
            try register(optional: element, as: known, mismatch("a future of another payload"), span)
        case let (.stream(element), .stream(known)):
            try register(optional: element, as: known, mismatch("a stream of another payload"), span)
        default:
            throw mismatch("a type of another kind")
        }
    }

    private mutating func register(optional value: ComponentTypeGraph.ValueRef?, as known: TypeReference?,
                                   _ mismatch: Diagnostic, _ span: Span) throws(Diagnostic) {
        switch (value, known) {
        case (nil, nil): return
        case let (value?, known?): try register(value, as: known, span)
        default: throw mismatch
        }
    }

    private mutating func register(_ value: ComponentTypeGraph.ValueRef, as known: TypeReference, _ span: Span) throws(Diagnostic) {
        switch (value, known) {
        case (.primitive, .primitive): return
        case let (.node(node), .id(id)):
            // The latest mapping wins, as in the reference; only a node seen for
            // the first time is walked further.
            if typeMap.updateValue(id, forKey: node) != nil { return }
            guard case .defined(let definition) = graph.definition(of: node) else { return }
            try register(definition, as: id, span)
        default:
            throw error("a type is declared again with a primitive where its definition has a defined type, or the reverse", span)
        }
    }
}
