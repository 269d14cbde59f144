import Testing
@testable import WITGenerator

/// Markdown anchors: lower-case ASCII letters and digits, each run of anything else one dash
/// (none at the end), read byte by byte: a non-ASCII scalar is never a letter.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Hello, World", "hello-world"),
        ("wasi:io/streams@0.2.0", "wasi-io-streams-0-2-0"),
        ("a--b", "a-b"),
        ("-x-", "-x"),
        // A CRLF is one run of non-letters.
        ("a\r\nb", "a-b"),
        ("café au lait", "caf-au-lait"),
        // The base letter stays and its combining mark is a run of its own.
        ("e\u{301}x", "e-x"),
        ("e\u{301}\u{302}x", "e-x"),
        // An emoji with a skin-tone modifier (two scalars) is one run; so is a ZWJ sequence.
        ("a\u{1F44D}\u{1F3FD}b", "a-b"),
        ("\u{1F468}\u{200D}\u{1F469}x", "-x"),
        ("日本", ""),
        ("x日本", "x"),
    ])
    func slug(_ text: String, _ expected: String) {
        #expect(MarkdownGenerator.slug(text) == expected)
    }
}
