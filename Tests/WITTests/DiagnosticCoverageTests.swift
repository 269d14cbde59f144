import Testing
@testable import WIT

/// Every message of the front end has a test: each ``DiagnosticCatalog`` entry is produced
/// by at least one case of its stage, and every case covers an entry of the catalog.
@Suite struct DiagnosticCoverageTests {
    static let casesByStage: [(DiagnosticCatalog.Stage, [DiagnosticCase])] = [
        (.lexer, LexerDiagnosticTests.cases),
        (.parser, ParserDiagnosticTests.cases),
        (.resolver, ResolverDiagnosticTests.cases),
    ]

    @Test func everyCatalogEntryHasACase() {
        for (stage, cases) in Self.casesByStage {
            let covered = Set(cases.map(\.template))
            for entry in DiagnosticCatalog.entries where entry.stage == stage {
                #expect(covered.contains(entry.template), "no \(stage) test produces `\(entry.template)`")
            }
        }
    }

    @Test func everyCaseCoversACatalogEntryOfItsStage() {
        for (stage, cases) in Self.casesByStage {
            for testCase in cases {
                #expect(DiagnosticCatalog.stage(of: testCase.template) == stage,
                        "`\(testCase.template)` is not a \(stage) message of the catalog")
            }
        }
    }

    @Test func catalogEntriesAreDistinct() {
        let templates = DiagnosticCatalog.entries.map(\.template)
        #expect(Set(templates).count == templates.count)
        #expect(templates.count == 81)
    }

    @Test func templateMatching() {
        #expect(DiagnosticCatalog.matches("empty record", "empty record"))
        #expect(!DiagnosticCatalog.matches("empty records", "empty record"))
        #expect(DiagnosticCatalog.matches("name `a` does not exist", "name `{}` does not exist"))
        #expect(!DiagnosticCatalog.matches("name `` does not exist", "name `{}` does not exist"))
        #expect(DiagnosticCatalog.matches("expected ')', found ')'", "expected {}, found {}"))
        #expect(DiagnosticCatalog.matches("expected `x, found y`, found `z`", "expected `{}`, found `{}`"))
        #expect(!DiagnosticCatalog.matches("expected a, found", "expected {}, found {}"))
    }
}
