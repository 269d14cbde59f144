import Testing
@testable import WIT

/// Tokens, spans and comments of well-formed input.
@Suite struct LexerTests {
    /// The tokens of `text` (lexed at `base`) as kinds and the text under each span.
    func lex(_ text: String, base: UInt32 = 0) throws -> (tokens: [(kind: TokenKind, text: String)], stream: TokenStream) {
        var sources = SourceMap()
        let bytes = Array(text.utf8)
        if base > 0 { sources.add(SourceFile(path: "padding.wit", bytes: [UInt8](repeating: 0x20, count: Int(base) - 1))) }
        let actualBase = sources.add(SourceFile(path: "t.wit", bytes: bytes))
        #expect(actualBase == base)
        let stream = try Lexer.tokenize(bytes, base: actualBase).get()
        return (stream.tokens.map { ($0.kind, sources.text(of: $0.span)) }, stream)
    }

    @Test func punctuation() throws {
        let (tokens, _) = try lex("= , : ; ( ) { } < > -> * @ / . + -")
        #expect(tokens.map(\.kind) == [.equals, .comma, .colon, .semicolon, .leftParen, .rightParen, .leftBrace, .rightBrace,
                                       .lessThan, .greaterThan, .arrow, .star, .at, .slash, .period, .plus, .minus, .endOfFile])
        #expect(tokens.map(\.text) == ["=", ",", ":", ";", "(", ")", "{", "}", "<", ">", "->", "*", "@", "/", ".", "+", "-", ""])
    }

    @Test func arrowNeedsNoSpaceAndAMinusOnItsOwnIsAMinus() throws {
        let (tokens, _) = try lex("->-- >")
        #expect(tokens.map(\.kind) == [.arrow, .minus, .minus, .greaterThan, .endOfFile])
    }

    @Test func everyKeyword() throws {
        for (text, kind) in TokenKind.keywords {
            let (tokens, _) = try lex(text)
            #expect(tokens.map(\.kind) == [kind, .endOfFile], "\(text)")
            #expect(kind.isKeyword)
            #expect(kind.description == "keyword `\(text)`")
        }
        #expect(TokenKind.keywords.count == TokenKind.keywordText.count)
        #expect(!TokenKind.identifier.isKeyword && !TokenKind.endOfFile.isKeyword && !TokenKind.string.isKeyword)
    }

    @Test func wordsThatOnlyLookLikeKeywords() throws {
        let (tokens, _) = try lex("types u128 interfaces func-x resource2 error context TYPE")
        #expect(tokens.dropLast().allSatisfy { $0.kind == .identifier })
        #expect(tokens.count == 9)
    }

    @Test func identifiersIntegersAndStrings() throws {
        let (tokens, _) = try lex("get-user %interface 42 007 \"a \\\" b\" HTTP-ok x1-2")
        #expect(tokens.map(\.kind) == [.identifier, .explicitIdentifier, .integer, .integer, .string, .identifier, .identifier, .endOfFile])
        #expect(tokens.map(\.text) == ["get-user", "%interface", "42", "007", "\"a \\\" b\"", "HTTP-ok", "x1-2", ""])
    }

    /// A digit cannot start an identifier: `1abc` is an integer, then an identifier.
    @Test func digitsThenLetters() throws {
        let (tokens, _) = try lex("1abc")
        #expect(tokens.map(\.kind) == [.integer, .identifier, .endOfFile])
    }

    @Test func spansAreGlobalOffsets() throws {
        let (_, stream) = try lex("a  bc\n;", base: 100)
        #expect(stream.tokens.map(\.span) == [Span(start: 100, end: 101), Span(start: 103, end: 105),
                                             Span(start: 106, end: 107), Span(start: 107, end: 107)])
    }

    @Test func commentsAreKeptAsideAndCountedBeforeEachToken() throws {
        let text = "// one\n/* two /* nested */ */ a /// three\r\n/** four */ b"
        let (tokens, stream) = try lex(text)
        #expect(tokens.map(\.kind) == [.identifier, .identifier, .endOfFile])
        var sources = SourceMap()
        sources.add(SourceFile(path: "t.wit", text: text))
        // A line comment ends before its line break, "\r\n" included.
        #expect(stream.comments.map { sources.text(of: $0) } == ["// one", "/* two /* nested */ */", "/// three", "/** four */"])
        #expect(stream.tokens.map(\.commentsBefore) == [2, 4, 4])
    }

    @Test func byteOrderMarkAndCRLFLineBreaksAreAccepted() throws {
        let (tokens, stream) = try lex("\u{FEFF}a\r\nb\r\n")
        #expect(tokens.map(\.text) == ["a", "b", ""])
        #expect(stream.tokens[0].start == 3)
    }

    @Test func emptyInputIsJustTheEnd() throws {
        let (tokens, stream) = try lex("")
        #expect(tokens.map(\.kind) == [.endOfFile])
        #expect(stream.comments.isEmpty)
    }

    @Test func tokenDescriptionsUsedInMessages() {
        #expect(TokenKind.leftBrace.description == "'{'")
        #expect(TokenKind.arrow.description == "'->'")
        #expect(TokenKind.integer.description == "an integer")
        #expect(TokenKind.identifier.description == "an identifier")
        #expect(TokenKind.explicitIdentifier.description == "an explicit identifier")
        #expect(TokenKind.string.description == "a string")
        #expect(TokenKind.endOfFile.description == "eof")
        #expect(TokenKind.keywordErrorContext.description == "keyword `error-context`")
    }
}
