import Testing
@testable import WIT

/// The JSON reader used for the `package-docs` custom section.
@Suite struct JSONReaderTests {
    func parse(_ text: String) throws(JSONReader.Failure) -> JSONValue {
        try JSONReader.parse(ArraySlice(text.utf8))
    }

    func failure(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return "\(error.offset): \(error.message)"
        }
    }

    @Test func values() throws {
        #expect(try parse(" {\"a\": [1, -2, true, false, null], \"b\": {}} ")
            == .object([("a", .array([.number(1), .number(-2), .bool(true), .bool(false), .null])), ("b", .object([]))]))
        #expect(try parse("\"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"") == .string("q\"\\/\u{8}\u{C}\n\r\té😀"))
        #expect(try parse("[]") == .array([]))
    }

    @Test func keyOrderIsKept() throws {
        guard case .object(let members) = try parse("{\"z\": 1, \"a\": 2}") else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["z", "a"])
    }

    @Test func errors() {
        #expect(failure("") == "0: unexpected end of the JSON text")
        #expect(failure("{\"a\" 1}") == "5: expected `:`")
        #expect(failure("[1 2]") == "3: expected `,` or `]`")
        #expect(failure("1.5") == "1: only integer numbers are supported")
        #expect(failure("\"\\ud800\"") == "7: unpaired surrogate in a `\\u` escape")
        #expect(failure("\"a\nb\"") == "3: control character in a JSON string")
        #expect(failure("[1] x") == "4: unexpected text after the JSON value")
        #expect(failure("99999999999999999999") == "18: number too large")
        #expect(failure(String(repeating: "[", count: 200))?.hasSuffix("JSON nested more than 128 deep") == true)
    }
}
