/// Text a WIT file controls (doc comments, the `package-docs` of an encoded package, a
/// feature name there, the source description of a file header), made inert before a back
/// end writes it into a comment, a Markdown page or a one-line context.
///
/// The front end keeps such text as the reference does (a lone `\r` in a doc comment is
/// accepted and kept); the back ends never copy it raw. What counts as a line terminator
/// is the union of what the targets know: LF, CR, CRLF (Swift, C and Markdown end a line
/// at each; swiftc 6.3 ends a `//` comment at these three only), and VT, FF, NEL, LS, PS
/// (no compiler ends a comment there, but editors and renderers show a line break, so a
/// reader would see a line that is not one). Every other control character (NUL, which
/// swiftc warns about, the rest of C0 except tab, DEL, C1) and the bidirectional
/// embedding, override and isolate controls (which reorder what a reader sees, and which
/// gcc warns about in comments) become U+FFFD. Invalid UTF-8 cannot reach here: a
/// `String` holds valid UTF-8 (the front end decodes comment bytes with replacement).
enum InertText {
    /// U+FFFD REPLACEMENT CHARACTER, for a character that must not be written as it is.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// What the bytes at an offset are.
    enum Unit {
        /// An ordinary character (or part of one): copied.
        case plain
        /// A line terminator of `length` bytes.
        case terminator(length: Int)
        /// A control character of `length` bytes, written as U+FFFD.
        case control(length: Int)
    }

    /// Classifies the UTF-8 at `index` of `bytes` (valid UTF-8, as a `String`'s is).
    @inline(__always)
    static func unit(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Unit {
        let byte = bytes[index]
        switch byte {
        case 0x0A, 0x0B, 0x0C:
            return .terminator(length: 1)
        case 0x0D:
            return .terminator(length: index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1)
        case 0x09:
            return .plain
        case 0x00...0x1F, 0x7F:
            return .control(length: 1)
        case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
            return bytes[index + 1] == 0x85 ? .terminator(length: 2) : .control(length: 2)
        case 0xE2 where index + 2 < bytes.count:
            let second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x80, third == 0xA8 || third == 0xA9 { return .terminator(length: 3) }
            if second == 0x80, (0xAA...0xAE).contains(third) { return .control(length: 3) }
            if second == 0x81, (0xA6...0xA9).contains(third) { return .control(length: 3) }
            return .plain
        default:
            return .plain
        }
    }

    /// Whether `text` is already as `lines(_:)` would give it: no terminator but LF, no control.
    static func isNormal(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                // Printable ASCII and the bytes inside a multi-byte character other than the lead
                // bytes checked below need no look.
                guard byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 else { continue }
                switch unit(bytes, at: index) {
                case .plain: continue
                case .terminator(let length): if byte != 0x0A || length != 1 { return false }
                case .control: return false
                }
            }
            return true
        }
    }

    /// `text` with every line terminator written as LF and every control character as U+FFFD:
    /// split at `"\n"`, it gives the lines any target would see. The text itself when it holds none.
    static func lines(_ text: String) -> String {
        rewrite(text, terminator: [0x0A])
    }

    /// `text` on one line: every line terminator and control character written as U+FFFD
    /// (a file path in a header, a feature name in a gate).
    static func singleLine(_ text: String) -> String {
        rewrite(text, terminator: replacement)
    }

    private static func rewrite(_ text: String, terminator: [UInt8]) -> String {
        if isNormal(text), terminator == [0x0A] || !text.containsByte(0x0A) { return text }
        var text = text
        let rewritten: [UInt8] = text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 8)
            var index = 0
            while index < bytes.count {
                switch unit(bytes, at: index) {
                case .plain:
                    result.append(bytes[index])
                    index += 1
                case .terminator(let length):
                    result.append(contentsOf: terminator)
                    index += length
                case .control(let length):
                    result.append(contentsOf: replacement)
                    index += length
                }
            }
            return result
        }
        return String(decoding: rewritten, as: UTF8.self)
    }

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
