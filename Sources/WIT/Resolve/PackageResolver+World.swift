extension PackageResolver {
    mutating func resolveWorld(_ id: WorldID, _ decl: WorldDecl) throws(Diagnostic) {
        package.worlds[id.index].docs = docs(decl.docs)
        package.worlds[id.index].stability = try stability(decl.attributes)
        var uses: [UseDecl] = []
        var definitions: [TypeDecl] = []
        for item in decl.items {
            switch item {
            case .use(let use): uses.append(use)
            case .type(let type): definitions.append(type)
            default: break
            }
        }
        let definitionIDs = try resolveTypes(owner: .world(id), uses: uses, definitions: definitions)

        for case .include(let include) in decl.items {
            let stability = try self.stability(include.attributes)
            let (item, name, span) = try resolvePath(include.path)
            let included = try worldOf(item, name: name, span: span)
            package.worldIncludes[id.index].append(UnresolvedPackage.WorldInclude(
                stability: stability, world: included,
                names: include.names.map { ($0.name.name, $0.alias.name) }, span: span))
        }

        // The world's imports are still empty and the scope's names are distinct: no conflict is possible yet.
        for (name, entry) in scope {
            guard case .type(let typeID, let span) = entry else { continue }
            package.worlds[id.index].imports[.name(name)] = .type(typeID)
            package.worldSpans[id.index].imports.append(span)
        }

        var importedInterfaces = Set<InterfaceID>()
        var exportedInterfaces = Set<InterfaceID>()
        var definitionIndex = 0
        for item in decl.items {
            let extern: ExternDecl
            let isImport: Bool
            switch item {
            case .import(let decl): extern = decl; isImport = true
            case .export(let decl): extern = decl; isImport = false
            case .type(let type):
                if case .resource(let members, _) = type.body {
                    for member in members {
                        package.worldSpans[id.index].imports.append(member.named.name.span)
                        let function = try resolveResourceFunction(member, resource: type.name, id: definitionIDs[definitionIndex])
                        package.worlds[id.index].imports[.name(function.name)] = .function(function)
                    }
                }
                definitionIndex += 1
                continue
            default:
                continue
            }
            let worldItem = try resolveWorldItem(extern)
            let key: WorldKey
            switch extern.kind {
            case .interface(let name, _, _), .namedPath(let name, _):
                key = .name(name.name)
            case .function:
                guard case .function(let function) = worldItem else { continue }
                key = .name(function.name)
            case .path:
                guard case .interface(let interface, _, _) = worldItem else { continue }
                key = .interface(interface)
            }
            let description = isImport ? "import" : "export"
            if case .interface(let interface, _, _) = worldItem {
                let inserted = isImport ? importedInterfaces.insert(interface).inserted : exportedInterfaces.insert(interface).inserted
                if !inserted, case .path = extern.kind {
                    throw Diagnostic("interface cannot be \(description)ed more than once", at: extern.kind.span)
                }
            }
            let previous = isImport
                ? package.worlds[id.index].imports.updateValue(worldItem, forKey: key)
                : package.worlds[id.index].exports.updateValue(worldItem, forKey: key)
            // Only a named item can meet a previous one here: an interface keyed by its id
            // (`import path;`) was checked for repeats just above.
            if let previous, case .name(let name) = key {
                let kind: String
                switch previous {
                case .interface: kind = "interface"
                case .function: kind = "func"
                case .type: kind = "type"
                }
                throw Diagnostic("\(description) `\(name)` conflicts with prior \(kind) of same name", at: extern.kind.span)
            }
            if isImport {
                package.worldSpans[id.index].imports.append(extern.kind.span)
            } else {
                package.worldSpans[id.index].exports.append(extern.kind.span)
            }
        }
        scope = OrderedDictionary()
    }

    mutating func resolveWorldItem(_ extern: ExternDecl) throws(Diagnostic) -> WorldItem {
        switch extern.kind {
        case .interface(let name, let items, _):
            let saved = scope
            scope = OrderedDictionary()
            let id = allocateInterface(span: name.span)
            try resolveInterface(id, items: items, docs: extern.docs, attributes: extern.attributes)
            scope = saved
            // Docs written before an inline interface are the interface's own.
            return .interface(id, stability: package.interfaces[id.index].stability, docs: Docs())
        case .path(let path), .namedPath(_, let path):
            let stability = try self.stability(extern.attributes)
            let (item, name, span) = try resolvePath(path)
            let id = try interfaceOf(item, name: name, span: span)
            return .interface(id, stability: stability, docs: docs(extern.docs))
        case .function(let name, let type):
            let named = NamedFunction(docs: extern.docs, attributes: extern.attributes, name: name, function: type)
            return .function(try resolveFunction(named, name: name.name, kind: type.isAsync ? .asyncFreestanding : .freestanding))
        }
    }
}
