import Foundation
import Testing
@testable import WIT
import WITTestSupport

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

    /// A long line is shown as a window around the column, with the caret still under
    /// the span, so one diagnostic on a 200 KB line prints a screenful, not the line.
    @Test func aLongLineIsCutToAWindowAroundTheColumn() throws {
        let line = String(repeating: "a", count: 150_000) + "x" + String(repeating: "b", count: 50_000)
        let map = sources(line + "\n")
        let rendered = map.render(Diagnostic("m", at: Span(start: 150_000, end: 150_001)))
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "t.wit:1:150001: error: m")
        #expect(rendered.utf8.count < 2 * (SourceMap.excerptWidth + 40))
        let shown = try #require(lines[2].firstRange(of: " | ").map { lines[2][$0.upperBound...] })
        let caret = try #require(lines[3].firstRange(of: " | ").map { lines[3][$0.upperBound...] })
        #expect(shown.hasPrefix("...a") && shown.hasSuffix("b..."))
        #expect(shown.count == SourceMap.excerptWidth + 6)
        let xOffset = try #require(shown.firstIndex(of: "x")).utf16Offset(in: shown) - shown.startIndex.utf16Offset(in: shown)
        #expect(caret == Substring(String(repeating: " ", count: xOffset) + "^"))
    }

    /// The end of a long line: the window ends at the line's end, without a trailing mark.
    @Test func aLongLineCutNearItsEnd() {
        let line = String(repeating: "a", count: 1_000) + "xy"
        let rendered = sources(line).render(Diagnostic("m", at: Span(start: 1_000, end: 1_002)))
        let shown = "..." + String(repeating: "a", count: SourceMap.excerptWidth - 2) + "xy"
        let caret = String(repeating: " ", count: SourceMap.excerptWidth + 1) + "^~"
        #expect(rendered == "t.wit:1:1001: error: m\n  |\n1 | \(shown)\n  | \(caret)\n")
    }

    /// Control characters and bidirectional overrides from the file never reach the
    /// terminal: an escape sequence, a lone carriage return (which would move the cursor
    /// back over the gutter) and U+202E each show as one U+FFFD, keeping the caret aligned.
    @Test func controlCharactersInTheSourceAreShownInert() {
        let map = sources("a\u{1B}[2J\rb\u{202E}c d\n", path: "evil\u{1B}]0;x\u{07}.wit")
        let rendered = map.render(Diagnostic("bad `\u{1B}`", at: Span(start: 12, end: 13)))
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!rendered.unicodeScalars.contains { $0.value == 0x202E })
        #expect(rendered == "evil\u{FFFD}]0;x\u{FFFD}.wit:1:11: error: bad `\u{FFFD}`\n  |\n1 | a\u{FFFD}[2J\u{FFFD}b\u{FFFD}c d\n  | \(String(repeating: " ", count: 10))^\n")
    }

    /// A failed load renders every diagnostic, never the whole source.
    @Test func failureRendersEachDiagnostic() throws {
        let failure = try #require(TestSupport.load("package a:b;\nrecord r {}\ninterface i\n").failureValue)
        #expect(failure.description == failure.rendered)
        #expect(failure.rendered.components(separatedBy: ": error: ").count == failure.diagnostics.count + 1)
    }
}
