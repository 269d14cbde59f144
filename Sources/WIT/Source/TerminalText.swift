/// Text from an input (a WIT file, a path, a file on disk) made safe to print to a
/// terminal: control characters, bidirectional embeddings, overrides and isolates, and
/// line or paragraph separators show as U+FFFD, so that the text cannot move the cursor,
/// recolour the screen or reorder what is around it. A tab is kept.
public enum TerminalText {
    /// Whether a scalar can be printed as it is.
    public static func isInert(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return true
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069, 0x061C: return false
        default: return true
        }
    }

    /// `text` with every scalar that is not ``isInert(_:)`` shown as U+FFFD.
    public static func inert(_ text: some StringProtocol) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(text) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(isInert(scalar) ? scalar : "\u{FFFD}") }
        return String(result)
    }
}
