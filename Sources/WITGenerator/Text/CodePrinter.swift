/// Builds generated source text line by line with indentation, so no back end
/// concatenates whole files by hand. Lines go straight into one `TextBuffer`.
public struct CodePrinter: @unchecked Sendable {
    // Unchecked: `TextBuffer` is a value (its storage is copied before any write to a
    // shared one), as safe to send as an `Array`.
    private var buffer = TextBuffer(capacity: 4096)
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
        if text.isEmpty {
            // No blank line right after an opening brace.
            if atBlockStart {
                atBlockStart = false
                return
            }
            buffer.newline()
            trailingBlankLines += 1
            return
        }
        atBlockStart = false
        trailingBlankLines = 0
        buffer.line(verbatim: text)
    }

    /// Appends `opening`, runs `body` one level deeper, then appends `closing`.
    /// With `indentBody: false` the body stays at the opening's level (Swift's `switch` style).
    public mutating func block(_ opening: String, closing: String = "}", indentBody: Bool = true,
                               _ body: (inout CodePrinter) -> Void) {
        line(opening)
        atBlockStart = true
        if indentBody { setDepth(depth + 1) }
        body(&self)
        if indentBody { setDepth(depth - 1) }
        atBlockStart = false
        // No blank line right before a closing brace.
        trimTrailingBlank()
        line(closing)
    }

    private mutating func setDepth(_ newDepth: Int) {
        depth = newDepth
        buffer.indentation = depth * indent
    }

    /// Appends every line of a multi-line text at the current indentation.
    public mutating func lines(of text: String) {
        for textLine in text.lines { line(String(textLine)) }
    }

    /// Appends each line of a doc comment as a Swift `///` line, made inert
    /// (`TextBuffer.commentLines(of:style:)`).
    public mutating func docComment(_ text: String?) {
        guard let text, !text.isEmpty else { return }
        atBlockStart = false
        trailingBlankLines = 0
        buffer.commentLines(of: text, style: .swiftDocumentation)
    }

    /// Removes the empty lines that end the text, if any.
    public mutating func trimTrailingBlank() {
        buffer.truncate(to: buffer.count - trailingBlankLines)
        trailingBlankLines = 0
    }

    /// The text, ending with one newline.
    public var text: String {
        buffer.text
    }
}
