/// Completes a world: every interface its imports and exports depend on is
/// imported (or, for exports, exported), in dependency order; an export whose
/// dependencies would need both an import and an export of one interface is an error.
enum WorldElaboration {
    /// Interfaces whose types this interface `use`s.
    static func directDependencies(of id: InterfaceID, in resolve: Resolve) -> [InterfaceID] {
        var result: [InterfaceID] = []
        for typeID in resolve[id].types.values {
            guard case .alias(.id(let target)) = resolve[typeID].kind,
                  case .interface(let owner) = resolve[target].owner, owner != id,
                  !result.contains(owner) else { continue }
            result.append(owner)
        }
        return result
    }

    static func sortClass(_ item: WorldItem, _ resolve: Resolve) -> Int {
        switch item {
        case .interface: return 0
        case .type(let id):
            if case .alias(.id(let target)) = resolve[id].kind, resolve[target].owner != resolve[id].owner { return 1 }
            return 2
        case .function(let function): return function.kind.resource == nil ? 3 : 4
        }
    }

    static func sorted(_ items: [(WorldKey, WorldItem)], _ resolve: Resolve) -> [(WorldKey, WorldItem)] {
        items.enumerated().sorted { a, b in
            let (x, y) = (sortClass(a.element.1, resolve), sortClass(b.element.1, resolve))
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    static func elaborate(_ worldID: WorldID, resolve: inout Resolve, span: Span) throws(Diagnostic) {
        let world = resolve[worldID]
        var imports = OrderedDictionary<WorldKey, WorldItem>()
        for (key, item) in sorted(world.imports.map { ($0.key, $0.value) }, resolve) {
            switch item {
            case .interface(let id, let stability, let docs):
                addImport(&imports, key, id, stability, docs, resolve)
            case .function:
                imports[key] = item
            case .type(let id):
                if case .alias(.id(let target)) = resolve[id].kind, case .interface(let owner) = resolve[target].owner {
                    addImport(&imports, .interface(owner), owner, resolve[id].stability, Docs(), resolve)
                }
                imports[key] = item
            }
        }
        var exports = OrderedDictionary<WorldKey, WorldItem>()
        var exportInterfaces = OrderedDictionary<InterfaceID, (WorldKey, Stability, Docs)>()
        for (key, item) in world.exports {
            switch item {
            case .interface(let id, let stability, let docs): exportInterfaces[id] = (key, stability, docs)
            case .function, .type: exports[key] = item
            }
        }
        var requiredImports = Set<InterfaceID>()
        for (id, entry) in exportInterfaces {
            if !addExport(id, entry.0, true, entry.1, entry.2, &imports, &exports, exportInterfaces, &requiredImports, resolve) {
                let name: String
                switch entry.0 {
                case .name(let text): name = text
                case .interface(let interface): name = qualifiedName(interface, resolve)
                }
                throw Diagnostic("interface `\(name)` transitively depends on an interface in incompatible ways", at: span)
            }
        }
        var final = OrderedDictionary<WorldKey, WorldItem>()
        for (key, item) in sorted(imports.map { ($0.key, $0.value) }, resolve) { final[key] = item }
        resolve[worldID].imports = final
        resolve[worldID].exports = exports
    }

    static func qualifiedName(_ id: InterfaceID, _ resolve: Resolve) -> String {
        resolve.id(of: id) ?? resolve[id].name ?? "<anonymous>"
    }

    /// Imports `id` after its dependencies, which get the item's gate but no docs of their
    /// own: an interface imported first as a dependency keeps none, as in the reference, even
    /// where a later `import` of it has docs.
    static func addImport(_ imports: inout OrderedDictionary<WorldKey, WorldItem>, _ key: WorldKey, _ id: InterfaceID,
                          _ stability: Stability, _ docs: Docs, _ resolve: Resolve) {
        if imports[key] != nil { return }
        for dependency in directDependencies(of: id, in: resolve) {
            addImport(&imports, .interface(dependency), dependency, stability, Docs(), resolve)
        }
        imports[key] = .interface(id, stability: stability, docs: docs)
    }

    static func addExport(_ id: InterfaceID, _ key: WorldKey, _ asExport: Bool, _ stability: Stability, _ docs: Docs,
                          _ imports: inout OrderedDictionary<WorldKey, WorldItem>,
                          _ exports: inout OrderedDictionary<WorldKey, WorldItem>,
                          _ exportInterfaces: OrderedDictionary<InterfaceID, (WorldKey, Stability, Docs)>,
                          _ requiredImports: inout Set<InterfaceID>, _ resolve: Resolve) -> Bool {
        if exports[key] != nil { return asExport }
        if !asExport && requiredImports.contains(id) { return true }
        for dependency in directDependencies(of: id, in: resolve) {
            let dependencyAsExport = asExport && exportInterfaces[dependency] != nil
            if !addExport(dependency, .interface(dependency), dependencyAsExport, stability, Docs(), &imports, &exports,
                          exportInterfaces, &requiredImports, resolve) {
                return false
            }
        }
        let item = WorldItem.interface(id, stability: stability, docs: docs)
        if asExport {
            if requiredImports.contains(id) { return false }
            exports[key] = item
        } else {
            requiredImports.insert(id)
            imports[key] = item
        }
        return true
    }
}
