/// Reads a component in the text format (`.wat`) into ``ComponentSyntax``, for
/// the constructs ``ComponentBinaryReader`` supports, written as
/// `wasm-tools print` writes them or by hand:
///
/// - `(component $id? FIELD*)` with fields `(type $id? TYPE)`, `(export $id? NAME (type IDX))`,
///   `(@custom "name" "data"*)` (other annotations, such as `(@producers …)`, are skipped);
/// - types `(component DECL*)`, `(instance DECL*)`, `(func async? (param "n" VT)* (result VT)?)`,
///   a primitive, `(record (field "n" VT)*)`, `(variant (case "n" VT?)*)`, `(list VT N?)`,
///   `(tuple VT*)`, `(flags "n"*)`, `(enum "n"*)`, `(option VT)`, `(result VT? (error VT)?)`,
///   `(own IDX)`, `(borrow IDX)`, `(future VT?)`, `(stream VT?)`, `(map VT VT)`;
/// - declarations `(type …)`, `(alias export IDX "n" (SORT $id?))`, `(alias outer OUT IDX (type $id?))`,
///   `(import NAME EXTERN)`, `(export NAME EXTERN)` with EXTERN `(type $id? (eq IDX))`,
///   `(type $id? (sub resource))`, `(func $id? (type IDX))`, `(instance $id? (type IDX))`,
///   `(component $id? (type IDX))`, or an inline function, instance or component type;
/// - NAME a string or `(interface "…")`; IDX a number or a `$name`; VT a primitive,
///   an IDX, or an inline type, which becomes a numbered definition before the
///   item that uses it, as the text format defines.
///
/// Anything else is an error at its line and column.
struct ComponentTextReader {
    /// An index space: named like the sort of what it holds.
    typealias Space = ComponentSyntax.Sort

    private struct Scope {
        var label: String?
        var names: [Space: [String: UInt32]] = [:]
        var counts: [Space: UInt32] = [:]
        var declarations: [ComponentSyntax.Declaration] = []
        var topItems: [ComponentSyntax.TopItem] = []
    }

    private var scopes: [Scope] = []

    /// Reads the component in `bytes`, whose first byte is at the global offset `base`.
    static func read(_ bytes: [UInt8], base: UInt32) throws(Diagnostic) -> [ComponentSyntax.TopItem] {
        let expressions = try SExpression.parse(bytes, base: base)
        guard let first = expressions.first else {
            throw Diagnostic("empty file: expected `(component …)`", at: Span(start: base, end: base + 1))
        }
        if expressions.count > 1 {
            throw Diagnostic("unexpected text after the component: a file holds one component", at: expressions[1].span)
        }
        guard case .list(let elements, _) = first, first.head == "component" else {
            if first.head == "module" {
                throw Diagnostic("this is a core WebAssembly module, not a component", at: first.span)
            }
            throw Diagnostic("expected `(component …)`", at: first.span)
        }
        var reader = ComponentTextReader()
        var index = 1
        let label = reader.identifier(elements, &index)
        reader.scopes = [Scope(label: label)]
        for element in elements[index...] { try reader.topLevel(element) }
        return reader.scopes[0].topItems
    }

    // MARK: Helpers

    func error(_ message: String, _ expression: SExpression) -> Diagnostic {
        Diagnostic(message, at: expression.span)
    }

    /// `$name` at `elements[index]`, consumed when present.
    func identifier(_ elements: [SExpression], _ index: inout Int) -> String? {
        guard index < elements.count, case .atom(let atom) = elements[index], case .identifier(let name) = atom.kind else {
            return nil
        }
        index += 1
        return name
    }

    func string(_ expression: SExpression, _ what: String) throws(Diagnostic) -> String {
        guard case .atom(let atom) = expression, case .string(let bytes) = atom.kind else {
            throw error("expected \(what) (a string)", expression)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw error("\(what) is not valid UTF-8", expression) }
        return text
    }

    /// An import or export name: a string, or `(interface "…")`.
    func externName(_ expression: SExpression) throws(Diagnostic) -> String {
        if case .list(let elements, _) = expression, expression.head == "interface", elements.count == 2 {
            return try string(elements[1], "an interface name")
        }
        return try string(expression, "a name")
    }

    func number(_ expression: SExpression, _ what: String) throws(Diagnostic) -> UInt32 {
        guard let word = expression.word else { throw error("expected \(what)", expression) }
        var digits = Substring(word)
        var radix: UInt64 = 10
        if let hexDigits = digits.dropPrefix("0x") {
            digits = hexDigits
            radix = 16
        }
        var value: UInt64 = 0
        var count = 0
        for character in digits where character != "_" {
            guard let digit = character.hexDigitValue, UInt64(digit) < radix else { throw error("expected \(what)", expression) }
            value = value * radix + UInt64(digit)
            count += 1
            guard value <= UInt64(UInt32.max) else { throw error("\(what) is too large", expression) }
        }
        guard count > 0 else { throw error("expected \(what)", expression) }
        return UInt32(value)
    }

    /// An index into a space of a scope: a number or a `$name`.
    func index(_ expression: SExpression, _ space: Space, scope: Int? = nil) throws(Diagnostic) -> UInt32 {
        if case .atom(let atom) = expression, case .identifier(let name) = atom.kind {
            guard let index = scopes[scope ?? scopes.count - 1].names[space]?[name] else {
                throw error("unknown \(space.rawValue) `$\(name)`", expression)
            }
            return index
        }
        return try number(expression, "a \(space.rawValue) index")
    }

    /// Gives `name` to the next index of `space`, which the caller is about to fill.
    private mutating func bind(_ name: String?, _ space: Space, _ expression: SExpression) throws(Diagnostic) {
        guard let name else { return }
        let current = scopes.count - 1
        let next = scopes[current].counts[space, default: 0]
        guard scopes[current].names[space, default: [:]].updateValue(next, forKey: name) == nil else {
            throw error("duplicate \(space.rawValue) identifier `$\(name)`", expression)
        }
    }

    private mutating func advance(_ space: Space) -> UInt32 {
        let current = scopes.count - 1
        let index = scopes[current].counts[space, default: 0]
        scopes[current].counts[space] = index + 1
        return index
    }

    /// Appends a type definition to the current scope and returns its index.
    mutating func emitType(_ definition: ComponentSyntax.TypeDefinition, _ span: Span) -> UInt32 {
        if scopes.count == 1 {
            scopes[0].topItems.append(.type(definition, span))
        } else {
            scopes[scopes.count - 1].declarations.append(.type(definition, span))
        }
        return advance(.type)
    }

    // MARK: Top level

    private mutating func topLevel(_ expression: SExpression) throws(Diagnostic) {
        guard case .list(let elements, let span) = expression, let head = expression.head else {
            throw error("expected a component field such as `(type …)` or `(export …)`", expression)
        }
        switch head {
        case "type":
            try typeField(elements, expression)
        case "export":
            var index = 1
            let name = identifier(elements, &index)
            guard elements.count == index + 2 || elements.count == index + 3 else {
                throw error("expected `(export \"name\" (type IDX))`", expression)
            }
            let exportName = try externName(elements[index])
            let sort = elements[index + 1]
            guard case .list(let sortElements, _) = sort, sort.head == "type", sortElements.count == 2 else {
                throw error("unsupported export: a WIT package exports only types, as `(type IDX)`", sort)
            }
            if elements.count == index + 3 {
                throw error("unsupported type ascription on the export `\(exportName)`", elements[index + 2])
            }
            let typeIndex = try self.index(sortElements[1], .type)
            try bind(name, .type, expression)
            scopes[0].topItems.append(.export(name: exportName, typeIndex: typeIndex, span))
            _ = advance(.type)
        case "@custom":
            guard elements.count >= 2 else { throw error("expected `(@custom \"name\" \"data\"…)`", expression) }
            let name = try string(elements[1], "a custom section name")
            var data: [UInt8] = []
            for element in elements.dropFirst(2) {
                if case .list = element { continue }  // a placement such as `(after type)`
                guard case .atom(let atom) = element, case .string(let bytes) = atom.kind else {
                    throw error("expected custom section data (strings)", element)
                }
                data += bytes
            }
            scopes[0].topItems.append(.custom(name: name, data: data, span))
        default:
            if head.hasPrefix("@") { return }  // other annotations (`@producers`, `@name`, …) carry no WIT
            throw error("unsupported `(\(head) …)` in a component: a WIT package encoded as a component has only types, type exports and custom sections",
                        expression)
        }
    }

    /// `(type $id? TYPE)`, at the top level or in a component or instance type.
    mutating func typeField(_ elements: [SExpression], _ expression: SExpression) throws(Diagnostic) {
        var index = 1
        let name = identifier(elements, &index)
        guard elements.count == index + 1 else { throw error("expected `(type $name? TYPE)`", expression) }
        let definition = try typeDefinition(elements[index], label: name)
        try bind(name, .type, expression)
        _ = emitType(definition, expression.span)
    }

    // MARK: Component and instance types

    mutating func declarations(_ elements: ArraySlice<SExpression>, label: String?,
                               inComponent: Bool) throws(Diagnostic) -> [ComponentSyntax.Declaration] {
        scopes.append(Scope(label: label))
        for element in elements { try declaration(element, inComponent: inComponent) }
        return scopes.removeLast().declarations
    }

    private mutating func emit(_ declaration: ComponentSyntax.Declaration, in space: Space, named name: String?,
                               _ expression: SExpression) throws(Diagnostic) {
        try bind(name, space, expression)
        scopes[scopes.count - 1].declarations.append(declaration)
        _ = advance(space)
    }

    private mutating func declaration(_ expression: SExpression, inComponent: Bool) throws(Diagnostic) {
        guard case .list(let elements, let span) = expression, let head = expression.head else {
            throw error("expected a declaration such as `(type …)`, `(alias …)`, `(import …)` or `(export …)`", expression)
        }
        switch head {
        case "type":
            try typeField(elements, expression)
        case "alias":
            try alias(elements, expression)
        case "import" where inComponent, "export":
            // `(export "name" (type $id …))`: the `$id` is part of the extern type.
            guard elements.count == 3 else { throw error("expected `(\(head) \"name\" EXTERN)`", expression) }
            let externName = try externName(elements[1])
            let (type, space, name) = try externType(elements[2])
            let declaration: ComponentSyntax.Declaration = head == "import" ? .import(name: externName, type, span)
                                                                            : .export(name: externName, type, span)
            try emit(declaration, in: space, named: name, expression)
        default:
            if head.hasPrefix("@") { return }
            throw error("unsupported `(\(head) …)` in \(inComponent ? "a component" : "an instance") type", expression)
        }
    }

    /// `(SORT $name?)` ending an alias.
    private func sort(_ expression: SExpression) throws(Diagnostic) -> (Space, String?) {
        guard case .list(let elements, _) = expression, let head = expression.head, let sort = Space(rawValue: head) else {
            throw error("expected an alias sort: `(type)`, `(func)`, `(instance)` or `(component)`", expression)
        }
        var index = 1
        let name = identifier(elements, &index)
        guard index == elements.count else { throw error("expected `(\(head) $name?)`", expression) }
        return (sort, name)
    }

    private mutating func alias(_ elements: [SExpression], _ expression: SExpression) throws(Diagnostic) {
        guard elements.count >= 2, let kind = elements[1].word else { throw error("expected `(alias export …)` or `(alias outer …)`", expression) }
        switch kind {
        case "export":
            guard elements.count == 5 else { throw error("expected `(alias export INSTANCE \"name\" (SORT))`", expression) }
            let instance = try index(elements[2], .instance)
            let name = try string(elements[3], "an export name")
            let (sort, label) = try self.sort(elements[4])
            try emit(.alias(.instanceExport(instance: instance, name: name, sort: sort), expression.span), in: sort,
                     named: label, expression)
        case "outer":
            guard elements.count == 5 else { throw error("expected `(alias outer OUTER INDEX (type))`", expression) }
            let count: UInt32
            if case .atom(let atom) = elements[2], case .identifier(let name) = atom.kind {
                guard let position = scopes.lastIndex(where: { $0.label == name }) else {
                    throw error("unknown enclosing type `$\(name)`", elements[2])
                }
                count = UInt32(scopes.count - 1 - position)
            } else {
                count = try number(elements[2], "an outer alias count")
            }
            let (sort, label) = try self.sort(elements[4])
            guard Int(count) < scopes.count else { throw error("outer alias count \(count) reaches past the outermost scope", elements[2]) }
            let target = try index(elements[3], sort, scope: scopes.count - 1 - Int(count))
            try emit(.alias(.outer(count: count, index: target, sort: sort), expression.span), in: sort, named: label, expression)
        default:
            throw error("unsupported alias `\(kind)`: only `export` and `outer` aliases are supported", elements[1])
        }
    }

    /// An import's or export's type, the index space it adds to, and its `$name`.
    private mutating func externType(_ expression: SExpression) throws(Diagnostic) -> (ComponentSyntax.ExternType, Space, String?) {
        guard case .list(let elements, _) = expression, let head = expression.head else {
            throw error("expected an import or export type such as `(type (eq IDX))` or `(instance (type IDX))`", expression)
        }
        var index = 1
        let name = identifier(elements, &index)
        let rest = elements[index...]
        // `(func (type IDX))`, `(instance (type IDX))`, `(component (type IDX))`: a type by index.
        func typeUse() throws(Diagnostic) -> UInt32? {
            guard rest.count == 1, let only = rest.first, case .list(let use, _) = only, only.head == "type",
                  use.count == 2, case .atom = use[1] else { return nil }
            return try self.index(use[1], .type)
        }
        switch head {
        case "type":
            guard rest.count == 1, let bound = rest.first, case .list(let boundElements, _) = bound else {
                throw error("expected `(type $name? (eq IDX))` or `(type $name? (sub resource))`", expression)
            }
            if bound.head == "eq", boundElements.count == 2 {
                return (.type(.equal(try self.index(boundElements[1], .type))), .type, name)
            }
            if bound.head == "sub", boundElements.count == 2, boundElements[1].word == "resource" {
                return (.type(.subResource), .type, name)
            }
            throw error("expected a type bound: `(eq IDX)` or `(sub resource)`", bound)
        case "func":
            if let type = try typeUse() { return (.function(type), .function, name) }
            let function = try functionType(rest, expression)
            return (.function(emitType(.function(function), expression.span)), .function, name)
        case "instance":
            if let type = try typeUse() { return (.instance(type), .instance, name) }
            let declarations = try self.declarations(rest, label: nil, inComponent: false)
            return (.instance(emitType(.instance(declarations), expression.span)), .instance, name)
        case "component":
            if let type = try typeUse() { return (.component(type), .component, name) }
            let declarations = try self.declarations(rest, label: nil, inComponent: true)
            return (.component(emitType(.component(declarations), expression.span)), .component, name)
        default:
            throw error("unsupported import or export of `(\(head) …)`", expression)
        }
    }
}
