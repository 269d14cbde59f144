/// The questions every consumer of the model asks, answered once here: the
/// component model's names of interfaces, worlds and world keys, aliases
/// followed to their targets, a type's direct references, and worlds by name.
extension Resolve {
    /// The component model's name of an interface: `namespace:package/interface@version`
    /// (`wasi:sockets/tcp@0.2.0`), or `nil` for an interface written inline in a world,
    /// which has no name of its own.
    public func id(of interface: InterfaceID) -> String? {
        let interface = self[interface]
        guard let name = interface.name, let package = interface.package else { return nil }
        return self[package].name.qualifying(name)
    }

    /// The component model's name of a world: `namespace:package/world@version`, or the
    /// plain name for a world outside any package.
    public func id(of world: WorldID) -> String {
        let world = self[world]
        guard let package = world.package else { return world.name }
        return self[package].name.qualifying(world.name)
    }

    /// The name a world's import or export has in the component model: the plain name
    /// (`import f: func();`), or the interface's id (`wasi:io/streams@0.2.0`).
    public func name(of key: WorldKey) -> String {
        switch key {
        case .name(let name): return name
        case .interface(let id): return self.id(of: id) ?? self[id].name ?? ""
        }
    }

    /// The type a reference stands for once aliases (`type a = b;`, `use`) are followed.
    public func dealiased(_ type: TypeReference) -> TypeReference {
        var current = type
        while case .id(let id) = current, case .alias(let target) = self[id].kind { current = target }
        return current
    }

    /// The definition an id stands for once aliases to other definitions are followed.
    public func dealiased(_ id: TypeID) -> TypeID {
        var current = id
        while case .alias(.id(let target)) = self[current].kind { current = target }
        return current
    }

    /// The world a user names: `ns:pkg/world` or `ns:pkg/world@version` in any package of
    /// the model, or a plain name among the worlds of `mainPackage`; `nil` when none matches.
    /// Without a version, the first package of that name (dependencies first) that has
    /// the world answers.
    public func world(named name: String, mainPackage: PackageID) -> WorldID? {
        guard let slash = name.lastIndex(of: "/") else { return self[mainPackage].worlds[name] }
        let packagePart = name[..<slash]
        var worldPart = name[name.index(after: slash)...]
        var version: Substring?
        if let at = worldPart.firstIndex(of: "@") {
            version = worldPart[worldPart.index(after: at)...]
            worldPart = worldPart[..<at]
        }
        for package in packages where package.name.unversioned == packagePart {
            if let version, package.name.version?.description != String(version) { continue }
            if let id = package.worlds[String(worldPart)] { return id }
        }
        return nil
    }
}

extension PackageName {
    /// `namespace:name/item@version`: the full name of an interface or world of this package.
    public func qualifying(_ item: String) -> String {
        var text = unversioned
        text += "/"
        text += item
        if let version {
            text += "@"
            text += version.description
        }
        return text
    }
}

extension TypeDefKind {
    /// Calls `body` with each type this kind refers to directly, in definition order:
    /// fields, cases' payloads, elements, `ok` before `err`, a map's key before its value,
    /// the resource of a handle (as `.id`). Aliases count: `type a = b;` refers to `b`.
    public func forEachReference(_ body: (TypeReference) throws -> Void) rethrows {
        switch self {
        case .record(let fields): for field in fields { try body(field.type) }
        case .variant(let cases): for item in cases { if let payload = item.type { try body(payload) } }
        case .tuple(let types): for type in types { try body(type) }
        case .alias(let target), .list(let target), .option(let target), .fixedSizeList(let target, _): try body(target)
        case .map(let key, let value):
            try body(key)
            try body(value)
        case .result(let ok, let err):
            if let ok { try body(ok) }
            if let err { try body(err) }
        case .future(let payload), .stream(let payload): if let payload { try body(payload) }
        case .handle(.own(let resource)), .handle(.borrow(let resource)): try body(.id(resource))
        case .resource, .flags, .enumeration, .unknown: break
        }
    }

    /// Whether this is a resource definition.
    @inlinable public var isResource: Bool {
        if case .resource = self { return true }
        return false
    }
}

extension FunctionKind {
    /// Whether the function is a method (sync or `async`), whose first parameter is `self`.
    @inlinable public var isMethod: Bool {
        switch self {
        case .method, .asyncMethod: return true
        default: return false
        }
    }
}

extension Function {
    /// Whether the function is a resource's constructor (its result is the new resource).
    @inlinable public var isConstructor: Bool {
        if case .constructor = kind { return true }
        return false
    }

    /// The parameters a caller writes: all of them, except a method's `self`.
    @inlinable public var explicitParams: ArraySlice<Parameter> {
        kind.isMethod ? params.dropFirst() : params[...]
    }
}
