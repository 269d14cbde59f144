extension PackageResolver {
    // MARK: Interfaces

    mutating func resolveInterface(_ id: InterfaceID, items: [InterfaceItem], docs: DocSpans,
                                   attributes: [Attribute]) throws(Diagnostic) {
        package.interfaces[id.index].docs = self.docs(docs)
        package.interfaces[id.index].stability = try stability(attributes)
        var uses: [UseDecl] = []
        var definitions: [TypeDecl] = []
        // Names that differ only in case collide; without an upper-case letter there are none,
        // so the names are folded only from the first one that has one.
        var foldsCase = false
        for item in items {
            switch item {
            case .use(let use):
                foldsCase = foldsCase || use.names.contains { Self.hasUppercase($0.effective.name) }
                uses.appendReserving(use)
            case .type(let decl):
                foldsCase = foldsCase || Self.hasUppercase(decl)
                definitions.appendReserving(decl, firstCapacity: items.count)
            case .function:
                break
            }
        }
        scope.reserveCapacity(items.count)
        let definitionIDs = try resolveTypes(owner: .interface(id), uses: uses, definitions: definitions)
        var caseInsensitive = foldsCase ? try CaseInsensitiveNames(uses: uses, definitions: definitions, capacity: items.count) : nil
        package.interfaces[id.index].types.reserveCapacity(scope.count)
        for (name, entry) in scope {
            if case .type(let typeID, _) = entry { package.interfaces[id.index].types[name] = typeID }
        }
        var functions: [Function] = []
        var definitionIndex = 0
        for item in items {
            switch item {
            case .function(let named):
                try define(named.name, as: .function(named.name.span))
                let kind: FunctionKind = named.function.isAsync ? .asyncFreestanding : .freestanding
                functions.appendReserving(try resolveFunction(named, name: named.name.name, kind: kind), firstCapacity: items.count)
                if caseInsensitive == nil, Self.hasUppercase(named.name.name) {
                    caseInsensitive = try CaseInsensitiveNames(uses: uses, definitions: definitions, capacity: items.count)
                    for earlier in functions { try caseInsensitive?.add(function: earlier.name, at: named.name.span) }
                }
                try caseInsensitive?.add(named.name.name, at: named.name.span)
                package.interfaceSpans[id.index].functions.append(named.name.span)
            case .type(let decl):
                if case .resource(let members, _) = decl.body {
                    for member in members {
                        functions.appendReserving(try resolveResourceFunction(member, resource: decl.name,
                                                                              id: definitionIDs[definitionIndex]),
                                                  firstCapacity: items.count)
                        if caseInsensitive != nil, !member.isConstructor {
                            try caseInsensitive?.add(resourceFunction: functions[functions.count - 1].name, member.named.name.name,
                                                     of: decl.name.name, at: member.named.name.span)
                        }
                        package.interfaceSpans[id.index].functions.append(member.named.name.span)
                    }
                }
                definitionIndex += 1
            case .use:
                break
            }
        }
        // The names are distinct by now: a freestanding function's name went through `define`
        // (one scope for types and functions); a resource function is named `[kind]resource.name`,
        // its resource's name is defined once and its members were checked by
        // `resolveTypeDefinition`; and a plain identifier never contains `[`.
        package.interfaces[id.index].functions.reserveCapacity(functions.count)
        for function in functions { package.interfaces[id.index].functions[function.name] = function }
        interfaceScopes[id.index] = scope
        scope = OrderedDictionary()
    }

    mutating func define(_ name: Identifier, as entry: ScopeEntry) throws(Diagnostic) {
        if scope[name.name] != nil {
            throw Diagnostic("name `\(name.name)` is defined more than once", at: name.span)
        }
        scope[name.name] = entry
    }

    /// `use`s first, then type definitions in dependency order. Returns the id of each definition,
    /// in the order of `definitions`.
    mutating func resolveTypes(owner: TypeOwner, uses: [UseDecl], definitions: [TypeDecl]) throws(Diagnostic) -> [TypeID] {
        for use in uses { try resolveUse(owner: owner, use) }
        // The nodes: every `use`d name (all distinct, `resolveUse` checked), then every definition.
        var dependencies = OrderedDictionary<String, [Toposort.Edge]>()
        dependencies.reserveCapacity(uses.count + definitions.count)
        for use in uses {
            for name in use.names { dependencies[name.effective.name] = [] }
        }
        let firstDefinition = dependencies.count
        for definition in definitions {
            var edges: [Toposort.Edge] = []
            Self.collectDependencies(definition.body, into: &edges)
            if dependencies.updateValue(edges, forKey: definition.name.name) != nil {
                throw Diagnostic("name `\(definition.name.name)` is defined more than once", at: definition.name.span)
            }
        }
        let order: [Int]
        do {
            order = try Toposort.sort(kind: "type", nodes: dependencies)
        } catch {
            if error.message.hasPrefix("type `float32`") || error.message.hasPrefix("type `float64`") {
                let replacement = error.message.hasPrefix("type `float32`") ? "f32" : "f64"
                let old = replacement == "f32" ? "float32" : "float64"
                throw Diagnostic("\(error.message): the `\(old)` type has been renamed to `\(replacement)` and is no longer accepted",
                                 at: error.span)
            }
            throw error
        }
        // Every slot is filled: the order is a permutation of all the nodes.
        var definitionIDs = [TypeID](repeating: TypeID(0), count: definitions.count)
        for node in order where node >= firstDefinition {
            let definition = definitions[node - firstDefinition]
            let stability = try self.stability(definition.attributes)
            let kind = try resolveTypeDefinition(definition.body, stability: stability)
            let id = appendType(TypeDef(name: definition.name.name, kind: kind, owner: owner,
                                        docs: docs(definition.docs), stability: stability), span: definition.name.span)
            switch definition.body {
            case .record(let fields, _): package.memberSpans[id.index] = fields.map(\.name.span)
            case .variant(let cases, _): package.memberSpans[id.index] = cases.map(\.name.span)
            default: break
            }
            try define(definition.name, as: .type(id, definition.name.span))
            definitionIDs[node - firstDefinition] = id
        }
        return definitionIDs
    }

    static func collectDependencies(_ type: TypeExpr, into edges: inout [Toposort.Edge]) {
        switch type {
        case .primitive, .flags, .enumeration, .resource:
            break
        case .name(let id), .own(let id, _), .borrow(let id, _):
            edges.append(Toposort.Edge(name: id.name, span: id.span))
        case .record(let fields, _):
            for field in fields { collectDependencies(field.type, into: &edges) }
        case .tuple(let types, _):
            for element in types { collectDependencies(element, into: &edges) }
        case .variant(let cases, _):
            for variantCase in cases { if let payload = variantCase.type { collectDependencies(payload, into: &edges) } }
        case .option(let element, _), .list(let element, _), .fixedList(let element, _, _):
            collectDependencies(element, into: &edges)
        case .map(let key, let value, _):
            collectDependencies(key, into: &edges)
            collectDependencies(value, into: &edges)
        case .result(let ok, let err, _):
            if let ok { collectDependencies(ok, into: &edges) }
            if let err { collectDependencies(err, into: &edges) }
        case .future(let element, _), .stream(let element, _):
            if let element { collectDependencies(element, into: &edges) }
        }
    }

    mutating func resolveUse(owner: TypeOwner, _ use: UseDecl) throws(Diagnostic) {
        let (item, name, span) = try resolvePath(use.path)
        let from = try interfaceOf(item, name: name, span: span)
        let stability = try self.stability(use.attributes)
        for useName in use.names {
            let target: TypeID
            switch interfaceScopes[from.index][useName.name.name] {
            case .type(let id, _)?:
                target = id
            case .function?:
                throw Diagnostic("cannot import function `\(useName.name.name)`", at: useName.name.span)
            case nil:
                let types = interfaceScopes[from.index].compactMap { if case .type = $0.value { $0.key } else { nil } }
                throw Diagnostic("name `\(useName.name.name)` does not exist", at: useName.name.span,
                                 help: NameSuggestion.help(for: useName.name.name, among: types))
            }
            let id = appendType(TypeDef(name: useName.effective.name, kind: .alias(.id(target)), owner: owner,
                                        docs: Docs(), stability: stability), span: useName.name.span)
            try define(useName.effective, as: .type(id, useName.effective.span))
        }
    }

    // MARK: Types

    mutating func resolveTypeDefinition(_ type: TypeExpr, stability: Stability) throws(Diagnostic) -> TypeDefKind {
        switch type {
        case .primitive(let primitive, _):
            return .alias(.primitive(primitive))
        case .name(let name):
            return .alias(.id(try lookupType(name)))
        case .list(let element, _):
            return .list(try resolveType(element, stability: stability))
        case .fixedList(let element, let size, _):
            return .fixedSizeList(try resolveType(element, stability: stability), size: size)
        case .map(let key, let value, let span):
            let keyType = try resolveType(key, stability: stability)
            let valueType = try resolveType(value, stability: stability)
            switch keyType {
            case .primitive(let primitive) where ![.f32, .f64, .errorContext].contains(primitive):
                break
            default:
                throw Diagnostic("invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string",
                                 at: span)
            }
            return .map(key: keyType, value: valueType)
        case .own(let name, _):
            return .handle(.own(try validateResource(name)))
        case .borrow(let name, _):
            return .handle(.borrow(try validateResource(name)))
        case .resource(let functions, let span):
            let resourceName = sources.text(of: span).hasPrefix("%") ? String(sources.text(of: span).dropFirst()) : sources.text(of: span)
            for function in functions {
                // A method or static function named like its resource collides with the resource's own name.
                switch function {
                case .method(let named) where named.name.name == resourceName:
                    throw Diagnostic("name `[method]\(resourceName).\(named.name.name)` conflicts with previous name `\(resourceName)`",
                                     at: named.name.span)
                case .static(let named) where named.name.name == resourceName:
                    throw Diagnostic("name `[static]\(resourceName).\(named.name.name)` conflicts with previous name `\(resourceName)`",
                                     at: named.name.span)
                default:
                    break
                }
            }
            var constructors = 0
            var names = Set<String>()
            for function in functions {
                switch function {
                case .method(let named), .static(let named):
                    if !names.insert(named.name.name).inserted {
                        throw Diagnostic("duplicate function name `\(named.name.name)`", at: named.name.span)
                    }
                case .constructor(let named):
                    constructors += 1
                    if constructors > 1 { throw Diagnostic("duplicate constructors", at: named.name.span) }
                }
            }
            return .resource
        case .record(let fields, let span):
            if fields.isEmpty { throw Diagnostic("empty record", at: span) }
            try Self.checkMemberNames(fields, kind: "field")
            var resolved: [Field] = []
            resolved.reserveCapacity(fields.count)
            for field in fields {
                resolved.append(Field(name: field.name.name, type: try resolveType(field.type, stability: stability),
                                      docs: docs(field.docs)))
            }
            return .record(resolved)
        case .flags(let flags, let span):
            if flags.isEmpty { throw Diagnostic("empty flags", at: span) }
            try Self.checkFlags(flags)
            return .flags(flags.map { NamedItem(name: $0.name.name, docs: docs($0.docs)) })
        case .tuple(let types, let span):
            if types.isEmpty { throw Diagnostic("empty tuple", at: span) }
            var resolved: [TypeReference] = []
            resolved.reserveCapacity(types.count)
            for element in types { resolved.append(try resolveType(element, stability: stability)) }
            return .tuple(resolved)
        case .variant(let cases, let span):
            if cases.isEmpty { throw Diagnostic("empty variant", at: span) }
            try Self.checkMemberNames(cases, kind: "case")
            var resolved: [VariantCase] = []
            resolved.reserveCapacity(cases.count)
            for variantCase in cases {
                var payload: TypeReference?
                if let type = variantCase.type { payload = try resolveType(type, stability: stability) }
                resolved.append(VariantCase(name: variantCase.name.name, type: payload, docs: docs(variantCase.docs)))
            }
            return .variant(resolved)
        case .enumeration(let cases, let span):
            if cases.isEmpty { throw Diagnostic("empty enum", at: span) }
            try Self.checkMemberNames(cases, kind: "case")
            return .enumeration(cases.map { NamedItem(name: $0.name.name, docs: docs($0.docs)) })
        case .option(let element, _):
            return .option(try resolveType(element, stability: stability))
        case .result(let ok, let err, _):
            return .result(ok: try ok.map { (type) throws(Diagnostic) in try resolveType(type, stability: stability) },
                           err: try err.map { (type) throws(Diagnostic) in try resolveType(type, stability: stability) })
        case .future(let element, _):
            return .future(try element.map { (type) throws(Diagnostic) in try resolveType(type, stability: stability) })
        case .stream(let element, _):
            return .stream(try element.map { (type) throws(Diagnostic) in try resolveType(type, stability: stability) })
        }
    }

    func lookupType(_ name: Identifier) throws(Diagnostic) -> TypeID {
        switch scope[name.name] {
        case .type(let id, _)?: return id
        case .function?: throw Diagnostic("cannot use function `\(name.name)` as a type", at: name.span)
        case nil:
            let types = scope.compactMap { if case .type = $0.value { $0.key } else { nil } }
            throw Diagnostic("name `\(name.name)` does not exist", at: name.span,
                             help: NameSuggestion.help(for: name.name, among: types + PrimitiveType.allCases.map(\.rawValue)))
        }
    }

    mutating func validateResource(_ name: Identifier) throws(Diagnostic) -> TypeID {
        let id = try lookupType(name)
        var current = id
        while true {
            switch package.types[current.index].kind {
            case .resource:
                return id
            case .alias(.id(let next)):
                current = next
            case .unknown:
                package.requiredResourceTypes.append((current, name.span))
                return id
            default:
                throw Diagnostic("type `\(name.name)` used in a handle must be a resource", at: name.span)
            }
        }
    }

    /// The stability an anonymous type inherits: the first known one among its parts.
    func inheritedStability(_ kind: TypeDefKind, _ stability: Stability) -> Stability {
        guard stability.isUnknown else { return stability }
        func of(_ reference: TypeReference?) -> Stability? {
            guard case .id(let id)? = reference else { return nil }
            let found = package.types[id.index].stability
            return found.isUnknown ? nil : found
        }
        let found: Stability?
        switch kind {
        case .alias(let reference): found = of(reference)
        case .handle(.own(let id)), .handle(.borrow(let id)): found = of(.id(id))
        case .tuple(let types): found = types.lazy.compactMap(of).first
        case .list(let element), .fixedSizeList(let element, _), .option(let element): found = of(element)
        case .map(let key, let value): found = of(key) ?? of(value)
        case .future(let element), .stream(let element): found = of(element)
        case .result(let ok, let err): found = of(ok) ?? of(err)
        case .resource, .variant, .record, .flags, .enumeration, .unknown: found = nil
        }
        return found ?? .unknown
    }

    /// A type in an anonymous position: named references stay references, the rest is interned.
    mutating func resolveType(_ type: TypeExpr, stability: Stability) throws(Diagnostic) -> TypeReference {
        let kind = try resolveTypeDefinition(type, stability: stability)
        let inherited = inheritedStability(kind, stability)
        return anonymous(TypeDef(name: nil, kind: kind, owner: .none, docs: Docs(), stability: inherited), span: type.span)
    }

    mutating func anonymous(_ type: consuming TypeDef, span: Span) -> TypeReference {
        switch type.kind {
        case .alias(let reference): return reference
        case .handle(.own(let id)): return .id(id)
        default: break
        }
        guard let key = AnonymousKey(type.kind) else { return .id(appendType(type, span: span)) }
        if let existing = anonymousTypes[key] { return .id(existing) }
        let id = appendType(type, span: span)
        anonymousTypes[key] = id
        return .id(id)
    }

    // MARK: Functions

    /// A constructor, method or static function of the resource `resource`, whose type is `resourceID`.
    mutating func resolveResourceFunction(_ member: ResourceFunction, resource: Identifier,
                                          id resourceID: TypeID) throws(Diagnostic) -> Function {
        let named = member.named
        switch member {
        case .method:
            return try resolveFunction(named, name: "[method]\(resource.name).\(named.name.name)",
                                       kind: named.function.isAsync ? .asyncMethod(resourceID) : .method(resourceID))
        case .static:
            return try resolveFunction(named, name: "[static]\(resource.name).\(named.name.name)",
                                       kind: named.function.isAsync ? .asyncStatic(resourceID) : .static(resourceID))
        case .constructor:
            return try resolveFunction(named, name: "[constructor]\(resource.name)", kind: .constructor(resourceID))
        }
    }

    mutating func resolveFunction(_ named: NamedFunction, name: String, kind: FunctionKind) throws(Diagnostic) -> Function {
        let docs = self.docs(named.docs)
        let stability = try self.stability(named.attributes)
        var params: [Parameter] = []
        params.reserveCapacity(named.function.params.count + 1)
        switch kind {
        case .method(let resource), .asyncMethod(let resource):
            let handle = TypeDefKind.handle(.borrow(resource))
            let inherited = inheritedStability(handle, .unknown)
            params.append(Parameter(name: "self", type: anonymous(TypeDef(name: nil, kind: handle, owner: .none, docs: Docs(),
                                                                          stability: inherited), span: named.function.span)))
        default:
            break
        }
        // Names compare without case (`a` and `A` are one name). Few parameters are compared
        // directly; a long list gets a hash set of folded names (linear time either way).
        var seen: Set<FoldedName>? = named.function.params.count > 8 ? Set(params.map { FoldedName($0.name) }) : nil
        let foldsCase = seen == nil && named.function.params.contains { Self.hasUppercase($0.0.name) }
        for (paramName, paramType) in named.function.params {
            let type = try resolveType(paramType, stability: .unknown)
            let isDuplicate = seen != nil ? !seen!.insert(FoldedName(paramName.name)).inserted
                : params.contains { foldsCase ? Self.equalIgnoringASCIICase($0.name, paramName.name) : $0.name == paramName.name }
            if isDuplicate {
                throw Diagnostic("param `\(paramName.name)` is defined more than once", at: paramName.span)
            }
            params.append(Parameter(name: paramName.name, type: type))
        }
        var result: TypeReference?
        if case .constructor(let resource) = kind {
            if let declared = named.function.result {
                result = try resolveConstructorResult(resource, declared)
            } else {
                result = .id(resource)
            }
        } else if let declared = named.function.result {
            result = try resolveType(declared, stability: .unknown)
        }
        return Function(name: name, kind: kind, params: params, result: result, docs: docs, stability: stability)
    }

    mutating func resolveConstructorResult(_ resource: TypeID, _ declared: TypeExpr) throws(Diagnostic) -> TypeReference {
        let result = try resolveType(declared, stability: .unknown)
        guard case .id(let id) = result, case .result(let ok, _) = package.types[id.index].kind else {
            throw Diagnostic("if a constructor return type is declared it must be a `result`", at: declared.span)
        }
        guard case .id(let okID)? = ok, okID == resource else {
            var span = declared.span
            if case .result(let okExpr?, _, _) = declared { span = okExpr.span }
            throw Diagnostic("the `ok` type must be the resource being constructed", at: span)
        }
        return result
    }
}
