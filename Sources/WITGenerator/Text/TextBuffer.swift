/// Generated text written into one growing byte buffer: appending copies only
/// the new bytes, so a back end writes a whole file without building (and
/// later joining) a `String` per line or per section.
struct TextBuffer {
    /// The UTF-8 bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// Spaces written before each `line`.
    var indentation = 0

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Bytes written so far (a mark for `truncate(to:)`).
    var count: Int { bytes.count }

    var isEmpty: Bool { bytes.isEmpty }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `text` as it is.
    mutating func append(_ text: String) {
        bytes.appendUTF8(text)
    }

    /// Appends `text` as it is.
    mutating func append(_ text: Substring) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends another buffer's bytes.
    mutating func append(_ other: TextBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends one ASCII byte.
    mutating func append(ascii byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends a decimal integer.
    mutating func append(_ number: Int) {
        append(String(number))
    }

    /// Appends `indentation` spaces, `text` and a newline.
    mutating func line(_ text: TextLine) {
        indent()
        bytes.append(contentsOf: text.bytes)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `indentation` spaces, `text` and a newline.
    mutating func line(verbatim text: String) {
        indent()
        bytes.appendUTF8(text)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends a newline.
    mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `indentation` spaces (the start of a line written piece by piece).
    mutating func indent() {
        if indentation > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indentation)) }
    }

    /// Drops what was written after `count` bytes.
    mutating func truncate(to count: Int) {
        bytes.removeSubrange(count...)
    }

    /// Appends each line of `text` (split at every newline, so a trailing newline
    /// gives a last empty line) as `marker` + space + the line, or just `marker`
    /// for an empty line, each ending with a newline: doc comments as `// …`.
    mutating func commentLines(of text: String, marker: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0...utf8.count where index == utf8.count || utf8[index] == UInt8(ascii: "\n") {
                indent()
                bytes.append(contentsOf: marker.utf8)
                if index > start {
                    bytes.append(UInt8(ascii: " "))
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                }
                bytes.append(UInt8(ascii: "\n"))
                start = index + 1
            }
        }
    }
}

/// A line of generated text written with a string literal and interpolation
/// (`"\(name) = \(value);"`) straight into bytes: cheaper than building a
/// `String` that a `TextBuffer` would then copy.
struct TextLine: ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The UTF-8 bytes of the line.
    var bytes: [UInt8]

    init(stringLiteral literal: StaticString) {
        bytes = Array(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    /// The line as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The line's text (so that interpolating it into a `String` gives its text).
    var description: String { text }

    var isEmpty: Bool { bytes.isEmpty }

    /// Appends another line's text.
    mutating func append(_ other: TextLine) {
        bytes.append(contentsOf: other.bytes)
    }

    /// `items` with `separator` between them (`a, b, c`).
    init(joining items: [String], separator: StaticString) {
        bytes = []
        bytes.reserveCapacity(items.reduce(0) { $0 + $1.utf8.count + separator.utf8CodeUnitCount })
        for (index, item) in items.enumerated() {
            if index > 0 {
                bytes.append(contentsOf: UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount))
            }
            bytes.appendUTF8(item)
        }
    }

    /// Collects the literal parts and the interpolated values of a `TextLine`.
    struct StringInterpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + 40 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }

        mutating func appendInterpolation(_ text: String) {
            bytes.appendUTF8(text)
        }

        mutating func appendInterpolation(_ line: TextLine) {
            bytes.append(contentsOf: line.bytes)
        }

        mutating func appendInterpolation(_ text: Substring) {
            bytes.append(contentsOf: text.utf8)
        }

        mutating func appendInterpolation(_ number: some BinaryInteger) {
            // Digits written directly: `String(number)` costs hundreds of instructions.
            guard let value = Int(exactly: number), value >= 0 else { return bytes.appendUTF8(String(number)) }
            appendDigits(value)
        }

        private mutating func appendDigits(_ value: Int) {
            if value >= 10 { appendDigits(value / 10) }
            bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
        }
    }
}

extension [UInt8] {
    /// Appends the UTF-8 of `text`, copying its contiguous bytes at once when it has them.
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: text.utf8) }
    }
}
