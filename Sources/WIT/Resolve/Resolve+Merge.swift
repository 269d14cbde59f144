/// Merging one model into another, as the reference merges a decoded package
/// (with the slices of foreign packages it carries) into what it has read so far.
extension Resolve {
    /// Why two models cannot be merged.
    struct MergeFailure: Error {
        var message: String
    }

    /// Where each item of the merged model ended up.
    struct MergeMap {
        var types: [TypeID] = []
        var interfaces: [InterfaceID] = []
        var worlds: [WorldID] = []
        var packages: [PackageID] = []
    }

    /// Adds the items of `other` to this model. A package whose name is already
    /// here is the same package seen again: its interfaces and worlds are
    /// matched by name (every type and function of a matched interface must be
    /// present in the one here, and matched worlds must have the same imports
    /// and exports); what is new is added to it. Everything not matched is
    /// appended, in `other`'s order, with its ids updated.
    mutating func merge(_ other: Resolve) throws(MergeFailure) -> MergeMap {
        var matches = MergeMatches(from: other, into: self)
        try matches.build()

        var map = MergeMap()
        var movedTypes: [Int] = []
        for (index, type) in other.types.enumerated() {
            if let existing = matches.types[index] {
                try Self.updateStability(type.stability, &self[existing].stability)
                map.types.append(existing)
                continue
            }
            var moved = type
            moved.kind = try map.update(type.kind)
            movedTypes.append(index)
            map.types.append(TypeID(types.count))
            types.append(moved)
        }

        var movedInterfaces: [Int] = []
        for (index, interface) in other.interfaces.enumerated() {
            if let existing = matches.interfaces[index] {
                try Self.updateStability(interface.stability, &self[existing].stability)
                map.interfaces.append(existing)
                continue
            }
            var moved = interface
            moved.types = .init()
            for (name, type) in interface.types { moved.types[name] = try map.map(type) }
            moved.functions = .init()
            for (name, function) in interface.functions { moved.functions[name] = try map.update(function) }
            movedInterfaces.append(index)
            map.interfaces.append(InterfaceID(interfaces.count))
            interfaces.append(moved)
        }

        var movedWorlds: [Int] = []
        for (index, world) in other.worlds.enumerated() {
            if let existing = matches.worlds[index] {
                try Self.updateStability(world.stability, &self[existing].stability)
                try updateItemStabilities(world.imports, &self[existing].imports, matches)
                try updateItemStabilities(world.exports, &self[existing].exports, matches)
                map.worlds.append(existing)
                continue
            }
            var moved = world
            moved.imports = try map.update(world.imports)
            moved.exports = try map.update(world.exports)
            movedWorlds.append(index)
            map.worlds.append(WorldID(worlds.count))
            worlds.append(moved)
        }

        for (index, package) in other.packages.enumerated() {
            if let existing = matches.packages[index] {
                map.packages.append(existing)
                continue
            }
            var moved = package
            moved.interfaces = .init()
            for (name, interface) in package.interfaces { moved.interfaces[name] = map.interfaces[interface.index] }
            moved.worlds = .init()
            for (name, world) in package.worlds { moved.worlds[name] = map.worlds[world.index] }
            map.packages.append(PackageID(packages.count))
            packages.append(moved)
        }

        // Links back to owners, now that every id is known.
        for index in movedWorlds {
            let id = map.worlds[index]
            if let package = self[id].package { self[id].package = map.packages[package.index] }
        }
        for index in movedInterfaces {
            let id = map.interfaces[index]
            if let package = self[id].package { self[id].package = map.packages[package.index] }
        }
        for index in movedTypes {
            let id = map.types[index]
            switch self[id].owner {
            case .interface(let owner): self[id].owner = .interface(map.interfaces[owner.index])
            case .world(let owner): self[id].owner = .world(map.worlds[owner.index])
            case .none: break
            }
        }
        for (name, package, interface) in matches.interfacesToAdd { self[package].interfaces[name] = map.interfaces[interface] }
        for (name, package, world) in matches.worldsToAdd { self[package].worlds[name] = map.worlds[world] }
        return map
    }

    /// A gate seen again: adopted where there was none, an error where it differs.
    private static func updateStability(_ from: Stability, _ into: inout Stability) throws(MergeFailure) {
        if !into.update(from: from) { throw MergeFailure(message: Stability.mismatchMessage(from: from, into: into)) }
    }

    private func updateItemStabilities(_ from: OrderedDictionary<WorldKey, WorldItem>, _ into: inout OrderedDictionary<WorldKey, WorldItem>,
                                       _ matches: MergeMatches) throws(MergeFailure) {
        for (key, item) in from {
            guard case .interface(let id) = key, case .interface(_, let stability, _) = item else { continue }
            let mapped = WorldKey.interface(matches.interfaces[id.index] ?? id)
            guard case .interface(let target, var existing, let docs)? = into[mapped] else { continue }
            try Self.updateStability(stability, &existing)
            into[mapped] = .interface(target, stability: existing, docs: docs)
        }
    }
}

/// The items of one model found in another, by package and item names.
private struct MergeMatches {
    let from: Resolve
    let into: Resolve
    var packages: [PackageID?]
    var interfaces: [InterfaceID?]
    var types: [TypeID?]
    var worlds: [WorldID?]
    var interfacesToAdd: [(String, PackageID, Int)] = []
    var worldsToAdd: [(String, PackageID, Int)] = []

    init(from: Resolve, into: Resolve) {
        self.from = from
        self.into = into
        packages = Array(repeating: nil, count: from.packages.count)
        interfaces = Array(repeating: nil, count: from.interfaces.count)
        types = Array(repeating: nil, count: from.types.count)
        worlds = Array(repeating: nil, count: from.worlds.count)
    }

    mutating func build() throws(Resolve.MergeFailure) {
        for (index, package) in from.packages.enumerated() {
            guard let existing = into.packages.firstIndex(where: { $0.name == package.name }) else { continue }
            do {
                try match(package: index, PackageID(existing))
            } catch {
                throw Resolve.MergeFailure(message: "failed to merge package `\(package.name)` into existing copy: \(error.message)")
            }
        }
    }

    private mutating func match(package index: Int, _ existing: PackageID) throws(Resolve.MergeFailure) {
        packages[index] = existing
        for (name, interface) in from.packages[index].interfaces {
            guard let target = into[existing].interfaces[name] else {
                interfacesToAdd.append((name, existing, interface.index))
                continue
            }
            do {
                try match(interface: interface, target)
            } catch {
                throw Resolve.MergeFailure(message: "failed to merge interface `\(name)`: \(error.message)")
            }
        }
        for (name, world) in from.packages[index].worlds {
            guard let target = into[existing].worlds[name] else {
                worldsToAdd.append((name, existing, world.index))
                continue
            }
            do {
                try match(world: world, target)
            } catch {
                throw Resolve.MergeFailure(message: "failed to merge world `\(name)`: \(error.message)")
            }
        }
    }

    private mutating func match(interface: InterfaceID, _ target: InterfaceID) throws(Resolve.MergeFailure) {
        interfaces[interface.index] = target
        for (name, type) in from[interface].types {
            guard let existing = into[target].types[name] else {
                throw Resolve.MergeFailure(message: "expected type `\(name)` to be present")
            }
            types[type.index] = existing
        }
        for name in from[interface].functions.keys where into[target].functions[name] == nil {
            throw Resolve.MergeFailure(message: "expected function `\(name)` to be present")
        }
    }

    private func mapped(_ key: WorldKey) -> WorldKey {
        guard case .interface(let id) = key else { return key }
        return .interface(interfaces[id.index] ?? id)
    }

    private func name(_ key: WorldKey) -> String {
        switch key {
        case .name(let name): return name
        case .interface(let id): return WorldElaboration.qualifiedName(id, from)
        }
    }

    private mutating func match(world: WorldID, _ target: WorldID) throws(Resolve.MergeFailure) {
        worlds[world.index] = target
        let source = from[world]
        let existing = into[target]
        guard source.imports.count == existing.imports.count else {
            throw Resolve.MergeFailure(message: "world contains different number of imports than expected")
        }
        guard source.exports.count == existing.exports.count else {
            throw Resolve.MergeFailure(message: "world contains different number of exports than expected")
        }
        for (isImport, items) in [(true, source.imports), (false, source.exports)] {
            let what = isImport ? "import" : "export"
            for (key, item) in items {
                guard let other = (isImport ? existing.imports : existing.exports)[mapped(key)] else {
                    throw Resolve.MergeFailure(message: "\(what) `\(name(key))` not found in target world")
                }
                do {
                    try match(item: item, other)
                } catch {
                    throw Resolve.MergeFailure(message: "\(what) `\(name(key))` didn't match target world: \(error.message)")
                }
            }
        }
    }

    private mutating func match(item: WorldItem, _ other: WorldItem) throws(Resolve.MergeFailure) {
        switch (item, other) {
        case let (.interface(interface, _, _), .interface(target, _, _)):
            if from[interface].name == nil, into[target].name == nil {
                try match(interface: interface, target)
            } else if interfaces[interface.index] != target {
                throw Resolve.MergeFailure(message: "interfaces are not the same")
            }
        case (.function, .function):
            break
        case let (.type(type), .type(target)):
            types[type.index] = target
        default:
            throw Resolve.MergeFailure(message: "world items do not have the same type")
        }
    }
}

extension Resolve.MergeMap {
    func map(_ id: TypeID) throws(Resolve.MergeFailure) -> TypeID {
        guard id.index < types.count else { throw Resolve.MergeFailure(message: "a type refers to a type defined after it") }
        return types[id.index]
    }

    func map(_ reference: TypeReference) throws(Resolve.MergeFailure) -> TypeReference {
        guard case .id(let id) = reference else { return reference }
        return .id(try map(id))
    }

    func map(_ reference: TypeReference?) throws(Resolve.MergeFailure) -> TypeReference? {
        guard let reference else { return nil }
        return try map(reference)
    }

    func update(_ kind: TypeDefKind) throws(Resolve.MergeFailure) -> TypeDefKind {
        switch kind {
        case .record(var fields):
            for index in fields.indices { fields[index].type = try map(fields[index].type) }
            return .record(fields)
        case .variant(var cases):
            for index in cases.indices { cases[index].type = try map(cases[index].type) }
            return .variant(cases)
        case .tuple(let elements):
            var mapped: [TypeReference] = []
            for element in elements { mapped.append(try map(element)) }
            return .tuple(mapped)
        case .handle(.own(let id)): return .handle(.own(try map(id)))
        case .handle(.borrow(let id)): return .handle(.borrow(try map(id)))
        case .option(let element): return .option(try map(element))
        case .result(let ok, let err): return .result(ok: try map(ok), err: try map(err))
        case .list(let element): return .list(try map(element))
        case .map(let key, let value): return .map(key: try map(key), value: try map(value))
        case .fixedSizeList(let element, let size): return .fixedSizeList(try map(element), size: size)
        case .future(let element): return .future(try map(element))
        case .stream(let element): return .stream(try map(element))
        case .alias(let target): return .alias(try map(target))
        case .resource, .flags, .enumeration, .unknown: return kind
        }
    }

    func update(_ function: Function) throws(Resolve.MergeFailure) -> Function {
        var function = function
        switch function.kind {
        case .freestanding, .asyncFreestanding: break
        case .method(let id): function.kind = .method(try map(id))
        case .asyncMethod(let id): function.kind = .asyncMethod(try map(id))
        case .static(let id): function.kind = .static(try map(id))
        case .asyncStatic(let id): function.kind = .asyncStatic(try map(id))
        case .constructor(let id): function.kind = .constructor(try map(id))
        }
        for index in function.params.indices { function.params[index].type = try map(function.params[index].type) }
        function.result = try map(function.result)
        return function
    }

    func update(_ items: OrderedDictionary<WorldKey, WorldItem>) throws(Resolve.MergeFailure) -> OrderedDictionary<WorldKey, WorldItem> {
        var updated = OrderedDictionary<WorldKey, WorldItem>()
        for (key, item) in items {
            var newKey = key
            if case .interface(let id) = key { newKey = .interface(interfaces[id.index]) }
            switch item {
            case .interface(let id, let stability, let docs):
                updated[newKey] = .interface(interfaces[id.index], stability: stability, docs: docs)
            case .function(let function): updated[newKey] = .function(try update(function))
            case .type(let id): updated[newKey] = .type(try map(id))
            }
        }
        return updated
    }
}
