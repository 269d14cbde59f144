/// Turns the comments before an item into its doc text, the way the reference
/// does: every comment counts; `//`, `///` and `/*` lose their leading slashes,
/// `/** … */` its delimiters; the smallest indentation of the non-empty
/// comments is removed; trailing blank lines are dropped.
enum DocComments {
    static func text(_ docs: DocSpans, in sources: SourceMap) -> Docs {
        guard !docs.comments.isEmpty else { return Docs() }
        var entries: [Substring] = []
        for span in docs.comments {
            let comment = sources.text(of: span)
            var contents: Substring
            if comment.hasPrefix("/**"), comment.hasSuffix("*/"), comment.count >= 5 {
                contents = comment.dropFirst(3).dropLast(2)
            } else {
                contents = Substring(comment).drop { $0 == "/" }
            }
            while let last = contents.last, last.isWhitespace { contents = contents.dropLast() }
            entries.append(contents)
        }
        let indentation = entries.filter { !$0.isEmpty }
            .map { $0.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }.count }
            .min() ?? 0
        var contents = ""
        let pattern = String(repeating: " ", count: indentation)
        for entry in entries {
            var entry = entry
            if indentation > 0, entry.hasPrefix(pattern) { entry = entry.dropFirst(indentation) }
            if entry.isEmpty {
                contents += "\n"
            } else {
                for line in entry.split(separator: "\n", omittingEmptySubsequences: false) {
                    var line = line
                    if line.hasSuffix("\r") { line = line.dropLast() }
                    contents += line
                    contents += "\n"
                }
            }
        }
        while contents.hasSuffix("\n") { contents.removeLast() }
        return Docs(contents: contents)
    }
}
