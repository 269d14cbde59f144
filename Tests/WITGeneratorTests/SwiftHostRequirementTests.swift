import Testing
import WIT
@testable import WITGenerator
import WITTestSupport

/// A resource's constructor and static functions are requirements of the host protocol
/// of the interface that defines it (so they reach the host's state); its methods stay
/// on the resource's protocol.
@Suite struct SwiftHostRequirementTests {
    static let source = """
        package example:kv@0.2.0;
        interface store {
          resource store {
            constructor(name: string);
            open: static func(name: string) -> store;
            get: func(key: string) -> option<string>;
          }
          /// A free function whose name the static function would take.
          store-open: func() -> u32;
        }
        """

    static func interfaceFile() throws -> String {
        let output = try TestSupport.load(Self.source).get()
        var generator = SwiftGenerator(resolve: output.resolve, options: .init(sourceDescription: "kv/"))
        return try #require(generator.generate().first { $0.path == "ExampleKV.Store.swift" }).contents
    }

    @Test func constructorsAndStaticFunctionsAreHostRequirements() throws {
        let text = try Self.interfaceFile()
        let host = try #require(text.range(of: "public protocol Host {"))
        let hostBody = text[host.upperBound...]
        #expect(hostBody.contains("func makeStore(name: String) -> Store\n"))
        #expect(hostBody.contains("func storeOpen2(name: String) -> Store\n"))
        #expect(hostBody.contains("func storeOpen() -> UInt32\n"))
        let resource = text[..<host.lowerBound]
        #expect(resource.contains("func get(key: String) -> String?\n"))
        #expect(!resource.contains("init("))
        #expect(!resource.contains("static func"))
    }

    @Test func theDocsNameTheHostRequirement() throws {
        let output = try TestSupport.load(Self.source).get()
        let pages = MarkdownGenerator(resolve: output.resolve, options: .init(sourceDescription: "kv/")).generate()
        let page = try #require(pages.first { $0.path.contains("store") }).contents
        #expect(page.contains("`ExampleKV.Store.Host.makeStore`"))
        #expect(page.contains("`ExampleKV.Store.Host.storeOpen2`"))
        #expect(page.contains("`ExampleKV.Store.StoreResource.get`"))
    }
}
