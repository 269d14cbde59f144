/// A recursive-descent parser for one WIT file. It reports the first error of
/// each item and skips to the next item, so one file can yield several
/// diagnostics without cascades.
struct Parser {
    /// Deeper nesting than this (types or packages) is an error, never a stack overflow.
    static let maximumNesting = 100
    /// Past this many diagnostics in one file, the rest are dropped.
    static let maximumDiagnostics = 50

    let tokens: TokenStream
    let sources: SourceMap
    var index = 0
    var diagnostics: [Diagnostic] = []
    var typeDepth = 0

    init(tokens: TokenStream, sources: SourceMap) {
        self.tokens = tokens
        self.sources = sources
    }

    // MARK: Token access

    var peek: TokenKind { tokens.tokens[index].kind }
    func peek(_ offset: Int) -> TokenKind { tokens.tokens[min(index + offset, tokens.tokens.count - 1)].kind }
    var currentSpan: Span { tokens.tokens[index].span }
    /// The end of the previously consumed token.
    var previousEnd: UInt32 { index > 0 ? tokens.tokens[index - 1].end : tokens.tokens[0].start }

    mutating func advance() {
        if index < tokens.tokens.count - 1 { index += 1 }
    }

    mutating func eat(_ kind: TokenKind) -> Bool {
        guard peek == kind else { return false }
        advance()
        return true
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(Diagnostic) -> Span {
        guard peek == kind else { throw unexpected(expected: kind.description) }
        let span = currentSpan
        advance()
        return span
    }

    func unexpected(expected: String) -> Diagnostic {
        Diagnostic("expected \(expected), found \(peek.description)", at: currentSpan)
    }

    func text(_ span: Span) -> String { sources.text(of: span) }

    /// An identifier or `%explicit` identifier.
    mutating func parseIdentifier() throws(Diagnostic) -> Identifier {
        switch peek {
        case .identifier:
            if !tokens.invalidIdentifiers.isEmpty, let failure = tokens.invalidIdentifiers[index] { throw failure }
            let span = currentSpan
            advance()
            return Identifier(name: text(span), span: span)
        case .explicitIdentifier:
            if !tokens.invalidIdentifiers.isEmpty, let failure = tokens.invalidIdentifiers[index] { throw failure }
            let span = currentSpan
            advance()
            return Identifier(name: String(text(span).dropFirst()), span: span)
        default:
            throw unexpected(expected: "an identifier or string")
        }
    }

    /// The comments directly before the current token.
    func docs() -> DocSpans {
        let upper = Int(tokens.tokens[index].commentsBefore)
        let lower = index > 0 ? Int(tokens.tokens[index - 1].commentsBefore) : 0
        return DocSpans(comments: tokens.comments[lower..<upper])
    }

    mutating func record(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.maximumDiagnostics { diagnostics.append(diagnostic) }
    }

    /// After an error in an item of a braced body: go back to the item's first token and
    /// skip the whole item, to the `;` that ends it or the `}` that closes its own block at
    /// its level, or stop before the `}` that closes the body. From the item's start, not
    /// from the error: an error inside a nested block (a resource's functions, a record's
    /// fields) then never takes that block's `}` for the body's.
    mutating func recoverInBody(fromItemAt start: Int) {
        index = start
        var depth = 0
        while peek != .endOfFile {
            switch peek {
            case .leftBrace:
                depth += 1
            case .rightBrace:
                if depth == 0 { return }
                depth -= 1
                if depth == 0 {
                    advance()
                    return
                }
            case .semicolon where depth == 0:
                advance()
                return
            default:
                break
            }
            advance()
        }
    }

    /// After an error at the top level: skip to the next token that can start an item.
    mutating func recoverAtTopLevel(nestedDepth: Int) {
        var depth = 0
        advance()
        while peek != .endOfFile {
            switch peek {
            case .leftBrace: depth += 1
            case .rightBrace:
                if depth == 0 && nestedDepth > 0 { return }
                depth = max(0, depth - 1)
            case .keywordInterface, .keywordWorld, .keywordPackage, .keywordUse, .at:
                if depth == 0 { return }
            default: break
            }
            advance()
        }
    }

    // MARK: Files and packages

    /// Parses a whole file.
    mutating func parseFile(fileIndex: Int) -> FileAST {
        var header: PackageDecl?
        if peek == .keywordPackage {
            let save = index
            let docs = self.docs()
            advance()
            do {
                let name = try parsePackageName()
                if eat(.semicolon) {
                    header = PackageDecl(docs: docs, name: name)
                } else {
                    index = save
                }
            } catch {
                index = save
            }
        }
        let items = parseDeclList(nestedDepth: 0)
        return FileAST(fileIndex: fileIndex, package: header, items: items)
    }

    mutating func parseDeclList(nestedDepth: Int) -> DeclList {
        var list = DeclList()
        while true {
            if nestedDepth > 0 {
                if eat(.rightBrace) { break }
                if peek == .endOfFile {
                    record(unexpected(expected: "'}'"))
                    break
                }
            } else if peek == .endOfFile {
                break
            }
            do {
                list.items.append(try parseTopLevelItem(nestedDepth: nestedDepth))
            } catch {
                record(error)
                if diagnostics.count >= Self.maximumDiagnostics { return list }
                recoverAtTopLevel(nestedDepth: nestedDepth)
            }
        }
        return list
    }

    mutating func parseTopLevelItem(nestedDepth: Int) throws(Diagnostic) -> TopLevelItem {
        let docs = self.docs()
        let attributes = try parseAttributes()
        switch peek {
        case .keywordInterface:
            return .interface(try parseInterface(docs: docs, attributes: attributes))
        case .keywordWorld:
            return .world(try parseWorld(docs: docs, attributes: attributes))
        case .keywordUse:
            let start = currentSpan.start
            advance()
            let path = try parseUsePath()
            var alias: Identifier?
            if eat(.keywordAs) { alias = try parseIdentifier() }
            try expect(.semicolon)
            return .use(TopLevelUse(attributes: attributes, path: path, alias: alias,
                                    span: Span(start: start, end: previousEnd)))
        case .keywordPackage:
            let keyword = currentSpan
            if nestedDepth + 1 > Self.maximumNesting {
                throw Diagnostic("package nesting too deep", at: keyword)
            }
            advance()
            let name = try parsePackageName()
            try expect(.leftBrace)
            let items = parseDeclList(nestedDepth: nestedDepth + 1)
            return .package(NestedPackage(decl: PackageDecl(docs: docs, name: name), items: items,
                                          span: Span(start: keyword.start, end: previousEnd)))
        default:
            throw unexpected(expected: "`world`, `interface` or `use`")
        }
    }

    /// `ns:name@version` after the `package` keyword.
    mutating func parsePackageName() throws(Diagnostic) -> PackageReference {
        let namespace = try parseIdentifier()
        try expect(.colon)
        let name = try parseIdentifier()
        var version: Version?
        var end = name.span.end
        if eat(.at) {
            let parsed = try parseVersion()
            version = parsed.version
            end = parsed.span.end
        }
        return PackageReference(name: PackageName(namespace: namespace.name, name: name.name, version: version),
                                span: Span(start: namespace.span.start, end: end))
    }

    /// A semantic version: `1.2.3`, then optional `-pre.release` and `+build` parts.
    /// As in the reference, a `-` or `+` counts only with parts after it: `1.0.0+` is
    /// `1.0.0`, and `1.0.0-x+` is `1.0.0-x`.
    mutating func parseVersion() throws(Diagnostic) -> (version: Version, span: Span) {
        let start = try expect(.integer).start
        try expect(.period)
        try expect(.integer)
        try expect(.period)
        var end = try expect(.integer).end
        for prefix in [TokenKind.minus, .plus] where eat(prefix) {
            while true {
                switch peek {
                case .identifier, .integer, .minus:
                    end = currentSpan.end
                    advance()
                    continue
                case .period where [.identifier, .integer, .minus].contains(peek(1)):
                    advance()
                    end = currentSpan.end
                    advance()
                    continue
                default:
                    break
                }
                break
            }
        }
        let span = Span(start: start, end: end)
        guard let version = Version(parsing: text(span)) else {
            throw Diagnostic("invalid semver version `\(text(span))`", at: span)
        }
        return (version, span)
    }

    /// `@since(version = V)`, `@unstable(feature = F)`, `@deprecated(version = V)`, any number.
    mutating func parseAttributes() throws(Diagnostic) -> [Attribute] {
        var attributes: [Attribute] = []
        while peek == .at {
            let start = currentSpan.start
            advance()
            let name = try parseIdentifier()
            switch name.name {
            case "since":
                try expect(.leftParen)
                try expectWord("version")
                try expect(.equals)
                let version = try parseVersion().version
                try expectClosingParen(attributeStart: start)
                attributes.append(.since(version: version, span: Span(start: start, end: previousEnd)))
            case "unstable":
                try expect(.leftParen)
                try expectWord("feature")
                try expect(.equals)
                let feature = try parseIdentifier()
                try expectClosingParen(attributeStart: start)
                attributes.append(.unstable(feature: feature, span: Span(start: start, end: previousEnd)))
            case "deprecated":
                try expect(.leftParen)
                try expectWord("version")
                try expect(.equals)
                let version = try parseVersion().version
                try expectClosingParen(attributeStart: start)
                attributes.append(.deprecated(version: version, span: Span(start: start, end: previousEnd)))
            default:
                throw Diagnostic("unknown attribute `\(name.name)`", at: name.span)
            }
        }
        return attributes
    }

    private mutating func expectWord(_ word: String) throws(Diagnostic) {
        let id = try parseIdentifier()
        guard id.name == word else {
            throw Diagnostic("expected `\(word)`, found `\(id.name)`", at: id.span)
        }
    }

    /// An attribute left open to the end of the file is reported at its start.
    private mutating func expectClosingParen(attributeStart: UInt32) throws(Diagnostic) {
        if peek == .endOfFile {
            throw Diagnostic("unterminated attribute: expected ')', found eof", at: Span(start: attributeStart, end: attributeStart + 1))
        }
        try expect(.rightParen)
    }

    /// `id`, or `ns:pkg/name@version`.
    mutating func parseUsePath() throws(Diagnostic) -> UsePath {
        let first = try parseIdentifier()
        guard eat(.colon) else { return .local(first) }
        let package = try parseIdentifier()
        try expect(.slash)
        let name = try parseIdentifier()
        var version: Version?
        var end = package.span.end
        if eat(.at) {
            let parsed = try parseVersion()
            version = parsed.version
            end = parsed.span.end
        }
        let reference = PackageReference(name: PackageName(namespace: first.name, name: package.name, version: version),
                                         span: Span(start: first.span.start, end: end))
        return .package(reference, name: name)
    }
}
