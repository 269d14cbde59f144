/// Builds generated source text line by line with indentation, so no back end
/// concatenates whole files by hand.
public struct CodePrinter: Sendable {
    /// The lines, each with its indentation level (indentation is added once, in `text`).
    private var lines: [(depth: Int, text: String)] = []
    private var depth = 0
    private let indent: Int

    /// Creates a printer indenting by `indent` spaces per level.
    public init(indent: Int = 4) {
        self.indent = indent
    }

    /// Appends one line at the current indentation (an empty line stays empty).
    public mutating func line(_ text: String = "") {
        lines.append((text.isEmpty ? 0 : depth, text))
    }

    /// Appends `opening`, runs `body` one level deeper, then appends `closing`.
    /// With `indentBody: false` the body stays at the opening's level (Swift's `switch` style).
    public mutating func block(_ opening: String, closing: String = "}", indentBody: Bool = true,
                               _ body: (inout CodePrinter) -> Void) {
        line(opening)
        let start = lines.count
        if indentBody { depth += 1 }
        body(&self)
        if indentBody { depth -= 1 }
        // No blank line right after an opening brace or right before a closing one.
        if start < lines.count, lines[start].text.isEmpty { lines.remove(at: start) }
        trimTrailingBlank()
        line(closing)
    }

    /// Appends every line of a multi-line text at the current indentation.
    public mutating func lines(of text: String) {
        for textLine in text.lines { line(String(textLine)) }
    }

    /// Appends each line of a doc comment with the given marker (`///`, ` *`).
    public mutating func docComment(_ text: String?, marker: String = "///") {
        guard let text, !text.isEmpty else { return }
        for docLine in text.lines {
            line(docLine.isEmpty ? marker : "\(marker) \(docLine)")
        }
    }

    /// Removes a trailing empty line, if any.
    public mutating func trimTrailingBlank() {
        while let last = lines.last, last.text.isEmpty { lines.removeLast() }
    }

    /// The text, ending with one newline.
    public var text: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.depth * indent + $1.text.utf8.count + 1 })
        for line in lines {
            if line.depth > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: line.depth * indent)) }
            bytes.append(contentsOf: line.text.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
