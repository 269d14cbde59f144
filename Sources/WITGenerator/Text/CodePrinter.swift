import WITModel

/// The one way the back ends print text (Swift, C and Markdown alike): lines at an
/// indentation, blocks one level deeper, comment blocks made inert, and `TextLine`
/// interpolation, written straight into one `TextBuffer`. No string literal holds
/// indentation: a line's indentation is its block's depth.
///
/// ```swift
/// var printer = CodePrinter(indentWidth: 2)
/// printer.comment("Frees the list.", style: .cLine)
/// printer.block("void \(name)_free(\(name)_t *ptr) {") { body in
///     body.line("free(ptr->ptr);")
/// }
/// ```
struct CodePrinter: @unchecked Sendable {
    // Unchecked: `TextBuffer` is a value (its storage is copied before any write to a
    // shared one), as safe to send as an `Array`.
    private var buffer: TextBuffer
    /// Spaces per level.
    let indentWidth: Int
    /// Spaces before each line: the current level times `indentWidth`.
    private var spaces: Int
    /// Whether nothing was printed since a block's opening line (its first line is never blank).
    private var atBlockStart = false

    /// An empty printer indenting by `indentWidth` spaces per level, whose lines start at
    /// `level` (a section that another printer appends inside a block).
    init(indentWidth: Int, level: Int = 0, capacity: Int = 4096) {
        buffer = TextBuffer(capacity: capacity)
        self.indentWidth = indentWidth
        spaces = level * indentWidth
    }

    /// The text printed so far.
    var text: String { buffer.text }

    /// Bytes printed so far: a mark for `truncate(to:)`.
    var count: Int { buffer.count }

    var isEmpty: Bool { buffer.isEmpty }

    /// A blank line (just a newline); none right after a block's opening line.
    mutating func line() {
        if atBlockStart {
            atBlockStart = false
            return
        }
        buffer.append(ascii: UInt8(ascii: "\n"))
    }

    /// One line at the current indentation.
    mutating func line(_ text: TextLine) {
        atBlockStart = false
        let spaces = spaces
        text.buffer.withBytes { buffer.appendLine(spaces: spaces, prefix: UnsafeBufferPointer(start: nil, count: 0), $0) }
    }

    /// One line, from text already in a `String` (the label keeps a literal from picking this
    /// overload and `String` interpolation over `TextLine`'s).
    mutating func line(verbatim text: String) {
        atBlockStart = false
        var text = text
        let spaces = spaces
        text.withUTF8 { buffer.appendLine(spaces: spaces, prefix: UnsafeBufferPointer(start: nil, count: 0), $0) }
    }

    /// One line, from part of a `String`.
    mutating func line(verbatim text: Substring) {
        atBlockStart = false
        var text = text
        let spaces = spaces
        text.withUTF8 { buffer.appendLine(spaces: spaces, prefix: UnsafeBufferPointer(start: nil, count: 0), $0) }
    }

    /// `opening`, then `body` one level deeper, then `closing` at the opening's level. A block
    /// neither starts nor ends with a blank line. With `indentBody: false` the body stays at
    /// the opening's level (Swift's `switch` style).
    mutating func block(_ opening: TextLine, closing: TextLine = "}", indentBody: Bool = true,
                        _ body: (inout CodePrinter) -> Void) {
        line(opening)
        atBlockStart = true
        if indentBody { spaces += indentWidth }
        body(&self)
        if indentBody { spaces -= indentWidth }
        atBlockStart = false
        trimTrailingBlankLines()
        line(closing)
    }

    /// `body` one level deeper, without lines of its own (a paragraph inside a list item).
    mutating func indented(_ body: (inout CodePrinter) -> Void) {
        spaces += indentWidth
        body(&self)
        spaces -= indentWidth
    }

    /// Each line of `text` as a comment line in `style` at the current indentation: the marker,
    /// a space and the line (just the marker for an empty line). Nothing for `nil` or an empty
    /// text (an item without docs).
    ///
    /// This is the one way doc text enters a comment, so every line is inert by construction:
    /// the text is split at every line terminator any target knows and its control characters
    /// are replaced (`InertText.lines`); in C, a line that would splice the next one onto it
    /// gets a `.` at its end.
    mutating func comment(_ text: String?, style: CommentStyle) {
        guard let text, !text.isEmpty else { return }
        atBlockStart = false
        var lines = InertText.lines(text)
        let spaces = spaces
        lines.withUTF8 { utf8 in
            style.marker.withUTF8Buffer { marker in
                var start = 0
                for index in 0...utf8.count where index == utf8.count || utf8[index] == UInt8(ascii: "\n") {
                    let line = UnsafeBufferPointer(rebasing: utf8[start..<index])
                    if style == .cLine, InertText.endsInLineSplice(line) {
                        buffer.appendLine(spaces: spaces, prefix: marker, line, suffix: ".\n")
                    } else {
                        buffer.appendLine(spaces: spaces, prefix: marker, line)
                    }
                    start = index + 1
                }
            }
        }
    }

    /// Appends the lines another printer printed, as they are (a section written apart, at
    /// the level it was made for).
    mutating func append(_ other: CodePrinter) {
        if other.isEmpty { return }
        atBlockStart = false
        buffer.append(other.buffer)
    }

    /// Drops the blank lines at the end.
    mutating func trimTrailingBlankLines() {
        var end = buffer.count
        while end >= 2, buffer.byte(at: end - 1) == UInt8(ascii: "\n"), buffer.byte(at: end - 2) == UInt8(ascii: "\n") {
            end -= 1
        }
        if end != buffer.count { buffer.truncate(to: end) }
    }

    /// Drops what was printed after the mark `count`.
    mutating func truncate(to count: Int) {
        buffer.truncate(to: count)
    }
}
