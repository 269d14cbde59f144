import Testing
import WIT
@testable import WITGenerator
import WITTestSupport

/// The doc comment of a world's item that names an interface (`/// text` before
/// `import i;`) reaches every back end: the world's page, the Swift world protocol's
/// docs and the C header's comments before the interface's functions.
@Suite struct WorldItemDocsTests {
    static let source = """
        package a:b;
        interface i { f: func(); }
        world w {
          /// Imports `i`, documented
          /// on two lines.
          import i;
        }
        """

    @Test func theWorldPageShowsThemAsAParagraphOfTheListItem() throws {
        let output = try TestSupport.load(Self.source).get()
        let docs = MarkdownGenerator(resolve: output.resolve, options: .init(sourceDescription: "t.wit")).generate()
        let page = try #require(docs.first { $0.path.contains("world-w") })
        #expect(page.contents.contains("- Interface `a:b/i`: [`a:b/i`](a-b-i.md)\n\n  Imports `i`, documented\n  on two lines.\n"))
    }

    @Test func theSwiftWorldProtocolListsThem() throws {
        let output = try TestSupport.load(Self.source).get()
        var generator = SwiftGenerator(resolve: output.resolve, options: .init(sourceDescription: "t.wit"))
        let world = try #require(generator.generate().first { $0.path.contains("World") })
        #expect(world.contents.contains("""
                    /// Everything the world `w` imports.
                    ///
                    /// - `a:b/i`: Imports `i`, documented
                    ///   on two lines.
                    public protocol Imports
            """))
    }

    /// A CR (which the front end keeps in a doc) or a line separator ends a line like LF:
    /// the line after it still continues the list item.
    @Test func everyLineTerminatorContinuesTheSwiftListItem() throws {
        let source = "package a:b;\ninterface i { f: func(); }\nworld w {\n  /// one\rtwo\u{2028}three\n  import i;\n}\n"
        let output = try TestSupport.load(source).get()
        var generator = SwiftGenerator(resolve: output.resolve, options: .init(sourceDescription: "t.wit"))
        let world = try #require(generator.generate().first { $0.path.contains("World") })
        #expect(world.contents.contains("        /// - `a:b/i`: one\n        ///   two\n        ///   three\n"))
    }

    @Test func theCHeaderWritesThemBeforeTheInterfacesFunctions() throws {
        let output = try TestSupport.load(Self.source).get()
        let world = try #require(output.resolve[output.mainPackage].worlds["w"])
        let header = CGenerator(resolve: output.resolve, options: .init(sourceDescription: "t.wit")).generate(world: world).contents
        #expect(header.contains("// Imported Functions from `a:b/i`\n// Imports `i`, documented\n// on two lines.\n"))
    }
}
