/// A cursor over the bytes of a binary file, with the primitive encodings of the
/// WebAssembly binary format (LEB128 integers, names). Every failure is a
/// ``Diagnostic`` whose span is the offending byte, so that it names the file
/// and the offset.
struct ByteReader {
    let bytes: [UInt8]
    /// The global offset of the file's first byte (see ``SourceMap``).
    let base: UInt32
    /// The next byte to read.
    var position: Int
    /// One past the last byte this reader may read (the end of the current section).
    var end: Int

    init(bytes: [UInt8], base: UInt32) {
        self.bytes = bytes
        self.base = base
        self.position = 0
        self.end = bytes.count
    }

    var isAtEnd: Bool { position >= end }

    /// A span of one byte at a file offset.
    func span(at offset: Int) -> Span {
        let start = base &+ UInt32(truncatingIfNeeded: offset)
        return Span(start: start, end: start &+ 1)
    }

    func error(_ message: String, at offset: Int? = nil) -> Diagnostic {
        Diagnostic(message, at: span(at: offset ?? position))
    }

    mutating func byte(_ what: @autoclosure () -> String) throws(Diagnostic) -> UInt8 {
        guard position < end else {
            throw error(end < bytes.count ? "unexpected end of section while reading \(what())"
                                          : "unexpected end of file while reading \(what())")
        }
        defer { position += 1 }
        return bytes[position]
    }

    func peek() -> UInt8? { position < end ? bytes[position] : nil }

    /// An unsigned LEB128 integer of at most 32 bits.
    mutating func u32(_ what: @autoclosure () -> String) throws(Diagnostic) -> UInt32 {
        let start = position
        var result: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = try self.byte(what())
            if shift == 28, byte & 0x70 != 0 || byte & 0x80 != 0 {
                throw error("invalid LEB128 encoding of \(what()): more than 32 bits", at: start)
            }
            result |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A signed LEB128 integer of at most 33 bits that must not be negative: a
    /// type index where a value type is read (it shares its first byte with the
    /// primitive types' codes, which are negative numbers).
    mutating func typeIndexS33(_ what: @autoclosure () -> String) throws(Diagnostic) -> UInt32 {
        let start = position
        var result: Int64 = 0
        var shift: Int64 = 0
        var byte: UInt8
        repeat {
            byte = try self.byte(what())
            if shift == 28, byte & 0x80 != 0 {
                throw error("invalid LEB128 encoding of \(what()): more than 33 bits", at: start)
            }
            result |= Int64(byte & 0x7F) << shift
            shift += 7
        } while byte & 0x80 != 0
        if shift < 64, byte & 0x40 != 0 { result |= -1 << shift }
        guard result >= 0, result <= Int64(UInt32.max) else {
            throw error("invalid \(what()): \(result) is not a type index", at: start)
        }
        return UInt32(result)
    }

    /// A vector length, checked against the bytes left (each element takes at least one).
    mutating func count(_ what: @autoclosure () -> String) throws(Diagnostic) -> Int {
        let start = position
        let count = Int(try u32("the number of \(what())"))
        guard count <= end - position else {
            throw error("the number of \(what()) (\(count)) is larger than the bytes left", at: start)
        }
        return count
    }

    /// A name: a length, then that many bytes of UTF-8.
    mutating func name(_ what: @autoclosure () -> String) throws(Diagnostic) -> String {
        let start = position
        let length = Int(try u32("the length of \(what())"))
        guard length <= end - position else {
            throw error("the length of \(what()) (\(length)) runs past the end of the \(end < bytes.count ? "section" : "file")",
                        at: start)
        }
        let slice = bytes[position..<(position + length)]
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw error("\(what()) is not valid UTF-8", at: start)
        }
        position += length
        return text
    }
}
