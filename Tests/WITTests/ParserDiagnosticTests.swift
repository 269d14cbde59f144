import Testing
@testable import WIT
import WITTestSupport

/// Every message of the parser, each from a minimal input, checked exactly with its place.
@Suite struct ParserDiagnosticTests {
    static let cases: [DiagnosticCase] = [
        // `expect(_:)`: one given token.
        .init("expected {}, found {}", "package a:b;\ninterface i",
              "expected '{', found eof", at: "2:12"),
        .init("expected {}, found {}", "package a:b;\ninterface i { f func(); }\n",
              "expected ':', found keyword `func`", at: "2:17"),
        .init("expected {}, found {}", "package a:b;\ninterface i { use j.{a b}; }\n",
              "expected '}', found an identifier", at: "2:24"),
        .init("expected {}, found {}", "package a:b;\ninterface i { f: func(a: u8 b: u8); }\n",
              "expected ')', found an identifier", at: "2:29"),
        .init("expected {}, found {}", "package a:b;\nworld w { include x with { a b } }\n",
              "expected keyword `as`, found an identifier", at: "2:30"),
        .init("expected {}, found {}", "package a:b;\ninterface i { type t = u8 }\n",
              "expected ';', found '}'", at: "2:27"),
        .init("expected {}, found {}", "package a:b;\nuse x:y;\n",
              "expected '/', found ';'", at: "2:8"),
        .init("expected {}, found {}", "package a:b@1.0;\n",
              "expected '.', found ';'", at: "1:16"),
        .init("expected {}, found {}", "package a:b;\ninterface i { f: func(a: u8",
              "expected ')', found eof", at: "2:28"),

        // Identifiers, checked by the lexer and reported where the parser takes them.
        .init("identifiers must have characters between '-'s", "package a:b;\ninterface a--b {}\n",
              "identifiers must have characters between '-'s", at: "2:11"),
        .init("identifiers must have characters between '-'s", "package a:b;\ninterface a- {}\n",
              "identifiers must have characters between '-'s", at: "2:11"),
        // `%` followed by nothing that can start an identifier.
        .init("identifiers must have characters between '-'s", "package a:b;\ninterface %9 {}\n",
              "identifiers must have characters between '-'s", at: "2:11"),
        .init("identifiers must have characters between '-'s", "package a:b;\ninterface %",
              "identifiers must have characters between '-'s", at: "2:11"),

        .init("invalid character in identifier {}", "package a:b;\ninterface fooBar {}\n",
              "invalid character in identifier 'B'", at: "2:11"),
        .init("invalid character in identifier {}", "package a:b;\ninterface foo_bar {}\n",
              "invalid character in identifier '_'", at: "2:11"),
        .init("invalid character in identifier {}", "package a:b;\ninterface %a-é {}\n",
              "invalid character in identifier 'é'", at: "2:11"),
        .init("invalid character in identifier {}", "package a:b;\ninterface x-ab-Cd {}\n",
              "invalid character in identifier 'd'", at: "2:11"),

        // A nested package left open at the end of the file.
        .init("expected '}', found {}", "package a:b {\ninterface i {}\n",
              "expected '}', found eof", at: "3:1"),

        .init("expected an identifier or string, found {}", "package a:b;\ninterface u32 {}\n",
              "expected an identifier or string, found keyword `u32`", at: "2:11"),
        .init("expected an identifier or string, found {}", "package a:b;\ninterface i { f: func(a: u8,,); }\n",
              "expected an identifier or string, found ','", at: "2:29"),

        .init("expected `world`, `interface` or `use`, found {}", "package a:b;\nrecord r {}\n",
              "expected `world`, `interface` or `use`, found keyword `record`", at: "2:1"),
        // Attributes with nothing after them.
        .init("expected `world`, `interface` or `use`, found {}", "/// docs\n@since(version = 1.0.0)\n",
              "expected `world`, `interface` or `use`, found eof", at: "3:1"),

        .init("expected `type`, `resource` or `func`, found {}", "package a:b;\ninterface i { import x; }\n",
              "expected `type`, `resource` or `func`, found keyword `import`", at: "2:15"),
        .init("expected `type`, `resource` or `func`, found {}", "package a:b;\ninterface i {\n",
              "expected `type`, `resource` or `func`, found eof", at: "3:1"),

        .init("expected `constructor` or identifier, found {}", "package a:b;\ninterface i { resource r { static f: func(); } }\n",
              "expected `constructor` or identifier, found keyword `static`", at: "2:28"),

        .init("expected fixed-length, found {}", "package a:b;\ninterface i { type t = list<u8, x>; }\n",
              "expected fixed-length, found an identifier", at: "2:33"),

        .init("expected a type, found {}", "package a:b;\ninterface i { f: func() -> ; }\n",
              "expected a type, found ';'", at: "2:28"),
        .init("expected a type, found {}", "package a:b;\ninterface i { type t = option<func>; }\n",
              "expected a type, found keyword `func`", at: "2:31"),

        .init("expected `import`, `export`, `include`, `use`, or type definition, found {}", "package a:b;\nworld w { f: func(); }\n",
              "expected `import`, `export`, `include`, `use`, or type definition, found an identifier", at: "2:11"),

        .init("expected `{}`, found `{}`", "package a:b@1.0.0;\n@since(feature = x)\ninterface i {}\n",
              "expected `version`, found `feature`", at: "2:8"),
        .init("expected `{}`, found `{}`", "package a:b;\n@unstable(version = 1.0.0)\ninterface i {}\n",
              "expected `feature`, found `version`", at: "2:11"),
        .init("expected `{}`, found `{}`", "package a:b@1.0.0;\n@deprecated(since = 1.0.0)\ninterface i {}\n",
              "expected `version`, found `since`", at: "2:13"),

        .init("unterminated attribute: expected ')', found eof", "package a:b;\n@unstable(feature = x",
              "unterminated attribute: expected ')', found eof", at: "2:1"),
        .init("unterminated attribute: expected ')', found eof", "package a:b;\ninterface i {\n  @deprecated(version = 1.0.0",
              "unterminated attribute: expected ')', found eof", at: "3:3"),

        .init("unknown attribute `{}`", "package a:b;\n@foo\ninterface i {}\n",
              "unknown attribute `foo`", at: "2:2"),
        .init("unknown attribute `{}`", "package a:b;\ninterface i {\n  @since2\n  f: func();\n}\n",
              "unknown attribute `since2`", at: "3:4"),

        .init("invalid semver version `{}`", "package a:b@1.0.0-01;\n",
              "invalid semver version `1.0.0-01`", at: "1:13"),
        .init("invalid semver version `{}`", "package a:b@01.0.0;\n",
              "invalid semver version `01.0.0`", at: "1:13"),
        .init("invalid semver version `{}`", "package a:b;\ninterface i { use c:d/e@1.0.99999999999999999999.{t}; }\n",
              "invalid semver version `1.0.99999999999999999999`", at: "2:25"),

        .init("package nesting too deep", String(repeating: "package a:b {\n", count: Parser.maximumNesting + 1),
              "package nesting too deep", at: "\(Parser.maximumNesting + 1):1"),

        // The element of the 100th `list<` is the 101st type.
        .init("type nesting too deep",
              "package a:b;\ninterface i {\n  type t = " + String(repeating: "list<", count: Parser.maximumNesting) + "u8"
                  + String(repeating: ">", count: Parser.maximumNesting) + ";\n}\n",
              "type nesting too deep", at: "3:\(12 + 5 * Parser.maximumNesting)"),

        .init("invalid list size: number too large to fit in target type", "package a:b;\ninterface i { type t = list<u8, 4294967296>; }\n",
              "invalid list size: number too large to fit in target type", at: "2:33"),
    ]

    @Test(arguments: cases)
    func reports(_ testCase: DiagnosticCase) throws {
        try testCase.check(stage: .parser)
    }

    /// The limits are exact: one level less is accepted.
    @Test func nestingLimitsAreInclusive() throws {
        let depth = Parser.maximumNesting
        let types = "package a:b;\ninterface i {\n  type t = " + String(repeating: "list<", count: depth - 1) + "u8"
            + String(repeating: ">", count: depth - 1) + ";\n}\n"
        _ = try TestSupport.load(types).get()
        let packages = "package a0:b {\n" + String(repeating: "package x:y {\n", count: depth - 1)
            + String(repeating: "}\n", count: depth)
        let failure = try #require(TestSupport.load(packages).failureValue)
        // Parsed; then rejected by the resolver, which takes nested packages at the top level only.
        #expect(failure.diagnostics.map(\.message) == ["nested packages must be placed at the top-level"])
        _ = try TestSupport.load("package a:b;\ninterface i { type t = list<u8, 4294967295>; }\n").get()
    }

    /// An error inside an item is recorded and parsing goes on with the next item.
    @Test func oneDiagnosticPerBrokenItem() throws {
        let text = """
            package a:b;
            interface i {
              f: func(;
              type t = ;
              g: func();
            }
            world w {
              import;
              export f: func();
            }
            record r {}
            interface j {}
            """
        let failure = try #require(TestSupport.load(text).failureValue)
        let found = failure.diagnostics.map { TestSupport.located($0, in: failure.sources) }
        #expect(found.map(\.message) == ["expected an identifier or string, found ';'",
                                         "expected a type, found ';'",
                                         "expected an identifier or string, found ';'",
                                         "expected `world`, `interface` or `use`, found keyword `record`"])
        #expect(found.map(\.location) == ["t.wit:3:11", "t.wit:4:12", "t.wit:8:9", "t.wit:11:1"])
    }

    /// An error inside a nested block (a resource's functions, a record's fields), or a
    /// missing `;` between items, gives that one error: the rest of the item is skipped from
    /// its start, so its `}` is not taken for the body's and nothing the user did not write
    /// wrong is reported. A later real error is still found.
    @Test func noBogusErrorsAfterAnErrorInANestedBlock() throws {
        let text = """
            package a:b;
            interface i {
              resource r {
                constructor()
                open: static func() -> r;
              }
              record point { x: u32 y: u32 }
              f: func(;
              g: func();
            }
            world w {
              import x: func()
              export y: func();
              import z: func(a: );
            }
            interface j { h: func(); }
            """
        let failure = try #require(TestSupport.load(text).failureValue)
        let found = failure.diagnostics.map { TestSupport.located($0, in: failure.sources) }
        #expect(found.map(\.message) == ["expected ';', found an identifier", "expected '}', found an identifier",
                                         "expected an identifier or string, found ';'",
                                         "expected ';', found keyword `export`", "expected a type, found ')'"])
        #expect(found.map(\.location) == ["t.wit:5:5", "t.wit:7:25", "t.wit:8:11", "t.wit:13:3", "t.wit:14:21"])
    }

    /// Past the limit, further diagnostics of a file are dropped, and a last one says so.
    @Test func diagnosticsPerFileAreCapped() throws {
        let limit = Parser.maximumDiagnostics
        let stopped = "too many errors: stopped after the first \(limit)"
        let text = "package a:b;\n" + String(repeating: "interface {}\n", count: 2 * limit)
        let failure = try #require(TestSupport.load(text).failureValue)
        #expect(failure.diagnostics.count == limit + 1)
        #expect(failure.diagnostics.last?.message == stopped)
        let inBody = "package a:b;\ninterface i {\n" + String(repeating: "  f: ;\n", count: 2 * limit) + "}\n"
        let bodyFailure = try #require(TestSupport.load(inBody).failureValue)
        #expect(bodyFailure.diagnostics.count == limit + 1)
        #expect(bodyFailure.diagnostics.last?.message == stopped)
    }
}
