/// Builds generated source text line by line with indentation, so no back end
/// concatenates whole files by hand. Lines go straight into one byte buffer.
public struct CodePrinter: Sendable {
    private var bytes: [UInt8] = []
    private var depth = 0
    private let indent: Int
    /// How many empty lines end the text (each is a lone newline), for `trimTrailingBlank`.
    private var trailingBlankLines = 0
    /// Whether nothing was printed since a block's opening line (its first line must not be blank).
    private var atBlockStart = false

    /// Creates a printer indenting by `indent` spaces per level.
    public init(indent: Int = 4) {
        self.indent = indent
    }

    /// Appends one line at the current indentation (an empty line stays empty).
    public mutating func line(_ text: String = "") {
        appendLine(text.utf8)
    }

    /// Appends one line given as a substring (a line of a multi-line text).
    private mutating func appendLine(_ text: some Collection<UInt8>) {
        if text.isEmpty {
            // No blank line right after an opening brace.
            if atBlockStart {
                atBlockStart = false
                return
            }
            bytes.append(UInt8(ascii: "\n"))
            trailingBlankLines += 1
            return
        }
        atBlockStart = false
        trailingBlankLines = 0
        if depth > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * indent)) }
        bytes.append(contentsOf: text)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `opening`, runs `body` one level deeper, then appends `closing`.
    /// With `indentBody: false` the body stays at the opening's level (Swift's `switch` style).
    public mutating func block(_ opening: String, closing: String = "}", indentBody: Bool = true,
                               _ body: (inout CodePrinter) -> Void) {
        line(opening)
        atBlockStart = true
        if indentBody { depth += 1 }
        body(&self)
        if indentBody { depth -= 1 }
        atBlockStart = false
        // No blank line right before a closing brace.
        trimTrailingBlank()
        line(closing)
    }

    /// Appends every line of a multi-line text at the current indentation.
    public mutating func lines(of text: String) {
        forEachLine(of: text) { printer, textLine in printer.appendLine(textLine) }
    }

    /// Appends each line of a doc comment with the given marker (`///`, ` *`).
    public mutating func docComment(_ text: String?, marker: String = "///") {
        guard let text, !text.isEmpty else { return }
        forEachLine(of: text) { printer, docLine in
            if docLine.isEmpty {
                printer.line(marker)
            } else {
                var commented = marker
                commented += " "
                commented += Substring(docLine)
                printer.line(commented)
            }
        }
    }

    /// Calls `body` with each line of `text` (a trailing newline gives a last empty line).
    private mutating func forEachLine(of text: String, _ body: (inout CodePrinter, Substring.UTF8View) -> Void) {
        let utf8 = Substring(text).utf8
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            body(&self, utf8[start..<newline])
            start = utf8.index(after: newline)
        }
        body(&self, utf8[start...])
    }

    /// Removes the empty lines that end the text, if any.
    public mutating func trimTrailingBlank() {
        bytes.removeLast(trailingBlankLines)
        trailingBlankLines = 0
    }

    /// The text, ending with one newline.
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }
}
