/// A consumer of JSON events, in document order: containers opened and
/// closed, object keys, and scalar values. The model is written once against
/// this protocol (see `Resolve+JSON.swift`); ``JSONWriter`` turns the events
/// into text and ``JSONValueBuilder`` into a ``JSONValue`` tree.
protocol JSONOutput {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    /// The key of the next object member; its value follows.
    mutating func key(_ key: StaticString)
    /// A key that is not known at compile time (a type or function name).
    mutating func dynamicKey(_ key: String)
    mutating func string(_ value: String)
    mutating func number(_ value: Int)
    mutating func null()
    mutating func bool(_ value: Bool)
}

/// Pretty-prints JSON as UTF-8 bytes, the way the reference tool does: two
/// spaces of indentation, one member or element per line, `[]` and `{}` for
/// empty containers. Bytes are handed to `flush` in chunks of about
/// `chunkSize`, so a large document never sits in memory as one buffer.
struct JSONWriter: JSONOutput {
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let flush: ([UInt8]) -> Void
    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var isEmpty = true
    /// Whether a key was just written, so the next value needs no line of its own.
    private var afterKey = false

    /// The spaces of the deepest indentation so far (sliced for each line).
    private var spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    init(chunkSize: Int = 1 << 16, flush: @escaping ([UInt8]) -> Void) {
        self.chunkSize = chunkSize
        self.flush = flush
        buffer.reserveCapacity(chunkSize + 1024)
    }

    /// Hands over the bytes not flushed yet.
    mutating func finish() {
        if !buffer.isEmpty { flush(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() {
        if buffer.count >= chunkSize {
            flush(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Starts a value: after a key on the same line, else on a new indented line.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
            return
        }
        startLine()
    }

    /// A new line for the next member of the innermost container.
    private mutating func startLine() {
        guard depth > 0 else { return }
        if isEmpty {
            buffer.append(UInt8(ascii: "\n"))
        } else {
            buffer.append(UInt8(ascii: ","))
            buffer.append(UInt8(ascii: "\n"))
        }
        isEmpty = false
        indent(depth)
    }

    private mutating func indent(_ level: Int) {
        let count = 2 * level
        if count > spaces.count {
            spaces = [UInt8](repeating: UInt8(ascii: " "), count: 2 * count)
        }
        buffer.append(contentsOf: spaces[0..<count])
    }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        buffer.append(bracket)
        depth += 1
        isEmpty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !isEmpty {
            buffer.append(UInt8(ascii: "\n"))
            indent(depth)
        }
        buffer.append(bracket)
        // The container just closed is a member of its parent, which is therefore not empty.
        isEmpty = false
        flushIfFull()
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func key(_ key: StaticString) {
        startLine()
        buffer.append(UInt8(ascii: "\""))
        // Keys written in the source are plain ASCII words: nothing to escape.
        key.withUTF8Buffer { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")])
        afterKey = true
    }

    mutating func dynamicKey(_ key: String) {
        startLine()
        appendQuoted(key)
        buffer.append(UInt8(ascii: ":"))
        buffer.append(UInt8(ascii: " "))
        afterKey = true
    }

    mutating func string(_ value: String) {
        startValue()
        appendQuoted(value)
    }

    mutating func number(_ value: Int) {
        startValue()
        guard value != 0 else {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        // Digits come out least significant first: append them, then reverse them in place.
        let start = buffer.count
        var magnitude = value.magnitude
        while magnitude > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        buffer[start...].reverse()
    }

    mutating func null() {
        startValue()
        buffer.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    mutating func bool(_ value: Bool) {
        startValue()
        if value {
            buffer.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            buffer.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
    }

    /// A string literal: `"`, `\`, and control characters escaped; everything else as UTF-8.
    private mutating func appendQuoted(_ value: String) {
        buffer.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendEscape(_ byte: UInt8) {
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "t"))
        default:
            let hex = Self.hexDigits
            buffer.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}

/// Builds a ``JSONValue`` tree from JSON events.
struct JSONValueBuilder: JSONOutput {
    /// An open container; members and elements are appended in place.
    private struct Container {
        var isObject: Bool
        var members: [(String, JSONValue)] = []
        var elements: [JSONValue] = []
        var key = ""
    }

    private var stack: [Container] = []
    /// The finished document, once the outermost container is closed.
    private(set) var result: JSONValue = .null

    private mutating func add(_ value: JSONValue) {
        guard let top = stack.indices.last else {
            result = value
            return
        }
        if stack[top].isObject {
            stack[top].members.append((stack[top].key, value))
        } else {
            stack[top].elements.append(value)
        }
    }

    mutating func beginObject() { stack.append(Container(isObject: true)) }
    mutating func beginArray() { stack.append(Container(isObject: false)) }

    mutating func endObject() {
        guard let container = stack.popLast(), container.isObject else { preconditionFailure("unbalanced JSON events") }
        add(.object(container.members))
    }

    mutating func endArray() {
        guard let container = stack.popLast(), !container.isObject else { preconditionFailure("unbalanced JSON events") }
        add(.array(container.elements))
    }

    mutating func key(_ key: StaticString) { dynamicKey(key.description) }

    mutating func dynamicKey(_ key: String) {
        guard let top = stack.indices.last, stack[top].isObject else { preconditionFailure("a key outside an object") }
        stack[top].key = key
    }

    mutating func string(_ value: String) { add(.string(value)) }
    mutating func number(_ value: Int) { add(.number(value)) }
    mutating func null() { add(.null) }
    mutating func bool(_ value: Bool) { add(.bool(value)) }
}
