import Foundation
import Testing
import WIT
@testable import WITGenerator

@Suite struct MarkdownTests {
    @Test func allTypesFixtureGolden() throws {
        let resolve = try GoldenFiles.fixture("all-types")
        let generator = MarkdownGenerator(resolve: resolve, options: .init(swiftModule: "Fixture",
                                                                          sourceDescription: "Tests/Fixtures/all-types/"))
        try GoldenFiles.check(generator.generate(), kind: "Docs")
    }

    /// `../shared/conformance`, the reference test data (read in place).
    static let conformance = GoldenFiles.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")

    /// Whether the tests that read `../shared` run: when it is there, or when
    /// `WITGEN_REQUIRE_SHARED=1` (as `.ci/run` sets it) asks for them anyway, so that a
    /// missing `../shared` fails them there instead of skipping them.
    static let sharedIsPresent = FileManager.default.fileExists(atPath: conformance.path)
        || ProcessInfo.processInfo.environment["WITGEN_REQUIRE_SHARED"] == "1"

    static func conformanceInputs() -> [URL] {
        let root = conformance
        let suite = root.appendingPathComponent("wit-parser-ui")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
        var inputs = names.sorted().filter { FileManager.default.fileExists(atPath: suite.appendingPathComponent($0 + ".json").path) }
            .map { suite.appendingPathComponent($0) }
        inputs.append(root.appendingPathComponent("wasi-sockets/wasi-sockets-0.2.8"))
        inputs.append(GoldenFiles.packageRoot.appendingPathComponent("Tests/Fixtures/all-types"))
        return inputs
    }

    /// Every page set resolves: 0 broken links, 0 duplicate anchors, 0 nested links, no skipped heading level.
    @Test(.enabled(if: MarkdownTests.sharedIsPresent, "needs ../shared/conformance beside the clone"))
    func linksResolveEverywhere() throws {
        var pages = 0
        var links = 0
        var broken = 0
        var duplicates = 0
        let inputs = Self.conformanceInputs()
        #expect(inputs.count > 60, "conformance inputs not found")
        for input in inputs {
            let resolve = try load(input)
            let files = MarkdownGenerator(resolve: resolve, options: .init(swiftModule: "M", sourceDescription: "x")).generate()
            let report = MarkdownLinkChecker.check(files)
            pages += files.count
            links += report.links
            broken += report.broken.count
            duplicates += report.duplicateAnchors.count
            #expect(report.broken.isEmpty, "\(input.lastPathComponent): broken \(report.broken.prefix(5))")
            #expect(report.duplicateAnchors.isEmpty, "\(input.lastPathComponent): duplicate anchors \(report.duplicateAnchors.prefix(5))")
            #expect(report.nestedLinks.isEmpty, "\(input.lastPathComponent): nested links \(report.nestedLinks.prefix(5))")
            #expect(report.headingJumps.isEmpty, "\(input.lastPathComponent): heading jumps \(report.headingJumps.prefix(5))")
        }
        print("markdown link check: \(inputs.count) packages, \(pages) pages, \(links) links, \(broken) broken, \(duplicates) duplicate anchors")
    }

    @Test func checkerFindsProblems() {
        let files = [
            GeneratedFile(path: "a.md", contents: "# A\n\n<a id=\"x\"></a>\n<a id=\"x\"></a>\n\n[b](b.md#nope) [c](c.md)\n\n### Skip\n[[in](a.md#x)](a.md#x)\n"),
            GeneratedFile(path: "b.md", contents: "# B\n"),
        ]
        let report = MarkdownLinkChecker.check(files)
        #expect(report.duplicateAnchors == ["a.md#x"])
        #expect(report.broken.count == 2)
        #expect(report.headingJumps.count == 1)
        #expect(report.nestedLinks.count == 1)
    }

    func load(_ url: URL) throws -> Resolve {
        try loadOutput(url).resolve
    }
}

/// Loads a WIT file or package directory (with `deps/`: directories, `.wit` files and
/// encoded `.wasm`/`.wat` packages) with the `active` feature.
func loadOutput(_ url: URL, allFeatures: Bool = false) throws -> FrontEnd.Output {
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
    var groups: [FrontEnd.PackageGroup] = []
    func group(_ folder: URL) throws -> FrontEnd.PackageGroup {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wit") }.sorted()
        return FrontEnd.PackageGroup(files: try names.map {
            SourceFile(path: $0, bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
        })
    }
    let main: FrontEnd.PackageGroup
    if isDirectory.boolValue {
        main = try group(url)
        let deps = url.appendingPathComponent("deps")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: deps.path)) ?? []).sorted() {
            let entry = deps.appendingPathComponent(name)
            var entryIsDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: entry.path, isDirectory: &entryIsDirectory)
            if entryIsDirectory.boolValue {
                groups.append(try group(entry))
            } else if name.hasSuffix(".wit") {
                groups.append(.init(files: [SourceFile(path: name, bytes: [UInt8](try Data(contentsOf: entry)))]))
            } else if name.hasSuffix(".wasm") || name.hasSuffix(".wat") {
                groups.append(.init(component: SourceFile(path: name, bytes: [UInt8](try Data(contentsOf: entry)))))
            }
        }
    } else {
        main = .init(files: [SourceFile(path: url.lastPathComponent, bytes: [UInt8](try Data(contentsOf: url)))])
    }
    switch FrontEnd.load(.init(main: main, dependencies: groups), features: ["active"], allFeatures: allFeatures) {
    case .success(let output): return output
    case .failure(let failure): throw failure
    }
}

/// The C names the docs show are the ones the C back end generates (one naming table).
@Suite struct MarkdownCNameTests {
    /// Every package the tests keep: the repo's interfaces and each fixture package.
    static let packages: [URL] = {
        let root = GoldenFiles.packageRoot
        let fixtures = root.appendingPathComponent("Tests/Fixtures/ComponentDeps/packages")
        // `net` is left out: its dependencies exist only encoded (see the folder's README).
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted().filter { $0 != "net" }
        return [root.appendingPathComponent("Interfaces"), root.appendingPathComponent("Tests/Fixtures/all-types"),
                root.appendingPathComponent("Tests/Fixtures/ComponentDeps/cases/mixed-deps")]
            + names.map { fixtures.appendingPathComponent($0) }
    }()

    @Test func theFixturesAreFound() {
        #expect(Self.packages.count >= 8)
    }

    /// Each C name a page quotes (`C: `, and the first span after `C prefix: `, which names the
    /// prefix as imported or, for an interface only exported, as exported) is an identifier
    /// the headers declare, or (for a prefix) starts one, unless the page quotes no other C
    /// name (an interface without types or functions declares nothing): with the default
    /// names, and with every interface of the model renamed. Every feature is on.
    @Test(arguments: packages, [false, true])
    func everyCNameInTheDocsIsInTheHeaders(package: URL, renamingEveryInterface: Bool) throws {
        let output = try loadOutput(package, allFeatures: true)
        let resolve = output.resolve
        var renames: [String: String] = [:]
        if renamingEveryInterface {
            for index in resolve.interfaces.indices {
                if let id = resolve.id(of: InterfaceID(index)) { renames[id] = "renamed\(index)" }
            }
        }
        let options = CGenerator.Options(sourceDescription: "in/", renames: renames)
        let worlds = Array(resolve[output.mainPackage].worlds.values)
        let headers = worlds.isEmpty
            ? [CGenerator.interfacesHeader(of: output.mainPackage, in: resolve, options: options)]
            : worlds.map { CGenerator(resolve: resolve, options: options).generate(world: $0) }
        var identifiers = Set<Substring>()
        for header in headers {
            for token in header.contents.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                identifiers.insert(token)
            }
        }
        let cNames = CNamePlan(resolve: resolve, options: options, worlds: worlds)
        let generator = MarkdownGenerator(resolve: resolve, options: .init(swiftModule: "M", sourceDescription: "in/"),
                                          cNames: cNames)
        // The pages of what the headers hold: their worlds and the interfaces they import or
        // export (the others' pages name what a header would have).
        var pagesOfHeaders = Set(worlds.map { generator.worldPages[$0.index] })
        for index in resolve.interfaces.indices where cNames.isImported(InterfaceID(index)) || cNames.isExported(InterfaceID(index)) {
            pagesOfHeaders.insert(generator.interfacePages[index])
        }
        var checked = 0
        for file in generator.generate() where pagesOfHeaders.contains(file.path) {
            let quotesItems = file.contents.contains(" C: `")
            for line in file.contents.split(separator: "\n") {
                let isPrefix: Bool
                let range: Range<Substring.Index>
                if let found = line.range(of: "C prefix: ") { (isPrefix, range) = (true, found) }
                else if let found = line.range(of: " C: ") { (isPrefix, range) = (false, found) }
                else { continue }
                var spans = line[range.upperBound...].split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map(\.element)
                if isPrefix { spans = Array(spans.prefix(1)) }
                for name in spans {
                    checked += 1
                    if isPrefix {
                        guard quotesItems else { continue }
                        let found = identifiers.contains { $0.hasPrefix(name) }
                        #expect(found, "\(file.path): no identifier starts with `\(name)`")
                    } else {
                        let found = identifiers.contains(name)
                        #expect(found, "\(file.path): `\(name)` is not declared in the headers")
                    }
                    if renamingEveryInterface, name.hasPrefix("exports_") || !isPrefix {
                        // Under renames no quoted interface name keeps its default prefix.
                        for index in resolve.interfaces.indices where resolve.interfaces[index].name != nil {
                            let defaultPrefix = CNamePlan(resolve: resolve, options: .init(sourceDescription: ""), worlds: worlds)
                                .prefix(of: InterfaceID(index), isExport: false)
                            #expect(!name.hasPrefix(defaultPrefix + "_"), "\(file.path): `\(name)` ignores the rename")
                        }
                    }
                }
            }
        }
        #expect(checked > 0, "no C names found in the docs of \(package.lastPathComponent)")
    }
}
