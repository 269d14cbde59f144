import Foundation
import Testing
@testable import WIT

/// How a diagnostic is printed: `path:line:column: error: message`, the line, a caret.
@Suite struct DiagnosticRenderingTests {
    func sources(_ text: String, path: String = "t.wit") -> SourceMap {
        var sources = SourceMap()
        sources.add(SourceFile(path: path, text: text))
        return sources
    }

    @Test func caretUnderTheSpan() {
        let map = sources("package a:b;\ninterface bad-name {}\n")
        let rendered = map.render(Diagnostic("message", at: Span(start: 23, end: 31)))
        let caretLine = "  | " + String(repeating: " ", count: 10) + "^" + String(repeating: "~", count: 7)
        #expect(rendered == "t.wit:2:11: error: message\n  |\n2 | interface bad-name {}\n\(caretLine)\n")
    }

    @Test func tabsAreKeptSoTheCaretLinesUp() {
        let map = sources("\tx\n")
        #expect(map.render(Diagnostic("m", at: Span(start: 1, end: 2))) == "t.wit:1:2: error: m\n  |\n1 | \tx\n  | \t^\n")
    }

    @Test func aSpanOverSeveralLinesIsCutAtTheLineEnd() {
        let map = sources("ab\ncd\n")
        #expect(map.render(Diagnostic("m", at: Span(start: 1, end: 5))) == "t.wit:1:2: error: m\n  |\n1 | ab\n  |  ^\n")
    }

    @Test func theColumnCountsCharactersNotBytes() {
        let map = sources("/* é */ x\n")
        #expect(map.location(of: 9)?.description == "t.wit:1:9")
        #expect(map.render(Diagnostic("m", at: Span(start: 9, end: 10))).hasPrefix("t.wit:1:9: error: m\n"))
    }

    @Test func anEmptySpanAtTheEndOfTheFile() {
        let map = sources("abc")
        #expect(map.render(Diagnostic("m", at: Span(start: 3, end: 3))) == "t.wit:1:4: error: m\n  |\n1 | abc\n  |    ^\n")
    }

    @Test func noSpanIsJustTheMessage() {
        #expect(sources("x").render(Diagnostic("m", at: nil)) == "error: m\n")
    }

    @Test func notesFollowTheError() {
        let map = sources("a\nb\n")
        let diagnostic = Diagnostic("m", at: Span(start: 2, end: 3), notes: [.init(message: "first here", span: Span(start: 0, end: 1))])
        #expect(map.render(diagnostic) == "t.wit:2:1: error: m\n  |\n2 | b\n  | ^\nt.wit:1:1: note: first here\n  |\n1 | a\n  | ^\n")
    }

    @Test func spansNameTheirFile() {
        var map = SourceMap()
        map.add(SourceFile(path: "a.wit", text: "one\n"))
        let second = map.add(SourceFile(path: "b.wit", text: "x\r\ny\n"))
        #expect(map.location(of: second + 3)?.description == "b.wit:2:1")
        #expect(map.lineText(at: second) == "x")
        #expect(map.render(Diagnostic("m", at: Span(start: second + 3, end: second + 4))).hasPrefix("b.wit:2:1: error: m\n"))
    }

    /// A failed load renders every diagnostic, never the whole source.
    @Test func failureRendersEachDiagnostic() throws {
        let failure = try #require(TestSupport.load("package a:b;\nrecord r {}\ninterface i\n").failureValue)
        #expect(failure.description == failure.rendered)
        #expect(failure.rendered.components(separatedBy: ": error: ").count == failure.diagnostics.count + 1)
    }
}
