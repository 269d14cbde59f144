/// The resolved model of a set of WIT packages: every package, interface,
/// world and type in arenas, referring to each other by index. This is the
/// one value every back end reads.
///
/// The id subscripts mutate in place (`resolve[id].name = …` touches only
/// that element), so that updating one item never copies its neighbours.
public struct Resolve: Sendable {
    /// Every type definition, named or anonymous.
    public var types: [TypeDef] = []
    /// Every interface, named or inline in a world.
    public var interfaces: [Interface] = []
    /// Every world.
    public var worlds: [World] = []
    /// Every package, dependencies before their dependents.
    public var packages: [Package] = []

    /// Creates an empty model.
    @inlinable public init() {}

    /// The type definition with this id.
    @inlinable public subscript(id: TypeID) -> TypeDef {
        get { types[id.index] }
        set { types[id.index] = newValue }
        _modify { yield &types[id.index] }
    }
    /// The interface with this id.
    @inlinable public subscript(id: InterfaceID) -> Interface {
        get { interfaces[id.index] }
        set { interfaces[id.index] = newValue }
        _modify { yield &interfaces[id.index] }
    }
    /// The world with this id.
    @inlinable public subscript(id: WorldID) -> World {
        get { worlds[id.index] }
        set { worlds[id.index] = newValue }
        _modify { yield &worlds[id.index] }
    }
    /// The package with this id.
    @inlinable public subscript(id: PackageID) -> Package {
        get { packages[id.index] }
        set { packages[id.index] = newValue }
        _modify { yield &packages[id.index] }
    }
}

/// The index of a ``TypeDef`` in ``Resolve/types``.
public struct TypeID: Hashable, Sendable, Comparable {
    /// The index in the arena.
    public var index: Int
    /// Creates an id.
    @inlinable public init(_ index: Int) { self.index = index }
    /// Ids compare by index.
    public static func < (lhs: TypeID, rhs: TypeID) -> Bool { lhs.index < rhs.index }
}
/// The index of an ``Interface`` in ``Resolve/interfaces``.
public struct InterfaceID: Hashable, Sendable, Comparable {
    /// The index in the arena.
    public var index: Int
    /// Creates an id.
    @inlinable public init(_ index: Int) { self.index = index }
    /// Ids compare by index.
    public static func < (lhs: InterfaceID, rhs: InterfaceID) -> Bool { lhs.index < rhs.index }
}
/// The index of a ``World`` in ``Resolve/worlds``.
public struct WorldID: Hashable, Sendable {
    /// The index in the arena.
    public var index: Int
    /// Creates an id.
    @inlinable public init(_ index: Int) { self.index = index }
}
/// The index of a ``Package`` in ``Resolve/packages``.
public struct PackageID: Hashable, Sendable {
    /// The index in the arena.
    public var index: Int
    /// Creates an id.
    @inlinable public init(_ index: Int) { self.index = index }
}

/// A use of a type: a primitive, or a type definition by id.
public enum TypeReference: Hashable, Sendable {
    /// `bool`, `u32`, `string`, …
    case primitive(PrimitiveType)
    /// A named or anonymous type definition.
    case id(TypeID)
}

/// Doc comments as text (comment markers removed, common indentation removed).
public struct Docs: Hashable, Sendable {
    /// The text, or `nil` when the item has no doc comment.
    public var contents: String?
    /// Creates docs.
    @inlinable public init(contents: String? = nil) { self.contents = contents }
}

/// Feature-gate information of an item.
public enum Stability: Hashable, Sendable {
    /// No gate.
    case unknown
    /// `@since(version = …)`, optionally `@deprecated(version = …)`.
    case stable(since: Version, deprecated: Version?)
    /// `@unstable(feature = …)`, optionally `@deprecated(version = …)`.
    case unstable(feature: String, deprecated: Version?)

    /// Whether the item has no gate (a test by pattern: no copy of a gate's versions and strings).
    @inlinable public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}

/// What owns a named type.
public enum TypeOwner: Hashable, Sendable {
    /// Anonymous types belong to nothing.
    case none
    /// Defined in an interface.
    case interface(InterfaceID)
    /// Defined directly in a world.
    case world(WorldID)
}

/// A type definition.
public struct TypeDef: Sendable {
    /// The name, or `nil` for an anonymous type (`list<u8>`, `option<T>`, …).
    public var name: String?
    /// What the type is.
    public var kind: TypeDefKind
    /// Where it is defined.
    public var owner: TypeOwner
    /// Its doc comment.
    public var docs: Docs
    /// Its gate.
    public var stability: Stability

    /// Creates a value from all of its parts.
    @inlinable public init(name: String?, kind: TypeDefKind, owner: TypeOwner, docs: Docs, stability: Stability) {
        self.name = name
        self.kind = kind
        self.owner = owner
        self.docs = docs
        self.stability = stability
    }
}

/// A field of a record.
public struct Field: Sendable, Hashable {
    /// The field name.
    public var name: String
    /// The field type.
    public var type: TypeReference
    /// The field's doc comment.
    public var docs: Docs

    /// Creates a value from all of its parts.
    @inlinable public init(name: String, type: TypeReference, docs: Docs) {
        self.name = name
        self.type = type
        self.docs = docs
    }
}

/// A case of a variant.
public struct VariantCase: Sendable, Hashable {
    /// The case name.
    public var name: String
    /// The payload type, if any.
    public var type: TypeReference?
    /// The case's doc comment.
    public var docs: Docs

    /// Creates a value from all of its parts.
    @inlinable public init(name: String, type: TypeReference?, docs: Docs) {
        self.name = name
        self.type = type
        self.docs = docs
    }
}

/// A named item without a type: a flag or an enum case.
public struct NamedItem: Sendable, Hashable {
    /// The name.
    public var name: String
    /// Its doc comment.
    public var docs: Docs

    /// Creates a value from all of its parts.
    @inlinable public init(name: String, docs: Docs) {
        self.name = name
        self.docs = docs
    }
}

/// `own<T>` or `borrow<T>`.
public enum Handle: Hashable, Sendable {
    /// An owned handle to a resource.
    case own(TypeID)
    /// A borrowed handle to a resource.
    case borrow(TypeID)
}

/// The shape of a type definition.
public enum TypeDefKind: Sendable {
    case record([Field])
    case resource
    case handle(Handle)
    case flags([NamedItem])
    case tuple([TypeReference])
    case variant([VariantCase])
    case enumeration([NamedItem])
    case option(TypeReference)
    case result(ok: TypeReference?, err: TypeReference?)
    case list(TypeReference)
    case map(key: TypeReference, value: TypeReference)
    case fixedSizeList(TypeReference, size: UInt32)
    case future(TypeReference?)
    case stream(TypeReference?)
    /// An alias: `type a = b;`, or a type brought in by `use`.
    case alias(TypeReference)
    /// A type from another package not yet resolved (never present in a finished model).
    case unknown
}

/// How a function is attached.
public enum FunctionKind: Hashable, Sendable {
    case freestanding
    case asyncFreestanding
    case method(TypeID)
    case asyncMethod(TypeID)
    case `static`(TypeID)
    case asyncStatic(TypeID)
    case constructor(TypeID)

    /// The resource a method, static function or constructor belongs to.
    @inlinable public var resource: TypeID? {
        switch self {
        case .freestanding, .asyncFreestanding: return nil
        case .method(let id), .asyncMethod(let id), .static(let id), .asyncStatic(let id), .constructor(let id): return id
        }
    }

    /// Whether the function is `async`.
    @inlinable public var isAsync: Bool {
        switch self {
        case .asyncFreestanding, .asyncMethod, .asyncStatic: return true
        default: return false
        }
    }
}

/// A function parameter.
public struct Parameter: Sendable, Hashable {
    /// Its name (`self` for a method's receiver).
    public var name: String
    /// Its type.
    public var type: TypeReference

    /// Creates a value from all of its parts.
    @inlinable public init(name: String, type: TypeReference) {
        self.name = name
        self.type = type
    }
}

/// A function: free, or a resource's method, static function or constructor.
public struct Function: Sendable {
    /// The full name (`f`, `[method]r.m`, `[static]r.s`, `[constructor]r`).
    public var name: String
    /// How it is attached.
    public var kind: FunctionKind
    /// The parameters, including `self` for methods.
    public var params: [Parameter]
    /// The result type, if any.
    public var result: TypeReference?
    /// Its doc comment.
    public var docs: Docs
    /// Its gate.
    public var stability: Stability

    /// The name as written in WIT (`m` for `[method]r.m`, the resource name for a constructor).
    @inlinable public var itemName: String {
        // Bytes, not Characters: the back ends ask for this on every function.
        let utf8 = name.utf8
        guard let close = utf8.firstIndex(of: UInt8(ascii: "]")) else { return name }
        let rest = utf8[utf8.index(after: close)...]
        if let dot = rest.firstIndex(of: UInt8(ascii: ".")) { return String(Substring(rest[rest.index(after: dot)...])) }
        return String(Substring(rest))
    }

    /// Creates a value from all of its parts.
    @inlinable public init(name: String, kind: FunctionKind, params: [Parameter], result: TypeReference?, docs: Docs,
                stability: Stability) {
        self.name = name
        self.kind = kind
        self.params = params
        self.result = result
        self.docs = docs
        self.stability = stability
    }
}

/// An interface: named types and functions.
public struct Interface: Sendable {
    /// The name, or `nil` for an inline interface in a world.
    public var name: String?
    /// Types by name, in definition order.
    public var types: OrderedDictionary<String, TypeID>
    /// Functions by full name, in definition order.
    public var functions: OrderedDictionary<String, Function>
    /// Its doc comment.
    public var docs: Docs
    /// Its gate.
    public var stability: Stability
    /// The package that defines it.
    public var package: PackageID?

    /// Creates a value from all of its parts.
    @inlinable public init(name: String?, types: OrderedDictionary<String, TypeID>, functions: OrderedDictionary<String,
                Function>, docs: Docs, stability: Stability, package: PackageID?) {
        self.name = name
        self.types = types
        self.functions = functions
        self.docs = docs
        self.stability = stability
        self.package = package
    }
}

/// How an import or export of a world is named.
public enum WorldKey: Hashable, Sendable {
    /// A plain name (`import foo: func();`, `import x: interface { }`).
    case name(String)
    /// An interface imported by path (`import wasi:io/streams;`).
    case interface(InterfaceID)
}

/// An import or export of a world.
public enum WorldItem: Sendable {
    /// An interface, with the gate and the doc comment of the world's item that names it
    /// (`/// text` before `import wasi:io/streams;`; an interface written inline keeps its
    /// docs on the interface itself).
    case interface(InterfaceID, stability: Stability, docs: Docs)
    /// A function.
    case function(Function)
    /// A type (imports only).
    case type(TypeID)
}

/// A world: what a component imports and exports.
public struct World: Sendable {
    /// The name.
    public var name: String
    /// Imports, in order.
    public var imports: OrderedDictionary<WorldKey, WorldItem>
    /// Exports, in order.
    public var exports: OrderedDictionary<WorldKey, WorldItem>
    /// The package that defines it.
    public var package: PackageID?
    /// Its doc comment.
    public var docs: Docs
    /// Its gate.
    public var stability: Stability

    /// Creates a world (back ends use this for worlds of their own, such as
    /// one importing every interface of a package that has no world).
    @inlinable public init(name: String, imports: OrderedDictionary<WorldKey, WorldItem>, exports: OrderedDictionary<WorldKey, WorldItem>,
                package: PackageID?, docs: Docs, stability: Stability) {
        self.name = name
        self.imports = imports
        self.exports = exports
        self.package = package
        self.docs = docs
        self.stability = stability
    }
}

/// A package: `namespace:name@version` with its interfaces and worlds.
public struct Package: Sendable {
    /// The package name.
    public var name: PackageName
    /// Its doc comment.
    public var docs: Docs
    /// Interfaces by name.
    public var interfaces: OrderedDictionary<String, InterfaceID>
    /// Worlds by name.
    public var worlds: OrderedDictionary<String, WorldID>

    /// Creates a value from all of its parts.
    @inlinable public init(name: PackageName, docs: Docs, interfaces: OrderedDictionary<String, InterfaceID>,
                worlds: OrderedDictionary<String, WorldID>) {
        self.name = name
        self.docs = docs
        self.interfaces = interfaces
        self.worlds = worlds
    }
}

/// The primitive types of WIT.
public enum PrimitiveType: String, Sendable, CaseIterable {
    case bool, u8, u16, u32, u64, s8, s16, s32, s64, f32, f64, char, string
    case errorContext = "error-context"
}
