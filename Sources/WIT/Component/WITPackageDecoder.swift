/// Turns a WIT package encoded as a component back into the WIT model, the way
/// `wit-component` decodes one, so that ids and order match the reference's
/// (`wasm-tools component wit --json` on the same file).
///
/// The encoding: every top-level export is a component type named after an
/// interface or world of the package (a plain label). An interface's type
/// imports the instances of the interfaces it uses (all their types, so that
/// every decoder sees foreign interfaces alike) and exports one instance,
/// `ns:pkg/name@version`; a world's type exports one component type, whose
/// imports and exports are the world's. A `use` is an `alias` of a type of an
/// imported instance: a node the decoder has already mapped.
///
/// Foreign packages come out holding only the interfaces and types that were
/// imported; they precede the package, in dependency order.
struct WITPackageDecoder {
    typealias NodeID = ComponentTypeGraph.NodeID

    let graph: ComponentTypeGraph
    /// The span diagnostics about the file as a whole point at.
    let fileSpan: Span
    var resolve = Resolve()

    /// Packages other than the decoded one, by name, with their items by name.
    var foreignPackages: OrderedDictionary<PackageName, PendingPackage> = .init()
    /// The foreign package (index into `foreignPackages`) of each foreign interface.
    var foreignInterfacePackage: [InterfaceID: Int] = [:]
    /// Interfaces of the decoded package, by their full id `ns:pkg/name@version`.
    var namedInterfaces: [String: InterfaceID] = [:]
    /// Resources by owner and name, for the functions that belong to them.
    var resources: [TypeOwner: [String: TypeID]] = [:]
    /// The WIT type each node has become.
    var typeMap: [NodeID: TypeID] = [:]

    /// A package's items while decoding, before it is placed in the model.
    struct PendingPackage {
        var name: PackageName
        var interfaces: OrderedDictionary<String, InterfaceID> = .init()
        var worlds: OrderedDictionary<String, WorldID> = .init()
    }

    /// Decodes `graph`; returns the model (dependencies first) and the decoded package.
    static func decode(_ graph: ComponentTypeGraph, fileSpan: Span) throws(Diagnostic) -> (Resolve, PackageID) {
        var decoder = WITPackageDecoder(graph: graph, fileSpan: fileSpan)
        return try decoder.decodePackage()
    }

    func error(_ message: String, _ span: Span? = nil) -> Diagnostic {
        Diagnostic(message, at: span ?? fileSpan)
    }

    private mutating func decodePackage() throws(Diagnostic) -> (Resolve, PackageID) {
        guard let first = graph.exports.first else {
            throw error("not a WIT package: the component exports no component type")
        }
        for export in graph.exports {
            guard case .component = graph.definition(of: export.node) else {
                throw error("not a WIT package: the export `\(export.name)` is not a component type", export.span)
            }
        }
        switch ComponentName(first.name) {
        case .label: break
        case .interface(_, "wit"):
            throw error("unsupported: the first (v1) encoding of WIT packages, whose export is named `\(first.name)`", first.span)
        default:
            throw error("not a WIT package: the export `\(first.name)` is not a plain name", first.span)
        }

        var package: PendingPackage?
        for export in graph.exports {
            guard case .component(let imports, let exports) = graph.definition(of: export.node) else { continue }
            guard exports.count == 1, let item = exports.first else {
                throw error("the component type `\(export.name)` must have a single export, but it has \(exports.count)",
                            export.span)
            }
            let name: PackageName
            switch item.entity {
            case .component(let world):
                name = try packageName(item)
                try registerWorld(item.name, world, item.span, into: &package, named: name)
            case .instance(let instance):
                name = try packageName(item)
                for dependency in imports {
                    guard case .instance(let imported) = dependency.entity else {
                        throw error("the import `\(dependency.name)` is not an instance", dependency.span)
                    }
                    _ = try registerImport(dependency.name, imported, dependency.span)
                }
                _ = try registerInterface(item.name, instance, item.span, into: &package, named: name)
            default:
                throw error("the export `\(item.name)` is neither an interface (an instance) nor a world (a component)",
                            item.span)
            }
            if let existing = package?.name, existing != name {
                throw error("item defined with mismatched package name: `\(name)`, while earlier items are in `\(existing)`",
                            item.span)
            }
            if package == nil { package = PendingPackage(name: name) }
        }
        guard let package else { throw error("no exported component type found") }
        let id = try finish(package)
        return (resolve, id)
    }

    /// The package of an item named by an interface id.
    private func packageName(_ item: ComponentTypeGraph.Item) throws(Diagnostic) -> PackageName {
        guard case .interface(let package, _) = ComponentName(item.name) else {
            throw error("expected the name `\(item.name)` to be an id of the form `namespace:package/name@version`", item.span)
        }
        return package
    }

    private func instanceExports(_ node: NodeID) -> [ComponentTypeGraph.Item] {
        guard case .instance(let exports) = graph.definition(of: node) else { return [] }
        return exports
    }

    /// An interface named by id: an interface of the package already decoded
    /// (whose types this import must agree with), or one of a foreign package,
    /// filled in with whatever this import declares that it lacks.
    mutating func registerImport(_ name: String, _ instance: NodeID, _ span: Span) throws(Diagnostic) -> InterfaceID {
        let isLocal: Bool
        let interface: InterfaceID
        if let local = namedInterfaces[name] {
            isLocal = true
            interface = local
        } else {
            isLocal = false
            interface = try foreignInterface(name, span)
        }
        let owner = TypeOwner.interface(interface)
        for export in instanceExports(instance) {
            switch export.entity {
            case .type(let referenced, let created):
                if let existing = resolve[interface].types[export.name] {
                    switch graph.definition(of: referenced) {
                    case .defined(let definition): try register(definition, as: existing, export.span)
                    case .resource: break
                    default: throw error("the type `\(export.name)` is not a value type or a resource", export.span)
                    }
                    try map(created, to: existing, export.span)
                } else {
                    if isLocal {
                        throw error("instance type export `\(export.name)` not defined in interface `\(name)`", export.span)
                    }
                    let id = try registerTypeExport(export.name, owner, referenced, created, export.span)
                    resolve[interface].types[export.name] = id
                }
            case .function(let function):
                if resolve[interface].functions[export.name] != nil { continue }
                if isLocal {
                    throw error("instance function export `\(export.name)` not defined in interface `\(name)`", export.span)
                }
                resolve[interface].functions[export.name] = try convertFunction(export.name, function, owner, export.span)
            default:
                throw error("instance type export `\(export.name)` is not a type or a function", export.span)
            }
        }
        return interface
    }

    /// The interface `ns:pkg/name@version` of a foreign package, created empty when new.
    private mutating func foreignInterface(_ name: String, _ span: Span) throws(Diagnostic) -> InterfaceID {
        guard case .interface(let packageName, let interfaceName) = ComponentName(name) else {
            throw error("the import `\(name)` is not an interface id of the form `namespace:package/name@version`", span)
        }
        let packageIndex: Int
        if let index = foreignPackages.index(forKey: packageName) {
            packageIndex = index
        } else {
            packageIndex = foreignPackages.count
            foreignPackages[packageName] = PendingPackage(name: packageName)
        }
        if let existing = foreignPackages.values[packageIndex].interfaces[interfaceName] { return existing }
        let id = InterfaceID(resolve.interfaces.count)
        resolve.interfaces.append(Interface(name: interfaceName, types: .init(), functions: .init(), docs: Docs(),
                                            stability: .unknown, package: nil))
        foreignPackages.modifyValue(forKey: packageName) { $0.interfaces[interfaceName] = id }
        foreignInterfacePackage[id] = packageIndex
        return id
    }

    /// A new interface: named (part of the package) when `name` is an id, or
    /// anonymous (inline in a world) when it is a plain label.
    mutating func registerInterface(_ name: String, _ instance: NodeID, _ span: Span, into package: inout PendingPackage?,
                                    named packageName: PackageName?) throws(Diagnostic) -> (WorldKey, InterfaceID) {
        if namedInterfaces[name] != nil {
            let id = try registerImport(name, instance, span)
            return (.interface(id), id)
        }
        let interfaceName: String?
        switch ComponentName(name) {
        case .interface(_, let interface): interfaceName = interface
        case .label: interfaceName = nil
        default: throw error("cannot take an interface name from `\(name)`", span)
        }
        var interface = Interface(name: interfaceName, types: .init(), functions: .init(), docs: Docs(), stability: .unknown,
                                  package: nil)
        let owner = TypeOwner.interface(InterfaceID(resolve.interfaces.count))
        for export in instanceExports(instance) {
            switch export.entity {
            case .type(let referenced, let created):
                interface.types[export.name] = try registerTypeExport(export.name, owner, referenced, created, export.span)
            case .function(let function):
                interface.functions[export.name] = try convertFunction(export.name, function, owner, export.span)
            default:
                throw error("instance type export `\(export.name)` is not a type or a function", export.span)
            }
        }
        let id = InterfaceID(resolve.interfaces.count)
        resolve.interfaces.append(interface)
        guard let interfaceName else { return (.name(name), id) }
        if package == nil, let packageName { package = PendingPackage(name: packageName) }
        if package?.interfaces.updateValue(id, forKey: interfaceName) != nil {
            throw error("the interface `\(interfaceName)` is defined twice", span)
        }
        namedInterfaces[name] = id
        return (.interface(id), id)
    }

    private mutating func registerWorld(_ name: String, _ component: NodeID, _ span: Span, into package: inout PendingPackage?,
                                        named packageName: PackageName) throws(Diagnostic) {
        guard case .interface(_, let worldName) = ComponentName(name) else {
            throw error("expected the world name `\(name)` to have an id form", span)
        }
        guard case .component(let imports, let exports) = graph.definition(of: component) else { return }
        var world = World(name: worldName, imports: .init(), exports: .init(), package: nil, docs: Docs(), stability: .unknown)
        let owner = TypeOwner.world(WorldID(resolve.worlds.count))
        for item in imports {
            let (key, value) = try worldItem(item, isImport: true, owner: owner, into: &package, named: packageName)
            world.imports[key] = value
        }
        for item in exports {
            let (key, value) = try worldItem(item, isImport: false, owner: owner, into: &package, named: packageName)
            world.exports[key] = value
        }
        let id = WorldID(resolve.worlds.count)
        resolve.worlds.append(world)
        if package == nil { package = PendingPackage(name: packageName) }
        if package?.worlds.updateValue(id, forKey: worldName) != nil {
            throw error("the world `\(worldName)` is defined twice", span)
        }
    }

    /// One import or export of a world: an interface, a function, or (imports only) a type.
    private mutating func worldItem(_ item: ComponentTypeGraph.Item, isImport: Bool, owner: TypeOwner,
                                    into package: inout PendingPackage?,
                                    named packageName: PackageName) throws(Diagnostic) -> (WorldKey, WorldItem) {
        switch item.entity {
        case .instance(let instance):
            let (key, id) = try worldInterface(item, instance, into: &package, named: packageName)
            return (key, .interface(id, stability: .unknown, docs: Docs()))
        case .type(let referenced, let created) where isImport:
            return (.name(item.name), .type(try registerTypeExport(item.name, owner, referenced, created, item.span)))
        case .function(let function):
            return (.name(item.name), .function(try convertFunction(item.name, function, owner, item.span)))
        case .type, .component:
            if isImport { throw error("the world import `\(item.name)` is not an instance, a function or a type", item.span) }
            throw error("the world export `\(item.name)` is not an instance or a function", item.span)
        }
    }

    /// An interface a world imports or exports: by id (`ns:pkg/name`, defined
    /// elsewhere) or inline under a plain name.
    private mutating func worldInterface(_ item: ComponentTypeGraph.Item, _ instance: NodeID, into package: inout PendingPackage?,
                                         named packageName: PackageName) throws(Diagnostic) -> (WorldKey, InterfaceID) {
        if item.name.contains("/") {
            let id = try registerImport(item.name, instance, item.span)
            return (.interface(id), id)
        }
        return try registerInterface(item.name, instance, item.span, into: &package, named: packageName)
    }
}
