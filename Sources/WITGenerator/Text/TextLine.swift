import WITModel

/// A piece of generated text written with a string literal and interpolation
/// (`"\(name) = \(value);"`) straight into bytes: what `CodePrinter.line(_:)` takes, and
/// how a back end builds a generated name (`TextLine.string("\(prefix)_\(name)")`)
/// without `String`'s interpolation.
struct TextLine: ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The line's bytes.
    private(set) var buffer: TextBuffer

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

    /// A `String` written with `TextLine` interpolation (`TextLine.string("\(a)_\(b)")`).
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

        /// A version as `Version.description` spells it (`1.2.3-rc.1+build`), its numbers written directly.
        mutating func appendInterpolation(_ version: Version) {
            appendInterpolation(version.major)
            appendLiteral(".")
            appendInterpolation(version.minor)
            appendLiteral(".")
            appendInterpolation(version.patch)
            if !version.prerelease.isEmpty {
                appendLiteral("-")
                appendInterpolation(TextLine(joining: version.prerelease, separator: "."))
            }
            if !version.build.isEmpty {
                appendLiteral("+")
                appendInterpolation(TextLine(joining: version.build, separator: "."))
            }
        }
    }
}
