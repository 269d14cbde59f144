/// `include other-world with { a as b }`: copies another world's imports and
/// exports, renaming where asked, and cloning the types the included world
/// owns (and anonymous types built on them) so the including world owns its copies.
enum WorldInclusion {
    static func include(_ included: WorldID, into target: WorldID, names: [(name: String, alias: String)],
                        span: Span, resolve: inout Resolve) throws(Diagnostic) {
        let source = resolve[included]
        var unmatched = names
        for key in source.imports.keys + source.exports.keys {
            if case .name(let name) = key {
                unmatched.removeAll { rename(name, $0) != nil }
            }
        }
        if let first = unmatched.first {
            throw Diagnostic("no import or export kebab-name `\(first.name)`. Note that an ID does not support renaming", at: span)
        }
        // A `@since` gate belongs to the package that wrote it: included from another package, it is dropped.
        let isExternal = source.package != resolve[target].package
        var cloner = Cloner(from: included, to: target)
        for (isImport, items) in [(true, source.imports), (false, source.exports)] {
            for (key, item) in items {
                let kind = isImport ? "import" : "export"
                switch key {
                case .name(let original):
                    let name = names.lazy.compactMap { rename(original, $0) }.first ?? original
                    var item = item
                    switch item {
                    case .type(let id):
                        let cloned = cloner.clone(id, &resolve)
                        resolve[cloned].name = name
                        item = .type(cloned)
                    case .function(var function):
                        cloner.clone(&function, &resolve)
                        function.name = name
                        item = .function(function)
                    case .interface:
                        break
                    }
                    let previous = isImport
                        ? resolve[target].imports.updateValue(item, forKey: .name(name))
                        : resolve[target].exports.updateValue(item, forKey: .name(name))
                    if previous != nil {
                        throw Diagnostic("\(kind) of `\(name)` shadows previously \(kind)ed items", at: span)
                    }
                case .interface:
                    // The world's own item, or else the included one; then the included gate is
                    // taken in. A stable gate from another package is dropped, and clears the
                    // world's own gate too (as the reference does). The item keeps its docs.
                    guard case .interface(_, let from, _) = item else { continue }
                    let existing = isImport ? resolve[target].imports[key] : resolve[target].exports[key]
                    guard case .interface(let id, var stability, let docs) = existing ?? item else { continue }
                    if isExternal, case .stable = from {
                        stability = .unknown
                    } else if !stability.update(from: from) {
                        throw Diagnostic(Stability.mismatchMessage(from: from, into: stability), at: nil)
                    }
                    let merged = WorldItem.interface(id, stability: stability, docs: docs)
                    if isImport { resolve[target].imports[key] = merged } else { resolve[target].exports[key] = merged }
                }
            }
        }
    }

    /// `[method]a.b` renamed by `a as c` is `[method]c.b`; plain names are renamed as they are.
    static func rename(_ original: String, _ include: (name: String, alias: String)) -> String? {
        if original == include.name { return include.alias }
        guard let close = original.firstIndex(of: "]") else { return nil }
        let kind = original[...close]
        let rest = original[original.index(after: close)...]
        if let dot = rest.firstIndex(of: "."), rest[..<dot] == include.name {
            return "\(kind)\(include.alias).\(rest[rest.index(after: dot)...])"
        }
        if rest == include.name { return "\(kind)\(include.alias)" }
        return nil
    }

    /// Kebab-case names are case-insensitive: `get-user` and `GET-USER` collide.
    static func checkCaseInsensitiveNames(_ id: WorldID, spans: UnresolvedPackage.WorldSpans, resolve: Resolve) throws(Diagnostic) {
        let world = resolve[id]
        for (items, itemSpans) in [(world.imports, spans.imports), (world.exports, spans.exports)] {
            var seen: [FoldedName: String] = [:]
            for (index, key) in items.keys.enumerated() {
                guard case .name(let name) = key else { continue }
                let folded = FoldedName(name)
                if let previous = seen[folded], previous != name {
                    throw Diagnostic("name `\(name)` conflicts with previous name `\(previous)`",
                                     at: itemSpans[safe: index] ?? spans.span)
                }
                seen[folded] = name
            }
        }
    }
}

/// Copies types owned by one world (and anonymous types) into another.
struct Cloner {
    let from: WorldID
    let to: WorldID
    var copies: [TypeID: TypeID] = [:]

    init(from: WorldID, to: WorldID) {
        self.from = from
        self.to = to
    }

    mutating func clone(_ id: TypeID, _ resolve: inout Resolve) -> TypeID {
        if let copy = copies[id] { return copy }
        var type = resolve[id]
        switch type.owner {
        case .interface: return id
        case .world(let owner) where owner != from: return id
        default: break
        }
        if case .world = type.owner { type.owner = .world(to) }
        switch type.kind {
        case .resource, .flags, .enumeration, .unknown: break
        case .alias(let target): type.kind = .alias(clone(target, &resolve))
        case .handle(.own(let target)): type.kind = .handle(.own(clone(target, &resolve)))
        case .handle(.borrow(let target)): type.kind = .handle(.borrow(clone(target, &resolve)))
        case .record(var fields):
            for index in fields.indices { fields[index].type = clone(fields[index].type, &resolve) }
            type.kind = .record(fields)
        case .tuple(let elements): type.kind = .tuple(elements.map { clone($0, &resolve) })
        case .variant(var cases):
            for index in cases.indices { cases[index].type = cases[index].type.map { clone($0, &resolve) } }
            type.kind = .variant(cases)
        case .option(let element): type.kind = .option(clone(element, &resolve))
        case .list(let element): type.kind = .list(clone(element, &resolve))
        case .fixedSizeList(let element, let size): type.kind = .fixedSizeList(clone(element, &resolve), size: size)
        case .future(let element): type.kind = .future(element.map { clone($0, &resolve) })
        case .stream(let element): type.kind = .stream(element.map { clone($0, &resolve) })
        case .map(let key, let value): type.kind = .map(key: clone(key, &resolve), value: clone(value, &resolve))
        case .result(let ok, let err):
            type.kind = .result(ok: ok.map { clone($0, &resolve) }, err: err.map { clone($0, &resolve) })
        }
        let copy = TypeID(resolve.types.count)
        resolve.types.append(type)
        copies[id] = copy
        return copy
    }

    mutating func clone(_ reference: TypeReference, _ resolve: inout Resolve) -> TypeReference {
        guard case .id(let id) = reference else { return reference }
        return .id(clone(id, &resolve))
    }

    mutating func clone(_ function: inout Function, _ resolve: inout Resolve) {
        switch function.kind {
        case .method(let id): function.kind = .method(clone(id, &resolve))
        case .asyncMethod(let id): function.kind = .asyncMethod(clone(id, &resolve))
        case .static(let id): function.kind = .static(clone(id, &resolve))
        case .asyncStatic(let id): function.kind = .asyncStatic(clone(id, &resolve))
        case .constructor(let id): function.kind = .constructor(clone(id, &resolve))
        case .freestanding, .asyncFreestanding: break
        }
        for index in function.params.indices { function.params[index].type = clone(function.params[index].type, &resolve) }
        function.result = function.result.map { clone($0, &resolve) }
    }
}
