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
        bytes.append(contentsOf: text.utf8)
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
    mutating func line(_ text: String) {
        indent()
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends a newline.
    mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `indentation` spaces (the start of a line written piece by piece).
    mutating func indent() {
        for _ in 0..<indentation { bytes.append(UInt8(ascii: " ")) }
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
