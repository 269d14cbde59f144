import Foundation
import Testing
import WITTestSupport

/// Every case of `Tests/Fixtures/Golden`: its model, Swift, C and Markdown equal the golden
/// files beside it. With `WITGEN_UPDATE_GOLDEN=1` the golden files are rewritten instead
/// (`GoldenCase.refreshCommand`).
@Suite struct GoldenFixtureTests {
    @Test(arguments: GoldenCase.all)
    func generatedFilesEqualTheGoldenFiles(_ golden: GoldenCase) throws {
        let generated = try golden.generate()
        for kind in ["Swift/", "C/", "Docs/"] {
            #expect(generated.keys.contains { $0.hasPrefix(kind) }, "\(golden.name): nothing generated in \(kind)")
        }
        if GoldenCase.updating {
            try golden.write(generated)
            return
        }
        let folder = TestSupport.relativePath(golden.expectedFolder)
        for problem in GoldenComparison.problems(expected: try golden.expected(), generated: generated, folder: folder) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// The cases are found (a typo in the folder would otherwise compare nothing).
    @Test func theCasesAreThere() {
        let names = GoldenCase.all.map(\.name)
        #expect(names.count >= 7, "golden cases found: \(names)")
        #expect(names.contains("all-types") && names.contains("resources"), "golden cases found: \(names)")
    }

    @Test func aMissingGoldenFileIsReportedWithItsText() {
        let problems = GoldenComparison.problems(expected: [:], generated: ["C/a.h": "int x;\n"], folder: "F")
        #expect(problems == ["F/C/a.h is generated but has no golden file; refresh every golden file with "
                             + "`\(GoldenCase.refreshCommand)`\n--- F/C/a.h\n+++ F/C/a.h (generated)\n@@ -0,0 +1 @@\n+int x;"])
    }

    @Test func aGoldenFileNoLongerGeneratedIsReported() {
        let problems = GoldenComparison.problems(expected: ["Docs/old.md": "# Old\n", "model.json": "{}\n"],
                                                 generated: ["model.json": "{}\n"], folder: "F")
        #expect(problems == ["F/Docs/old.md exists but is no longer generated; refresh every golden file with "
                             + "`\(GoldenCase.refreshCommand)`"])
    }

    @Test func aChangedLineIsShownAsAUnifiedDiffWithContext() throws {
        let golden = (1...10).map { "line \($0)\n" }.joined()
        let generated = golden.replacingOccurrences(of: "line 5\n", with: "line five\n")
        let problems = GoldenComparison.problems(expected: ["Swift/A.swift": golden], generated: ["Swift/A.swift": generated],
                                                 folder: "F")
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.hasPrefix("F/Swift/A.swift differs from the generated text; refresh every golden file with "
                                  + "`\(GoldenCase.refreshCommand)`\n"))
        #expect(problem.hasSuffix("--- F/Swift/A.swift\n+++ F/Swift/A.swift (generated)\n@@ -2,7 +2,7 @@\n line 2\n line 3\n"
                                  + " line 4\n-line 5\n+line five\n line 6\n line 7\n line 8"))
    }

    @Test func textsAreComparedByteForByte() {
        // "é" precomposed and decomposed: equal as Swift strings, different bytes.
        let problems = GoldenComparison.problems(expected: ["Docs/a.md": "caf\u{E9}\n"], generated: ["Docs/a.md": "cafe\u{301}\n"],
                                                 folder: "F")
        #expect(problems.count == 1)
    }
}
