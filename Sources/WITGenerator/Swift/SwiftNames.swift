import WITModel

/// Every Swift name the bindings use, decided once for the whole model: one
/// top-level enum per package, namespaces for its interfaces and worlds nested in
/// it, type names inside them, and one name per resource (used for associated types
/// and generic parameters). Generated code never names its module: every reference
/// to a generated type is qualified from its package enum (`WASIIO.Streams.InputStream`),
/// which no nested name can shadow, because no generated name inside a package enum
/// is the name of a package enum. A class, so that the generator and its type renderer
/// share one table and one cache of qualified names.
final class SwiftNames {
    let resolve: Resolve
    private(set) var packageNamespaces: ArenaTable<PackageID, String>
    private(set) var interfaceNamespaces: ArenaTable<InterfaceID, String>
    private(set) var worldNamespaces: ArenaTable<WorldID, String>
    private(set) var typeNames: ArenaTable<TypeID, String>
    private(set) var resourceNames: ArenaTable<TypeID, String>
    /// Every package enum's name: no name nested in one may take them.
    private var packageNameSet: Set<String> = []
    /// `qualifiedName(_:)`'s answers, filled on first use.
    private var qualifiedNames: ArenaTable<TypeID, String>
    /// `member(_:)`'s answers: the same field, case and parameter names recur throughout a package.
    private var memberNames: [String: String] = [:]
    /// Each resource's name as WIT words, for its host requirements (`store`, or
    /// `kv-store` when another interface's resource is also called `store`).
    private var resourceWords: ArenaTable<TypeID, String>
    /// The host requirements' names of constructors and static functions, by resource and WIT name.
    private var hostFunctionNames: [HostFunctionKey: String] = [:]

    private struct HostFunctionKey: Hashable {
        var resource: TypeID
        var name: String
    }

    init(resolve: Resolve) {
        self.resolve = resolve
        packageNamespaces = ArenaTable(count: resolve.packages.count)
        interfaceNamespaces = ArenaTable(count: resolve.interfaces.count)
        worldNamespaces = ArenaTable(count: resolve.worlds.count)
        typeNames = ArenaTable(count: resolve.types.count)
        resourceNames = ArenaTable(count: resolve.types.count)
        qualifiedNames = ArenaTable(count: resolve.types.count)
        resourceWords = ArenaTable(count: resolve.types.count)
        assignPackageNamespaces()
        assignNamespaces()
        assignTypeNames()
        assignResourceNames()
        assignHostFunctionNames()
    }

    /// A package's enum: `wasi:sockets` → `WASISockets`, and with its version
    /// (`WASIIO_0_2_12`) when the model holds two versions of the package.
    private func assignPackageNamespaces() {
        var versionCounts: [String: Int] = [:]
        for package in resolve.packages { versionCounts[package.name.unversioned, default: 0] += 1 }
        var used = Naming.reservedTypeNames.union(["WITSupport"])
        for (index, package) in resolve.packages.enumerated() {
            var name = Naming.upperCamel(package.name.namespace) + Naming.upperCamel(package.name.name)
            if versionCounts[package.name.unversioned]! > 1, let version = package.name.version {
                name += "_" + Self.identifierPart(version.description)
            }
            if Naming.swiftKeywords.contains(name) { name += "Package" }
            name = unique(name, in: &used)
            packageNamespaces[PackageID(index)] = name
            packageNameSet.insert(name)
        }
    }

    /// Version text as identifier characters: `0.2.0-rc.1` → `0_2_0_rc_1`.
    private static func identifierPart(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    private func assignNamespaces() {
        // Names are unique within each package enum (or at the top level, for items of no package).
        var usedPerPackage: [PackageID?: Set<String>] = [:]
        func assign(_ base: String, in package: PackageID?) -> String {
            var name = base
            if Naming.reservedTypeNames.contains(name) { name += "Namespace" }
            return unique(name, in: &usedPerPackage[package, default: packageNameSet])
        }
        for (index, interface) in resolve.interfaces.enumerated() {
            let id = InterfaceID(index)
            let base = interface.name.map { Naming.swiftType($0) } ?? inlineInterfaceName(id)
            interfaceNamespaces[id] = assign(base, in: interface.package)
        }
        for (index, world) in resolve.worlds.enumerated() {
            worldNamespaces[WorldID(index)] = assign(Naming.upperCamel(world.name) + "World", in: world.package)
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
            typeNames[TypeID(index)] = unique(base, in: &usedPerOwner[type.owner, default: packageNameSet.union(["Host", "Imports", "Exports"])])
        }
    }

    private func assignResourceNames() {
        var counts: [String: Int] = [:]
        for (index, type) in resolve.types.enumerated() where type.kind.isResource {
            counts[Naming.swiftType(type.name ?? "resource\(index)"), default: 0] += 1
        }
        var used = packageNameSet
        for (index, type) in resolve.types.enumerated() where type.kind.isResource {
            let base = Naming.swiftType(type.name ?? "resource\(index)")
            var name = base
            var words = type.name ?? "resource\(index)"
            if counts[base]! > 1, case .interface(let owner) = type.owner {
                name = interfaceNamespaces[owner]! + base
                if let interfaceName = resolve.interfaces[owner.index].name { words = interfaceName + "-" + words }
            }
            resourceNames[TypeID(index)] = unique(name, in: &used)
            resourceWords[TypeID(index)] = words
        }
    }

    /// Constructors and static functions are requirements of the host protocol of the
    /// interface or world that defines their resource: `make` and the resource's name for
    /// a constructor (`makeStore`), the resource's name and the function's for a static
    /// function (`storeOpen`). The free functions of that interface or world keep their
    /// names; a requirement that would take one of them gets `2` appended (then `3`, …).
    private func assignHostFunctionNames() {
        for interface in resolve.interfaces { assignHostFunctionNames(Array(interface.functions.values)) }
        for world in resolve.worlds {
            var functions: [Function] = []
            for case .function(let function) in world.imports.values { functions.append(function) }
            assignHostFunctionNames(functions)
        }
    }

    private func assignHostFunctionNames(_ functions: [Function]) {
        var used = Set(functions.filter { $0.kind.resource == nil }.map { member($0.itemName) })
        for function in functions {
            guard let target = function.kind.resource else { continue }
            let resource = resolve.dealiased(target)
            let words = resourceWords[resource] ?? "resource"
            let base: String
            switch function.kind {
            case .constructor: base = "make" + Naming.upperCamel(words)
            case .static, .asyncStatic: base = Naming.swiftMember(words + "-" + function.itemName)
            default: continue
            }
            hostFunctionNames[HostFunctionKey(resource: resource, name: function.name)] = unique(base, in: &used)
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

    /// A function's name in its protocol: for a constructor or static function, its name in
    /// the host protocol (`makeStore`, `storeOpen`); else its member name (`start-bind` →
    /// `startBind`, keywords escaped).
    func functionName(_ function: Function) -> String {
        if isHostRequirement(function), let resource = function.kind.resource,
           let name = hostFunctionNames[HostFunctionKey(resource: resolve.dealiased(resource), name: function.name)] {
            return name
        }
        return member(function.itemName)
    }

    /// Whether a function is a requirement of a host protocol, not of its resource's protocol:
    /// free functions, constructors and static functions.
    func isHostRequirement(_ function: Function) -> Bool {
        !function.kind.isMethod
    }

    /// The protocol holding a resource's constructor and static functions: `Host` of the
    /// interface that defines it, or `Imports` of the world.
    func hostProtocol(ofResource resource: TypeID) -> String {
        switch resolve.types[resource.index].owner {
        case .interface(let id): return qualifiedNamespace(id) + ".Host"
        case .world(let id): return qualifiedNamespace(id) + ".Imports"
        case .none: return "Host"
        }
    }

    /// The namespace holding a named type.
    func namespace(of owner: TypeOwner) -> String? {
        switch owner {
        case .interface(let id): return interfaceNamespaces[id]
        case .world(let id): return worldNamespaces[id]
        case .none: return nil
        }
    }

    /// The enum of a package, if the item has one.
    func packageNamespace(_ package: PackageID?) -> String? {
        package.map { packageNamespaces[$0]! }
    }

    /// `Package.Namespace` for an interface, as generated code refers to it.
    func qualifiedNamespace(_ id: InterfaceID) -> String {
        qualified(interfaceNamespaces[id]!, in: resolve[id].package)
    }

    /// `Package.Namespace` for a world, as generated code refers to it.
    func qualifiedNamespace(_ id: WorldID) -> String {
        qualified(worldNamespaces[id]!, in: resolve[id].package)
    }

    private func qualified(_ namespace: String, in package: PackageID?) -> String {
        packageNamespace(package).map { "\($0).\(namespace)" } ?? namespace
    }

    /// `Package.Namespace.Name` for a named type.
    func qualifiedName(_ id: TypeID) -> String {
        if let cached = qualifiedNames[id] { return cached }
        let name = typeNames[id] ?? "Type\(id.index)"
        var qualified = name
        switch resolve.types[id.index].owner {
        case .interface(let owner): qualified = qualifiedNamespace(owner) + "." + name
        case .world(let owner): qualified = qualifiedNamespace(owner) + "." + name
        case .none: break
        }
        qualifiedNames[id] = qualified
        return qualified
    }
}
