/// Text an input controls (a WIT file's doc comments and names, an encoded package's
/// metadata, a path), made inert before it is written anywhere a reader or a compiler
/// would take it for more than text: a generated file's comment, a Markdown page, a
/// terminal. One classification serves every writer.
///
/// Line terminators are the union of what the targets know: LF, CR, CRLF (Swift, C and
/// Markdown end a line at each; swiftc ends a `//` comment at these three only), and VT,
/// FF, NEL, LS, PS (no compiler ends a comment there, but editors, renderers and terminals
/// show a line break). Control characters: the rest of C0 except tab, DEL, C1, and the
/// bidirectional marks, embeddings, overrides and isolates (which reorder what a reader
/// sees; gcc warns about them in comments). Everything else is plain.
public enum InertText {
    /// What a scalar is to a writer.
    public enum Kind: Sendable {
        /// An ordinary character: copied.
        case plain
        /// A line terminator.
        case terminator
        /// A control character: written as U+FFFD.
        case control
    }

    /// The classification every writer follows.
    @inlinable
    public static func kind(of scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x09: return .plain
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return .terminator
        case 0x00...0x1F, 0x7F...0x9F: return .control
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return .control
        default: return .plain
        }
    }

    /// The lead bytes of the UTF-8 of every scalar beyond ASCII that ``kind(of:)`` does not
    /// call plain (U+0080–U+009F, U+061C, U+200E…U+2069): any other lead byte starts a plain one.
    @usableFromInline
    static let leadBytesToDecode: (UInt8, UInt8, UInt8) = (0xC2, 0xD8, 0xE2)

    /// U+FFFD REPLACEMENT CHARACTER, for a character that must not be written as it is.
    public static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// What the UTF-8 at `index` of `bytes` (valid UTF-8, as a `String`'s is) is, and how
    /// many bytes it takes (CRLF is one terminator of two).
    @inlinable @inline(__always)
    public static func unit(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (kind: Kind, length: Int) {
        let byte = bytes[index]
        if byte < 0x80 {
            let kind = kind(of: Unicode.Scalar(byte))
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (kind, 2) }
            return (kind, 1)
        }
        guard byte == leadBytesToDecode.0 || byte == leadBytesToDecode.1 || byte == leadBytesToDecode.2 else {
            return (.plain, 1)
        }
        let length = byte == 0xE2 ? 3 : 2
        guard index + length <= bytes.count else { return (.plain, 1) }
        var value = UInt32(byte & (length == 3 ? 0x0F : 0x1F))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return (.plain, 1) }
        let kind = kind(of: scalar)
        return (kind, kind == .plain ? 1 : length)
    }

    /// Whether `text` is already as ``lines(_:)`` gives it: no terminator but LF, no control.
    public static func isNormal(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                // Printable ASCII and every byte but the lead bytes that can start a terminator or
                // a control need no look.
                guard byte < 0x20 || byte == 0x7F || byte >= 0xC2 else { continue }
                let unit = unit(bytes, at: index)
                switch unit.kind {
                case .plain: continue
                case .terminator: if byte != 0x0A { return false }
                case .control: return false
                }
            }
            return true
        }
    }

    /// `text` with every line terminator written as LF and every control character as U+FFFD:
    /// split at `"\n"`, it gives the lines any target would see. The text itself when it holds none.
    public static func lines(_ text: String) -> String {
        rewrite(text, terminator: [0x0A])
    }

    /// `text` on one line: every line terminator and control character written as U+FFFD
    /// (a file path in a header, a feature name in a gate, text printed to a terminal).
    public static func singleLine(_ text: String) -> String {
        rewrite(text, terminator: replacement)
    }

    private static func rewrite(_ text: String, terminator: [UInt8]) -> String {
        if isNormal(text), terminator == [0x0A] || !text.utf8.contains(0x0A) { return text }
        var text = text
        let rewritten: [UInt8] = text.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 8)
            var index = 0
            while index < bytes.count {
                let unit = unit(bytes, at: index)
                switch unit.kind {
                case .plain: result.append(contentsOf: bytes[index..<(index + unit.length)])
                case .terminator: result.append(contentsOf: terminator)
                case .control: result.append(contentsOf: replacement)
                }
                index += unit.length
            }
            return result
        }
        return String(decoding: rewritten, as: UTF8.self)
    }
}
