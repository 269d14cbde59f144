import Testing
@testable import WIT
import WITTestSupport

/// Every message of the lexer, each from a minimal input, checked exactly with its place.
@Suite struct LexerDiagnosticTests {
    static let cases: [DiagnosticCase] = [
        // A carriage return is only accepted as part of "\r\n".
        .init("unexpected character '\\r'", "package a:b;\rinterface i {}\n",
              "unexpected character '\\r'", at: "1:13"),
        .init("unexpected character '\\r'", "package a:b;\r\ninterface i {}\r",
              "unexpected character '\\r'", at: "2:15"),

        .init("invalid UTF-8 in source", bytes: Array("package a:b;\n".utf8) + [0xFF],
              "invalid UTF-8 in source", at: "2:1"),
        // A truncated two-byte sequence, right after an identifier.
        .init("invalid UTF-8 in source", bytes: Array("package a:b;\ninterface i".utf8) + [0xC3],
              "invalid UTF-8 in source", at: "2:12"),

        // The reference refuses a file that is not UTF-8 anywhere: in comments and strings too.
        .init("invalid UTF-8 in source", bytes: Array("package a:b;\n/// bad ".utf8) + [0xFF] + Array(" byte\ninterface i {}\n".utf8),
              "invalid UTF-8 in source", at: "2:9"),
        .init("invalid UTF-8 in source", bytes: Array("package a:b;\n/* ".utf8) + [0xC3] + Array(" */\n".utf8),
              "invalid UTF-8 in source", at: "2:4"),
        // A UTF-16 surrogate encoded in UTF-8 is not UTF-8 either.
        .init("invalid UTF-8 in source", bytes: Array("package a:b;\n/** ".utf8) + [0xED, 0xA0, 0x80] + Array(" */\n".utf8),
              "invalid UTF-8 in source", at: "2:5"),
        .init("invalid UTF-8 in source", bytes: Array("package a:b;\ninterface i { @unstable(feature = \"".utf8) + [0x80] + Array("\")\n".utf8),
              "invalid UTF-8 in source", at: "2:36"),

        .init("unexpected character {}", "package a:b;\ninterface i { $ }\n",
              "unexpected character '$'", at: "2:15"),
        .init("unexpected character {}", "package a:b;\ninterface i { ' }\n",
              "unexpected character '\\''", at: "2:15"),
        .init("unexpected character {}", "package a:b;\n\u{1}\n",
              "unexpected character '\\u{1}'", at: "2:1"),
        .init("unexpected character {}", "package a:b;\n\u{0B}\n",
              "unexpected character '\\u{b}'", at: "2:1"),
        // Not an identifier start (XID_Start), so not part of any token; the column counts characters.
        .init("unexpected character {}", "package a:b; /* é */ €\n",
              "unexpected character '€'", at: "1:22"),

        .init("unterminated block comment", "package a:b;\ninterface i {}\n  /* never closed\n",
              "unterminated block comment", at: "3:3"),
        // Block comments nest: the outer one is left open.
        .init("unterminated block comment", "package a:b;\n/* outer /* inner */\n",
              "unterminated block comment", at: "2:1"),

        .init("invalid string character '\\n'", "package a:b;\n\"abc\ndef\"\n",
              "invalid string character '\\n'", at: "2:5"),
        .init("invalid string character '\\n'", "package a:b;\n\"ab\r\n\"\n",
              "invalid string character '\\n'", at: "2:4"),

        .init("unterminated string literal", "package a:b;\n\"never closed",
              "unterminated string literal", at: "2:1"),
        // An escaped quote does not close the string.
        .init("unterminated string literal", "package a:b;\n  \"a\\\"",
              "unterminated string literal", at: "2:3"),
    ]

    @Test(arguments: cases)
    func reports(_ testCase: DiagnosticCase) throws {
        try testCase.check(stage: .lexer)
    }

    /// The first lexical error stops the file, and the diagnostic spans the offending character.
    @Test func aLexicalErrorIsTheOnlyDiagnosticOfItsFileAndCoversOneCharacter() throws {
        let failure = try #require(TestSupport.load("package a:b;\ninterface i { € $ }\n").failureValue)
        #expect(failure.diagnostics.count == 1)
        let span = try #require(failure.diagnostics[0].span)
        #expect(failure.sources.text(of: span) == "€")
    }

    /// Each file is lexed on its own: two broken files give two diagnostics, in file order.
    @Test func everyFileReportsItsOwnLexicalError() throws {
        let failure = try #require(TestSupport.load(files: [WITFile("a.wit", "package a:b;\n$"),
                                                            WITFile("b.wit", "package a:b;\n\n  #")]).failureValue)
        #expect(failure.diagnostics.map { TestSupport.located($0, in: failure.sources).location } == ["a.wit:2:1", "b.wit:3:3"])
    }
}
