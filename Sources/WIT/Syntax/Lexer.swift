/// Splits one WIT file into tokens. Comments are kept aside (they become doc
/// comments); whitespace is dropped. The first lexical error stops the file:
/// the parser never sees a half-lexed file.
struct Lexer {
    private let bytes: [UInt8]
    private let base: UInt32
    private var position = 0
    private var stream = TokenStream()

    /// Tokenizes a file whose first byte has global offset `base`.
    static func tokenize(_ bytes: [UInt8], base: UInt32) -> Result<TokenStream, Diagnostic> {
        var lexer = Lexer(bytes: bytes, base: base)
        return lexer.run()
    }

    private init(bytes: [UInt8], base: UInt32) {
        self.bytes = bytes
        self.base = base
        // Generous on purpose: capacity never used is never touched, so costs no memory.
        stream.tokens.reserveCapacity(bytes.count / 2 + 1)
    }

    private func offset(_ local: Int) -> UInt32 { base &+ UInt32(truncatingIfNeeded: local) }

    private func error(_ message: String, at local: Int, length: Int = 1) -> Diagnostic {
        Diagnostic(message, at: Span(start: offset(local), end: offset(min(bytes.count, local + length))))
    }

    private mutating func emit(_ kind: TokenKind, from start: Int) {
        stream.tokens.append(Token(kind: kind, start: offset(start), end: offset(position),
                                   commentsBefore: UInt32(truncatingIfNeeded: stream.comments.count)))
    }

    private mutating func run() -> Result<TokenStream, Diagnostic> {
        // A byte-order mark at the very start is not part of the text.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        while position < bytes.count {
            let start = position
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                position += 1
            case UInt8(ascii: "\r"):
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\n") else {
                    return .failure(error("unexpected character '\\r'", at: start))
                }
                position += 2
            case UInt8(ascii: "/"):
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                    while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
                        if let failure = stepOverByteOrScalar() { return .failure(failure) }
                    }
                    var end = position
                    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    stream.comments.append(Span(start: offset(start), end: offset(end)))
                } else if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                    if let failure = lexBlockComment() { return .failure(failure) }
                    stream.comments.append(Span(start: offset(start), end: offset(position)))
                } else {
                    position += 1
                    emit(.slash, from: start)
                }
            case UInt8(ascii: "="): position += 1; emit(.equals, from: start)
            case UInt8(ascii: ","): position += 1; emit(.comma, from: start)
            case UInt8(ascii: ":"): position += 1; emit(.colon, from: start)
            case UInt8(ascii: ";"): position += 1; emit(.semicolon, from: start)
            case UInt8(ascii: "("): position += 1; emit(.leftParen, from: start)
            case UInt8(ascii: ")"): position += 1; emit(.rightParen, from: start)
            case UInt8(ascii: "{"): position += 1; emit(.leftBrace, from: start)
            case UInt8(ascii: "}"): position += 1; emit(.rightBrace, from: start)
            case UInt8(ascii: "<"): position += 1; emit(.lessThan, from: start)
            case UInt8(ascii: ">"): position += 1; emit(.greaterThan, from: start)
            case UInt8(ascii: "*"): position += 1; emit(.star, from: start)
            case UInt8(ascii: "@"): position += 1; emit(.at, from: start)
            case UInt8(ascii: "."): position += 1; emit(.period, from: start)
            case UInt8(ascii: "+"): position += 1; emit(.plus, from: start)
            case UInt8(ascii: "-"):
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: ">") {
                    position += 1
                    emit(.arrow, from: start)
                } else {
                    emit(.minus, from: start)
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                    position += 1
                }
                emit(.integer, from: start)
            case UInt8(ascii: "%"):
                position += 1
                let idStart = position
                if let scalar = scalar(at: position), Self.isKeylikeStart(scalar.value) {
                    scanKeylike()
                }
                if let failure = validateIdentifier(from: idStart, to: position, reportAt: start) {
                    stream.invalidIdentifiers[stream.tokens.count] = failure
                }
                emit(.explicitIdentifier, from: start)
            case UInt8(ascii: "\""):
                if let failure = lexString() { return .failure(failure) }
                emit(.string, from: start)
            default:
                // Plain ASCII needs no decoding.
                guard let scalar = byte < 0x80 ? Unicode.Scalar(byte) : scalar(at: position) else {
                    return .failure(error("invalid UTF-8 in source", at: start))
                }
                if Self.isKeylikeStart(scalar.value) {
                    scanKeylike()
                    let kind = keyword(from: start, to: position) ?? .identifier
                    if kind == .identifier, let failure = validateIdentifier(from: start, to: position, reportAt: start) {
                        stream.invalidIdentifiers[stream.tokens.count] = failure
                    }
                    emit(kind, from: start)
                } else {
                    return .failure(error("unexpected character \(Self.quoted(scalar))", at: start,
                                          length: scalarLength(at: start)))
                }
            }
        }
        position = bytes.count
        emit(.endOfFile, from: bytes.count)
        return .success(stream)
    }

    /// Block comments nest; an unterminated one is an error at its start.
    private mutating func lexBlockComment() -> Diagnostic? {
        let start = position
        position += 2
        var depth = 1
        while depth > 0 {
            guard position < bytes.count else {
                return error("unterminated block comment", at: start, length: 2)
            }
            if bytes[position] == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                depth += 1
                position += 2
            } else if bytes[position] == UInt8(ascii: "*"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                depth -= 1
                position += 2
            } else if let failure = stepOverByteOrScalar() {
                return failure
            }
        }
        return nil
    }

    /// Moves past one ASCII byte or one whole UTF-8 scalar inside a comment or string; fails
    /// on bytes that are not UTF-8, which the reference refuses anywhere in a file.
    @inline(__always)
    private mutating func stepOverByteOrScalar() -> Diagnostic? {
        if bytes[position] < 0x80 {
            position += 1
            return nil
        }
        guard scalar(at: position) != nil else { return error("invalid UTF-8 in source", at: position) }
        position += scalarLength(at: position)
        return nil
    }

    /// A string literal: no line breaks inside; an unterminated one is an error at its start.
    private mutating func lexString() -> Diagnostic? {
        let start = position
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return nil
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return error("invalid string character '\\n'", at: position)
            case UInt8(ascii: "\\"):
                position += 1
                if position < bytes.count, let failure = stepOverByteOrScalar() { return failure }
            default:
                if let failure = stepOverByteOrScalar() { return failure }
            }
        }
        return error("unterminated string literal", at: start)
    }

    private mutating func scanKeylike() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                if Self.isASCIIKeylikeContinue(byte) { position += 1 } else { return }
            } else if let scalar = scalar(at: position), Self.isKeylikeContinue(scalar.value) {
                position += scalarLength(at: position)
            } else {
                return
            }
        }
    }

    /// The keyword spelled by `bytes[start..<end]`, compared as packed bytes
    /// against the keywords of the same length (no `String` is built).
    private func keyword(from start: Int, to end: Int) -> TokenKind? {
        let length = end - start
        guard length < Keywords.byLength.count else { return nil }
        let candidates = Keywords.byLength[length]
        guard !candidates.isEmpty, let packed = Keywords.pack(bytes[start..<end]) else { return nil }
        for candidate in candidates where candidate.packed == packed { return candidate.kind }
        return nil
    }

    /// WIT identifiers are kebab-case: parts separated by `-`, each an
    /// all-lowercase word or an all-uppercase acronym, starting with a letter.
    private func validateIdentifier(from start: Int, to end: Int, reportAt: Int) -> Diagnostic? {
        if start == end {
            return error("identifiers must have characters between '-'s", at: reportAt)
        }
        var partStart = true
        var isFirstPart = true
        // A part's case is set by its first letter: a lowercase word or an uppercase acronym.
        var partCase: Bool?
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") {
                if partStart { return error("identifiers must have characters between '-'s", at: reportAt) }
                partStart = true
                isFirstPart = false
                partCase = nil
                index += 1
                continue
            }
            guard byte < 0x80 else {
                let scalar = scalar(at: index) ?? "?"
                return error("invalid character in identifier \(Self.quoted(scalar))", at: reportAt)
            }
            let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            // Only the identifier's first part must start with a letter (`iface-0` is fine).
            let allowed: Bool
            if isDigit {
                allowed = !(partStart && isFirstPart)
            } else if isLower || isUpper {
                if partCase == nil { partCase = isUpper }
                allowed = partCase == isUpper
            } else {
                allowed = false
            }
            guard allowed else {
                return error("invalid character in identifier \(Self.quoted(Unicode.Scalar(byte)))", at: reportAt)
            }
            partStart = false
            index += 1
        }
        if partStart { return error("identifiers must have characters between '-'s", at: reportAt) }
        return nil
    }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    private func scalarLength(at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return 1 }
        if byte >= 0xF0 { return 4 }
        if byte >= 0xE0 { return 3 }
        return 2
    }

    static func quoted(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "'\\n'"
        case "\t": return "'\\t'"
        case "\r": return "'\\r'"
        case "'": return "'\\''"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                return "'\\u{\(String(scalar.value, radix: 16))}'"
            }
            return "'\(Character(scalar))'"
        }
    }

    private static func isASCIIKeylikeContinue(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func isKeylikeStart(_ value: UInt32) -> Bool {
        if value < 0x80 {
            let byte = UInt8(value)
            return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || byte == UInt8(ascii: "_")
        }
        return Unicode.Scalar(value)?.properties.isXIDStart ?? false
    }

    static func isKeylikeContinue(_ value: UInt32) -> Bool {
        if value < 0x80 { return isASCIIKeylikeContinue(UInt8(value)) }
        return Unicode.Scalar(value)?.properties.isXIDContinue ?? false
    }
}

/// The keywords packed for comparison: up to 16 ASCII bytes in two words.
private enum Keywords {
    struct Packed: Equatable {
        var low: UInt64
        var high: UInt64
    }

    /// The keywords of each length, packed.
    static let byLength: [[(packed: Packed, kind: TokenKind)]] = {
        var table = [[(packed: Packed, kind: TokenKind)]](repeating: [], count: 17)
        for (text, kind) in TokenKind.keywords {
            let bytes = Array(text.utf8)
            table[bytes.count].append((pack(bytes[...])!, kind))
        }
        return table
    }()

    /// Packs at most 16 ASCII bytes; `nil` for anything else (never a keyword).
    static func pack(_ bytes: ArraySlice<UInt8>) -> Packed? {
        guard bytes.count <= 16 else { return nil }
        var packed = Packed(low: 0, high: 0)
        var shift: UInt64 = 0
        for (offset, byte) in bytes.enumerated() {
            guard byte < 0x80 else { return nil }
            if offset < 8 {
                packed.low |= UInt64(byte) << shift
            } else {
                packed.high |= UInt64(byte) << (shift - 64)
            }
            shift += 8
        }
        return packed
    }
}
