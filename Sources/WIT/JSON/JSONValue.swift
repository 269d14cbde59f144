/// A JSON value with ordered object keys, and its pretty printer. Small on
/// purpose: the front end has no dependencies, not even Foundation's encoder.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value printed with two-space indentation, one member per line.
    public func pretty() -> String {
        var bytes: [UInt8] = []
        var writer = JSONWriter { bytes.append(contentsOf: $0) }
        write(to: &writer)
        writer.finish()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replays the value as events.
    func write<Output: JSONOutput>(to out: inout Output) {
        switch self {
        case .null: out.null()
        case .bool(let value): out.bool(value)
        case .number(let value): out.number(value)
        case .string(let value): out.string(value)
        case .array(let elements):
            out.beginArray()
            for element in elements { element.write(to: &out) }
            out.endArray()
        case .object(let members):
            out.beginObject()
            for (key, value) in members {
                out.dynamicKey(key)
                value.write(to: &out)
            }
            out.endObject()
        }
    }
}
