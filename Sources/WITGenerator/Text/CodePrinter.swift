/// Builds generated source text line by line with indentation, so no back end
/// concatenates whole files by hand.
public struct CodePrinter: Sendable {
    private(set) var lines: [String] = []
    private var depth = 0
    private let unit: String

    /// Creates a printer indenting by `indent` spaces per level.
    public init(indent: Int = 4) {
        unit = String(repeating: " ", count: indent)
    }

    /// Appends one line at the current indentation (an empty line stays empty).
    public mutating func line(_ text: String = "") {
        lines.append(text.isEmpty ? "" : String(repeating: unit, count: depth) + text)
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
        if start < lines.count, lines[start].isEmpty { lines.remove(at: start) }
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
        while lines.last == "" { lines.removeLast() }
    }

    /// The text, ending with one newline.
    public var text: String { lines.joined(separator: "\n") + "\n" }
}
