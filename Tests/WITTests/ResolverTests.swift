import Testing
@testable import WIT
import WITTestSupport

/// The model built from well-formed input: names, ids, order, gates and packages.
@Suite struct ResolverTests {
    func resolve(_ text: String, features: Set<String> = []) throws -> FrontEnd.Output {
        try TestSupport.load(text, features: features).get()
    }

    func interface(_ output: FrontEnd.Output, _ name: String, package: PackageID? = nil) throws -> Interface {
        let id = try #require(output.resolve[package ?? output.mainPackage].interfaces[name])
        return output.resolve[id]
    }

    // MARK: Ordering

    @Test func toposortKeepsDeclarationOrderAmongReadyNodes() throws {
        var nodes = OrderedDictionary<String, [Toposort.Edge]>()
        let span = Span(start: 0, end: 0)
        nodes["c"] = [Toposort.Edge(name: "b", span: span)]
        nodes["a"] = []
        nodes["b"] = [Toposort.Edge(name: "a", span: span)]
        nodes["d"] = []
        // `a` and `d` are ready first; `a` is declared earlier, and placing it frees `b`, which precedes `d`.
        #expect(try Toposort.sort(kind: "type", nodes: nodes).map { nodes.keys[$0] } == ["a", "b", "c", "d"])
        var independent = OrderedDictionary<String, [Toposort.Edge]>()
        for name in ["z", "y", "x"] { independent[name] = [] }
        #expect(try Toposort.sort(kind: "type", nodes: independent) == [0, 1, 2])
    }

    @Test func toposortReportsTheFirstLeftOverDependency() throws {
        var nodes = OrderedDictionary<String, [Toposort.Edge]>()
        nodes["free"] = []
        nodes["waits"] = [Toposort.Edge(name: "free", span: Span(start: 1, end: 2)), Toposort.Edge(name: "loop", span: Span(start: 3, end: 4))]
        nodes["loop"] = [Toposort.Edge(name: "waits", span: Span(start: 5, end: 6))]
        #expect(throws: Diagnostic("kind `loop` depends on itself", at: Span(start: 3, end: 4))) {
            try Toposort.sort(kind: "kind", nodes: nodes)
        }
        var missing = OrderedDictionary<String, [Toposort.Edge]>()
        missing["a"] = [Toposort.Edge(name: "nowhere", span: Span(start: 7, end: 8))]
        #expect(throws: Diagnostic("kind `nowhere` does not exist", at: Span(start: 7, end: 8))) {
            try Toposort.sort(kind: "kind", nodes: missing)
        }
    }

    @Test func typesAreDefinedInDependencyOrder() throws {
        let output = try resolve("package a:b;\ninterface i {\n  type x = y;\n  type y = u8;\n}\n")
        let types = try interface(output, "i").types
        // `y` comes first, so that `x` can refer to it.
        #expect(types.keys == ["y", "x"])
        #expect(types["y"]! < types["x"]!)
        guard case .alias(.id(let target)) = output.resolve[types["x"]!].kind else {
            Issue.record("not an alias")
            return
        }
        #expect(target == types["y"])
    }

    @Test func interfacesAreOrderedByUse() throws {
        let output = try resolve("package a:b;\ninterface first { use second.{t}; }\ninterface second { type t = u8; }\n")
        let interfaces = output.resolve[output.mainPackage].interfaces
        #expect(Set(interfaces.keys) == ["first", "second"])
        #expect(interfaces["second"]! < interfaces["first"]!)
    }

    // MARK: Interfaces

    @Test func resourceFunctionsAreNamedAndAttachedToTheirResource() throws {
        let output = try resolve("""
            package a:b;
            interface i {
              f: func();
              resource r {
                constructor(x: u8);
                get: func() -> u8;
                make: static func() -> r;
                wait: async func();
              }
              resource s { go: func(); }
              g: func(a: r) -> s;
            }
            world w {
              resource t { constructor(); run: func(); }
            }
            """)
        let i = try interface(output, "i")
        #expect(i.functions.keys == ["f", "[constructor]r", "[method]r.get", "[static]r.make", "[method]r.wait", "[method]s.go", "g"])
        let r = try #require(i.types["r"])
        let s = try #require(i.types["s"])
        #expect(i.functions["[constructor]r"]?.kind == .constructor(r))
        #expect(i.functions["[method]r.get"]?.kind == .method(r))
        #expect(i.functions["[static]r.make"]?.kind == .static(r))
        #expect(i.functions["[method]r.wait"]?.kind == .asyncMethod(r))
        #expect(i.functions["[method]s.go"]?.kind == .method(s))
        #expect(i.functions["[method]r.get"]?.params.map(\.name) == ["self"])
        #expect(i.functions["[method]r.get"]?.itemName == "get")

        let world = output.resolve[try #require(output.resolve[output.mainPackage].worlds["w"])]
        guard case .type(let t)? = world.imports[.name("t")],
              case .function(let constructor)? = world.imports[.name("[constructor]t")],
              case .function(let run)? = world.imports[.name("[method]t.run")] else {
            Issue.record("world resource not imported")
            return
        }
        #expect(constructor.kind == .constructor(t))
        #expect(run.kind == .method(t))
    }

    @Test func useBringsAliasesAndAnonymousTypesAreShared() throws {
        let output = try resolve("""
            package a:b;
            interface base { type t = u32; }
            interface i {
              use base.{t as number};
              f: func(a: list<number>) -> list<number>;
              g: func(a: option<u8>, b: option<u8>);
            }
            """)
        let i = try interface(output, "i")
        let number = try #require(i.types["number"])
        #expect(output.resolve[number].name == "number")
        guard case .alias(.id(let target)) = output.resolve[number].kind else {
            Issue.record("not an alias")
            return
        }
        #expect(target == (try interface(output, "base")).types["t"])
        let f = try #require(i.functions["f"])
        #expect(f.params[0].type == f.result)
        let g = try #require(i.functions["g"])
        #expect(g.params[0].type == g.params[1].type)
    }

    @Test func referencesToResourcesBecomeOwnHandles() throws {
        let output = try resolve("package a:b;\ninterface i {\n  resource r;\n  type alias = r;\n  f: func(a: r, b: own<r>, c: borrow<r>);\n}\n")
        let i = try interface(output, "i")
        let r = try #require(i.types["r"])
        let params = try #require(i.functions["f"]).params.map(\.type)
        guard case .id(let a) = params[0], case .id(let b) = params[1], case .id(let c) = params[2] else {
            Issue.record("not ids")
            return
        }
        guard case .handle(.own(r)) = output.resolve[a].kind, case .handle(.borrow(r)) = output.resolve[c].kind else {
            Issue.record("not handles to r")
            return
        }
        #expect(a == b)
        // An alias of a resource stays an alias (usable as the resource and as a handle).
        guard case .alias(.id(r)) = output.resolve[try #require(i.types["alias"])].kind else {
            Issue.record("alias lost")
            return
        }
    }

    @Test func constructorResults() throws {
        let output = try resolve("package a:b;\ninterface i {\n  resource r { constructor(); }\n  resource s { constructor() -> result<s, string>; }\n}\n")
        let i = try interface(output, "i")
        guard case .id(let plain)? = i.functions["[constructor]r"]?.result,
              case .handle(.own(let resource)) = output.resolve[plain].kind else {
            Issue.record("a plain constructor returns own<r>")
            return
        }
        #expect(resource == i.types["r"])
        guard case .id(let declared)? = i.functions["[constructor]s"]?.result,
              case .result(ok: .some, err: .primitive(.string)) = output.resolve[declared].kind else {
            Issue.record("a declared constructor result is kept")
            return
        }
    }

    // MARK: Worlds

    @Test func worldImportsAreElaboratedWithTheirDependencies() throws {
        let output = try resolve("""
            package a:b;
            interface types { type t = u8; }
            interface api { use types.{t}; f: func() -> t; }
            world w {
              import api;
              export run: func();
            }
            """)
        let world = output.resolve[try #require(output.resolve[output.mainPackage].worlds["w"])]
        let types = try #require(output.resolve[output.mainPackage].interfaces["types"])
        let api = try #require(output.resolve[output.mainPackage].interfaces["api"])
        #expect(world.imports.keys == [.interface(types), .interface(api)])
        #expect(world.exports.keys == [.name("run")])
    }

    @Test func includeCopiesItemsWithRenames() throws {
        let output = try resolve("""
            package a:b;
            world base {
              import log: func(message: string);
              export run: func();
            }
            world app {
              include base with { log as trace }
            }
            """)
        let app = output.resolve[try #require(output.resolve[output.mainPackage].worlds["app"])]
        #expect(app.imports.keys == [.name("trace")])
        #expect(app.exports.keys == [.name("run")])
        guard case .function(let trace)? = app.imports[.name("trace")] else {
            Issue.record("no trace")
            return
        }
        #expect(trace.name == "trace")
    }

    // MARK: Gates and packages

    @Test func unstableItemsAreKeptOnlyWithTheirFeature() throws {
        let text = "package a:b;\ninterface i {\n  @unstable(feature = new)\n  f: func();\n  g: func();\n}\n"
        #expect(try interface(try resolve(text), "i").functions.keys == ["g"])
        #expect(try interface(try resolve(text, features: ["new"]), "i").functions.keys == ["f", "g"])
        let everything = try TestSupport.load(text, allFeatures: true).get()
        #expect(try interface(everything, "i").functions.keys == ["f", "g"])
    }

    /// Every gate's feature is reported, also those of items the load dropped and of items
    /// inside them: a type, a function, an interface, a world, its items and an `include`.
    @Test func theFeatureNamesOfEveryGateAreReportedWhetherKeptOrNot() throws {
        let text = """
            package a:b;
            @unstable(feature = outer)
            interface gated {
              @unstable(feature = inner)
              f: func();
            }
            interface open {
              @unstable(feature = of-type)
              type t = u32;
              @unstable(feature = of-function)
              g: func();
            }
            @unstable(feature = of-world)
            world base {}
            world w {
              @unstable(feature = of-import)
              import open;
              @unstable(feature = of-export)
              export run: func();
              @unstable(feature = of-include)
              include base;
            }
            """
        let all: Set = ["outer", "inner", "of-type", "of-function", "of-world", "of-import", "of-export", "of-include"]
        #expect(try resolve(text).featureNames == all)
        #expect(try resolve(text, features: ["outer"]).featureNames == all)
        #expect(try resolve("package a:b;\ninterface i { f: func(); }\n").featureNames.isEmpty)
    }

    @Test func sinceGatesAreKeptWithTheirVersion() throws {
        let output = try resolve("package a:b@2.0.0;\n@since(version = 1.0.0)\n@deprecated(version = 2.0.0)\ninterface i {}\n")
        let i = try interface(output, "i")
        #expect(i.stability == .stable(since: Version(parsing: "1.0.0")!, deprecated: Version(parsing: "2.0.0")!))
    }

    @Test func dependenciesAreLinkedFirstAndForeignTypesMapToTheirDefinitions() throws {
        let output = try TestSupport.load(
            files: [WITFile("t.wit", "package app:main;\ninterface i { use dep:types/shapes@1.0.0.{point}; f: func(p: point); }\n")],
            dependencies: [[WITFile("d.wit", "package dep:types@1.0.0;\ninterface shapes { record point { x: s32, y: s32 } }\n")]]
        ).get()
        #expect(output.resolve.packages.map(\.name.description) == ["dep:types@1.0.0", "app:main"])
        #expect(output.resolve[output.mainPackage].name.description == "app:main")
        let dependency = PackageID(0)
        let point = try #require(try interface(output, "shapes", package: dependency).types["point"])
        let used = try #require(try interface(output, "i").types["point"])
        guard case .alias(.id(point)) = output.resolve[used].kind else {
            Issue.record("the used type does not refer to the dependency's definition")
            return
        }
    }

    @Test func nestedPackagesInOneFile() throws {
        let output = try resolve("package a:main;\ninterface i { use b:dep/j.{t}; }\npackage b:dep { interface j { type t = u8; } }\n")
        #expect(output.resolve.packages.map(\.name.description) == ["b:dep", "a:main"])
        #expect(output.resolve[output.mainPackage].name.description == "a:main")
    }

    @Test func packageSplitOverFiles() throws {
        let output = try TestSupport.load(files: [
            WITFile("a.wit", "/// docs\npackage a:b;\ninterface i { use j.{t}; }\n"),
            WITFile("b.wit", "interface j { type t = u8; }\n"),
        ]).get()
        #expect(Set(output.resolve[output.mainPackage].interfaces.keys) == ["i", "j"])
        #expect(output.resolve[output.mainPackage].docs.contents == "docs")
    }

    /// Doc text from a file with CR-LF line ends, as the reference (wasm-tools 1.262) gives it:
    /// a `\r` before a `\n` is dropped, in block comments too; a lone `\r` is kept.
    @Test(arguments: [
        ("  /** é block\r\n\r\n   * x \r\n   */\r\n", "é block\n\n   * x"),
        ("  /* plain\r\n  two */\r\n", "* plain\n  two */"),
        ("  /**\r\n     indented\r\n       more\r\n  */\r\n", "\n     indented\n       more"),
        ("  // a\r\n  /// b\r\n  /** c\r\nd */\r\n", "a\nb\nc\nd"),
        ("  /// ü\r\n  ///\r\n  /// x\r\n", "ü\n\nx"),
        ("  /** a\r\r\nb */\r\n", "a\r\nb"),
        ("  /** tab\r\n\tx */\r\n", "tab\n\tx"),
        ("  /// lone\rcr\r\n", "lone\rcr"),
    ])
    func docCommentsWithCRLF(comments: String, docs: String) throws {
        let output = try resolve("package a:b;\r\ninterface i {\r\n\(comments)  f: func();\r\n}\r\n")
        let interface = try #require(output.resolve.interfaces.first)
        #expect(interface.functions["f"]?.docs.contents == docs)
    }

    /// A package without a header has no place of its own (as in the reference), but the
    /// diagnostic names the files it read, the first three of them.
    @Test func aMissingPackageHeaderNamesTheFiles() throws {
        let two = try #require(TestSupport.load(files: [WITFile("a.wit", "interface i {}\n"), WITFile("b.wit", "\nworld w {}\n")]).failureValue)
        let diagnostic = try #require(two.diagnostics.first)
        #expect(diagnostic.span == nil)
        #expect(diagnostic.notes.map { "\($0.message) \(two.sources.location(of: $0.span.start)!)" }
                == ["this file has no `package` header a.wit:1:1", "this file has no `package` header b.wit:1:1"])
        let five = try #require(TestSupport.load(files: (1...5).map { WITFile("f\($0).wit", "interface i\($0) {}\n") }).failureValue)
        let notes = try #require(five.diagnostics.first).notes
        #expect(notes.map { five.sources.location(of: $0.span.start)!.path } == ["f1.wit", "f2.wit", "f3.wit"])
        #expect(notes.last?.message == "this file has no `package` header (nor have 2 more files of the package)")
    }

    /// Docs before a world's item that names an interface belong to the item, as the
    /// reference (wasm-tools 1.262, whose answers these are) records them: an interface
    /// imported first as another's dependency keeps none, an included item does not replace
    /// the docs of one the world has, and an inline interface keeps its docs on itself.
    @Test func worldItemsThatNameAnInterfaceKeepTheirDocs() throws {
        let output = try resolve("""
            package a:b@1.0.0;
            interface i { type t = u8; }
            interface j { use i.{t}; }
            world v {
              /// doc on j in v
              import j;
              /// doc on i in v
              import i;
              /// exp
              export i;
            }
            world w {
              import j;
              include v;
            }
            world u {
              include v;
              /// own
              import j;
            }
            world x {
              /// named
              import n: i;
              /// inline
              import y: interface { g: func(); }
            }
            """)
        let package = output.resolve[output.mainPackage]
        func docs(_ world: String, _ key: WorldKey, export: Bool = false) throws -> String? {
            let items = output.resolve[try #require(package.worlds[world])]
            guard case .interface(_, _, let docs)? = export ? items.exports[key] : items.imports[key] else {
                Issue.record("\(world) has no interface \(key)")
                return nil
            }
            return docs.contents
        }
        let i = WorldKey.interface(try #require(package.interfaces["i"])), j = WorldKey.interface(try #require(package.interfaces["j"]))
        #expect(try docs("v", j) == "doc on j in v")
        #expect(try docs("v", i) == nil)
        #expect(try docs("v", i, export: true) == "exp")
        #expect(try docs("w", j) == nil)
        #expect(try docs("w", i, export: true) == "exp")
        #expect(try docs("u", j) == "own")
        #expect(try docs("x", .name("n")) == "named")
        #expect(try docs("x", .name("y")) == nil)
        guard case .interface(let inline, _, _)? = output.resolve[try #require(package.worlds["x"])].imports[.name("y")] else {
            Issue.record("no inline interface")
            return
        }
        #expect(output.resolve[inline].docs.contents == "inline")
    }

    /// An interface included from another package with a stable gate comes without it, and
    /// takes the gate off the world's own import of it too (the reference's answer).
    @Test func aStableGateIncludedFromAnotherPackageClearsTheWorldsOwn() throws {
        let output = try TestSupport.load("""
            package a:main;
            world w {
              @unstable(feature = active)
              import b:dep/i@1.0.0;
              include b:dep/v@1.0.0;
            }
            package b:dep@1.0.0 {
              interface i {}
              world v {
                @since(version = 1.0.0)
                import i;
              }
            }
            """, features: ["active"]).get()
        let world = output.resolve[try #require(output.resolve[output.mainPackage].worlds["w"])]
        guard case .interface(_, let stability, _)? = world.imports.values.first else {
            Issue.record("no import")
            return
        }
        #expect(stability == .unknown)
    }
}
