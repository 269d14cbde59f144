/// Resolves the names inside one package (all its files, or one nested
/// `package … { }` block) into an ``UnresolvedPackage``. Items of other
/// packages become placeholders, matched when the package is merged.
struct PackageResolver {
    let sources: SourceMap
    var package = UnresolvedPackage(name: PackageName(namespace: "", name: "", version: nil), nameSpan: Span(start: 0, end: 0), docs: Docs())
    var packageName: (name: PackageName, span: Span)?
    var declLists: [DeclList] = []

    /// Anonymous types interned by structure.
    var anonymousTypes: [AnonymousKey: TypeID] = [:]
    /// The top-level names of each file (interfaces, worlds and `use` aliases).
    var fileItems: [[String: ItemReference]] = []
    var currentFile = 0
    /// Interfaces and worlds of the package by name.
    var packageItems: [String: ItemReference] = [:]
    /// Names visible in each interface: types and functions.
    var interfaceScopes: [OrderedDictionary<String, ScopeEntry>] = []
    /// The scope being filled (an interface or world being resolved).
    var scope = OrderedDictionary<String, ScopeEntry>()
    var foreignInterfaces = Set<InterfaceID>()

    enum ScopeEntry {
        case type(TypeID, Span)
        case function(Span)
    }

    init(sources: SourceMap) {
        self.sources = sources
    }

    func docs(_ spans: DocSpans) -> Docs { DocComments.text(spans, in: sources) }

    // MARK: Input

    /// Where each file pushed with its start begins, for a diagnostic about the files.
    var fileStarts: [Span] = []

    /// Adds one file (or nested package body) of this package; `fileStart` is where the file
    /// begins (not given for a nested package body).
    mutating func push(header: PackageDecl?, items: DeclList, fileStart: Span? = nil) throws(Diagnostic) {
        if let fileStart { fileStarts.append(fileStart) }
        if let header {
            if let previous = packageName, previous.name != header.name.name {
                throw Diagnostic("package identifier `\(header.name.name)` does not match previous package name of `\(previous.name)`",
                                 at: header.name.span)
            }
            packageName = (header.name.name, header.name.span)
            let headerDocs = docs(header.docs)
            if headerDocs.contents != nil {
                if package.docs.contents != nil {
                    let span = Span(start: header.docs.comments.first!.start, end: header.docs.comments.last!.end)
                    throw Diagnostic("found doc comments on multiple 'package' items", at: span)
                }
                package.docs = headerDocs
            }
        }
        for item in items.items {
            if case .package(let nested) = item {
                throw Diagnostic("nested packages must be placed at the top-level", at: nested.decl.name.span)
            }
        }
        declLists.append(items)
    }

    // MARK: Resolution

    /// Resolves everything pushed so far.
    mutating func resolve() throws(Diagnostic) -> UnresolvedPackage {
        guard let packageName else {
            // No place of its own, as in the reference; notes name the files read (the first few).
            let shown = 3
            var notes = fileStarts.prefix(shown).map { Diagnostic.Note(message: "this file has no `package` header", span: $0) }
            if fileStarts.count > shown, let last = notes.indices.last {
                notes[last].message += " (nor have \(fileStarts.count - shown) more files of the package)"
            }
            throw Diagnostic("no `package` header was found in any WIT file for this package", at: nil, notes: notes)
        }
        package.name = packageName.name
        package.nameSpan = packageName.span
        try populateForeignDependencies()
        let (interfaceOrder, worldOrder) = try populateItems()
        try populateForeignTypes()

        var interfaceDecls: [InterfaceID: (InterfaceDecl, Int)] = [:]
        var worldDecls: [WorldID: (WorldDecl, Int)] = [:]
        for (fileIndex, list) in declLists.enumerated() {
            for item in list.items {
                switch item {
                case .interface(let decl):
                    if case .interface(let id)? = fileItems[fileIndex][decl.name.name] { interfaceDecls[id] = (decl, fileIndex) }
                case .world(let decl):
                    if case .world(let id)? = fileItems[fileIndex][decl.name.name] { worldDecls[id] = (decl, fileIndex) }
                default:
                    break
                }
            }
        }
        for id in interfaceOrder {
            let (decl, fileIndex) = interfaceDecls[id]!
            currentFile = fileIndex
            try resolveInterface(id, items: decl.items, docs: decl.docs, attributes: decl.attributes)
        }
        for id in worldOrder {
            let (decl, fileIndex) = worldDecls[id]!
            currentFile = fileIndex
            try resolveWorld(id, decl)
        }
        return package
    }

    /// Every path in the package, with the item it sits in (for ordering) and its `use` names.
    static func forEachPath(in list: DeclList,
                             _ body: (_ container: Identifier?, _ attributes: [Attribute], _ path: UsePath,
                                      _ names: [UseName]?, _ isWorld: Bool) throws(Diagnostic) -> Void) throws(Diagnostic) {
        for item in list.items {
            switch item {
            case .interface(let decl):
                for case .use(let use) in decl.items {
                    try body(decl.name, use.attributes, use.path, use.names, false)
                }
            case .world(let decl):
                var externs: [ExternDecl] = []
                var exports: [ExternDecl] = []
                for worldItem in decl.items {
                    switch worldItem {
                    case .use(let use): try body(nil, use.attributes, use.path, use.names, false)
                    case .include(let include): try body(decl.name, include.attributes, include.path, nil, true)
                    case .import(let decl): externs.append(decl)
                    case .export(let decl): exports.append(decl)
                    case .type: break
                    }
                }
                for decl in externs + exports {
                    switch decl.kind {
                    case .interface(_, let items, _):
                        for case .use(let use) in items { try body(nil, use.attributes, use.path, use.names, false) }
                    case .path(let path), .namedPath(_, let path):
                        try body(nil, decl.attributes, path, nil, false)
                    case .function:
                        break
                    }
                }
            case .use(let use):
                try body(nil, use.attributes, use.path, nil, false)
            case .package:
                break
            }
        }
    }

    mutating func populateForeignDependencies() throws(Diagnostic) {
        for list in declLists {
            try Self.forEachPath(in: list) { (_, attributes, path, _, isWorld) throws(Diagnostic) in
                guard case .package(let reference, let name) = path else { return }
                let stability = try self.stability(attributes)
                if package.foreignDeps[reference.name] == nil {
                    package.foreignDepSpans.append(reference.span)
                    package.foreignDeps[reference.name] = OrderedDictionary()
                }
                // Changed in place: a copy of the package's items per `use` would make this quadratic.
                let seen = package.foreignDeps.modifyValue(forKey: reference.name) { items in
                    items.modifyValue(forKey: name.name) { $0.stabilities.append(stability) } != nil
                }
                if seen != true {
                    let item: ItemReference = isWorld ? .world(allocateWorld(span: name.span)) : .interface(allocateInterface(span: name.span))
                    if case .interface(let id) = item { foreignInterfaces.insert(id) }
                    package.foreignDeps.modifyValue(forKey: reference.name) { items in
                        items[name.name] = UnresolvedPackage.ForeignItem(item: item, stabilities: [stability], span: name.span)
                    }
                }
            }
        }
    }

    mutating func allocateInterface(span: Span) -> InterfaceID {
        interfaceScopes.append(OrderedDictionary())
        package.interfaceSpans.append(.init(span: span))
        package.interfaces.append(Interface(name: nil, types: .init(), functions: .init(), docs: Docs(), stability: .unknown, package: nil))
        return InterfaceID(package.interfaces.count - 1)
    }

    mutating func allocateWorld(span: Span) -> WorldID {
        package.worldSpans.append(.init(span: span))
        package.worldIncludes.append([])
        package.worlds.append(World(name: "", imports: .init(), exports: .init(), package: nil, docs: Docs(), stability: .unknown))
        return WorldID(package.worlds.count - 1)
    }

    /// Names every interface and world, orders them by their `use`s, and allocates them in that order.
    mutating func populateItems() throws(Diagnostic) -> ([InterfaceID], [WorldID]) {
        var declared: [String: (span: Span, isWorld: Bool)] = [:]
        var order = OrderedDictionary<String, [Toposort.Edge]>()
        for list in declLists {
            for item in list.items {
                let name: Identifier
                let isWorld: Bool
                switch item {
                case .interface(let decl): name = decl.name; isWorld = false
                case .world(let decl): name = decl.name; isWorld = true
                default: continue
                }
                if declared[name.name] != nil {
                    throw Diagnostic("duplicate item named `\(name.name)`", at: name.span)
                }
                declared[name.name] = (name.span, isWorld)
                order[name.name] = []
            }
        }
        enum Source { case foreign, local(Identifier) }
        for list in declLists {
            var namespace: [String: Source] = [:]
            for item in list.items {
                let name: Identifier
                let source: Source
                switch item {
                case .use(let use):
                    name = use.alias ?? use.path.name
                    if case .local(let id) = use.path { source = .local(id) } else { source = .foreign }
                case .interface(let decl): name = decl.name; source = .local(decl.name)
                case .world(let decl): name = decl.name; source = .local(decl.name)
                case .package: continue
                }
                if namespace[name.name] != nil {
                    throw Diagnostic("duplicate name `\(name.name)` in this file", at: name.span)
                }
                namespace[name.name] = source
            }
            try Self.forEachPath(in: list) { (container, _, path, _, _) throws(Diagnostic) in
                guard let container, case .local(let used) = path else { return }
                switch namespace[used.name] {
                case .foreign?:
                    return
                case .local(let id)?:
                    order.modifyValue(forKey: container.name) { $0.append(Toposort.Edge(name: id.name, span: id.span)) }
                case nil:
                    guard declared[used.name] != nil else {
                        throw Diagnostic("interface or world `\(used.name)` does not exist", at: used.span,
                                         help: NameSuggestion.help(for: used.name, among: declared.keys))
                    }
                    order.modifyValue(forKey: container.name) { $0.append(Toposort.Edge(name: used.name, span: used.span)) }
                }
            }
        }
        let sorted = try Toposort.sort(kind: "interface or world", nodes: order)
        var ids: [String: ItemReference] = [:]
        var interfaceOrder: [InterfaceID] = []
        var worldOrder: [WorldID] = []
        for node in sorted {
            let name = order.keys[node]
            let (span, isWorld) = declared[name]!
            if isWorld {
                let id = allocateWorld(span: span)
                package.worlds[id.index].name = name
                ids[name] = .world(id)
                worldOrder.append(id)
            } else {
                let id = allocateInterface(span: span)
                package.interfaces[id.index].name = name
                ids[name] = .interface(id)
                interfaceOrder.append(id)
            }
        }
        for list in declLists {
            var items: [String: ItemReference] = [:]
            for item in list.items {
                switch item {
                case .use(let use):
                    if !use.attributes.isEmpty {
                        throw Diagnostic("attributes not allowed on top-level use", at: use.span)
                    }
                    let name = use.alias ?? use.path.name
                    switch use.path {
                    case .local(let target):
                        guard let found = ids[target.name] else {
                            throw Diagnostic("interface or world `\(target.name)` does not exist", at: target.span,
                                             help: NameSuggestion.help(for: target.name, among: ids.keys))
                        }
                        items[name.name] = found
                    case .package(let reference, let target):
                        items[name.name] = package.foreignDeps[reference.name]![target.name]!.item
                    }
                case .interface(let decl):
                    items[decl.name.name] = ids[decl.name.name]
                    packageItems[decl.name.name] = ids[decl.name.name]
                case .world(let decl):
                    items[decl.name.name] = ids[decl.name.name]
                    packageItems[decl.name.name] = ids[decl.name.name]
                case .package:
                    break
                }
            }
            fileItems.append(items)
        }
        return (interfaceOrder, worldOrder)
    }

    /// Placeholder types for every name `use`d from another package's interface.
    mutating func populateForeignTypes() throws(Diagnostic) {
        for (fileIndex, list) in declLists.enumerated() {
            currentFile = fileIndex
            try Self.forEachPath(in: list) { (_, attributes, path, names, _) throws(Diagnostic) in
                guard let names else { return }
                let stability = try self.stability(attributes)
                let (item, name, span) = try resolvePath(path)
                let interface = try interfaceOf(item, name: name, span: span)
                guard foreignInterfaces.contains(interface) else { return }
                for useName in names where interfaceScopes[interface.index][useName.name.name] == nil {
                    let id = appendType(TypeDef(name: useName.name.name, kind: .unknown, owner: .interface(interface),
                                                docs: Docs(), stability: stability), span: useName.name.span)
                    package.unknownTypeSpans.append(useName.name.span)
                    interfaceScopes[interface.index][useName.name.name] = .type(id, useName.name.span)
                    package.interfaces[interface.index].types[useName.name.name] = id
                }
            }
        }
    }

    mutating func appendType(_ type: consuming TypeDef, span: Span) -> TypeID {
        package.types.append(type)
        package.typeSpans.append(span)
        return TypeID(package.types.count - 1)
    }

    // MARK: Paths

    func resolvePath(_ path: UsePath) throws(Diagnostic) -> (ItemReference, String, Span) {
        switch path {
        case .local(let id):
            guard let item = fileItems[currentFile][id.name] ?? packageItems[id.name] else {
                let names = Array(fileItems[currentFile].keys) + Array(packageItems.keys)
                throw Diagnostic("interface or world `\(id.name)` does not exist", at: id.span,
                                 help: NameSuggestion.help(for: id.name, among: names))
            }
            return (item, id.name, id.span)
        case .package(let reference, let name):
            return (package.foreignDeps[reference.name]![name.name]!.item, name.name, name.span)
        }
    }

    func interfaceOf(_ item: ItemReference, name: String, span: Span) throws(Diagnostic) -> InterfaceID {
        switch item {
        case .interface(let id): return id
        case .world: throw Diagnostic("name `\(name)` is defined as a world, not an interface", at: span)
        }
    }

    func worldOf(_ item: ItemReference, name: String, span: Span) throws(Diagnostic) -> WorldID {
        switch item {
        case .world(let id): return id
        case .interface: throw Diagnostic("name `\(name)` is defined as an interface, not a world", at: span)
        }
    }

    // MARK: Gates

    func stability(_ attributes: [Attribute]) throws(Diagnostic) -> Stability {
        var since: Version?
        var feature: String?
        var deprecated: (Version, Span)?
        for (index, attribute) in attributes.enumerated() {
            let duplicate: Bool
            switch attribute {
            case .since(let version, _): duplicate = since != nil || feature != nil; since = version
            case .unstable(let name, _): duplicate = feature != nil || since != nil; feature = name.name
            case .deprecated(let version, let span): duplicate = deprecated != nil; deprecated = (version, span)
            }
            if duplicate || index >= 2 {
                throw Diagnostic("unsupported combination of attributes", at: attribute.span)
            }
        }
        if let since { return .stable(since: since, deprecated: deprecated?.0) }
        if let feature { return .unstable(feature: feature, deprecated: deprecated?.0) }
        if let deprecated {
            throw Diagnostic("must pair @deprecated with either @since or @unstable", at: deprecated.1)
        }
        return .unknown
    }
}
