/// The bytes of generated text, in one growing buffer: appending copies only the new
/// bytes, so a back end writes a whole file without building (and later joining) a
/// `String` per line. `CodePrinter` writes lines into it and `TextLine` interpolates
/// into it; it knows nothing of lines or indentation itself.
///
/// The bytes live in one `TextStorage` allocation (copied on write), appended to
/// through pointers, because `Array.append(contentsOf:)` is the slow part of printing.
struct TextBuffer {
    fileprivate var storage: TextStorage

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        storage = TextStorage.make(capacity: max(capacity, 16))
    }

    /// The header, read and written through its pointer (the class property would check
    /// exclusivity on every access).
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

    /// The byte `offset` bytes from the start (`0..<count`).
    func byte(at offset: Int) -> UInt8 {
        storage.withUnsafeMutablePointerToElements { $0[offset] }
    }

    /// Calls `body` with the bytes written so far.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        storage.withUnsafeMutablePointers { header, bytes in
            body(UnsafeBufferPointer(start: bytes, count: header.pointee.count))
        }
    }

    /// Appends raw UTF-8 bytes.
    @inline(__always)
    mutating func append(bytes source: UnsafeBufferPointer<UInt8>) {
        let length = source.count
        guard length > 0, let from = source.baseAddress else { return }
        let to = reserve(length)
        Self.copy(from, count: length, to: to)
        header.pointee.count += length
    }

    /// Copies `count` bytes; short pieces (most names) byte by byte, which beats a call to `memcpy`.
    @inline(__always)
    private static func copy(_ from: UnsafePointer<UInt8>, count: Int, to: UnsafeMutablePointer<UInt8>) {
        if count <= 16 {
            for index in 0..<count { to[index] = from[index] }
        } else {
            UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: count)
        }
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
        other.withBytes { append(bytes: $0) }
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

    /// Appends one line: `spaces` spaces, `prefix`, a space when both `prefix` and `text` are
    /// non-empty, `text`, then `suffix` (a newline, or `.` and a newline): with one capacity check.
    @inline(__always)
    mutating func appendLine(spaces: Int, prefix: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>,
                             suffix: StaticString = "\n") {
        let separator = prefix.isEmpty || text.isEmpty ? 0 : 1
        let end = suffix.utf8CodeUnitCount
        let length = spaces + prefix.count + separator + text.count + end
        var to = reserve(length)
        for index in 0..<spaces { to[index] = UInt8(ascii: " ") }
        to += spaces
        if let from = prefix.baseAddress {
            Self.copy(from, count: prefix.count, to: to)
            to += prefix.count
        }
        if separator == 1 {
            to.pointee = UInt8(ascii: " ")
            to += 1
        }
        if let from = text.baseAddress {
            Self.copy(from, count: text.count, to: to)
            to += text.count
        }
        let ending = suffix.utf8Start
        for index in 0..<end { to[index] = ending[index] }
        header.pointee.count += length
    }

    /// Drops what was written after `count` bytes.
    mutating func truncate(to count: Int) {
        if !isKnownUniquelyReferenced(&storage) { grow(to: header.pointee.capacity) }
        header.pointee.count = count
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
