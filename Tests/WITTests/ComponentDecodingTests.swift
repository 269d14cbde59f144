import Foundation
import Testing
@testable import WIT
import WITTestSupport

/// WIT packages encoded as components (by wasm-tools) decode to the model the
/// reference decodes them to: the same JSON, ids and order included.
@Suite struct ComponentDecodingTests {
    @Test func fixturesExist() {
        #expect(ComponentFixtures.encodedNames == ["all-kinds", "async-and-map", "docs-and-gates", "net", "use-later", "world-item-docs"])
    }

    @Test(arguments: ComponentFixtures.encodedNames.flatMap { [$0 + ".wasm", $0 + ".wat"] })
    func encodedPackageMatchesTheReference(_ file: String) throws {
        let encoded = ComponentFixtures.folder.appendingPathComponent("encoded")
        let result = try TestSupport.load(at: encoded.appendingPathComponent(file))
        let output = try result.get()
        let name = file.split(separator: ".")[0]
        let expected = try ComponentFixtures.reference(encoded.appendingPathComponent("\(name).json"))
        let difference = ComponentFixtures.firstDifference(output.resolve.json(), expected)
        #expect(difference == nil, "\(file): \(difference ?? "")")
        // The main package is the encoded one, the last (foreign packages come first).
        #expect(output.mainPackage.index == output.resolve.packages.count - 1)
    }

    @Test func handwrittenTextWithNamesAndInlineTypes() throws {
        let folder = ComponentFixtures.folder.appendingPathComponent("handwritten")
        let output = try TestSupport.load(at: folder.appendingPathComponent("named.wat")).get()
        let expected = try ComponentFixtures.reference(folder.appendingPathComponent("named.json"))
        let difference = ComponentFixtures.firstDifference(output.resolve.json(), expected)
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test func dependenciesInEveryFormUniteTheirSlicesOfSharedPackages() throws {
        let folder = ComponentFixtures.folder.appendingPathComponent("cases")
        let output = try TestSupport.load(at: folder.appendingPathComponent("mixed-deps"), features: ["active"]).get()
        let expected = try ComponentFixtures.reference(folder.appendingPathComponent("mixed-deps.json"))
        let difference = ComponentFixtures.firstDifference(output.resolve.json(), expected)
        #expect(difference == nil, "\(difference ?? "")")
        #expect(output.resolve.packages.map(\.name.description)
            == ["wasi:io@0.2.0", "foo:bar@1.2.3", "x:net", "x:later", "x:sockets", "app:main"])
        #expect(output.resolve[output.mainPackage].name.description == "app:main")
    }

    @Test(.enabled(if: TestSupport.sharedIsPresent, "needs ../shared/conformance beside the clone"))
    func kindsOfDepsConformanceCase() throws {
        let folder = TestSupport.conformance.appendingPathComponent("wit-parser-ui")
        let output = try TestSupport.load(at: folder.appendingPathComponent("kinds-of-deps"), features: ["active"]).get()
        let expected = try ComponentFixtures.reference(folder.appendingPathComponent("kinds-of-deps.json"))
        let difference = ComponentFixtures.firstDifference(output.resolve.json(), expected)
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test func docsAndGatesComeFromThePackageDocsSection() throws {
        let url = ComponentFixtures.folder.appendingPathComponent("encoded/docs-and-gates.wasm")
        let resolve = try TestSupport.load(at: url).get().resolve
        let package = try #require(resolve.packages.last)
        #expect(package.docs.contents?.contains("custom section") == true)
        let api = resolve[try #require(package.interfaces["api"])]
        #expect(api.stability == .stable(since: Version(parsing: "1.0.0")!, deprecated: nil))
        #expect(api.functions["fancy"]?.stability == .unstable(feature: "fancy", deprecated: nil))
        #expect(api.functions["old"]?.stability == .stable(since: Version(parsing: "1.0.0")!, deprecated: Version(parsing: "1.0.0")!))
        let world = resolve[try #require(package.worlds["app"])]
        #expect(world.stability == .unstable(feature: "fancy", deprecated: nil))
        guard case .function(let run)? = world.exports[.name("run")] else {
            Issue.record("no exported function `run`")
            return
        }
        #expect(run.docs.contents == "An exported function of the same name.")
    }

    @Test func encodedPackagesAreKeptWholeWhateverTheFeatures() throws {
        // Gates were applied when the package was encoded; the reference keeps every decoded item.
        let url = ComponentFixtures.folder.appendingPathComponent("encoded/docs-and-gates.wasm")
        let file = SourceFile(path: "p.wasm", bytes: try ComponentFixtures.bytes(url))
        let resolve = try FrontEnd.load(FrontEnd.Input(main: .init(component: file)), features: []).get().resolve
        #expect(resolve.interfaces.contains { $0.functions["fancy"] != nil })
    }

    @Test func theFeatureNamesOfAnEncodedPackageAreReported() throws {
        let url = ComponentFixtures.folder.appendingPathComponent("encoded/docs-and-gates.wasm")
        let file = SourceFile(path: "p.wasm", bytes: try ComponentFixtures.bytes(url))
        #expect(try FrontEnd.load(FrontEnd.Input(main: .init(component: file))).get().featureNames == ["fancy"])
    }

    @Test func textPackageUsesTypesOfAnEncodedDependency() throws {
        let encoded = try ComponentFixtures.bytes(ComponentFixtures.folder.appendingPathComponent("encoded/use-later.wasm"))
        let main = SourceFile(path: "main.wit", text: """
            package m:m;
            interface i {
              use x:later/b.{t, r};
              g: func(v: t, h: borrow<r>) -> r;
            }
            world w { include x:later/w; import i; }
            """)
        let input = FrontEnd.Input(main: .init(files: [main]), dependencies: [.init(component: SourceFile(path: "deps/l.wasm", bytes: encoded))])
        let output = try FrontEnd.load(input).get()
        let resolve = output.resolve
        let world = resolve[try #require(resolve[output.mainPackage].worlds["w"])]
        #expect(world.imports.count == 3)  // x:later/b (elaborated), x:later/a, m:m/i
        let i = resolve[try #require(resolve[output.mainPackage].interfaces["i"])]
        guard case .alias(.id(let target)) = resolve[try #require(i.types["t"])].kind else {
            Issue.record("`t` is not an alias")
            return
        }
        #expect(resolve[target].name == "t")
        #expect(resolve[target].owner == .interface(try #require(resolve.packages[0].interfaces["b"])))
    }
}
