/// The kinds of tokens in WIT source.
enum TokenKind: UInt8, Sendable {
    case equals, comma, colon, semicolon, leftParen, rightParen, leftBrace, rightBrace
    case lessThan, greaterThan, arrow, star, at, slash, period, plus, minus
    case integer, identifier, explicitIdentifier, string
    // Keywords.
    case keywordUse, keywordType, keywordFunc, keywordU8, keywordU16, keywordU32, keywordU64
    case keywordS8, keywordS16, keywordS32, keywordS64, keywordF32, keywordF64, keywordChar
    case keywordResource, keywordOwn, keywordBorrow, keywordRecord, keywordFlags, keywordVariant
    case keywordEnum, keywordBool, keywordString, keywordOption, keywordResult, keywordFuture
    case keywordStream, keywordErrorContext, keywordList, keywordMap, keywordUnderscore, keywordAs
    case keywordFrom, keywordStatic, keywordInterface, keywordTuple, keywordImport, keywordExport
    case keywordWorld, keywordPackage, keywordConstructor, keywordAsync, keywordInclude, keywordWith
    case endOfFile

    /// How the token is named in "expected X, found Y" messages.
    var description: String {
        switch self {
        case .equals: return "'='"
        case .comma: return "','"
        case .colon: return "':'"
        case .semicolon: return "';'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .lessThan: return "'<'"
        case .greaterThan: return "'>'"
        case .arrow: return "'->'"
        case .star: return "'*'"
        case .at: return "'@'"
        case .slash: return "'/'"
        case .period: return "'.'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .integer: return "an integer"
        case .identifier: return "an identifier"
        case .explicitIdentifier: return "an explicit identifier"
        case .string: return "a string"
        case .endOfFile: return "eof"
        default: return "keyword `\(Self.keywordText[self] ?? "?")`"
        }
    }

    /// Whether the token is a keyword.
    var isKeyword: Bool { rawValue >= TokenKind.keywordUse.rawValue && rawValue <= TokenKind.keywordWith.rawValue }

    static let keywords: [String: TokenKind] = [
        "use": .keywordUse, "type": .keywordType, "func": .keywordFunc,
        "u8": .keywordU8, "u16": .keywordU16, "u32": .keywordU32, "u64": .keywordU64,
        "s8": .keywordS8, "s16": .keywordS16, "s32": .keywordS32, "s64": .keywordS64,
        "f32": .keywordF32, "f64": .keywordF64, "char": .keywordChar,
        "resource": .keywordResource, "own": .keywordOwn, "borrow": .keywordBorrow,
        "record": .keywordRecord, "flags": .keywordFlags, "variant": .keywordVariant,
        "enum": .keywordEnum, "bool": .keywordBool, "string": .keywordString,
        "option": .keywordOption, "result": .keywordResult, "future": .keywordFuture,
        "stream": .keywordStream, "error-context": .keywordErrorContext, "list": .keywordList,
        "map": .keywordMap, "_": .keywordUnderscore, "as": .keywordAs, "from": .keywordFrom,
        "static": .keywordStatic, "interface": .keywordInterface, "tuple": .keywordTuple,
        "import": .keywordImport, "export": .keywordExport, "world": .keywordWorld,
        "package": .keywordPackage, "constructor": .keywordConstructor, "async": .keywordAsync,
        "include": .keywordInclude, "with": .keywordWith,
    ]

    static let keywordText: [TokenKind: String] = {
        var result: [TokenKind: String] = [:]
        for (text, kind) in keywords { result[kind] = text }
        return result
    }()
}

/// One token: its kind, its global byte range, and how many comments precede it in the file.
struct Token: Sendable {
    var kind: TokenKind
    /// Global start offset.
    var start: UInt32
    /// Global end offset.
    var end: UInt32
    /// The number of comments before this token in the file.
    var commentsBefore: UInt32

    var span: Span { Span(start: start, end: end) }
}

/// The tokens of one file, with the comments kept aside.
struct TokenStream: Sendable {
    /// The tokens; the last one is always `.endOfFile`.
    var tokens: [Token] = []
    /// Every comment, in order, as global spans.
    var comments: [Span] = []
    /// Identifier tokens (plain or `%`-escaped) that are not valid identifiers (`a-`,
    /// `a--b`, `%9`), by token index, with what is wrong: reported when the parser takes one
    /// for an identifier, as the reference does; a version's pre-release or build part takes
    /// plain ones as they are (`1.0.0-a-`).
    var invalidIdentifiers: [Int: Diagnostic] = [:]
}
