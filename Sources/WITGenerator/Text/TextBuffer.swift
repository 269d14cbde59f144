/// Generated text written into one growing byte buffer: appending copies only
/// the new bytes, so a back end writes a whole file without building (and
/// later joining) a `String` per line or per section.
///
/// The bytes live in one `TextStorage` allocation (copied on write): an append
/// is a capacity check and a copy, where `Array`'s generic
/// `append(contentsOf:)` cost about a hundred instructions per piece.
struct TextBuffer {
    fileprivate var storage: TextStorage
    /// Spaces written before each `line`.
    var indentation = 0

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        storage = TextStorage.make(capacity: max(capacity, 16))
    }

    /// The header, read and written through its pointer: the class's `header` property
    /// would check exclusivity at run time on every access.
    private var header: UnsafeMutablePointer<TextStorage.Header> {
        storage.withUnsafeMutablePointerToHeader { $0 }
    }

    /// Bytes written so far (a mark for `truncate(to:)`).
    var count: Int { header.pointee.count }

    var isEmpty: Bool { header.pointee.count == 0 }

    /// The text written so far.
    var text: String {
        storage.withUnsafeMutablePointers { header, bytes in
            String(decoding: UnsafeBufferPointer(start: bytes, count: header.pointee.count), as: UTF8.self)
        }
    }

    /// Appends raw UTF-8 bytes.
    @inline(__always)
    mutating func append(bytes source: UnsafeBufferPointer<UInt8>) {
        let length = source.count
        guard length > 0, let from = source.baseAddress else { return }
        let to = reserve(length)
        if length <= 16 {
            for index in 0..<length { to[index] = from[index] }
        } else {
            UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: length)
        }
        header.pointee.count += length
    }

    /// Makes room for `extra` more bytes (and a storage of its own), and returns where they go.
    @inline(__always)
    private mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        let needed = header.pointee.count + extra
        if needed > header.pointee.capacity || !isKnownUniquelyReferenced(&storage) { grow(to: needed) }
        let count = header.pointee.count
        return storage.withUnsafeMutablePointerToElements { $0 + count }
    }

    private mutating func grow(to needed: Int) {
        let count = header.pointee.count
        let grown = TextStorage.make(capacity: max(needed, 2 * header.pointee.capacity))
        storage.withUnsafeMutablePointerToElements { old in
            grown.withUnsafeMutablePointerToElements { new in new.update(from: old, count: count) }
        }
        storage = grown
        header.pointee.count = count
    }

    /// Appends `text` as it is.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    /// Appends `text` as it is.
    mutating func append(_ text: Substring) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    /// Appends a string literal.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append(bytes: $0) }
    }

    /// Appends another buffer's bytes.
    mutating func append(_ other: TextBuffer) {
        let other = other.storage
        other.withUnsafeMutablePointers { header, bytes in
            append(bytes: UnsafeBufferPointer(start: bytes, count: header.pointee.count))
        }
    }

    /// Appends one ASCII byte.
    @inline(__always)
    mutating func append(ascii byte: UInt8) {
        reserve(1).pointee = byte
        header.pointee.count += 1
    }

    /// Appends a non-negative number in decimal (others as `String(number)` spells them).
    mutating func append(decimal number: some BinaryInteger) {
        guard let value = Int(exactly: number), value >= 0 else { return append(String(number)) }
        appendDigits(value)
    }

    private mutating func appendDigits(_ value: Int) {
        if value >= 10 { appendDigits(value / 10) }
        append(ascii: UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Appends `indentation` spaces, `text` and a newline.
    mutating func line(_ text: TextLine) {
        text.buffer.storage.withUnsafeMutablePointers { header, bytes in
            appendLine(prefix: UnsafeBufferPointer(start: nil, count: 0),
                       UnsafeBufferPointer(start: bytes, count: header.pointee.count))
        }
    }

    /// Appends `indentation` spaces, `text` and a newline.
    mutating func line(verbatim text: String) {
        var text = text
        text.withUTF8 { appendLine(prefix: UnsafeBufferPointer(start: nil, count: 0), $0) }
    }

    /// Appends `indentation` spaces, `text` and a newline.
    mutating func line(verbatim text: Substring) {
        var text = text
        text.withUTF8 { appendLine(prefix: UnsafeBufferPointer(start: nil, count: 0), $0) }
    }

    /// Appends `indentation` spaces, `prefix`, `text` and a newline, with one capacity check;
    /// with a `prefix`, a space separates it from a non-empty `text`.
    @inline(__always)
    private mutating func appendLine(prefix: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) {
        let spaces = indentation
        let separator = prefix.isEmpty || text.isEmpty ? 0 : 1
        let length = spaces + prefix.count + separator + text.count + 1
        var to = reserve(length)
        for index in 0..<spaces { to[index] = UInt8(ascii: " ") }
        to += spaces
        if let from = prefix.baseAddress {
            for index in 0..<prefix.count { to[index] = from[index] }
            to += prefix.count
        }
        if separator == 1 {
            to.pointee = UInt8(ascii: " ")
            to += 1
        }
        if let from = text.baseAddress {
            if text.count <= 16 {
                for index in 0..<text.count { to[index] = from[index] }
            } else {
                UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: text.count)
            }
            to += text.count
        }
        to.pointee = UInt8(ascii: "\n")
        header.pointee.count += length
    }

    /// Appends a newline.
    mutating func newline() {
        append(ascii: UInt8(ascii: "\n"))
    }

    /// Appends `indentation` spaces (the start of a line written piece by piece).
    mutating func indent() {
        let spaces = indentation
        guard spaces > 0 else { return }
        let to = reserve(spaces)
        for index in 0..<spaces { to[index] = UInt8(ascii: " ") }
        header.pointee.count += spaces
    }

    /// Drops the empty lines at the end, so that the text ends with one newline
    /// (an empty text becomes one newline): a page's lines joined as files end.
    mutating func trimTrailingEmptyLines() {
        if !isKnownUniquelyReferenced(&storage) { grow(to: header.pointee.capacity) }
        storage.withUnsafeMutablePointers { header, bytes in
            while header.pointee.count >= 2, bytes[header.pointee.count - 1] == UInt8(ascii: "\n"),
                  bytes[header.pointee.count - 2] == UInt8(ascii: "\n") {
                header.pointee.count -= 1
            }
        }
        if isEmpty { newline() }
    }

    /// Drops what was written after `count` bytes.
    mutating func truncate(to count: Int) {
        if !isKnownUniquelyReferenced(&storage) { grow(to: header.pointee.capacity) }
        header.pointee.count = count
    }

    /// Appends each line of `text` as a comment line in `style`: `marker` + space + the line,
    /// or just `marker` for an empty line, each ending with a newline (a trailing newline gives
    /// a last empty line). This is the one way doc text enters a comment, so every line is
    /// inert by construction: the text is split at every line terminator any target knows and
    /// its control characters are replaced (`InertText.lines`); in C, a line that would splice
    /// the next one onto it gets a `.` at its end.
    mutating func commentLines(of text: String, style: CommentStyle) {
        var text = InertText.lines(text)
        text.withUTF8 { utf8 in
            style.marker.withUTF8Buffer { marker in
                var start = 0
                for index in 0...utf8.count where index == utf8.count || utf8[index] == UInt8(ascii: "\n") {
                    let line = UnsafeBufferPointer(rebasing: utf8[start..<index])
                    if style == .cLine, InertText.endsInLineSplice(line) {
                        appendLine(prefix: marker, line)
                        // The newline appendLine wrote goes after the `.`.
                        header.pointee.count -= 1
                        append(ascii: UInt8(ascii: "."))
                        newline()
                    } else {
                        appendLine(prefix: marker, line)
                    }
                    start = index + 1
                }
            }
        }
    }
}

/// The bytes of a `TextBuffer`: one allocation holding the count, the capacity and the bytes.
final class TextStorage: ManagedBuffer<TextStorage.Header, UInt8> {
    /// How many bytes are used and how many fit.
    struct Header {
        var count: Int
        var capacity: Int
    }

    /// Empty storage for `capacity` bytes.
    static func make(capacity: Int) -> TextStorage {
        let buffer = create(minimumCapacity: capacity) { _ in Header(count: 0, capacity: capacity) }
        return unsafeDowncast(buffer, to: TextStorage.self)
    }
}

/// A line of generated text written with a string literal and interpolation
/// (`"\(name) = \(value);"`) straight into bytes: cheaper than building a
/// `String` that a `TextBuffer` would then copy.
struct TextLine: ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The line's bytes.
    fileprivate(set) var buffer: TextBuffer

    init(stringLiteral literal: StaticString) {
        buffer = TextBuffer(capacity: literal.utf8CodeUnitCount)
        buffer.append(literal)
    }

    init(stringInterpolation: StringInterpolation) {
        buffer = stringInterpolation.buffer
    }

    /// An empty line with room for `capacity` bytes, to append to.
    init(reserving capacity: Int) {
        buffer = TextBuffer(capacity: capacity)
    }

    /// `items` with `separator` between them (`a, b, c`).
    init(joining items: [String], separator: StaticString) {
        buffer = TextBuffer(capacity: items.reduce(0) { $0 + $1.utf8.count + separator.utf8CodeUnitCount })
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.append(separator) }
            buffer.append(item)
        }
    }

    /// The line as a `String`.
    var text: String { buffer.text }

    /// A `String` written with `TextLine` interpolation (`TextLine.string("\(a)_\(b)")`),
    /// cheaper than `String`'s own for generated names and numbers.
    static func string(_ line: TextLine) -> String { line.text }

    /// The line's text (so that interpolating it into a `String` gives its text).
    var description: String { text }

    var isEmpty: Bool { buffer.isEmpty }

    /// Appends another line's text.
    mutating func append(_ other: TextLine) {
        buffer.append(other.buffer)
    }

    /// Collects the literal parts and the interpolated values of a `TextLine`.
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var buffer: TextBuffer

        init(literalCapacity: Int, interpolationCount: Int) {
            // Generated names run long (`wasi_sockets_tcp_result_void_error_code_t`): room for
            // them up front, so that a line is one allocation.
            buffer = TextBuffer(capacity: literalCapacity + 64 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            buffer.append(literal)
        }

        mutating func appendInterpolation(_ text: String) {
            buffer.append(text)
        }

        mutating func appendInterpolation(_ line: TextLine) {
            buffer.append(line.buffer)
        }

        mutating func appendInterpolation(_ text: Substring) {
            buffer.append(text)
        }

        mutating func appendInterpolation(_ number: some BinaryInteger) {
            buffer.append(decimal: number)
        }
    }
}
