import Testing
@testable import WIT

/// Doc text from comments, by the rules `DocComments.text` states, on any UTF-8.
@Suite struct DocCommentTests {
    /// The doc text of `comments`, each on its own line of one file.
    func docs(_ comments: [String]) -> String? {
        var text = ""
        var spans: [Span] = []
        for comment in comments {
            let start = UInt32(text.utf8.count)
            text += comment
            spans.append(Span(start: start, end: UInt32(text.utf8.count)))
            text += "\n"
        }
        var sources = SourceMap()
        sources.add(SourceFile(path: "t.wit", text: text))
        return DocComments.text(DocSpans(comments: spans[...]), in: sources).contents
    }

    @Test(arguments: [
        // Markers go; the smallest indentation goes where a comment starts with that many spaces.
        (["/// a", "///   b"], "a\n  b"),
        (["//  x", "//    y"], "x\n  y"),
        (["/** block */"], "block"),
        (["/***/"], ""),
        // Trailing whitespace goes, Unicode's too (NBSP, ideographic space, line separator).
        (["/// a  \t"], "a"),
        (["/// a\u{A0}\u{3000}"], "a"),
        (["/// a\u{2028}"], "a"),
        (["/// a\u{200B}"], "a\u{200B}"),
        // Lines end at \n, a \r before it dropped; a lone \r stays.
        (["/** one\r\ntwo */"], "one\ntwo"),
        (["/** one\rtwo */"], "one\rtwo"),
        // Non-ASCII text is copied; a combining mark after a marker does not hide it.
        (["/// caf\u{E9} \u{1F600}"], "caf\u{E9} \u{1F600}"),
        (["/**\u{301}x*/"], "\u{301}x"),
        // Empty comments are empty lines; trailing ones go.
        (["/// a", "///", "/// b", "///"], "a\n\nb"),
    ] as [([String], String)])
    func docText(comments: [String], expected: String) {
        #expect(docs(comments) == expected)
    }

    @Test func noCommentsNoDocs() {
        #expect(docs([]) == nil)
    }
}
