import WITModel

extension InertText {
    /// Whether a C or C++ compiler would splice the line after this one onto it: it ends in a
    /// backslash, or in the trigraph `??/` (a backslash in the strict ISO modes, `-std=c11`,
    /// `-std=c++11`), with only spaces or tabs after it. Phase 2 of translation splices
    /// before comments are recognised, so the next line would become part of a `//` comment.
    static func endsInLineSplice(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end > 0 else { return false }
        if line[end - 1] == UInt8(ascii: "\\") { return true }
        return end >= 3 && line[end - 1] == UInt8(ascii: "/") && line[end - 2] == UInt8(ascii: "?")
            && line[end - 3] == UInt8(ascii: "?")
    }
}

/// The comment syntax a doc comment is written in: each differs in what ends a comment line.
/// There is no block-comment style: no back end writes text a WIT file controls into a
/// `/* … */`, so a `*/` or `/*` in a doc is plain text inside a line comment.
enum CommentStyle {
    /// Swift's `///`: a line ends at LF, CR or CRLF, nothing else continues it.
    case swiftDocumentation
    /// C's `//`: a line also continues onto the next after a backslash (or `??/`).
    case cLine

    var marker: StaticString {
        switch self {
        case .swiftDocumentation: return "///"
        case .cLine: return "//"
        }
    }
}
