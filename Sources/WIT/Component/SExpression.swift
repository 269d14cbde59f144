/// The s-expressions of the WebAssembly text format: lists in parentheses and
/// atoms (keywords and numbers, `$identifiers`, strings), with line comments
/// (`;; …`) and nested block comments (`(; … ;)`) skipped.
indirect enum SExpression {
    case list([SExpression], Span)
    case atom(Atom)

    struct Atom {
        enum Kind: Equatable {
            /// A keyword or a number: a run of identifier characters.
            case word(String)
            /// `$name`, without the `$`.
            case identifier(String)
            /// A string's bytes, escapes decoded.
            case string([UInt8])
        }

        var kind: Kind
        var span: Span
    }

    var span: Span {
        switch self {
        case .list(_, let span): return span
        case .atom(let atom): return atom.span
        }
    }

    /// The keyword, when this is a word atom.
    var word: String? {
        guard case .atom(let atom) = self, case .word(let word) = atom.kind else { return nil }
        return word
    }

    /// A list's first element when it is a word: `(type …)` → `type`.
    var head: String? {
        guard case .list(let elements, _) = self else { return nil }
        return elements.first?.word
    }

    /// How deeply lists may nest, so that reading a hostile file cannot exhaust the stack.
    static let maximumNesting = 256

    /// Parses every top-level s-expression of a text file whose first byte is at
    /// the global offset `base`.
    static func parse(_ bytes: [UInt8], base: UInt32) throws(Diagnostic) -> [SExpression] {
        var lexer = SExpressionLexer(bytes: bytes, base: base)
        var stack: [(elements: [SExpression], start: UInt32)] = [([], base)]
        while let token = try lexer.next() {
            switch token {
            case .open(let start):
                guard stack.count <= maximumNesting else {
                    throw Diagnostic("parentheses nest more than \(maximumNesting) deep", at: Span(start: start, end: start + 1))
                }
                stack.append(([], start))
            case .close(let end):
                guard stack.count > 1 else {
                    throw Diagnostic("unbalanced parentheses: `)` without a matching `(`", at: Span(start: end - 1, end: end))
                }
                let list = stack.removeLast()
                stack[stack.count - 1].elements.append(.list(list.elements, Span(start: list.start, end: end)))
            case .atom(let atom):
                stack[stack.count - 1].elements.append(.atom(atom))
            }
        }
        guard stack.count == 1 else {
            let start = stack[stack.count - 1].start
            throw Diagnostic("unbalanced parentheses: this `(` is never closed", at: Span(start: start, end: start + 1))
        }
        return stack[0].elements
    }
}

/// Splits component text into parentheses and atoms.
struct SExpressionLexer {
    enum Token {
        case open(UInt32)
        case close(UInt32)
        case atom(SExpression.Atom)
    }

    let bytes: [UInt8]
    let base: UInt32
    var position = 0

    init(bytes: [UInt8], base: UInt32) {
        self.bytes = bytes
        self.base = base
    }

    private func span(_ start: Int, _ end: Int) -> Span {
        Span(start: base + UInt32(start), end: base + UInt32(max(end, start + 1)))
    }

    private func error(_ message: String, at start: Int, _ end: Int? = nil) -> Diagnostic {
        Diagnostic(message, at: span(start, end ?? start + 1))
    }

    /// Identifier characters: printable ASCII but for space, quotes, parentheses, `,`, `;`, brackets and braces.
    private static func isIdentifierCharacter(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !"\"'(),;[]{}".utf8.contains(byte)
    }

    mutating func next() throws(Diagnostic) -> Token? {
        try skipSpaceAndComments()
        guard position < bytes.count else { return nil }
        let start = position
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "("):
            position += 1
            return .open(base + UInt32(start))
        case UInt8(ascii: ")"):
            position += 1
            return .close(base + UInt32(position))
        case UInt8(ascii: "\""):
            let text = try string()
            return .atom(SExpression.Atom(kind: .string(text), span: span(start, position)))
        default:
            guard Self.isIdentifierCharacter(byte) else {
                throw error("unexpected character in component text (byte 0x\(hex(byte)))", at: start)
            }
            while position < bytes.count, Self.isIdentifierCharacter(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if text.hasPrefix("$") {
                guard text.count > 1 else { throw error("an identifier needs a name after `$`", at: start) }
                return .atom(SExpression.Atom(kind: .identifier(String(text.dropFirst())), span: span(start, position)))
            }
            return .atom(SExpression.Atom(kind: .word(text), span: span(start, position)))
        }
    }

    private mutating func skipSpaceAndComments() throws(Diagnostic) {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            } else if byte == UInt8(ascii: ";"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ";") {
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "("), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ";") {
                try skipBlockComment()
            } else {
                return
            }
        }
    }

    private mutating func skipBlockComment() throws(Diagnostic) {
        let start = position
        var depth = 0
        while position + 1 < bytes.count {
            if bytes[position] == UInt8(ascii: "("), bytes[position + 1] == UInt8(ascii: ";") {
                depth += 1
                position += 2
            } else if bytes[position] == UInt8(ascii: ";"), bytes[position + 1] == UInt8(ascii: ")") {
                depth -= 1
                position += 2
                if depth == 0 { return }
            } else {
                position += 1
            }
        }
        throw error("unterminated block comment", at: start, start + 2)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// A string literal's bytes: `\t \n \r \" \' \\`, `\hh` (a byte) and `\u{…}` (a scalar, as UTF-8).
    private mutating func string() throws(Diagnostic) -> [UInt8] {
        let start = position
        position += 1
        var result: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return result
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw error("unterminated string", at: start) }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): result.append(escape)
                case UInt8(ascii: "u"):
                    let escapeStart = position - 2
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else {
                        throw error("invalid `\\u` escape: expected `{`", at: escapeStart)
                    }
                    position += 1
                    var value: UInt32 = 0
                    var digits = 0
                    while position < bytes.count, let digit = Self.hexValue(bytes[position]) {
                        guard value <= 0x10FFFF else { throw error("invalid `\\u` escape: too large", at: escapeStart) }
                        value = value * 16 + digit
                        digits += 1
                        position += 1
                    }
                    guard digits > 0, position < bytes.count, bytes[position] == UInt8(ascii: "}"),
                          let scalar = Unicode.Scalar(value) else {
                        throw error("invalid `\\u` escape", at: escapeStart)
                    }
                    position += 1
                    result.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    guard let high = Self.hexValue(escape), position < bytes.count, let low = Self.hexValue(bytes[position]) else {
                        throw error("invalid escape in a string", at: position - 2)
                    }
                    position += 1
                    result.append(UInt8(high * 16 + low))
                }
            case 0x00..<0x20, 0x7F:
                throw error("control character in a string", at: position - 1)
            default:
                result.append(byte)
            }
        }
    }
}
