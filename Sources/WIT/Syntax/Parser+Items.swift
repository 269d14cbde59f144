extension Parser {
    // MARK: Interfaces

    mutating func parseInterface(docs: DocSpans, attributes: [Attribute]) throws(Diagnostic) -> InterfaceDecl {
        try expect(.keywordInterface)
        let name = try parseIdentifier()
        let items = try parseInterfaceBody()
        return InterfaceDecl(docs: docs, attributes: attributes, name: name, items: items)
    }

    /// `{ items }`; an error inside one item is recorded and the next item is tried.
    mutating func parseInterfaceBody() throws(Diagnostic) -> [InterfaceItem] {
        try expect(.leftBrace)
        var items: [InterfaceItem] = []
        while !eat(.rightBrace) {
            let itemStart = index
            do {
                items.appendReserving(try parseInterfaceItem(), firstCapacity: 8)
            } catch {
                if peek == .endOfFile { throw error }
                record(error)
                if diagnostics.count >= Self.maximumDiagnostics { throw error }
                recoverInBody(fromItemAt: itemStart)
            }
        }
        return items
    }

    mutating func parseInterfaceItem() throws(Diagnostic) -> InterfaceItem {
        let docs = self.docs()
        let attributes = try parseAttributes()
        switch peek {
        case .keywordUse:
            return .use(try parseUse(attributes: attributes))
        case .keywordType, .keywordFlags, .keywordEnum, .keywordVariant, .keywordResource, .keywordRecord:
            return .type(try parseTypeDecl(docs: docs, attributes: attributes))
        case .identifier, .explicitIdentifier:
            let name = try parseIdentifier()
            try expect(.colon)
            let function = try parseFunctionType()
            try expect(.semicolon)
            return .function(NamedFunction(docs: docs, attributes: attributes, name: name, function: function))
        default:
            throw unexpected(expected: "`type`, `resource` or `func`")
        }
    }

    /// `use path.{a, b as c};`
    mutating func parseUse(attributes: [Attribute]) throws(Diagnostic) -> UseDecl {
        let start = try expect(.keywordUse).start
        let path = try parseUsePath()
        try expect(.period)
        try expect(.leftBrace)
        var names: [UseName] = []
        while !eat(.rightBrace) {
            let name = try parseIdentifier()
            var alias: Identifier?
            if eat(.keywordAs) { alias = try parseIdentifier() }
            names.appendReserving(UseName(name: name, alias: alias))
            if !eat(.comma) {
                try expect(.rightBrace)
                break
            }
        }
        try expect(.semicolon)
        return UseDecl(attributes: attributes, path: path, names: names, span: Span(start: start, end: previousEnd))
    }

    /// `async? func(params) (-> type)?`
    mutating func parseFunctionType() throws(Diagnostic) -> FunctionType {
        let start = currentSpan.start
        let isAsync = eat(.keywordAsync)
        try expect(.keywordFunc)
        let params = try parseParams()
        var result: TypeExpr?
        if eat(.arrow) { result = try parseType() }
        return FunctionType(isAsync: isAsync, params: params, result: result, span: Span(start: start, end: previousEnd))
    }

    mutating func parseParams() throws(Diagnostic) -> [(name: Identifier, type: TypeExpr)] {
        try expect(.leftParen)
        var params: [(name: Identifier, type: TypeExpr)] = []
        while !eat(.rightParen) {
            let name = try parseIdentifier()
            try expect(.colon)
            let type = try parseType()
            params.appendReserving((name, type))
            if !eat(.comma) {
                try expect(.rightParen)
                break
            }
        }
        return params
    }

    // MARK: Type definitions

    mutating func parseTypeDecl(docs: DocSpans, attributes: [Attribute]) throws(Diagnostic) -> TypeDecl {
        let keyword = peek
        advance()
        let name = try parseIdentifier()
        let body: TypeExpr
        switch keyword {
        case .keywordType:
            try expect(.equals)
            body = try parseType()
            try expect(.semicolon)
        case .keywordFlags:
            let flags = try parseBracedList { (parser: inout Parser) throws(Diagnostic) -> NameDecl in
                let docs = parser.docs()
                return NameDecl(docs: docs, name: try parser.parseIdentifier())
            }
            body = .flags(flags: flags, name.span)
        case .keywordEnum:
            let cases = try parseBracedList { (parser: inout Parser) throws(Diagnostic) -> NameDecl in
                let docs = parser.docs()
                return NameDecl(docs: docs, name: try parser.parseIdentifier())
            }
            body = .enumeration(cases: cases, name.span)
        case .keywordVariant:
            let cases = try parseBracedList { (parser: inout Parser) throws(Diagnostic) -> CaseDecl in
                let docs = parser.docs()
                let name = try parser.parseIdentifier()
                var type: TypeExpr?
                if parser.eat(.leftParen) {
                    type = try parser.parseType()
                    try parser.expect(.rightParen)
                }
                return CaseDecl(docs: docs, name: name, type: type)
            }
            body = .variant(cases: cases, name.span)
        case .keywordRecord:
            let fields = try parseBracedList { (parser: inout Parser) throws(Diagnostic) -> FieldDecl in
                let docs = parser.docs()
                let name = try parser.parseIdentifier()
                try parser.expect(.colon)
                return FieldDecl(docs: docs, name: name, type: try parser.parseType())
            }
            body = .record(fields: fields, name.span)
        default:
            body = .resource(functions: try parseResourceBody(), name.span)
        }
        return TypeDecl(docs: docs, attributes: attributes, name: name, body: body)
    }

    /// `{ a, b, c }` with an optional trailing comma.
    mutating func parseBracedList<Element>(
        _ element: (inout Parser) throws(Diagnostic) -> Element
    ) throws(Diagnostic) -> [Element] {
        try expect(.leftBrace)
        var elements: [Element] = []
        while !eat(.rightBrace) {
            elements.appendReserving(try element(&self))
            if !eat(.comma) {
                try expect(.rightBrace)
                break
            }
        }
        return elements
    }

    /// `;` or `{ constructor(...); name: func...; name: static func...; }`
    mutating func parseResourceBody() throws(Diagnostic) -> [ResourceFunction] {
        if eat(.semicolon) { return [] }
        try expect(.leftBrace)
        var functions: [ResourceFunction] = []
        while true {
            let docs = self.docs()
            if eat(.rightBrace) { break }
            let attributes = try parseAttributes()
            switch peek {
            case .keywordConstructor:
                let keyword = currentSpan
                advance()
                let start = currentSpan.start
                let params = try parseParams()
                var result: TypeExpr?
                if eat(.arrow) { result = try parseType() }
                // Like every function type's span, the constructor's ends before the `;`.
                let function = FunctionType(isAsync: false, params: params, result: result,
                                            span: Span(start: start, end: previousEnd))
                try expect(.semicolon)
                functions.appendReserving(.constructor(NamedFunction(
                    docs: docs, attributes: attributes,
                    name: Identifier(name: "constructor", span: keyword), function: function)))
            case .identifier, .explicitIdentifier:
                let name = try parseIdentifier()
                try expect(.colon)
                let isStatic = eat(.keywordStatic)
                let function = try parseFunctionType()
                try expect(.semicolon)
                let named = NamedFunction(docs: docs, attributes: attributes, name: name, function: function)
                functions.appendReserving(isStatic ? .static(named) : .method(named))
            default:
                throw unexpected(expected: "`constructor` or identifier")
            }
        }
        return functions
    }

    // MARK: Types

    /// A type expression. Nesting deeper than ``maximumNesting`` is an error.
    mutating func parseType() throws(Diagnostic) -> TypeExpr {
        let start = currentSpan
        typeDepth += 1
        defer { typeDepth -= 1 }
        if typeDepth > Self.maximumNesting {
            throw Diagnostic("type nesting too deep", at: start)
        }
        func spanFrom(_ parser: Parser) -> Span { Span(start: start.start, end: parser.previousEnd) }
        let primitive: PrimitiveType?
        switch peek {
        case .keywordBool: primitive = .bool
        case .keywordU8: primitive = .u8
        case .keywordU16: primitive = .u16
        case .keywordU32: primitive = .u32
        case .keywordU64: primitive = .u64
        case .keywordS8: primitive = .s8
        case .keywordS16: primitive = .s16
        case .keywordS32: primitive = .s32
        case .keywordS64: primitive = .s64
        case .keywordF32: primitive = .f32
        case .keywordF64: primitive = .f64
        case .keywordChar: primitive = .char
        case .keywordString: primitive = .string
        case .keywordErrorContext: primitive = .errorContext
        default: primitive = nil
        }
        if let primitive {
            advance()
            return .primitive(primitive, start)
        }
        switch peek {
        case .identifier, .explicitIdentifier:
            return .name(try parseIdentifier())
        case .keywordList:
            advance()
            try expect(.lessThan)
            let element = try parseType()
            if eat(.comma) {
                guard peek == .integer else { throw unexpected(expected: "fixed-length") }
                let sizeSpan = currentSpan
                advance()
                guard let size = UInt32(text(sizeSpan)) else {
                    throw Diagnostic("invalid list size: number too large to fit in target type", at: sizeSpan)
                }
                try expect(.greaterThan)
                return .fixedList(element, size: size, spanFrom(self))
            }
            try expect(.greaterThan)
            return .list(element, spanFrom(self))
        case .keywordMap:
            advance()
            try expect(.lessThan)
            let key = try parseType()
            try expect(.comma)
            let value = try parseType()
            try expect(.greaterThan)
            return .map(key: key, value: value, spanFrom(self))
        case .keywordOption:
            advance()
            try expect(.lessThan)
            let element = try parseType()
            try expect(.greaterThan)
            return .option(element, spanFrom(self))
        case .keywordResult:
            advance()
            var ok: TypeExpr?
            var err: TypeExpr?
            if eat(.lessThan) {
                if eat(.keywordUnderscore) {
                    try expect(.comma)
                    err = try parseType()
                } else {
                    ok = try parseType()
                    if eat(.comma) { err = try parseType() }
                }
                try expect(.greaterThan)
            }
            return .result(ok: ok, err: err, spanFrom(self))
        case .keywordFuture, .keywordStream:
            let isFuture = peek == .keywordFuture
            advance()
            var element: TypeExpr?
            if eat(.lessThan) {
                element = try parseType()
                try expect(.greaterThan)
            }
            return isFuture ? .future(element, spanFrom(self)) : .stream(element, spanFrom(self))
        case .keywordTuple:
            advance()
            try expect(.lessThan)
            var elements: [TypeExpr] = []
            while !eat(.greaterThan) {
                elements.appendReserving(try parseType())
                if !eat(.comma) {
                    try expect(.greaterThan)
                    break
                }
            }
            return .tuple(elements, spanFrom(self))
        case .keywordOwn, .keywordBorrow:
            let isOwn = peek == .keywordOwn
            advance()
            try expect(.lessThan)
            let resource = try parseIdentifier()
            try expect(.greaterThan)
            return isOwn ? .own(resource, spanFrom(self)) : .borrow(resource, spanFrom(self))
        default:
            throw unexpected(expected: "a type")
        }
    }

    // MARK: Worlds

    mutating func parseWorld(docs: DocSpans, attributes: [Attribute]) throws(Diagnostic) -> WorldDecl {
        try expect(.keywordWorld)
        let name = try parseIdentifier()
        try expect(.leftBrace)
        var items: [WorldItemDecl] = []
        while !eat(.rightBrace) {
            let itemStart = index
            do {
                items.append(try parseWorldItem())
            } catch {
                if peek == .endOfFile { throw error }
                record(error)
                if diagnostics.count >= Self.maximumDiagnostics { throw error }
                recoverInBody(fromItemAt: itemStart)
            }
        }
        return WorldDecl(docs: docs, attributes: attributes, name: name, items: items)
    }

    mutating func parseWorldItem() throws(Diagnostic) -> WorldItemDecl {
        let docs = self.docs()
        let attributes = try parseAttributes()
        switch peek {
        case .keywordImport, .keywordExport:
            let isImport = peek == .keywordImport
            advance()
            let kind = try parseExternKind()
            let decl = ExternDecl(docs: docs, attributes: attributes, kind: kind)
            return isImport ? .import(decl) : .export(decl)
        case .keywordUse:
            return .use(try parseUse(attributes: attributes))
        case .keywordType, .keywordFlags, .keywordEnum, .keywordVariant, .keywordResource, .keywordRecord:
            return .type(try parseTypeDecl(docs: docs, attributes: attributes))
        case .keywordInclude:
            let start = currentSpan.start
            advance()
            let path = try parseUsePath()
            var names: [(name: Identifier, alias: Identifier)] = []
            if eat(.keywordWith) {
                names = try parseBracedList { (parser: inout Parser) throws(Diagnostic) -> (name: Identifier, alias: Identifier) in
                    let name = try parser.parseIdentifier()
                    try parser.expect(.keywordAs)
                    return (name, try parser.parseIdentifier())
                }
            } else {
                try expect(.semicolon)
            }
            return .include(IncludeDecl(attributes: attributes, path: path, names: names,
                                        span: Span(start: start, end: previousEnd)))
        default:
            throw unexpected(expected: "`import`, `export`, `include`, `use`, or type definition")
        }
    }

    /// What follows `import`/`export`: a function, an inline interface, a path,
    /// or a name given to a path (`import name: path;`).
    mutating func parseExternKind() throws(Diagnostic) -> ExternKind {
        let save = index
        if peek == .identifier || peek == .explicitIdentifier {
            let name = try parseIdentifier()
            if eat(.colon) {
                switch peek {
                case .keywordFunc, .keywordAsync:
                    let function = try parseFunctionType()
                    try expect(.semicolon)
                    return .function(name: name, function)
                case .keywordInterface:
                    let start = currentSpan.start
                    advance()
                    let items = try parseInterfaceBody()
                    return .interface(name: name, items: items, span: Span(start: start, end: previousEnd))
                case .identifier where peek(1) != .slash, .explicitIdentifier where peek(1) != .slash:
                    let path = try parseUsePath()
                    try expect(.semicolon)
                    return .namedPath(name: name, path: path)
                default:
                    break
                }
            }
        }
        index = save
        let path = try parseUsePath()
        try expect(.semicolon)
        return .path(path)
    }
}
