import Testing
import WITTestSupport
@testable import WIT

/// The syntax trees of well-formed input: every kind of item and type, with spans.
@Suite struct ParserTests {
    struct Parsed {
        var file: FileAST
        var diagnostics: [Diagnostic]
        var sources: SourceMap

        func text(_ span: Span) -> String { sources.text(of: span) }
    }

    func parse(_ text: String) throws -> Parsed {
        var sources = SourceMap()
        let base = sources.add(SourceFile(path: "t.wit", text: text))
        let tokens = try Lexer.tokenize(Array(text.utf8), base: base).get()
        var parser = Parser(tokens: tokens, sources: sources)
        let file = parser.parseFile(fileIndex: 0)
        return Parsed(file: file, diagnostics: parser.diagnostics, sources: sources)
    }

    /// Parses one interface body and returns its items.
    func interfaceItems(_ body: String) throws -> (items: [InterfaceItem], parsed: Parsed) {
        let parsed = try parse("package a:b;\ninterface i {\n\(body)\n}\n")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message))")
        guard case .interface(let decl)? = parsed.file.items.items.first else {
            Issue.record("no interface")
            return ([], parsed)
        }
        return (decl.items, parsed)
    }

    /// The type of `type t = <text>;`.
    func typeExpression(_ text: String) throws -> (type: TypeExpr, parsed: Parsed) {
        let (items, parsed) = try interfaceItems("type t = \(text);")
        guard case .type(let decl)? = items.first else {
            Issue.record("no type")
            return (.primitive(.u8, Span(start: 0, end: 0)), parsed)
        }
        return (decl.body, parsed)
    }

    // MARK: Packages

    /// A `-` or `+` with nothing after it is not part of the version, as in the reference
    /// (whose answers these are): `1.0.0+` is `1.0.0`.
    @Test(arguments: [("1.0.0+", "1.0.0"), ("1.0.0-", "1.0.0"), ("1.0.0-+", "1.0.0"), ("1.0.0-x+", "1.0.0-x"),
                      ("1.0.0--", "1.0.0--"), ("1.0.0+-", "1.0.0+-"), ("1.0.0+01", "1.0.0+01"),
                      // Parts that are no identifier (`a-`, `a--b`) are semver identifiers all the same.
                      ("1.0.0-a-", "1.0.0-a-"), ("1.0.0-a--b", "1.0.0-a--b"), ("1.0.0+b-", "1.0.0+b-"),
                      ("1.0.0-a-.b", "1.0.0-a-.b"), ("1.0.0-a.-b", "1.0.0-a.-b"), ("1.0.0+x.-y", "1.0.0+x.-y"),
                      ("1.0.0-a.b-c--", "1.0.0-a.b-c--")])
    func versionEdges(written: String, version: String) throws {
        let parsed = try parse("package a:b@\(written);\n")
        let header = try #require(parsed.file.package)
        #expect(header.name.name.version?.description == version)
    }

    /// An identifier that is no identifier is still an error wherever the parser takes it
    /// for one, at its place, as the reference reports it.
    @Test(arguments: ["package a:b;\ninterface a- {}\n", "package a-:b;\n", "package a:b;\ninterface i { f--g: func(); }\n"])
    func invalidIdentifiersAreErrorsWhereTheyAreNames(text: String) throws {
        let failure = try #require(TestSupport.load(text).failureValue)
        #expect(failure.diagnostics.first?.message == "identifiers must have characters between '-'s")
    }

    @Test func packageHeaderWithVersion() throws {
        let parsed = try parse("/// the package\npackage my-ns:pkg@1.2.3-rc.1+build.5;\n")
        let header = try #require(parsed.file.package)
        #expect(header.name.name.description == "my-ns:pkg@1.2.3-rc.1+build.5")
        #expect(header.name.name.version == Version(parsing: "1.2.3-rc.1+build.5"))
        #expect(header.name.name.version?.prerelease == ["rc", "1"])
        #expect(header.name.name.version?.build == ["build", "5"])
        #expect(parsed.text(header.name.span) == "my-ns:pkg@1.2.3-rc.1+build.5")
        #expect(header.docs.comments.map(parsed.text) == ["/// the package"])
        #expect(parsed.file.items.items.isEmpty)
    }

    @Test func versionsWithKebabAndNumericPrereleaseParts() throws {
        for version in ["0.0.0", "1.0.0-alpha-2", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0+20130313144700", "10.20.30-beta+exp.sha.5114f85"] {
            let parsed = try parse("package a:b@\(version);")
            #expect(parsed.diagnostics.isEmpty, "\(version)")
            #expect(parsed.file.package?.name.name.version?.description == version)
        }
    }

    @Test func fileWithoutHeaderAndNestedPackages() throws {
        let parsed = try parse("package a:b {\n  interface i {}\n}\npackage c:d@2.0.0 { world w {} }\ninterface top {}\n")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.file.package == nil)
        let items = parsed.file.items.items
        #expect(items.count == 3)
        guard case .package(let first) = items[0], case .package(let second) = items[1], case .interface(let top) = items[2] else {
            Issue.record("unexpected items")
            return
        }
        #expect(first.decl.name.name.description == "a:b")
        #expect(parsed.text(first.span) == "package a:b {\n  interface i {}\n}")
        #expect(first.items.items.count == 1)
        #expect(second.decl.name.name.description == "c:d@2.0.0")
        #expect(top.name.name == "top")
    }

    @Test func topLevelUse() throws {
        let parsed = try parse("package a:b;\nuse c:d/e@1.0.0 as f;\nuse g;\n")
        guard case .use(let first)? = parsed.file.items.items.first, case .use(let second)? = parsed.file.items.items.last else {
            Issue.record("no use")
            return
        }
        guard case .package(let reference, let name) = first.path else {
            Issue.record("not a package path")
            return
        }
        #expect(reference.name.description == "c:d@1.0.0")
        #expect(parsed.text(reference.span) == "c:d/e@1.0.0")
        #expect(name.name == "e")
        #expect(first.alias?.name == "f")
        #expect(parsed.text(first.span) == "use c:d/e@1.0.0 as f;")
        guard case .local(let local) = second.path else {
            Issue.record("not a local path")
            return
        }
        #expect(local.name == "g" && second.alias == nil)
    }

    // MARK: Attributes

    @Test func attributes() throws {
        let parsed = try parse("""
            package a:b@1.0.0;
            @since(version = 1.0.0)
            @deprecated(version = 1.1.0)
            interface i {}
            @unstable(feature = fancy)
            world w {}
            """)
        #expect(parsed.diagnostics.isEmpty)
        guard case .interface(let interface)? = parsed.file.items.items.first, case .world(let world)? = parsed.file.items.items.last else {
            Issue.record("unexpected items")
            return
        }
        guard interface.attributes.count == 2, case .since(let since, let sinceSpan) = interface.attributes[0],
              case .deprecated(let deprecated, _) = interface.attributes[1],
              world.attributes.count == 1, case .unstable(let feature, let featureSpan) = world.attributes[0] else {
            Issue.record("unexpected attributes")
            return
        }
        #expect(since.description == "1.0.0" && deprecated.description == "1.1.0")
        #expect(parsed.text(sinceSpan) == "@since(version = 1.0.0)")
        #expect(feature.name == "fancy")
        #expect(parsed.text(featureSpan) == "@unstable(feature = fancy)")
    }

    // MARK: Interfaces

    @Test func interfaceItemsOfEveryKind() throws {
        let (items, parsed) = try interfaceItems("""
              use other.{a, b as c};
              /// a function
              f: func(x: u32, y: string) -> bool;
              g: async func();
              type t = u8;
              record r { x: u8, y: u8, }
              flags fl { one, two }
              enum e { red, green }
              variant v { none, some(u8) }
              resource res;
            """)
        #expect(items.count == 9)
        guard case .use(let use) = items[0] else {
            Issue.record("not a use")
            return
        }
        #expect(use.names.map(\.name.name) == ["a", "b"])
        #expect(use.names.map(\.effective.name) == ["a", "c"])
        #expect(parsed.text(use.span) == "use other.{a, b as c};")
        guard case .function(let f) = items[1], case .function(let g) = items[2] else {
            Issue.record("not functions")
            return
        }
        #expect(f.name.name == "f" && !f.function.isAsync)
        #expect(f.function.params.map(\.name.name) == ["x", "y"])
        #expect(parsed.text(f.function.span) == "func(x: u32, y: string) -> bool")
        #expect(f.docs.comments.map(parsed.text) == ["/// a function"])
        #expect(g.function.isAsync && g.function.params.isEmpty && g.function.result == nil)
        #expect(parsed.text(g.function.span) == "async func()")

        var shapes: [String] = []
        for case .type(let decl) in items {
            switch decl.body {
            case .primitive(.u8, _): shapes.append("alias")
            case .record(let fields, let span):
                shapes.append("record \(fields.map(\.name.name))")
                #expect(parsed.text(span) == "r")
            case .flags(let flags, _): shapes.append("flags \(flags.map(\.name.name))")
            case .enumeration(let cases, _): shapes.append("enum \(cases.map(\.name.name))")
            case .variant(let cases, _): shapes.append("variant \(cases.map { $0.name.name + ($0.type == nil ? "" : "(_)") })")
            case .resource(let functions, _): shapes.append("resource \(functions.count)")
            default: shapes.append("?")
            }
        }
        #expect(shapes == ["alias", "record [\"x\", \"y\"]", "flags [\"one\", \"two\"]", "enum [\"red\", \"green\"]",
                           "variant [\"none\", \"some(_)\"]", "resource 0"])
    }

    @Test func resourceBody() throws {
        let (items, parsed) = try interfaceItems("""
              resource r {
                /// makes one
                constructor(x: u8) -> result<r, string>;
                get: func() -> u8;
                make: static func() -> r;
                wait: async func();
                @unstable(feature = x)
                later: static async func();
              }
            """)
        guard case .type(let decl)? = items.first, case .resource(let functions, _) = decl.body else {
            Issue.record("no resource")
            return
        }
        #expect(functions.count == 5)
        guard case .constructor(let constructor) = functions[0], case .method(let get) = functions[1],
              case .static(let make) = functions[2], case .method(let wait) = functions[3],
              case .static(let later) = functions[4] else {
            Issue.record("unexpected members")
            return
        }
        #expect(constructor.name.name == "constructor" && parsed.text(constructor.name.span) == "constructor")
        #expect(constructor.docs.comments.map(parsed.text) == ["/// makes one"])
        #expect(parsed.text(constructor.function.span) == "(x: u8) -> result<r, string>")
        #expect(get.name.name == "get" && !get.function.isAsync)
        #expect(make.name.name == "make")
        #expect(wait.function.isAsync && later.function.isAsync)
        #expect(later.attributes.count == 1)
    }

    // MARK: Types

    @Test(arguments: [
        ("bool", "primitive bool"), ("u8", "primitive u8"), ("u16", "primitive u16"), ("u32", "primitive u32"),
        ("u64", "primitive u64"), ("s8", "primitive s8"), ("s16", "primitive s16"), ("s32", "primitive s32"),
        ("s64", "primitive s64"), ("f32", "primitive f32"), ("f64", "primitive f64"), ("char", "primitive char"),
        ("string", "primitive string"), ("error-context", "primitive error-context"),
        ("x", "name x"), ("%record", "name record"),
        ("list<u8>", "list(primitive u8)"), ("list<u8, 4>", "list(primitive u8, 4)"),
        ("map<string, x>", "map(primitive string, name x)"), ("option<x>", "option(name x)"),
        ("result", "result(-, -)"), ("result<u8>", "result(primitive u8, -)"), ("result<_, x>", "result(-, name x)"),
        ("result<u8, x>", "result(primitive u8, name x)"), ("future", "future(-)"), ("future<u8>", "future(primitive u8)"),
        ("stream", "stream(-)"), ("stream<x>", "stream(name x)"), ("tuple<>", "tuple()"),
        ("tuple<u8, x,>", "tuple(primitive u8, name x)"), ("own<x>", "own x"), ("borrow<x>", "borrow x"),
        ("list<option<tuple<u8, result<_, list<x>>>>>", "list(option(tuple(primitive u8, result(-, list(name x)))))"),
    ])
    func typeExpressions(text: String, shape: String) throws {
        let (type, parsed) = try typeExpression(text)
        #expect(Self.describe(type) == shape)
        // Every type's span covers its whole text.
        #expect(parsed.text(type.span) == text)
    }

    static func describe(_ type: TypeExpr?) -> String {
        guard let type else { return "-" }
        switch type {
        case .primitive(let primitive, _): return "primitive \(primitive.rawValue)"
        case .name(let id): return "name \(id.name)"
        case .list(let element, _): return "list(\(describe(element)))"
        case .fixedList(let element, let size, _): return "list(\(describe(element)), \(size))"
        case .map(let key, let value, _): return "map(\(describe(key)), \(describe(value)))"
        case .option(let element, _): return "option(\(describe(element)))"
        case .result(let ok, let err, _): return "result(\(describe(ok)), \(describe(err)))"
        case .future(let element, _): return "future(\(describe(element)))"
        case .stream(let element, _): return "stream(\(describe(element)))"
        case .tuple(let elements, _): return "tuple(\(elements.map { describe($0) }.joined(separator: ", ")))"
        case .own(let id, _): return "own \(id.name)"
        case .borrow(let id, _): return "borrow \(id.name)"
        case .resource, .record, .flags, .variant, .enumeration: return "definition"
        }
    }

    // MARK: Worlds

    @Test func worldItemsOfEveryKind() throws {
        let parsed = try parse("""
            package a:b;
            world w {
              import i;
              import c:d/e@1.0.0;
              import named: i;
              import f: func(x: u8) -> u8;
              import g: async func();
              import inline: interface { h: func(); }
              export j;
              export k: func();
              use i.{t};
              type u = u8;
              include v;
              include c:d/x with { a as b, c as d }
            }
            """)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message))")
        guard case .world(let world)? = parsed.file.items.items.first else {
            Issue.record("no world")
            return
        }
        var shapes: [String] = []
        for item in world.items {
            switch item {
            case .import(let extern), .export(let extern):
                let direction: String
                if case .import = item { direction = "import" } else { direction = "export" }
                switch extern.kind {
                case .path(let path): shapes.append("\(direction) path \(path.name.name)")
                case .namedPath(let name, let path): shapes.append("\(direction) \(name.name) = \(path.name.name)")
                case .function(let name, let function): shapes.append("\(direction) func \(name.name)\(function.isAsync ? " async" : "")")
                case .interface(let name, let items, let span):
                    shapes.append("\(direction) interface \(name.name) \(items.count)")
                    #expect(parsed.text(span) == "interface { h: func(); }")
                }
                #expect(parsed.text(extern.kind.span) == extern.kind.spanNameForTest)
            case .use(let use): shapes.append("use \(use.names.map(\.name.name))")
            case .type(let decl): shapes.append("type \(decl.name.name)")
            case .include(let include):
                shapes.append("include \(include.path.name.name) \(include.names.map { "\($0.name.name)->\($0.alias.name)" })")
            }
        }
        #expect(shapes == [
            "import path i", "import path e", "import named = i", "import func f", "import func g async",
            "import interface inline 1", "export path j", "export func k", "use [\"t\"]", "type u",
            "include v []", "include x [\"a->b\", \"c->d\"]",
        ])
    }
}

extension ExternKind {
    /// The name an extern's span covers: its own name, or the last part of its path.
    var spanNameForTest: String {
        switch self {
        case .interface(let name, _, _), .namedPath(let name, _), .function(let name, _): return name.name
        case .path(let path): return path.name.name
        }
    }
}
