import WITModel

/// Every Swift name the bindings use, decided once for the whole model:
/// namespaces for interfaces and worlds, type names inside them, and one
/// global name per resource (used for associated types and generic parameters).
/// A class, so that the generator and its type renderer share one table and
/// one cache of qualified names.
final class SwiftNames {
    let resolve: Resolve
    let module: String
    private(set) var interfaceNamespaces: ArenaTable<InterfaceID, String>
    private(set) var worldNamespaces: ArenaTable<WorldID, String>
    private(set) var typeNames: ArenaTable<TypeID, String>
    private(set) var resourceNames: ArenaTable<TypeID, String>
    /// `qualifiedName(_:)`'s answers, filled on first use.
    private var qualifiedNames: ArenaTable<TypeID, String>
    /// `member(_:)`'s answers: the same field, case and parameter names recur throughout a package.
    private var memberNames: [String: String] = [:]

    init(resolve: Resolve, module: String) {
        self.resolve = resolve
        self.module = module
        interfaceNamespaces = ArenaTable(count: resolve.interfaces.count)
        worldNamespaces = ArenaTable(count: resolve.worlds.count)
        typeNames = ArenaTable(count: resolve.types.count)
        resourceNames = ArenaTable(count: resolve.types.count)
        qualifiedNames = ArenaTable(count: resolve.types.count)
        assignNamespaces()
        assignTypeNames()
        assignResourceNames()
    }

    /// A Swift name for a package, `wasi:sockets` → `WASISockets`.
    func packagePrefix(_ package: PackageID?) -> String {
        guard let package else { return "" }
        let name = resolve[package].name
        return Naming.upperCamel(name.namespace) + Naming.upperCamel(name.name)
    }

    private func assignNamespaces() {
        var candidates: [(key: NamespaceOwner, base: String, qualified: String)] = []
        for (index, interface) in resolve.interfaces.enumerated() {
            let id = InterfaceID(index)
            let base: String
            if let name = interface.name {
                base = Naming.swiftType(name)
            } else {
                base = inlineInterfaceName(id)
            }
            candidates.append((.interface(id), base, packagePrefix(interface.package) + base))
        }
        for (index, world) in resolve.worlds.enumerated() {
            let base = Naming.upperCamel(world.name) + "World"
            candidates.append((.world(WorldID(index)), base, packagePrefix(world.package) + base))
        }
        var baseCounts: [String: Int] = [:]
        for candidate in candidates { baseCounts[candidate.base, default: 0] += 1 }
        var used = Set<String>([module])
        for candidate in candidates {
            var name = baseCounts[candidate.base]! > 1 ? candidate.qualified : candidate.base
            if Naming.reservedTypeNames.contains(name) { name += "Namespace" }
            name = unique(name, in: &used)
            switch candidate.key {
            case .interface(let id): interfaceNamespaces[id] = name
            case .world(let id): worldNamespaces[id] = name
            }
        }
    }

    private enum NamespaceOwner { case interface(InterfaceID), world(WorldID) }

    /// An inline `import x: interface { … }` is named after its world and its key.
    private func inlineInterfaceName(_ id: InterfaceID) -> String {
        for world in resolve.worlds {
            for (key, item) in Array(world.imports) + Array(world.exports) {
                if case .interface(let found, _, _) = item, found == id, case .name(let name) = key {
                    return Naming.upperCamel(world.name) + Naming.upperCamel(name)
                }
            }
        }
        return "Interface\(id.index)"
    }

    private func assignTypeNames() {
        var usedPerOwner: [TypeOwner: Set<String>] = [:]
        for (index, type) in resolve.types.enumerated() {
            guard let name = type.name, type.owner != .none else { continue }
            let base = type.kind.isResource ? Naming.upperCamel(name) + "Resource" : Naming.swiftType(name)
            // Updated in place: a copy of the set per type would make naming quadratic.
            typeNames[TypeID(index)] = unique(base, in: &usedPerOwner[type.owner, default: ["Host", "Imports", "Exports"]])
        }
    }

    private func assignResourceNames() {
        var counts: [String: Int] = [:]
        for (index, type) in resolve.types.enumerated() where type.kind.isResource {
            counts[Naming.swiftType(type.name ?? "resource\(index)"), default: 0] += 1
        }
        var used = Set<String>()
        for (index, type) in resolve.types.enumerated() where type.kind.isResource {
            let base = Naming.swiftType(type.name ?? "resource\(index)")
            var name = base
            if counts[base]! > 1, case .interface(let owner) = type.owner { name = interfaceNamespaces[owner]! + base }
            resourceNames[TypeID(index)] = unique(name, in: &used)
        }
    }

    private func unique(_ name: String, in used: inout Set<String>) -> String {
        var candidate = name
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(name)\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// The Swift member name for a WIT name (`local-address` → `localAddress`, keywords escaped).
    func member(_ witName: String) -> String {
        if let cached = memberNames[witName] { return cached }
        let name = Naming.swiftMember(witName)
        memberNames[witName] = name
        return name
    }

    /// A function's name in its protocol: `init` for a constructor, else its member name
    /// (`start-bind` → `startBind`, keywords escaped).
    func functionName(_ function: Function) -> String {
        function.isConstructor ? "init" : member(function.itemName)
    }

    /// The namespace holding a named type.
    func namespace(of owner: TypeOwner) -> String? {
        switch owner {
        case .interface(let id): return interfaceNamespaces[id]
        case .world(let id): return worldNamespaces[id]
        case .none: return nil
        }
    }

    /// `Module.Namespace.Name` for a named type.
    func qualifiedName(_ id: TypeID) -> String {
        if let cached = qualifiedNames[id] { return cached }
        let name = typeNames[id] ?? "Type\(id.index)"
        var qualified = name
        if let namespace = namespace(of: resolve.types[id.index].owner) { qualified = "\(module).\(namespace).\(name)" }
        qualifiedNames[id] = qualified
        return qualified
    }
}
