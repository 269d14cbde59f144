/// Turns the comments before an item into its doc text, the way the reference
/// does: every comment counts; `//`, `///` and `/*` lose their leading slashes,
/// `/** … */` its delimiters; the smallest indentation of the non-empty
/// comments is removed; trailing blank lines are dropped.
enum DocComments {
    static func text(_ docs: DocSpans, in sources: SourceMap) -> Docs {
        guard !docs.comments.isEmpty else { return Docs() }
        for span in docs.comments where !isPlainASCII(sources.bytes(of: span)) {
            return Docs(contents: characterText(docs, in: sources))
        }
        return Docs(contents: asciiText(docs, in: sources))
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

    /// One comment without its markers and trailing whitespace.
    private static func entry(_ comment: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        var contents: ArraySlice<UInt8>
        let start = comment.startIndex, end = comment.endIndex
        if comment.count >= 5, comment[start] == slash, comment[start + 1] == star, comment[start + 2] == star,
           comment[end - 2] == star, comment[end - 1] == slash {
            contents = comment[(start + 3)..<(end - 2)]
        } else {
            contents = comment.drop { $0 == slash }
        }
        while let last = contents.last, isASCIIWhitespace(last) { contents = contents.dropLast() }
        return contents
    }

    /// ``characterText(_:in:)`` on bytes, for comments that are all ``isPlainASCII(_:)``.
    private static func asciiText(_ docs: DocSpans, in sources: SourceMap) -> String {
        var indentation = Int.max
        for span in docs.comments {
            let entry = entry(sources.bytes(of: span))
            if !entry.isEmpty { indentation = min(indentation, entry.prefix(while: isIndentation).count) }
        }
        if indentation == Int.max { indentation = 0 }
        func dedented(_ entry: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            guard indentation > 0, entry.count >= indentation,
                  entry.prefix(indentation).allSatisfy({ $0 == UInt8(ascii: " ") }) else { return entry }
            return entry.dropFirst(indentation)
        }
        // Each entry is followed by a line break, and trailing line breaks are dropped.
        if docs.comments.count == 1 {
            var only = dedented(entry(sources.bytes(of: docs.comments[docs.comments.startIndex])))
            while only.last == UInt8(ascii: "\n") { only = only.dropLast() }
            return String(decoding: only, as: UTF8.self)
        }
        var contents: [UInt8] = []
        for span in docs.comments {
            contents.append(contentsOf: dedented(entry(sources.bytes(of: span))))
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
                // Lines end at `\n`, a `\r` before it dropped, as the reference's lines do. On
                // scalars: `\r\n` is one Character, which a split on "\n" would not see.
                for line in entry.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
                    var line = line
                    if line.last == "\r" { line = line.dropLast() }
                    contents.unicodeScalars += line
                    contents += "\n"
                }
            }
        }
        while contents.hasSuffix("\n") { contents.removeLast() }
        return contents
    }
}
