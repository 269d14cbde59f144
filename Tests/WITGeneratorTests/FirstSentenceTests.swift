import Testing
@testable import WITGenerator

/// The first sentence of a doc: its first paragraph on one line, cut after the first ASCII
/// `.` that an ASCII space follows; everything else copied as it is.
@Suite struct FirstSentenceTests {
    @Test(arguments: [
        ("One. Two.", "One."),
        ("No period", "No period"),
        ("Line one\n  line two. Rest", "Line one line two."),
        ("First paragraph\n\nSecond. Third", "First paragraph"),
        ("\n\nAfter blank lines. More", "After blank lines."),
        // A CRLF (or a lone CR) ends a line like LF.
        ("a\r\nb. c", "a b."),
        ("a\rb", "a b"),
        ("a\r\n\r\nb", "a"),
        // A combining mark after the `.` makes it no full stop; one after the space does not matter.
        ("Caf\u{301}e\u{301}. Next", "Caf\u{301}e\u{301}."),
        ("x.\u{301} y. z", "x.\u{301} y."),
        ("x. \u{301}y", "x."),
        // An emoji is copied as it is, and the full width full stop is no `.`.
        ("Ship it \u{1F680}. Now", "Ship it \u{1F680}."),
        ("日本語。次. x", "日本語。次."),
    ])
    func firstSentence(_ docs: String, _ expected: String) {
        #expect(MarkdownGenerator.firstSentence(docs) == expected)
    }

    @Test func emptyDocsHaveNoSentence() {
        #expect(MarkdownGenerator.firstSentence(nil) == nil)
        #expect(MarkdownGenerator.firstSentence("") == nil)
        #expect(MarkdownGenerator.firstSentence("\n\n  \n") == nil)
    }
}
