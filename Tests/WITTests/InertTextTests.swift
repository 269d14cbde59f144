import Testing
import WIT

/// One classification of text for every writer (`InertText`), read on scalars by the
/// terminal's diagnostics and on UTF-8 bytes by the rest.
@Suite struct InertTextTests {
    /// Every scalar's UTF-8, read as bytes, is what the scalar is: the byte reader decodes
    /// exactly the lead bytes of the scalars that are not plain.
    @Test func theBytesOfEveryScalarSayWhatTheScalarIs() {
        var checked = 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4)
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            bytes.removeAll(keepingCapacity: true)
            UTF8.encode(scalar) { bytes.append($0) }
            let unit = bytes.withUnsafeBufferPointer { InertText.unit($0, at: 0) }
            let kind = InertText.kind(of: scalar)
            if unit.kind != kind || (kind != .plain && unit.length != bytes.count) {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)): bytes say \(unit), the scalar is \(kind)")
                return
            }
            checked += 1
        }
        #expect(checked > 1_100_000)
    }

    @Test func linesAndSingleLine() {
        #expect(InertText.lines("a\r\nb\rc\u{2028}d\u{0B}e") == "a\nb\nc\nd\ne")
        #expect(InertText.lines("x\u{202E}y\u{0}z\u{200F}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        #expect(InertText.singleLine("a\r\nb\tc") == "a\u{FFFD}b\tc")
        #expect(InertText.lines("plain caf\u{E9} \u{1F600}") == "plain caf\u{E9} \u{1F600}")
        #expect(TerminalText.inert("a\u{1B}[31m\u{85}") == "a\u{FFFD}[31m\u{FFFD}")
        #expect(TerminalText.isInert("\t") && !TerminalText.isInert("\u{061C}") && !TerminalText.isInert("\n"))
    }
}
