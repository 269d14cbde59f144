import Foundation
import Testing
import WIT
@testable import WITGenerator
import WITTestSupport

/// The Markdown pages' links and anchors (their golden files are in `GoldenFixtureTests`).
@Suite struct MarkdownTests {
    static func conformanceInputs() -> [URL] {
        let root = TestSupport.conformance
        let suite = root.appendingPathComponent("wit-parser-ui")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
        var inputs = names.sorted().filter { FileManager.default.fileExists(atPath: suite.appendingPathComponent($0 + ".json").path) }
            .map { suite.appendingPathComponent($0) }
        inputs.append(root.appendingPathComponent("wasi-sockets/wasi-sockets-0.2.8"))
        inputs += GoldenCase.all.compactMap { try? $0.input() }
        return inputs
    }

    /// Every page set resolves: 0 broken links, 0 duplicate anchors, 0 nested links, no skipped heading level.
    @Test(.enabled(if: TestSupport.sharedIsPresent, "needs ../shared/conformance beside the clone"))
    func linksResolveEverywhere() throws {
        var pages = 0
        var links = 0
        var broken = 0
        var duplicates = 0
        let inputs = Self.conformanceInputs()
        #expect(inputs.count > 60, "conformance inputs not found")
        for input in inputs {
            let resolve = try TestSupport.load(at: input, features: ["active"]).get().resolve
            let files = MarkdownGenerator(resolve: resolve, options: .init(sourceDescription: "x")).generate()
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
}

/// The C names the docs show are the ones the C back end generates (one naming table).
@Suite struct MarkdownCNameTests {
    /// Every package the tests keep: the repo's interfaces and each fixture package.
    static let packages: [URL] = {
        let root = TestSupport.packageRoot
        func folders(_ path: String) -> [URL] {
            let folder = root.appendingPathComponent(path)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            return names.map { folder.appendingPathComponent($0) }
        }
        // `net` is left out: its dependencies exist only encoded (see the folder's README). A
        // golden case that reads a package in place (a `source` file) is that package, listed here.
        let componentPackages = folders("Tests/Fixtures/ComponentDeps/packages").filter { $0.lastPathComponent != "net" }
        let goldenCases = folders("Tests/Fixtures/Golden").filter {
            !FileManager.default.fileExists(atPath: $0.appendingPathComponent("source").path)
                && FileManager.default.fileExists(atPath: $0.appendingPathComponent("expected").path)
        }
        return [root.appendingPathComponent("Interfaces"), root.appendingPathComponent("Tests/Fixtures/all-types"),
                root.appendingPathComponent("Tests/Fixtures/c-keywords"),
                root.appendingPathComponent("Tests/Fixtures/ComponentDeps/cases/mixed-deps")]
            + componentPackages + goldenCases
    }()

    @Test func theFixturesAreFound() {
        #expect(Self.packages.count >= 14)
    }

    /// Each C name a page quotes (`C: `, and the first span after `C prefix: `, which names the
    /// prefix as imported or, for an interface only exported, as exported) is an identifier
    /// the headers declare, or (for a prefix) starts one, unless the page quotes no other C
    /// name (an interface without types or functions declares nothing): with the default
    /// names, and with every interface of the model renamed. Every feature is on.
    @Test(arguments: packages, [false, true])
    func everyCNameInTheDocsIsInTheHeaders(package: URL, renamingEveryInterface: Bool) throws {
        let output = try TestSupport.load(at: package, features: ["active"], allFeatures: true).get()
        let resolve = output.resolve
        var renames: [String: String] = [:]
        if renamingEveryInterface {
            for index in resolve.interfaces.indices {
                if let id = resolve.id(of: InterfaceID(index)) { renames[id] = "renamed\(index)" }
            }
        }
        let options = CGenerator.Options(sourceDescription: "in/", renames: renames)
        let worlds = CGenerator.worlds(of: output.mainPackage, in: resolve)
        let c = CGenerator(resolve: resolve, options: options)
        let headers = c.headers(of: output.mainPackage, worlds: worlds)
        var identifiers = Set<Substring>()
        for header in headers {
            for token in header.contents.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                identifiers.insert(token)
            }
        }
        let cNames = c.namePlan(worlds: worlds)
        let generator = MarkdownGenerator(resolve: resolve, options: .init(sourceDescription: "in/"),
                                          cNames: cNames)
        // The pages of what the headers hold: their worlds and the interfaces they import or
        // export (the others' pages name what a header would have).
        var pagesOfHeaders = Set(worlds.map { generator.worldPages[$0.index] })
        for index in resolve.interfaces.indices where cNames.isImported(InterfaceID(index)) || cNames.isExported(InterfaceID(index)) {
            pagesOfHeaders.insert(generator.interfacePages[index])
        }
        // Each named interface's prefix without renames, which no quoted name may keep under them.
        let unrenamed = CNamePlan(resolve: resolve, options: .init(sourceDescription: ""), worlds: worlds)
        let defaultPrefixes = resolve.interfaces.indices.filter { resolve.interfaces[$0].name != nil }
            .map { unrenamed.prefix(of: InterfaceID($0), isExport: false) }
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
                        for defaultPrefix in defaultPrefixes {
                            #expect(!name.hasPrefix(defaultPrefix + "_"), "\(file.path): `\(name)` ignores the rename")
                        }
                    }
                }
            }
        }
        #expect(checked > 0, "no C names found in the docs of \(package.lastPathComponent)")
    }
}
