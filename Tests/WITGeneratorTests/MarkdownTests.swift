import Foundation
import Testing
import WIT
import WITGenerator
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
}

/// The C names the docs show are the ones the C back end generates (one naming table).
@Suite struct MarkdownCNameTests {
    @Test func everyCNameInTheDocsIsInTheHeader() throws {
        let output = try TestSupport.load(at: TestSupport.packageRoot.appendingPathComponent("Interfaces"), features: ["active"]).get()
        let world = try #require(output.resolve[output.mainPackage].worlds["networking"])
        let header = CGenerator(resolve: output.resolve, options: .init(sourceDescription: "Interfaces/"))
            .generate(world: world).contents
        let docs = MarkdownGenerator(resolve: output.resolve, options: .init(swiftModule: "WASINetworking",
                                                                             sourceDescription: "Interfaces/")).generate()
        var checked = 0
        for file in docs {
            for line in file.contents.split(separator: "\n") {
                guard let range = line.range(of: " C: ") ?? line.range(of: "C prefix: ") else { continue }
                let names = line[range.upperBound...].split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                for name in names where !name.hasPrefix("exports_") {
                    checked += 1
                    #expect(header.contains(name), "\(file.path): `\(name)` is not in networking.h")
                }
            }
        }
        #expect(checked > 50, "too few C names found in the docs: \(checked)")
    }
}
