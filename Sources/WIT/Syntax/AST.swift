/// The syntax tree of WIT files, as written: names are unresolved, spans everywhere.

/// A name as written, with its span.
struct Identifier: Sendable {
    var name: String
    var span: Span
}

/// The comments directly before an item (every comment counts; see `DocComments`).
struct DocSpans: Sendable {
    var comments: ArraySlice<Span>
    static let none = DocSpans(comments: [])
}

/// A package name with its span.
struct PackageReference: Sendable {
    var name: PackageName
    var span: Span
}

/// `@since(version = V)`, `@unstable(feature = F)`, `@deprecated(version = V)`.
enum Attribute: Sendable {
    case since(version: Version, span: Span)
    case unstable(feature: Identifier, span: Span)
    case deprecated(version: Version, span: Span)

    var span: Span {
        switch self {
        case .since(_, let span), .unstable(_, let span), .deprecated(_, let span): return span
        }
    }
}

/// The header `package ns:name@v;` (or the head of a nested `package ... { }`).
struct PackageDecl: Sendable {
    var docs: DocSpans
    var name: PackageReference
}

/// One parsed file: an optional header and its items.
struct FileAST: Sendable {
    var fileIndex: Int
    var package: PackageDecl?
    var items: DeclList
    /// Where the file starts (an empty span at its first byte), for diagnostics about the whole file.
    var start = Span(start: 0, end: 0)
}

/// The items of a file or nested package body.
struct DeclList: Sendable {
    var items: [TopLevelItem] = []
}

enum TopLevelItem: Sendable {
    case interface(InterfaceDecl)
    case world(WorldDecl)
    case use(TopLevelUse)
    case package(NestedPackage)
}

struct NestedPackage: Sendable {
    var decl: PackageDecl
    var items: DeclList
    var span: Span
}

/// `use a:b/c@1.0.0 as d;` at the top level of a file.
struct TopLevelUse: Sendable {
    var attributes: [Attribute]
    var path: UsePath
    var alias: Identifier?
    var span: Span
}

/// What a `use`, `include` or extern path names.
enum UsePath: Sendable {
    /// An interface or world of this package (or a top-level `use` alias).
    case local(Identifier)
    /// `ns:pkg/name@version`.
    case package(PackageReference, name: Identifier)

    var name: Identifier {
        switch self {
        case .local(let id): return id
        case .package(_, let name): return name
        }
    }
}

struct InterfaceDecl: Sendable {
    var docs: DocSpans
    var attributes: [Attribute]
    var name: Identifier
    var items: [InterfaceItem]
}

enum InterfaceItem: Sendable {
    case use(UseDecl)
    case type(TypeDecl)
    case function(NamedFunction)
}

/// `use path.{a, b as c};` inside an interface or world.
struct UseDecl: Sendable {
    var attributes: [Attribute]
    var path: UsePath
    var names: [UseName]
    var span: Span
}

struct UseName: Sendable {
    var name: Identifier
    var alias: Identifier?
    var effective: Identifier { alias ?? name }
}

struct TypeDecl: Sendable {
    var docs: DocSpans
    var attributes: [Attribute]
    var name: Identifier
    var body: TypeExpr
}

struct NamedFunction: Sendable {
    var docs: DocSpans
    var attributes: [Attribute]
    var name: Identifier
    var function: FunctionType
}

struct FunctionType: Sendable {
    var isAsync: Bool
    var params: [(name: Identifier, type: TypeExpr)]
    var result: TypeExpr?
    var span: Span
}

enum ResourceFunction: Sendable {
    case method(NamedFunction)
    case `static`(NamedFunction)
    case constructor(NamedFunction)

    var named: NamedFunction {
        switch self {
        case .method(let f), .static(let f), .constructor(let f): return f
        }
    }
}

struct FieldDecl: Sendable {
    var docs: DocSpans
    var name: Identifier
    var type: TypeExpr
}

struct CaseDecl: Sendable {
    var docs: DocSpans
    var name: Identifier
    var type: TypeExpr?
}

struct NameDecl: Sendable {
    var docs: DocSpans
    var name: Identifier
}

/// A type as written. Only the cases that hold a type directly are boxed:
/// names and primitives, the most common, cost no allocation.
enum TypeExpr: Sendable {
    case primitive(PrimitiveType, Span)
    case name(Identifier)
    indirect case list(TypeExpr, Span)
    indirect case fixedList(TypeExpr, size: UInt32, Span)
    indirect case map(key: TypeExpr, value: TypeExpr, Span)
    case own(Identifier, Span)
    case borrow(Identifier, Span)
    case resource(functions: [ResourceFunction], Span)
    case record(fields: [FieldDecl], Span)
    case flags(flags: [NameDecl], Span)
    case variant(cases: [CaseDecl], Span)
    case enumeration(cases: [NameDecl], Span)
    case tuple([TypeExpr], Span)
    indirect case option(TypeExpr, Span)
    indirect case result(ok: TypeExpr?, err: TypeExpr?, Span)
    indirect case future(TypeExpr?, Span)
    indirect case stream(TypeExpr?, Span)

    var span: Span {
        switch self {
        case .primitive(_, let s), .list(_, let s), .fixedList(_, _, let s), .map(_, _, let s), .own(_, let s),
             .borrow(_, let s), .resource(_, let s), .record(_, let s), .flags(_, let s), .variant(_, let s),
             .enumeration(_, let s), .tuple(_, let s), .option(_, let s), .result(_, _, let s), .future(_, let s),
             .stream(_, let s):
            return s
        case .name(let id):
            return id.span
        }
    }
}

struct WorldDecl: Sendable {
    var docs: DocSpans
    var attributes: [Attribute]
    var name: Identifier
    var items: [WorldItemDecl]
}

enum WorldItemDecl: Sendable {
    case `import`(ExternDecl)
    case export(ExternDecl)
    case use(UseDecl)
    case type(TypeDecl)
    case include(IncludeDecl)
}

struct ExternDecl: Sendable {
    var docs: DocSpans
    var attributes: [Attribute]
    var kind: ExternKind
}

enum ExternKind: Sendable {
    /// `import name: interface { ... }`
    case interface(name: Identifier, items: [InterfaceItem], span: Span)
    /// `import path;`
    case path(UsePath)
    /// `import name: path;` (a named import of an interface).
    case namedPath(name: Identifier, path: UsePath)
    /// `import name: func(...);`
    case function(name: Identifier, FunctionType)

    var span: Span {
        switch self {
        case .interface(let name, _, _): return name.span
        case .path(let path): return path.name.span
        case .namedPath(let name, _): return name.span
        case .function(let name, _): return name.span
        }
    }
}

struct IncludeDecl: Sendable {
    var attributes: [Attribute]
    var path: UsePath
    var names: [(name: Identifier, alias: Identifier)]
    var span: Span
}
