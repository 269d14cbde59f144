import WITModel

/// Text from an input (a WIT file, a path, a file on disk) made safe to print to a
/// terminal: control characters, bidirectional embeddings, overrides and isolates, and
/// line or paragraph separators show as U+FFFD, so that the text cannot move the cursor,
/// recolour the screen or reorder what is around it. A tab is kept.
public enum TerminalText {
    /// Whether a scalar can be printed as it is: what ``InertText`` calls plain.
    public static func isInert(_ scalar: Unicode.Scalar) -> Bool {
        InertText.kind(of: scalar) == .plain
    }

    /// `text` with every scalar that is not ``isInert(_:)`` shown as U+FFFD, on one line.
    public static func inert(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(text) }
        return InertText.singleLine(String(text))
    }
}
