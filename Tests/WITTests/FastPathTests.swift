import Testing
@testable import WIT

/// The byte-level fast paths give the same results as the general code they stand in for.
@Suite struct FastPathTests {
    /// Random comment runs made of the characters that matter to doc comments.
    @Test func asciiDocCommentsMatchTheCharacterAlgorithm() {
        var random = SeededGenerator(state: 7)
        let pieces = ["/", "*", " ", "  ", "\t", "\n", "\u{0B}", "\u{0C}", "a", "b c", "**", "/**", "*/", "-", "é", "\r\n", "\r"]
        for _ in 0..<3000 {
            var text = ""
            var spans: [Span] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                var comment = ["//", "///", "/*", "/**", "////"].randomElement(using: &random)!
                for _ in 0..<Int.random(in: 0...6, using: &random) { comment += pieces.randomElement(using: &random)! }
                if comment.hasPrefix("/*"), Bool.random(using: &random) { comment += "*/" }
                let start = UInt32(text.utf8.count)
                text += comment
                spans.append(Span(start: start, end: UInt32(text.utf8.count)))
                text += "\n"
            }
            var sources = SourceMap()
            sources.add(SourceFile(path: "t.wit", text: text))
            let docs = DocSpans(comments: spans[...])
            #expect(DocComments.text(docs, in: sources).contents == DocComments.characterText(docs, in: sources), "\(text.debugDescription)")
        }
    }

    @Test func orderedDictionaryKeepsOrderThroughUpdatesAndRemovals() {
        var dictionary = OrderedDictionary<String, Int>()
        for (index, key) in ["c", "a", "b", "d"].enumerated() { dictionary[key] = index }
        #expect(dictionary.updateValue(10, forKey: "a") == 1)
        dictionary["b"] = nil
        dictionary.modifyValue(forKey: "d") { $0 += 100 }
        #expect(dictionary.keys == ["c", "a", "d"])
        #expect(dictionary.values == [0, 10, 103])
        #expect(dictionary.index(forKey: "d") == 2)
        dictionary.filter { key, _ in key != "c" }
        #expect(dictionary.map(\.key) == ["a", "d"])
        #expect(dictionary["d"] == 103 && dictionary["c"] == nil && dictionary.index(forKey: "a") == 0)
    }
}
