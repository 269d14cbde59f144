import Testing
@testable import WITGenerator

/// Markdown anchors: lower-case ASCII letters and digits, anything else one dash (never two
/// in a row, none at the end), on both the byte path (ASCII text) and the `Character` path.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Hello, World", "hello-world"),
        ("wasi:io/streams@0.2.0", "wasi-io-streams-0-2-0"),
        ("a--b", "a-b"),
        ("-x-", "-x"),
        ("a\r\nb", "a-b"),
        ("café au lait", "caf-au-lait"),
        ("e\u{301}x", "-x"),
        ("日本", ""),
    ])
    func slug(_ text: String, _ expected: String) {
        #expect(MarkdownGenerator.slug(text) == expected)
    }
}
