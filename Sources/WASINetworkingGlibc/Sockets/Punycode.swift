/// Why a string is not a domain name that a lookup or a name rule can use.
/// Offsets count characters of the string as given.
enum DomainNameProblem: Error, Equatable, Sendable {
    case empty
    /// An empty label: `a..b`, `.a`, or a second trailing dot.
    case emptyLabel(offset: Int)
    case invalidCharacter(Character, offset: Int)
    case hyphenAtLabelEdge(label: String, offset: Int)
    /// A label longer than 63 bytes in its ASCII (Punycode) form; `length` is its length, or
    /// for a label refused before it was encoded, its number of scalars (fewer than its bytes).
    case labelTooLong(label: String, length: Int, offset: Int)
    /// A name longer than 253 bytes in its ASCII form (without the trailing dot); `length` as
    /// for ``labelTooLong(label:length:offset:)``.
    case nameTooLong(length: Int)
    case unencodableLabel(offset: Int)
    /// An IP address in a form `inet_aton` or `inet_pton` reads; `canonical` is how it
    /// is normally written.
    case addressLiteral(text: String, canonical: String)
    /// A last label that is all digits (or a hexadecimal number): never a top-level domain,
    /// and what makes `inet_aton`-style forms look like names.
    case numericLastLabel(label: String, offset: Int)

    /// Where in the string the problem is (0 when it is the whole string).
    var offset: Int {
        switch self {
        case .empty, .nameTooLong, .addressLiteral: return 0
        case .emptyLabel(let offset), .invalidCharacter(_, let offset), .hyphenAtLabelEdge(_, let offset),
             .labelTooLong(_, _, let offset), .unencodableLabel(let offset), .numericLastLabel(_, let offset):
            return offset
        }
    }

    var message: String {
        switch self {
        case .empty: return "empty host"
        case .emptyLabel: return "empty label in host name"
        case .invalidCharacter(let character, _): return "invalid character `\(character)` in host name"
        case .hyphenAtLabelEdge(let label, _): return "label `\(label)` starts or ends with `-`"
        case .labelTooLong(let label, let length, _):
            return "label `\(label.prefix(20))…` is \(length) bytes or more in ASCII form (at most 63)"
        case .nameTooLong(let length): return "host name is \(length) bytes or more in ASCII form (at most 253)"
        case .unencodableLabel: return "label cannot be encoded in Punycode"
        case .addressLiteral(let text, let canonical):
            return text == canonical ? "`\(text)` is an IP address, not a host name"
                : "`\(text)` is the IP address \(canonical) in a non-canonical form, not a host name"
        case .numericLastLabel(let label, _): return "the last label `\(label)` is a number: not a host name"
        }
    }
}

/// IDNA's ASCII form of host names: each label with non-ASCII characters
/// becomes `xn--` followed by its Punycode (RFC 3492) encoding.
///
/// What is applied to a label before encoding: Unicode lower-casing, then NFC (the
/// standard library's normalization, so that canonically equivalent spellings give one
/// ASCII form); the ideographic full stops U+3002, U+FF0E and U+FF61 separate labels
/// like `.`. Not applied: the rest of the UTS 46 mapping table (compatibility forms
/// such as full-width letters are encoded as they are, not mapped to ASCII), and the
/// IDNA2008 context and bidirectional rules.
enum IDNA {
    /// The lookup form of a name (lower-cased, NFC, one trailing dot removed, labels
    /// Punycode-encoded), or why it is not a domain name. The one test of "a valid
    /// domain name": used before every lookup and for every name in a rule.
    ///
    /// A valid name: labels of letters, digits, `-` and `_` (non-ASCII letters, marks and
    /// digits encoded), 1 to 63 bytes each in ASCII form, no label starting or ending with
    /// `-` or starting with a combining mark, at most 253 bytes in all, one trailing dot
    /// allowed; not an address `inet_aton` or `inet_pton` would read (`127.1`,
    /// `0x7f000001`, `::1`), and no all-numeric last label. `_` is kept because real
    /// names carry it (`_sip._tcp` service names, container and `/etc/hosts` names) and it
    /// cannot turn a name into an address.
    static func lookupName(_ name: String) -> Result<String, DomainNameProblem> {
        if let ascii = validASCIIName(name) { return .success(ascii) }
        return lookupNameOfAnyText(name)
    }

    /// The common case of ``lookupName(_:)`` on bytes: a valid name of ASCII letters, digits,
    /// `-`, `_` and dots, lower-cased; `nil` for anything else (which the general path then
    /// decides and explains).
    static func validASCIIName(_ name: String) -> String? {
        var bytes = Array(name.utf8)
        if bytes.last == 0x2E { bytes.removeLast() }
        guard !bytes.isEmpty, bytes.count <= 253 else { return nil }
        var labelStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            switch byte {
            case 0x41...0x5A: bytes[index] = byte | 0x20
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: break
            case 0x2E:
                guard isValidASCIILabel(bytes[labelStart..<index]) else { return nil }
                labelStart = index + 1
            default: return nil
            }
        }
        let last = bytes[labelStart...]
        guard isValidASCIILabel(last), !isNumber(last) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 1 to 63 bytes, not starting or ending with `-` (the bytes are already checked one by one).
    static func isValidASCIILabel(_ label: ArraySlice<UInt8>) -> Bool {
        !label.isEmpty && label.count <= 63 && label.first != 0x2D && label.last != 0x2D
    }

    /// The most Unicode scalars a name can have and still be at most 253 bytes in ASCII
    /// form, with one trailing dot.
    static let maximumScalars = 254

    /// ``lookupName(_:)`` for any text, with the reason when it is not a domain name.
    static func lookupNameOfAnyText(_ name: String) -> Result<String, DomainNameProblem> {
        // Every scalar becomes at least one byte of the ASCII form, so a name of more scalars
        // than the longest name (253 bytes and a trailing dot) fails before any work on it: a
        // component cannot make the host encode a long name.
        let scalarCount = name.unicodeScalars.prefix(maximumScalars + 1).count
        if scalarCount > maximumScalars { return .failure(.nameTooLong(length: name.unicodeScalars.count)) }
        let characters = Array(name)
        var end = characters.count
        if end > 0, isLabelSeparator(characters[end - 1]) { end -= 1 }
        guard end > 0 else { return .failure(.empty) }
        let body = String(characters[..<end])
        if let canonical = addressLiteral(body) { return .failure(.addressLiteral(text: body, canonical: canonical)) }
        var labels: [String] = []
        var labelStart = 0
        var last: (label: String, offset: Int) = ("", 0)
        for index in 0...end where index == end || isLabelSeparator(characters[index]) {
            let label = characters[labelStart..<index]
            guard !label.isEmpty else { return .failure(.emptyLabel(offset: labelStart)) }
            for (position, character) in zip(label.indices, label) where !isNameCharacter(character, first: position == labelStart) {
                return .failure(.invalidCharacter(character, offset: position))
            }
            let folded = String(decoding: String(label).lowercased()._nfcCodeUnits, as: UTF8.self)
            let ascii: String
            if folded.utf8.allSatisfy({ $0 < 0x80 }) {
                ascii = folded
            } else {
                // As above: more scalars than a label's 63 bytes never fit, so nothing is encoded.
                let labelScalars = folded.unicodeScalars.count
                if labelScalars > 63 {
                    return .failure(.labelTooLong(label: String(label), length: labelScalars, offset: labelStart))
                }
                guard let encoded = Punycode.encode(Array(folded.unicodeScalars)) else {
                    return .failure(.unencodableLabel(offset: labelStart))
                }
                ascii = "xn--" + encoded
            }
            if ascii.hasPrefix("-") || ascii.hasSuffix("-") {
                return .failure(.hyphenAtLabelEdge(label: String(label), offset: labelStart))
            }
            if ascii.utf8.count > 63 {
                return .failure(.labelTooLong(label: String(label), length: ascii.utf8.count, offset: labelStart))
            }
            labels.append(ascii)
            last = (ascii, labelStart)
            labelStart = index + 1
        }
        if isNumber(last.label) { return .failure(.numericLastLabel(label: last.label, offset: last.offset)) }
        let result = labels.joined(separator: ".")
        guard result.utf8.count <= 253 else { return .failure(.nameTooLong(length: result.utf8.count)) }
        return .success(result)
    }

    /// ``lookupName(_:)`` without the reason.
    static func asciiName(_ name: String) -> String? {
        try? lookupName(name).get()
    }

    static func isLabelSeparator(_ character: Character) -> Bool {
        character == "." || character == "\u{3002}" || character == "\u{FF0E}" || character == "\u{FF61}"
    }

    /// ASCII letters, digits, `-` and `_`; beyond ASCII, letters, marks and decimal digits,
    /// but no mark at the start of a label.
    static func isNameCharacter(_ character: Character, first: Bool) -> Bool {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first, scalar.isASCII {
            let byte = UInt8(scalar.value)
            return (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F
        }
        for (index, scalar) in scalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
                continue
            case .nonspacingMark, .spacingMark, .enclosingMark:
                if first && index == 0 { return false }
            default:
                return false
            }
        }
        return true
    }

    /// Whether a label is all decimal digits or `0x` and hexadecimal digits (a number to
    /// `inet_aton`: every form it reads ends in one, so a name whose last label is not a
    /// number is never an address).
    static func isNumber(_ label: String) -> Bool { isNumber(Array(label.utf8)[...]) }

    static func isNumber(_ label: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(label)
        if bytes.count > 2, bytes[0] == 0x30, bytes[1] | 0x20 == 0x78 {
            return bytes.dropFirst(2).allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The canonical form of `text` when `inet_pton` (IPv6) or `inet_aton` (IPv4, in all
    /// its forms: 1 to 4 parts, each decimal, octal with a leading `0`, or hexadecimal
    /// with `0x`) reads it as an address; `nil` otherwise.
    static func addressLiteral(_ text: String) -> String? {
        if text.contains(":") {
            return HostAddress(text).map { "[\($0)]" }
        }
        return InetAton.parse(text).map { HostAddress(high: 0, low: UInt64($0), isIPv6: false).description }
    }
}

/// The IPv4 forms `inet_aton` accepts (`127.1`, `2130706433`, `0x7f.1`, `017700000001`, `0`).
enum InetAton {
    /// The address `inet_aton` reads from `text`, or `nil`. (`inet_aton` also stops at a space and
    /// ignores what follows; a space is never part of a name, so that form is not needed here.)
    static func parse(_ text: String) -> UInt32? {
        let parts = text.utf8.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard let value = number(Array(part)) else { return nil }
            values.append(value)
        }
        var result: UInt64 = 0
        for value in values.dropLast() {
            guard value <= 0xFF else { return nil }
            result = result << 8 | value
        }
        let lastBits = UInt64(8 * (5 - values.count))
        guard let lastValue = values.last, lastValue < (1 << lastBits) else { return nil }
        return UInt32(truncatingIfNeeded: result << lastBits | lastValue)
    }

    /// One part: `0x…` hexadecimal, `0…` octal, otherwise decimal; `nil` when malformed or above 2³².
    static func number(_ digits: [UInt8]) -> UInt64? {
        guard let first = digits.first, first >= 0x30, first <= 0x39 else { return nil }
        var base: UInt64 = 10
        var body = digits[...]
        if first == 0x30, digits.count > 1 {
            if digits[1] | 0x20 == 0x78 {
                base = 16
                body = digits.dropFirst(2)
                guard !body.isEmpty else { return nil }
            } else {
                base = 8
                body = digits.dropFirst()
            }
        }
        var value: UInt64 = 0
        for byte in body {
            let digit: UInt64
            switch byte {
            case 0x30...0x39: digit = UInt64(byte - 0x30)
            case 0x61...0x66 where base == 16: digit = UInt64(byte - 0x61 + 10)
            case 0x41...0x46 where base == 16: digit = UInt64(byte - 0x41 + 10)
            default: return nil
            }
            guard digit < base else { return nil }
            value = value * base + digit
            guard value <= 0xFFFF_FFFF else { return nil }
        }
        return value
    }
}

/// RFC 3492 Punycode encoding.
enum Punycode {
    static let base: UInt32 = 36, tMin: UInt32 = 1, tMax: UInt32 = 26, skew: UInt32 = 38, damp: UInt32 = 700
    static let initialBias: UInt32 = 72, initialN: UInt32 = 128

    static func digit(_ value: UInt32) -> Character {
        Character(Unicode.Scalar(value < 26 ? value + 97 : value + 22)!)
    }

    static func adapt(_ delta: UInt32, _ count: UInt32, _ first: Bool) -> UInt32 {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// The Punycode of a label, or `nil` on overflow.
    static func encode(_ input: [Unicode.Scalar]) -> String? {
        var output = String(String.UnicodeScalarView(input.filter { $0.isASCII }))
        let basicCount = UInt32(output.unicodeScalars.count)
        var handled = basicCount
        if basicCount > 0 { output.append("-") }
        var n = initialN, delta: UInt32 = 0, bias = initialBias
        while handled < UInt32(input.count) {
            guard let m = input.map(\.value).filter({ $0 >= n }).min() else { break }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= UInt32.max - product else { return nil }
            delta += product
            n = m
            for scalar in input {
                let value = scalar.value
                if value < n {
                    guard delta < UInt32.max else { return nil }
                    delta += 1
                }
                if value == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }
}
