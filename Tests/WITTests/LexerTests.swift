import Testing
@testable import WIT

@Suite struct LexerTests {
    func kinds(_ text: String) throws -> [TokenKind] {
        try Lexer.tokenize(Array(text.utf8), base: 0).get().kinds
    }

    @Test func keywordsIdentifiersAndPunctuation() throws {
        #expect(try kinds("interface foo-bar { x: func() -> u32; }") ==
                [.keywordInterface, .identifier, .leftBrace, .identifier, .colon, .keywordFunc, .leftParen, .rightParen,
                 .arrow, .keywordU32, .semicolon, .rightBrace, .endOfFile])
    }
}
