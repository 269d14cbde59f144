/// Turns the comments before an item into its doc text, the way the reference
/// does: every comment counts; `//`, `///` and `/*` lose their leading slashes,
/// `/** … */` its delimiters; the smallest indentation of the non-empty
/// comments is removed; trailing blank lines are dropped.
enum DocComments {
    static func text(_ docs: DocSpans, in sources: SourceMap) -> Docs {
        guard !docs.comments.isEmpty else { return Docs() }
        var comments: [ArraySlice<UInt8>] = []
        comments.reserveCapacity(docs.comments.count)
        for span in docs.comments {
            let bytes = sources.bytes(of: span)
            guard isPlainASCII(bytes) else { return Docs(contents: characterText(docs, in: sources)) }
            comments.append(bytes)
        }
        return Docs(contents: asciiText(comments))
    }

    /// ASCII without carriage returns: every byte is a whole `Character`, so
    /// the text can be cut on bytes with the same result as on characters.
    private static func isPlainASCII(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func isIndentation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// ``characterText(_:in:)`` on bytes, for comments that are ``isPlainASCII(_:)``.
    private static func asciiText(_ comments: [ArraySlice<UInt8>]) -> String {
        var entries: [ArraySlice<UInt8>] = []
        entries.reserveCapacity(comments.count)
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        for comment in comments {
            var contents: ArraySlice<UInt8>
            let start = comment.startIndex, end = comment.endIndex
            if comment.count >= 5, comment[start] == slash, comment[start + 1] == star, comment[start + 2] == star,
               comment[end - 2] == star, comment[end - 1] == slash {
                contents = comment[(start + 3)..<(end - 2)]
            } else {
                contents = comment.drop { $0 == slash }
            }
            while let last = contents.last, isASCIIWhitespace(last) { contents = contents.dropLast() }
            entries.append(contents)
        }
        var indentation = Int.max
        for entry in entries where !entry.isEmpty {
            indentation = min(indentation, entry.prefix(while: isIndentation).count)
        }
        if indentation == Int.max { indentation = 0 }
        var contents: [UInt8] = []
        for var entry in entries {
            if indentation > 0, entry.count >= indentation, entry.prefix(indentation).allSatisfy({ $0 == UInt8(ascii: " ") }) {
                entry = entry.dropFirst(indentation)
            }
            // Every line, an empty entry included, ends with a line break.
            contents.append(contentsOf: entry)
            contents.append(UInt8(ascii: "\n"))
        }
        while contents.last == UInt8(ascii: "\n") { contents.removeLast() }
        return String(decoding: contents, as: UTF8.self)
    }

    /// The general case, on characters: any Unicode text, and carriage returns.
    static func characterText(_ docs: DocSpans, in sources: SourceMap) -> String {
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
        return contents
    }
}
