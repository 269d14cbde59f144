/// Merges resolved-in-themselves packages into one ``Resolve``, dependencies
/// first: matches placeholders to the real items, drops items gated off by
/// features, turns references to resources into `own` handles, and
/// elaborates worlds.
struct Linker {
    var resolve = Resolve()
    var packageNames: [PackageName: PackageID] = [:]
    let features: Set<String>
    let allFeatures: Bool

    init(features: Set<String>, allFeatures: Bool) {
        self.features = features
        self.allFeatures = allFeatures
    }

    /// Whether an item with this gate is kept, or an error when the gate is invalid.
    func includes(_ stability: Stability, in package: PackageID, span: Span?) throws(Diagnostic) -> Bool {
        switch stability {
        case .unknown:
            return true
        case .stable(let since, _):
            let name = resolve[package].name
            guard let version = name.version else {
                throw Diagnostic("package [\(name)] contains a feature gate with a version specifier, so it must have a version", at: span)
            }
            if since > version {
                throw Diagnostic("feature gate cannot reference unreleased version \(since) of package [\(name)] (current version \(version))",
                                 at: span)
            }
            return true
        case .unstable(let feature, _):
            return allFeatures || features.contains(feature)
        }
    }

    /// Adds one package; its dependencies must already be in, and its name must be new
    /// (`FrontEnd` rejects two packages of one name before linking).
    mutating func append(_ unresolved: consuming UnresolvedPackage) throws(Diagnostic) -> PackageID {
        var remap = Remap()
        return try remap.append(&unresolved, into: &self)
    }
}

/// The id mapping of one package being appended.
struct Remap {
    var types: [TypeID?] = []
    var interfaces: [InterfaceID?] = []
    var worlds: [WorldID?] = []
    var ownHandles: [TypeID: TypeID] = [:]
    var borrowCache: [TypeID: Bool] = [:]

    static func excluded(_ what: String, _ span: Span?) -> Diagnostic {
        Diagnostic("found a reference to a \(what) which is excluded due to its feature not being activated", at: span)
    }

    func map(_ id: TypeID, _ span: Span?) throws(Diagnostic) -> TypeID {
        guard let mapped = types[id.index] else { throw Self.excluded("type", span) }
        return mapped
    }

    func map(_ id: InterfaceID, _ span: Span?) throws(Diagnostic) -> InterfaceID {
        guard let mapped = interfaces[id.index] else { throw Self.excluded("interface", span) }
        return mapped
    }

    func map(_ id: WorldID, _ span: Span?) throws(Diagnostic) -> WorldID {
        guard let mapped = worlds[id.index] else { throw Self.excluded("world", span) }
        return mapped
    }

    /// Appends the package's items; they are moved out of `unresolved`, which is left hollow.
    /// The package's name is new to the linker (see ``Linker/append(_:)``).
    mutating func append(_ unresolved: inout UnresolvedPackage, into linker: inout Linker) throws(Diagnostic) -> PackageID {
        let packageID = PackageID(linker.resolve.packages.count)
        linker.resolve.packages.append(Package(name: unresolved.name, docs: unresolved.docs, interfaces: .init(), worlds: .init()))
        linker.packageNames[unresolved.name] = packageID

        try processForeignDependencies(unresolved, packageID, &linker)
        let foreignTypes = types.count
        let foreignInterfaces = interfaces.count
        let foreignWorlds = worlds.count

        for index in foreignTypes..<unresolved.types.count {
            var type = unresolved.types.take(index, leaving: TypeDef(name: nil, kind: .unknown, owner: .none, docs: Docs(),
                                                                      stability: .unknown))
            let span = unresolved.typeSpans[index]
            guard try linker.includes(type.stability, in: packageID, span: span) else {
                types.append(nil)
                continue
            }
            try updateTypeDefinition(&type, span, memberSpans: unresolved.memberSpans[index], &linker.resolve)
            var newID = TypeID(linker.resolve.types.count)
            linker.resolve.types.append(type)
            if type.name == nil, type.owner == .none, case .handle(.own(let resource)) = type.kind {
                if let existing = ownHandles[resource] { newID = existing } else { ownHandles[resource] = newID }
            }
            types.append(newID)
        }

        for index in foreignInterfaces..<unresolved.interfaces.count {
            var interface = unresolved.interfaces.take(index, leaving: Interface(
                name: nil, types: .init(), functions: .init(), docs: Docs(), stability: .unknown, package: nil))
            let spans = unresolved.interfaceSpans[index]
            guard try linker.includes(interface.stability, in: packageID, span: spans.span) else {
                interfaces.append(nil)
                continue
            }
            interface.package = packageID
            try updateInterface(&interface, spans, packageID, &linker)
            interfaces.append(InterfaceID(linker.resolve.interfaces.count))
            linker.resolve.interfaces.append(interface)
        }

        for index in foreignTypes..<unresolved.types.count {
            guard let id = types[index], case .interface(let owner) = linker.resolve[id].owner else { continue }
            guard let mapped = interfaces[owner.index] else {
                throw Diagnostic("found a reference to a interface which is excluded due to its feature not being activated; this type is not gated by a feature but its interface is",
                                 at: unresolved.typeSpans[index])
            }
            linker.resolve[id].owner = .interface(mapped)
        }

        for index in foreignWorlds..<unresolved.worlds.count {
            var world = unresolved.worlds.take(index, leaving: World(
                name: "", imports: .init(), exports: .init(), package: nil, docs: Docs(), stability: .unknown))
            let spans = unresolved.worldSpans[index]
            guard try linker.includes(world.stability, in: packageID, span: spans.span) else {
                worlds.append(nil)
                continue
            }
            try updateWorld(&world, spans, packageID, &linker)
            worlds.append(WorldID(linker.resolve.worlds.count))
            linker.resolve.worlds.append(world)
        }

        for index in foreignTypes..<unresolved.types.count {
            guard let id = types[index], case .world(let owner) = linker.resolve[id].owner else { continue }
            guard let mapped = worlds[owner.index] else {
                throw Diagnostic("found a reference to a world which is excluded due to its feature not being activated; this type is not gated by a feature but its world is",
                                 at: unresolved.typeSpans[index])
            }
            linker.resolve[id].owner = .world(mapped)
        }

        for index in foreignWorlds..<unresolved.worlds.count {
            guard let id = worlds[index] else { continue }
            for include in unresolved.worldIncludes[index] {
                guard try linker.includes(include.stability, in: packageID, span: include.span) else { continue }
                try WorldInclusion.include(map(include.world, include.span), into: id, names: include.names,
                                           span: include.span, resolve: &linker.resolve)
            }
            try WorldInclusion.checkCaseInsensitiveNames(id, spans: unresolved.worldSpans[index], resolve: linker.resolve)
            try WorldElaboration.elaborate(id, resolve: &linker.resolve, span: unresolved.worldSpans[index].span)
        }

        for index in foreignInterfaces..<unresolved.interfaces.count {
            guard let id = interfaces[index] else { continue }
            linker.resolve[id].package = packageID
            if let name = linker.resolve[id].name { linker.resolve[packageID].interfaces[name] = id }
        }
        for index in foreignWorlds..<unresolved.worlds.count {
            guard let id = worlds[index] else { continue }
            linker.resolve[id].package = packageID
            linker.resolve[packageID].worlds[linker.resolve[id].name] = id
        }
        return packageID
    }
}
