/// A problem found in WIT input: a message and, where there is one, the span it is about.
public struct Diagnostic: Error, Sendable, Hashable {
    /// What is wrong, in one sentence.
    public var message: String
    /// Where it is wrong; `nil` for problems that belong to no single place.
    public var span: Span?
    /// Further places that explain the problem (for example a previous definition).
    public var notes: [Note]
    /// What might fix it, beyond what the reference says ("did you mean `error`?"); not
    /// part of the message, which stays the reference's.
    public var help: String?

    /// A secondary location attached to a diagnostic.
    public struct Note: Sendable, Hashable {
        /// What this place is.
        public var message: String
        /// The place.
        public var span: Span
    }

    /// Creates a diagnostic.
    public init(_ message: String, at span: Span?, notes: [Note] = [], help: String? = nil) {
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }
}

/// A list of diagnostics gathered while reading a package; thrown when it is not empty.
public struct DiagnosticList: Error, Sendable {
    /// The diagnostics, in the order they were found.
    public var diagnostics: [Diagnostic]

    /// Creates a list from diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

extension SourceMap {
    /// The widest source excerpt a diagnostic shows, in Unicode scalars: a longer line is
    /// cut to a window around the column, marked with `...` where text was left out.
    static let excerptWidth = 120

    /// Renders a diagnostic as `path:line:column: error: message`, followed by the
    /// source line (or a window of it around the column) and a caret under the span,
    /// then the same for each note. Text from the input (the line, paths, names in the
    /// message) is printed inert (``TerminalText``), so a hostile file cannot move the
    /// cursor or recolour the terminal.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        renderOne(severity: "error", message: diagnostic.message, span: diagnostic.span, into: &out)
        for note in diagnostic.notes {
            renderOne(severity: "note", message: note.message, span: note.span, into: &out)
        }
        if let help = diagnostic.help { out += "  = help: \(TerminalText.inert(help))\n" }
        return out
    }

    private func renderOne(severity: String, message: String, span: Span?, into out: inout String) {
        let message = TerminalText.inert(message)
        if let span, let binary = binaryLocation(of: span) {
            out += "\(TerminalText.inert(binary.path)): \(severity): \(message)"
            out += binary.offset.map { " (at byte offset 0x\(String($0, radix: 16)))\n" } ?? "\n"
            return
        }
        guard let span, let location = location(of: span.start), let line = lineText(at: span.start) else {
            out += "\(severity): \(message)\n"
            return
        }
        out += "\(TerminalText.inert(location.description)): \(severity): \(message)\n"
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        let scalars = Array(line.unicodeScalars)
        let column = min(location.column - 1, scalars.count)
        // The span's length on this line, in scalars (at least one caret, at most to the line's end).
        let spanEnd = min(Int(span.end), Int(span.start) + 4 * scalars.count + 4)
        let spanText = text(of: Span(start: span.start, end: UInt32(clamping: max(spanEnd, Int(span.start)))))
        let spanLength = max(1, min(spanText.unicodeScalars.prefix { $0 != "\n" }.count, max(1, scalars.count - column)))
        // The window shown: the whole line when it fits, else `excerptWidth` scalars with the column a third in.
        let width = Self.excerptWidth
        var from = 0, to = scalars.count
        if scalars.count > width {
            from = max(0, min(column - width / 3, scalars.count - width))
            to = from + width
        }
        var shown = from > 0 ? "..." : ""
        // Tabs are kept so that the caret lines up with the source in a terminal.
        var caretPrefix = from > 0 ? "   " : ""
        for index in from..<to {
            let scalar = scalars[index]
            shown.unicodeScalars.append(TerminalText.isInert(scalar) ? scalar : "\u{FFFD}")
            if index < column { caretPrefix.append(scalar == "\t" ? "\t" : " ") }
        }
        if to < scalars.count { shown += "..." }
        let carets = max(1, min(spanLength, to - column))
        out += "\(pad) |\n"
        out += "\(gutter) | \(shown)\n"
        out += "\(pad) | \(caretPrefix)^\(String(repeating: "~", count: carets - 1))\n"
    }
}
