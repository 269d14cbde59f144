/// Turns the comments before an item into its doc text, the way the reference
/// does: every comment counts; `//`, `///` and `/*` lose their leading slashes,
/// `/** … */` its delimiters; the smallest indentation of the non-empty
/// comments is removed; trailing blank lines are dropped.
enum DocComments {
    /// The doc text of the comments before an item, on UTF-8 bytes as the reference works on
    /// `str`: markers and `/** … */` delimiters are matched as bytes; trailing whitespace
    /// (Unicode's `White_Space`, as Rust's `trim_end`) is removed from each comment; the
    /// smallest indentation (spaces, tabs, `\n`, `\r`) of the non-empty comments is removed
    /// where a comment starts with that many spaces; lines end at `\n`, one `\r` before it
    /// dropped; trailing line breaks are dropped.
    static func text(_ docs: DocSpans, in sources: SourceMap) -> Docs {
        guard !docs.comments.isEmpty else { return Docs() }
        var indentation = Int.max
        for span in docs.comments {
            let entry = entry(sources.bytes(of: span))
            if !entry.isEmpty { indentation = min(indentation, entry.prefix(while: isIndentation).count) }
        }
        if indentation == Int.max { indentation = 0 }
        var contents: [UInt8] = []
        for span in docs.comments {
            var entry = entry(sources.bytes(of: span))
            if indentation > 0, entry.count >= indentation, entry.prefix(indentation).allSatisfy({ $0 == UInt8(ascii: " ") }) {
                entry = entry.dropFirst(indentation)
            }
            // Each line of the comment, then a line break; a `\r` before a `\n` goes.
            var start = entry.startIndex
            while start <= entry.endIndex {
                let end = entry[start...].firstIndex(of: UInt8(ascii: "\n")) ?? entry.endIndex
                var line = entry[start..<end]
                if end != entry.endIndex, line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                contents.append(contentsOf: line)
                contents.append(UInt8(ascii: "\n"))
                start = end + 1
            }
        }
        while contents.last == UInt8(ascii: "\n") { contents.removeLast() }
        return Docs(contents: String(decoding: contents, as: UTF8.self))
    }

    private static func isIndentation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// The UTF-8 encodings of the characters of Unicode's `White_Space` beyond ASCII.
    private static let wideWhitespace: [[UInt8]] = [
        [0xC2, 0x85], [0xC2, 0xA0], [0xE1, 0x9A, 0x80], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0xE2, 0x80, 0xAF],
        [0xE2, 0x81, 0x9F], [0xE3, 0x80, 0x80],
    ] + (0x80...0x8A).map { [0xE2, 0x80, UInt8($0)] }

    /// The length of the whitespace character `bytes` ends with, or 0.
    private static func trailingWhitespaceLength(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let last = bytes.last else { return 0 }
        if last == UInt8(ascii: " ") || (last >= 0x09 && last <= 0x0D) { return 1 }
        guard last >= 0x80 else { return 0 }
        for encoding in wideWhitespace where bytes.count >= encoding.count && bytes.suffix(encoding.count).elementsEqual(encoding) {
            return encoding.count
        }
        return 0
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
        while case let length = trailingWhitespaceLength(contents), length > 0 { contents = contents.dropLast(length) }
        return contents
    }
}
