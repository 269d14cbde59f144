/// Parses JSON text into a ``JSONValue`` (objects keep their key order).
/// Numbers must be integers, which is all the documents witgen reads hold.
struct JSONReader {
    /// Why the text is not JSON, and at which byte of it.
    struct Failure: Error {
        var message: String
        var offset: Int
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int
    private var depth = 0
    private static let maximumDepth = 128

    /// Parses a whole document: one value, with only white space around it.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes: bytes, position: bytes.startIndex)
        let value = try reader.value()
        reader.skipSpace()
        guard reader.position == bytes.endIndex else { throw reader.failure("unexpected text after the JSON value") }
        return value
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: message, offset: position - bytes.startIndex)
    }

    private mutating func skipSpace() {
        while position < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws(Failure) -> JSONValue {
        for byte in literal.utf8 {
            guard position < bytes.endIndex, bytes[position] == byte else { throw failure("invalid literal") }
            position += 1
        }
        return value
    }

    private mutating func value() throws(Failure) -> JSONValue {
        skipSpace()
        guard position < bytes.endIndex else { throw failure("unexpected end of the JSON text") }
        switch bytes[position] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw failure("JSON nested more than \(Self.maximumDepth) deep") }
            return bytes[position] == UInt8(ascii: "{") ? try object() : try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected character in JSON")
        }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        position += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if position < bytes.endIndex, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            skipSpace()
            guard position < bytes.endIndex, bytes[position] == UInt8(ascii: ":") else { throw failure("expected `:`") }
            position += 1
            members.append((key, try value()))
            skipSpace()
            guard position < bytes.endIndex else { throw failure("unexpected end of the JSON text") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            } else {
                throw failure("expected `,` or `}`")
            }
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipSpace()
        if position < bytes.endIndex, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipSpace()
            guard position < bytes.endIndex else { throw failure("unexpected end of the JSON text") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            } else {
                throw failure("expected `,` or `]`")
            }
        }
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        var value = 0
        var digits = 0
        while position < bytes.endIndex, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[position] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw failure("number too large") }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw failure("invalid number") }
        if position < bytes.endIndex, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) {
            throw failure("only integer numbers are supported")
        }
        return .number(bytes[start] == UInt8(ascii: "-") ? -value : value)
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.endIndex else { throw failure("unexpected end of a `\\u` escape") }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid `\\u` escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func string() throws(Failure) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() throws(Failure) {
            guard !run.isEmpty else { return }
            guard let text = String(validating: run, as: UTF8.self) else { throw failure("a JSON string is not valid UTF-8") }
            scalars.append(contentsOf: text.unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while true {
            guard position < bytes.endIndex else { throw failure("unterminated JSON string") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                try flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush()
                guard position < bytes.endIndex else { throw failure("unterminated JSON string") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hexQuad()
                    if code >= 0xD800, code < 0xDC00 {
                        guard position + 1 < bytes.endIndex, bytes[position] == UInt8(ascii: "\\"),
                              bytes[position + 1] == UInt8(ascii: "u") else { throw failure("unpaired surrogate in a `\\u` escape") }
                        position += 2
                        let low = try hexQuad()
                        guard low >= 0xDC00, low < 0xE000 else { throw failure("unpaired surrogate in a `\\u` escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("invalid `\\u` escape") }
                    scalars.append(scalar)
                default:
                    throw failure("invalid escape in a JSON string")
                }
            case 0x00..<0x20:
                throw failure("control character in a JSON string")
            default:
                run.append(byte)
            }
        }
    }
}
