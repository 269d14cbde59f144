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

/// A semantic version, kept as its text and its parsed parts.
public struct Version: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Major, minor, patch.
    public var major: UInt64, minor: UInt64, patch: UInt64
    /// Pre-release identifiers (after `-`), empty when none.
    public var prerelease: [String]
    /// Build metadata (after `+`), empty when none.
    public var build: [String]

    /// The canonical text, `1.2.3-rc.1+build`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Semver precedence (build metadata ignored, as semver says).
    public static func < (lhs: Version, rhs: Version) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        if lhs.prerelease.isEmpty != rhs.prerelease.isEmpty { return !lhs.prerelease.isEmpty }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (UInt64(a), UInt64(b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a < b
            }
        }
        if lhs.prerelease.count != rhs.prerelease.count { return lhs.prerelease.count < rhs.prerelease.count }
        return lhs.build.lexicographicallyPrecedes(rhs.build)
    }

    /// Parses semver text; `nil` when it is not valid semver 2.0.
    public init?(parsing text: String) {
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<plus]
            guard build.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isIdentifierCharacter) }) else { return nil }
        }
        var prerelease: [String] = []
        if let minus = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: minus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<minus]
            for part in prerelease {
                guard !part.isEmpty, part.allSatisfy(Self.isIdentifierCharacter) else { return nil }
                if part.allSatisfy(\.isASCIIDigit), part.count > 1, part.first == "0" { return nil }
            }
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else { return nil }
        var parsed: [UInt64] = []
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy(\.isASCIIDigit), !(number.count > 1 && number.first == "0"),
                  let value = UInt64(number) else { return nil }
            parsed.append(value)
        }
        self.major = parsed[0]
        self.minor = parsed[1]
        self.patch = parsed[2]
        self.prerelease = prerelease
        self.build = build
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// `namespace:name@version`.
public struct PackageName: Hashable, Sendable, CustomStringConvertible {
    /// The namespace, before the colon.
    public var namespace: String
    /// The package name, after the colon.
    public var name: String
    /// The version, if any.
    public var version: Version?

    /// Creates a package name.
    public init(namespace: String, name: String, version: Version?) {
        self.namespace = namespace
        self.name = name
        self.version = version
    }

    /// `ns:name@1.0.0` (or without the version).
    public var description: String {
        var text = "\(namespace):\(name)"
        if let version { text += "@\(version)" }
        return text
    }

    /// `ns:name` without the version.
    public var unversioned: String { "\(namespace):\(name)" }
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

/// The primitive types of WIT.
public enum PrimitiveType: String, Sendable, CaseIterable {
    case bool, u8, u16, u32, u64, s8, s16, s32, s64, f32, f64, char, string
    case errorContext = "error-context"
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
