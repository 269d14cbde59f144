/// A problem found in WIT input: a message and, where there is one, the span it is about.
public struct Diagnostic: Error, Sendable, Hashable {
    /// What is wrong, in one sentence.
    public var message: String
    /// Where it is wrong; `nil` for problems that belong to no single place.
    public var span: Span?
    /// Further places that explain the problem (for example a previous definition).
    public var notes: [Note]

    /// A secondary location attached to a diagnostic.
    public struct Note: Sendable, Hashable {
        /// What this place is.
        public var message: String
        /// The place.
        public var span: Span
    }

    /// Creates a diagnostic.
    public init(_ message: String, at span: Span?, notes: [Note] = []) {
        self.message = message
        self.span = span
        self.notes = notes
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
    /// Renders a diagnostic as `path:line:column: error: message`, followed by the
    /// source line and a caret under the span, then the same for each note.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        renderOne(severity: "error", message: diagnostic.message, span: diagnostic.span, into: &out)
        for note in diagnostic.notes {
            renderOne(severity: "note", message: note.message, span: note.span, into: &out)
        }
        return out
    }

    private func renderOne(severity: String, message: String, span: Span?, into out: inout String) {
        if let span, let binary = binaryLocation(of: span) {
            out += "\(binary.path): \(severity): \(message)"
            out += binary.offset.map { " (at byte offset 0x\(String($0, radix: 16)))\n" } ?? "\n"
            return
        }
        guard let span, let location = location(of: span.start), let line = lineText(at: span.start) else {
            out += "\(severity): \(message)\n"
            return
        }
        out += "\(location): \(severity): \(message)\n"
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        // Tabs are kept so that the caret lines up with the source in a terminal.
        var caretPrefix = ""
        for (index, scalar) in line.unicodeScalars.enumerated() where index < location.column - 1 {
            caretPrefix.append(scalar == "\t" ? "\t" : " ")
        }
        let spanLength = max(1, min(text(of: span).unicodeScalars.prefix { $0 != "\n" }.count,
                                    max(1, line.unicodeScalars.count - (location.column - 1))))
        out += "\(pad) |\n"
        out += "\(gutter) | \(line)\n"
        out += "\(pad) | \(caretPrefix)^\(String(repeating: "~", count: spanLength - 1))\n"
    }
}
