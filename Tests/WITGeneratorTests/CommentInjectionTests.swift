import Foundation
import Testing
import WIT
@testable import WITGenerator
import WITTestSupport

/// Text a WIT file controls reaches the generated Swift, C and Markdown inert: docs holding
/// every line terminator, a trailing backslash or trigraph, NUL and controls are generated
/// (invalid UTF-8 never gets this far: the front end refuses it, as the reference does),
/// and the output is compiled with probes that fail if any of it became code.
@Suite struct CommentInjectionTests {
    /// One hostile doc comment per item; the text after each terminator would be code if it
    /// ended the comment: `#error` fails any compilation, the rest conflict with the probes.
    static let hostileBytes: [UInt8] = Array("""
        /// ```
        /// <!-- A package doc opening a fence and a comment.
        package t:x;
        /// An interface.\r#error("interface docs")
        interface a {
          /// A record.\rpublic static func pwned() -> String { "x" }
          record r { x: u32 }
          /// CR and a macro.\r#define INJECTED 1
          record r2 {
            /// A field.\r#error("field docs")
            x: u32,
          }
          /// Block comment with CRLF and CR.
          /** first\r\n#error("crlf") \r#error("cr in block") */
          enum e {
            /// A case.\r#error("case docs")
            one,
          }
          /// Line separator\u{2028}#error("line separator")
          /// paragraph separator\u{2029}#error("paragraph separator")
          /// next line\u{85}#error("next line")
          /// VT\u{0B}#error("vertical tab") FF\u{0C}#error("form feed")
          /// bidi \u{202E}override\u{2066}isolate
          flags fl { read }
          /// A splice at the end: \\
          spliced: func(v: r);
          /// A trigraph splice at the end: ??/
          trigraph: func(v: r);
          /// A splice before spaces: \\   \u{09}
          spaced: func();
          /// NUL: \u{0}, DEL: \u{7F}, C1: \u{9B}, ESC: \u{1B}[31m.
          /// A replacement character: \u{FFFD}\u{FFFD}
          controls: func();
        }
        world w {
          /// An import.\r#error("world item docs")
          import a;
        }
        """.utf8)

    static func load() throws -> Resolve {
        try TestSupport.load(files: [WITFile("hostile.wit", bytes: hostileBytes)]).get().resolve
    }

    /// A scratch folder holding `files`.
    static func folder(_ files: [GeneratedFile]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("witgen-inert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files { try Data(file.contents.utf8).write(to: folder.appendingPathComponent(file.path)) }
        return folder
    }

    /// Runs `tool` (found on `PATH`) and returns its exit status and output.
    /// Type-checks generated Swift files as one module `Bindings` (Swift 6, warnings as errors),
    /// against the `WITSupport` module they import, built from its sources into the same folder.
    static func typecheckSwift(_ files: [GeneratedFile]) throws -> (status: Int32, output: String) {
        let folder = try folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let supportFolder = TestSupport.packageRoot.appendingPathComponent("Sources/WITSupport")
        let supportSources = try FileManager.default.contentsOfDirectory(atPath: supportFolder.path)
            .filter { $0.hasSuffix(".swift") }.map { supportFolder.appendingPathComponent($0).path }
        let support = try run("swiftc", ["-parse-as-library", "-module-name", "WITSupport", "-swift-version", "6", "-emit-module",
                                         "-emit-module-path", folder.appendingPathComponent("WITSupport.swiftmodule").path]
                                        + supportSources)
        guard support.status == 0 else { return support }
        return try run("swiftc", ["-parse-as-library", "-module-name", "Bindings", "-swift-version", "6", "-warnings-as-errors",
                                  "-I", folder.path, "-typecheck"]
                                 + files.map { folder.appendingPathComponent($0.path).path })
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether `text` holds a line terminator other than LF, or a control character other than
    /// tab (C0, DEL, C1, the Unicode line and paragraph separators, bidirectional controls).
    static func holdsControl(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }
    }

    @Test func theFrontEndKeepsTheHostileDocs() throws {
        // The docs reach the back ends as the reference stores them (a lone CR kept):
        // without that, the compilations below would prove nothing.
        let resolve = try Self.load()
        let interface = try #require(resolve.packages.last?.interfaces["a"])
        let record = try #require(resolve[interface].types["r"])
        #expect(resolve[record].docs.contents == "A record.\rpublic static func pwned() -> String { \"x\" }")
    }

    @Test func swiftBindingsCompileWithoutAnyInjectedCode() throws {
        let resolve = try Self.load()
        var generator = SwiftGenerator(resolve: resolve, options: .init(sourceDescription: "hostile/"))
        var files = generator.generate()
        // `pwned()` exists only here: were it injected as well, this would be a redeclaration.
        files.append(GeneratedFile(path: "Probe.swift", contents: """
            extension TX.A {
                public static func pwned() -> String { "probe" }
            }

            """))
        let result = try Self.typecheckSwift(files)
        #expect(result.status == 0, "\(result.output)")
    }

    /// The issue's repro as it was filed: the doc's CR would make `TX.A.pwned()` a member of the
    /// generated namespace, and the probe's own `pwned()` a redeclaration.
    @Test func theFiledReproDefinesNoFunction() throws {
        let text = "package t:x;\ninterface a {\n  /// A record.\rpublic static func pwned() -> String { \"x\" }\n"
            + "  record r { x: u32 }\n  f: func(v: r);\n}\nworld w { import a; }\n"
        guard case .success(let output) = TestSupport.load(text, path: "crs.wit") else {
            Issue.record("the repro does not load")
            return
        }
        var generator = SwiftGenerator(resolve: output.resolve, options: .init(sourceDescription: "crs.wit/"))
        var files = generator.generate()
        files.append(GeneratedFile(path: "Probe.swift", contents: "extension TX.A {\n    public static func pwned() -> String { \"probe\" }\n}\n"))
        let result = try Self.typecheckSwift(files)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(arguments: [
        ("clang", ["-x", "c", "-std=c11"]),
        ("gcc", ["-x", "c", "-std=c99"]),
        ("clang", ["-x", "c", "-std=gnu17"]),
        ("clang", ["-x", "c++", "-std=c++11"]),
    ])
    func cHeaderCompilesWithoutAnyInjectedCode(compiler: String, mode: [String]) throws {
        let resolve = try Self.load()
        let package = PackageID(resolve.packages.count - 1)
        let generator = CGenerator(resolve: resolve, options: .init(sourceDescription: "hostile/"))
        var files = CGenerator.worlds(of: package, in: resolve).map { generator.generate(world: $0) }
        let header = try #require(files.first?.path)
        // A spliced comment would swallow the prototypes after it: each must still be declared.
        files.append(GeneratedFile(path: "probe.c", contents: """
            #include "\(header)"
            #ifdef INJECTED
            #error "a doc comment defined INJECTED"
            #endif
            void probe(t_x_a_r_t *v) {
              t_x_a_spliced(v);
              t_x_a_trigraph(v);
              t_x_a_spaced();
              t_x_a_controls();
            }

            """))
        let folder = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.run(compiler, mode + ["-fsyntax-only", "-Wall", "-Werror", "-Wno-unused-function",
                                                    folder.appendingPathComponent("probe.c").path])
        #expect(result.status == 0, "\(compiler) \(mode): \(result.output)")
    }

    @Test func everyDocLineIsACommentLine() throws {
        let resolve = try Self.load()
        var swift = SwiftGenerator(resolve: resolve, options: .init(sourceDescription: "hostile/"))
        let package = PackageID(resolve.packages.count - 1)
        let generator = CGenerator(resolve: resolve, options: .init(sourceDescription: "hostile/"))
        let c = CGenerator.worlds(of: package, in: resolve).map { generator.generate(world: $0) }
        for file in swift.generate() + c {
            for line in file.contents.split(separator: "\n", omittingEmptySubsequences: false) {
                let text = line.drop { $0 == " " }
                #expect(!text.contains("#error(") || text.hasPrefix("//"), "\(file.path): \(line)")
                #expect(!text.contains("INJECTED") || text.hasPrefix("//"), "\(file.path): \(line)")
                guard text.hasPrefix("//") else { continue }
                #expect(!Self.holdsControl(text), "\(file.path): \(line)")
                // Swift has no line splices; C has them before it sees comments.
                guard file.path.hasSuffix(".h") else { continue }
                let end = text.reversed().drop { $0 == " " || $0 == "\t" }
                #expect(end.first != "\\" && !String(end.prefix(3)).elementsEqual("/??"), "\(file.path): \(line)")
            }
        }
    }

    @Test func markdownPagesKeepTheirStructure() throws {
        let resolve = try Self.load()
        let files = MarkdownGenerator(resolve: resolve, options: .init(sourceDescription: "hostile/"))
            .generate()
        for file in files {
            #expect(!Self.holdsControl(file.contents), "\(file.path) holds a line terminator or control other than LF")
            // Top-level fences and HTML comments, read line by line: each WIT signature opens a
            // fence of its own, and nothing is left open at the end of a page.
            var fence: String?
            var inComment = false
            for line in file.contents.split(separator: "\n") {
                if inComment {
                    inComment = !line.contains("-->")
                    continue
                }
                if let open = fence {
                    if line.trimmingCharacters(in: .whitespaces) == open { fence = nil }
                    continue
                }
                #expect(line != "```wit" || fence == nil, "\(file.path): a signature inside a doc's fence")
                let text = line.drop { $0 == " " }
                if text.hasPrefix("```") || text.hasPrefix("~~~") {
                    fence = String(text.prefix { $0 == text.first })
                } else if text.hasPrefix("<!--"), !text.contains("-->") {
                    inComment = true
                }
            }
            #expect(fence == nil && !inComment, "\(file.path): a doc's fence or comment runs to the end of the page")
            for line in file.contents.split(separator: "\n") where line.hasPrefix("#") {
                #expect(!line.contains("error") && !line.contains("INJECTED"), "\(file.path): a doc made a heading: \(line)")
            }
        }
    }

    @Test(arguments: [
        // A fence the doc leaves open is closed after it, with its opener's indentation.
        ("Code:\n```swift\nlet x = 1", ["Code:", "```swift", "let x = 1", "```"]),
        ("  ~~~~\n  ~~~\nstill code", ["  ~~~~", "  ~~~", "still code", "  ~~~~"]),
        // A closed fence, and the headings inside it, are left alone.
        ("```\n# not a heading\n```\n# Heading", ["```", "# not a heading", "```", "**Heading**"]),
        // Raw HTML blocks that run to an end marker.
        ("<!-- open\nstill a comment", ["<!-- open", "still a comment", "-->"]),
        ("<!-- closed -->\ntext", ["<!-- closed -->", "text"]),
        ("<PRE>\ncode", ["<PRE>", "code", "</pre>"]),
        ("<?php\nx", ["<?php", "x", "?>"]),
        // Setext underlines would make the text above them a heading.
        ("Title\n=====\nText\n  ---", ["Title", "\\=====", "Text", "  \\---"]),
        ("\n---\n", ["", "---", ""]),
        // In a list item or a block quote, a line could open a block where a line reading sees
        // a close: such a line is escaped instead.
        ("- item\n  ```\ncode\n```\n# After", ["- item", "  \\```", "code", "\\```", "**After**"]),
        ("> quote\n<!-- open", ["> quote", "\\<!-- open"]),
        ("1. one\n~~~", ["1. one", "\\~~~"]),
        // An unindented line after an empty one ends every list and quote; a tab does not.
        ("- item\n\nafter\n```\ncode", ["- item", "", "after", "```", "code", "```"]),
        ("- item\n\n\tindented\n```", ["- item", "", "\tindented", "\\```"]),
        // A list-like line inside a fence, or `-` before text, starts no container.
        ("```\n- not an item\n```", ["```", "- not an item", "```"]),
        ("-text\n```", ["-text", "```", "```"]),
        // Every line terminator Markdown knows ends a line (and the heading rule sees it).
        ("a\r# b\r\nc", ["a", "**b**", "c"]),
    ])
    func markdownProseClosesWhatADocOpens(docs: String, expected: [String]) {
        var printer = CodePrinter(indentWidth: 2)
        MarkdownProse.write(docs, into: &printer)
        #expect(printer.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) == expected)
    }

    /// Each terminator, control and splice as `CodePrinter.comment` writes it, in both styles.
    @Test(arguments: [
        ("a\r\nb\rc\nd", ["a", "b", "c", "d"], ["a", "b", "c", "d"]),
        ("a\u{0B}b\u{0C}c\u{85}d\u{2028}e\u{2029}f", ["a", "b", "c", "d", "e", "f"], ["a", "b", "c", "d", "e", "f"]),
        ("nul\u{0}del\u{7F}csi\u{9B}rlo\u{202E}fsi\u{2068}", ["nul\u{FFFD}del\u{FFFD}csi\u{FFFD}rlo\u{FFFD}fsi\u{FFFD}"],
         ["nul\u{FFFD}del\u{FFFD}csi\u{FFFD}rlo\u{FFFD}fsi\u{FFFD}"]),
        ("ends \\\nnext", ["ends \\", "next"], ["ends \\.", "next"]),
        ("ends ??/ \t", ["ends ??/ \t"], ["ends ??/ \t."]),
        ("tab\tkept, ?? and \\ inside", ["tab\tkept, ?? and \\ inside"], ["tab\tkept, ?? and \\ inside"]),
        ("trailing\n", ["trailing", ""], ["trailing", ""]),
    ])
    func commentsAreInert(text: String, swift: [String], c: [String]) {
        func written(_ style: CommentStyle) -> [String] {
            var printer = CodePrinter(indentWidth: 2)
            printer.comment(text, style: style)
            let marker = style == .swiftDocumentation ? "///" : "//"
            return printer.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
                line == marker ? "" : String(line.dropFirst(marker.count + 1))
            }
        }
        #expect(written(.swiftDocumentation) == swift)
        #expect(written(.cLine) == c)
    }

    /// A feature name from an encoded package's `package-docs` is any string: it stays on its
    /// line in the WIT signature and in the gate line, and in the Swift doc comment.
    @Test func featureNamesStayOnTheirLine() throws {
        let text = """
            package t:x;
            interface a {
              @unstable(feature = gate)
              f: func();
            }
            world w { import a; }
            """
        guard case .success(var output) = TestSupport.load(text, path: "gate.wit", allFeatures: true) else {
            Issue.record("the package does not load")
            return
        }
        let interface = try #require(output.resolve.packages.last?.interfaces["a"])
        output.resolve.interfaces[interface.index].functions["f"]?.stability = .unstable(feature: "x)\n```\n# Evil `\r#error(\"gate\")", deprecated: nil)
        let pages = MarkdownGenerator(resolve: output.resolve, options: .init(sourceDescription: "gate/")).generate()
        let page = try #require(pages.first { $0.path == "t-x-a.md" })
        let lines = page.contents.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("# Evil") })
        #expect(lines.contains("@unstable(feature = x)\u{FFFD}```\u{FFFD}# Evil `\u{FFFD}#error(\"gate\"))"))
        // The longest run of backticks inside is three: the code span's fence is four.
        #expect(lines.contains("**Unstable** (feature ````x)\u{FFFD}```\u{FFFD}# Evil `\u{FFFD}#error(\"gate\")````)"))
        var swift = SwiftGenerator(resolve: output.resolve, options: .init(sourceDescription: "gate/"))
        for generated in swift.generate() {
            for line in generated.contents.split(separator: "\n") where line.contains("#error(") {
                #expect(line.drop { $0 == " " }.hasPrefix("///"), "\(generated.path): \(line)")
            }
        }
    }

    @Test func headersCarryTheSourceDescriptionOnOneLine() throws {
        let resolve = try Self.load()
        let description = "evil\n#error(\"path\")\r-->\n# Heading `x`/"
        var swift = SwiftGenerator(resolve: resolve, options: .init(sourceDescription: description))
        let package = PackageID(resolve.packages.count - 1)
        let c = CGenerator(resolve: resolve, options: .init(sourceDescription: description))
        let markdown = MarkdownGenerator(resolve: resolve, options: .init(sourceDescription: description))
        let swiftHeader = try #require(swift.generate().first?.contents.split(separator: "\n").first)
        #expect(swiftHeader.hasPrefix("// Generated by witgen from evil\u{FFFD}#error"))
        let cFile = try #require(CGenerator.worlds(of: package, in: resolve).first.map { c.generate(world: $0) })
        #expect(cFile.contents.split(separator: "\n").first?.hasSuffix("DO NOT EDIT.") == true)
        let index = try #require(markdown.generate().first { $0.path == "index.md" })
        let lines = index.contents.split(separator: "\n")
        #expect(lines.first == "<!-- Generated by witgen from evil\u{FFFD}#error(\"path\")\u{FFFD}-\u{2010}>\u{FFFD}# Heading `x`/. Do not edit: run `swift run witgen generate` instead. -->")
        #expect(lines.contains("Generated from ``evil\u{FFFD}#error(\"path\")\u{FFFD}-->\u{FFFD}# Heading `x`/``: every package, with its worlds and interfaces."))
    }
}
