import WITModel

extension MarkdownGenerator {
    /// Where a named type is documented: page and anchor.
    func link(to id: TypeID) -> String? {
        typeLinks[id.index]
    }

    func ownerName(_ owner: TypeOwner) -> String {
        switch owner {
        case .interface(let id): return resolve.interfaces[id.index].name ?? "inline"
        case .world(let id): return "world-" + resolve.worlds[id.index].name
        case .none: return ""
        }
    }

    func anchor(owner: String, item: String) -> String { slug(owner + "-" + item) }

    /// A type as inline Markdown, with each named type linked to its definition.
    func linkedType(_ reference: TypeReference?) -> String {
        let text = wit.type(reference)
        var names: [(String, String)] = []
        collectNamed(reference, into: &names)
        guard !names.isEmpty else { return TextLine.string("`\(text)`") }
        if names.count == 1, names[0].0 == text { return TextLine.string("[`\(text)`](\(names[0].1))") }
        var line: TextLine = "`\(text)` ("
        for (index, (name, target)) in names.enumerated() {
            if index > 0 { line.append(", ") }
            line.append("[`\(name)`](\(target))")
        }
        line.append(")")
        return line.text
    }

    func collectNamed(_ reference: TypeReference?, into names: inout [(String, String)]) {
        guard case .id(let id)? = reference else { return }
        if let name = resolve.types[id.index].name, resolve.types[id.index].owner != .none {
            if let target = link(to: id), !names.contains(where: { $0.1 == target }) { names.append((name, target)) }
            return
        }
        // Records, variants and the rest are always named: only anonymous types get here.
        resolve.types[id.index].kind.forEachReference { collectNamed($0, into: &names) }
    }

    /// Doc text as prose inside a page (`MarkdownProse`: its own headings become bold lines,
    /// so the page's heading levels stay in order, and nothing it opens runs past it); then an
    /// empty line.
    func writeBody(_ docs: String?, into out: inout CodePrinter) {
        guard let docs else { return }
        MarkdownProse.write(docs, into: &out)
        out.line()
    }

    /// The gate of an item, or `nil` when it has none or the same as its page (it is then said once, at the top).
    func gateLine(_ stability: Stability, page: Stability) -> String? {
        stability == page ? nil : gateLine(stability)
    }

    func gateLine(_ stability: Stability) -> String? {
        switch stability {
        case .unknown: return nil
        case let .stable(since, deprecated):
            return TextLine.string("**Since** \(since)") + (deprecated.map { TextLine.string(" · **Deprecated** since \($0)") } ?? "")
        case let .unstable(feature, deprecated):
            return "**Unstable** (feature \(Self.codeSpan(feature)))" + (deprecated.map { TextLine.string(" · **Deprecated** since \($0)") } ?? "")
        }
    }

    /// The gate line of an item and an empty line, when `gateLine(_:page:)` gives one.
    func writeGate(_ stability: Stability, page: Stability, into out: inout CodePrinter) {
        guard let gate = gateLine(stability, page: page) else { return }
        out.line(verbatim: gate)
        out.line()
    }

    /// A fenced block of the WIT text `write` prints, without empty lines (a name holding a
    /// line break is split there, so the fence stays whole); then an empty line.
    func writeCodeBlock(into out: inout CodePrinter, _ write: (inout CodePrinter) -> Void) {
        var wit = CodePrinter(indentWidth: 4, capacity: 1024)
        write(&wit)
        out.line("```wit")
        for line in wit.text.splitBytes(UInt8(ascii: "\n"), omittingEmpty: true) { out.line(verbatim: line) }
        out.line("```")
        out.line()
    }

    /// A page's text: trailing empty lines dropped, ending with one newline.
    func finish(_ page: CodePrinter) -> String {
        var page = page
        page.trimTrailingBlankLines()
        return page.text
    }

    // MARK: Interface pages

    func interfacePage(_ id: InterfaceID) -> String {
        let interface = resolve.interfaces[id.index]
        let name = interface.name ?? "inline"
        let packageName = interface.package.map { resolve.packages[$0.index].name.description } ?? ""
        let namespace = swiftNames.qualifiedNamespace(id)
        var out = CodePrinter(indentWidth: 2, capacity: 16384)
        out.line(verbatim: header())
        out.line()
        out.line("# Interface `\(name)`")
        out.line()
        var meta = "Package [`\(packageName)`](\(packageLink(interface.package)))"
        if let gate = gateLine(interface.stability) { meta += " · " + gate }
        out.line(verbatim: meta)
        out.line()
        writeBody(interface.docs.contents, into: &out)
        // Items are quoted with the names of their import, or of their export where no header imports them.
        let importPrefix = cNames.prefix(of: id, isExport: false)
        let exportPrefix = cNames.prefix(of: id, isExport: true)
        let exportedOnly = cNames.isExported(id) && !cNames.isImported(id)
        let prefix = exportedOnly ? exportPrefix : importPrefix
        let cPrefixes = exportedOnly ? "`\(exportPrefix)_`" : "`\(importPrefix)_` (`\(exportPrefix)_` where a world exports it)"
        out.line("Swift: namespace `\(namespace)`, host protocol `\(namespace).Host` · C prefix: \(cPrefixes)")
        out.line()

        let typeIDs = interface.types.values
        let resources = typeIDs.filter { resolve.types[$0.index].kind.isResource }
        let imported = typeIDs.filter { isImported($0) }
        let plainTypes = typeIDs.filter { !resolve.types[$0.index].kind.isResource && !isImported($0) }
        let functions = interface.functions.values.filter { $0.kind.resource == nil }
        out.line("## Contents")
        out.line()
        if !imported.isEmpty { out.line("- Imported types: \(TextLine(joining: imported.map { itemLink($0) }, separator: ", "))") }
        if !plainTypes.isEmpty { out.line("- Types: \(TextLine(joining: plainTypes.map { itemLink($0) }, separator: ", "))") }
        if !resources.isEmpty { out.line("- Resources: \(TextLine(joining: resources.map { itemLink($0) }, separator: ", "))") }
        if !functions.isEmpty {
            let links = functions.map { "[`\($0.name)`](#\(anchor(owner: name, item: "func-" + $0.name)))" }
            out.line("- Functions: \(TextLine(joining: links, separator: ", "))")
        }
        out.line()
        if !imported.isEmpty {
            out.line("## Imported types")
            out.line()
            out.line("| Type | From | Swift |")
            out.line("| --- | --- | --- |")
            for typeID in imported { out.line(verbatim: importedRow(typeID, owner: name)) }
            out.line()
        }
        let page = interface.stability
        if !plainTypes.isEmpty {
            out.line("## Types")
            out.line()
            for typeID in plainTypes { writeTypeSection(typeID, owner: name, prefix: prefix, page: page, into: &out) }
        }
        if !resources.isEmpty {
            out.line("## Resources")
            out.line()
            for typeID in resources {
                let members = interface.functions.values.filter { $0.kind.resource == typeID }
                writeResourceSection(typeID, owner: name, members: members, prefix: prefix, page: page, into: &out)
            }
        }
        if !functions.isEmpty {
            out.line("## Functions")
            out.line()
            for function in functions {
                writeFunctionSection(function, owner: name, level: "###", swift: "\(namespace).Host",
                                     prefix: prefix, page: page, into: &out)
            }
        }
        return finish(out)
    }

    func ownerTitle(_ owner: TypeOwner) -> String {
        switch owner {
        case .interface(let id): return qualifiedName(id)
        case .world(let id): return "world " + resolve.worlds[id.index].name
        case .none: return ""
        }
    }

    /// A type brought in by `use` from another interface.
    func isImported(_ id: TypeID) -> Bool {
        guard case .alias(.id(let target)) = resolve.types[id.index].kind, resolve.types[target.index].name != nil else { return false }
        return resolve.types[target.index].owner != resolve.types[id.index].owner
    }

    /// One row of the imported-types table; the anchor sits in the first cell so links still land.
    func importedRow(_ id: TypeID, owner: String) -> String {
        let name = resolve.types[id.index].name ?? ""
        guard case .alias(.id(let target)) = resolve.types[id.index].kind else { return "" }
        let source = link(to: target).map { "[`\(ownerTitle(resolve.types[target.index].owner))`](\($0))" } ?? "`\(ownerTitle(resolve.types[target.index].owner))`"
        let original = resolve.types[target.index].name ?? name
        let renamed = original == name ? "" : " (as `\(original)`)"
        return "| <a id=\"\(anchor(owner: owner, item: name))\"></a>`\(name)` | \(source)\(renamed) | `\(swiftTypeName(id))` |"
    }

    func itemLink(_ id: TypeID) -> String {
        let name = resolve.types[id.index].name ?? ""
        return "[`\(name)`](#\(anchor(owner: ownerName(resolve.types[id.index].owner), item: name)))"
    }

    func swiftTypeName(_ id: TypeID) -> String {
        var target = id
        while case .alias(.id(let next)) = resolve.types[target.index].kind, resolve.types[next.index].name != nil { target = next }
        // A `use`d resource has no Swift alias: it is its resource protocol.
        return swiftNames.qualifiedName(resolve.types[target.index].kind.isResource ? target : id)
    }

    func writeTypeSection(_ id: TypeID, owner: String, prefix: String, page: Stability = .unknown,
                          into out: inout CodePrinter) {
        let definition = resolve.types[id.index]
        let name = definition.name ?? ""
        out.line("<a id=\"\(anchor(owner: owner, item: name))\"></a>")
        out.line()
        out.line("### `\(name)`")
        out.line()
        writeCodeBlock(into: &out) { wit.writeDefinition(id, members: [], into: &$0) }
        writeGate(definition.stability, page: page, into: &out)
        writeBody(definition.docs.contents, into: &out)
        let membersStart = out.count
        switch definition.kind {
        case .record(let fields):
            for field in fields { out.line("- `\(field.name)`: \(linkedType(field.type))\(inlineDocs(field.docs))") }
        case .variant(let cases):
            for item in cases {
                if let type = item.type {
                    out.line("- `\(item.name)`: \(linkedType(type))\(inlineDocs(item.docs))")
                } else {
                    out.line("- `\(item.name)`\(inlineDocs(item.docs))")
                }
            }
        case .enumeration(let cases), .flags(let cases):
            for item in cases { out.line("- `\(item.name)`\(inlineDocs(item.docs))") }
        case .alias(.id(let target)) where resolve.types[target.index].name != nil && resolve.types[target.index].owner != definition.owner:
            if let destination = link(to: target) {
                out.line("- Defined in [`\(ownerTitle(resolve.types[target.index].owner))`](\(destination))")
            }
        case .alias(let target):
            out.line("- Same as \(linkedType(target))")
        default:
            break
        }
        if out.count != membersStart { out.line() }
        out.line("Swift: `\(swiftTypeName(id))` · C: `\(cNames.typeName(name, prefix: prefix))`")
        out.line()
    }

    func inlineDocs(_ docs: Docs) -> String {
        guard let text = docs.contents else { return "" }
        return ": " + InertText.lines(text).splitBytes(UInt8(ascii: "\n"), omittingEmpty: true)
            .map { $0.trimmingWhitespace() }.joined(separator: " ")
    }

    func writeResourceSection(_ id: TypeID, owner: String, members: [Function], prefix: String,
                              page: Stability = .unknown, into out: inout CodePrinter) {
        let definition = resolve.types[id.index]
        let name = definition.name ?? ""
        out.line("<a id=\"\(anchor(owner: owner, item: name))\"></a>")
        out.line()
        out.line("### Resource `\(name)`")
        out.line()
        writeCodeBlock(into: &out) { wit.writeDefinition(id, members: members, into: &$0) }
        writeGate(definition.stability, page: page, into: &out)
        writeBody(definition.docs.contents, into: &out)
        let swift = swiftTypeName(id)
        let handles = cNames.handleTypeNames(resource: name, prefix: prefix)
        out.line("Swift: protocol `\(swift)` · C: `\(handles.own)`, `\(handles.borrow)`")
        out.line()
        for member in members {
            // Constructors and static functions are requirements of the host protocol.
            let container = member.kind.isMethod ? swift : swiftNames.hostProtocol(ofResource: id)
            writeFunctionSection(member, owner: owner, level: "####", swift: container, prefix: prefix, page: page, into: &out)
        }
    }

    func writeFunctionSection(_ function: Function, owner: String, level: String, swift: String, prefix: String,
                              page: Stability = .unknown, into out: inout CodePrinter) {
        let title: String
        let itemName = function.itemName
        switch function.kind {
        case .constructor: title = "Constructor"
        case .static, .asyncStatic: title = "Static function `\(itemName)`"
        case .method, .asyncMethod: title = "Method `\(itemName)`"
        default: title = "`\(function.name)`"
        }
        out.line("<a id=\"\(anchor(owner: owner, item: "func-" + function.name))\"></a>")
        out.line()
        out.line("\(level) \(title)")
        out.line()
        writeCodeBlock(into: &out) { code in
            for gate in wit.gates(function.stability) { code.line(verbatim: gate) }
            code.line(verbatim: wit.function(function))
        }
        writeGate(function.stability, page: page, into: &out)
        writeBody(function.docs.contents, into: &out)
        let params = function.explicitParams
        if !params.isEmpty {
            out.line("| Parameter | Type |")
            out.line("| --- | --- |")
            for parameter in params { out.line("| `\(parameter.name)` | \(linkedType(parameter.type)) |") }
            out.line()
        }
        if let result = function.result, !function.isConstructor {
            out.line("Returns \(linkedType(result)).")
            out.line()
        }
        out.line("Swift: \(Self.codeSpan(swift + "." + swiftNames.functionName(function))) · C: `\(cNames.functionName(function, prefix: prefix))`")
        out.line()
    }

    // MARK: World pages

    func worldPage(_ id: WorldID) -> String {
        let world = resolve.worlds[id.index]
        let owner = "world-" + world.name
        let packageName = world.package.map { resolve.packages[$0.index].name.description } ?? ""
        let namespace = swiftNames.qualifiedNamespace(id)
        let prefix = cNames.worldPrefix(id)
        var out = CodePrinter(indentWidth: 2, capacity: 16384)
        out.line(verbatim: header())
        out.line()
        out.line("# World `\(world.name)`")
        out.line()
        var meta = "Package [`\(packageName)`](\(packageLink(world.package)))"
        if let gate = gateLine(world.stability) { meta += " · " + gate }
        out.line(verbatim: meta)
        out.line()
        writeBody(world.docs.contents, into: &out)
        out.line("Swift: namespace `\(namespace)`, protocols `\(namespace).Imports` and `\(namespace).Exports`")
        out.line()
        for (title, items) in [("Imports", world.imports), ("Exports", world.exports)] {
            guard !items.isEmpty else { continue }
            out.line("## \(title)")
            out.line()
            var functions: [Function] = []
            var types: [TypeID] = []
            for (key, item) in items {
                switch item {
                case .interface(let interface, let stability, let docs):
                    let label: String
                    switch key {
                    case .name(let name): label = "`\(name)`"
                    case .interface: label = "`\(qualifiedName(interface))`"
                    }
                    let gate = gateLine(stability).map { " · " + $0 } ?? ""
                    if resolve.interfaces[interface.index].name != nil {
                        out.line("- Interface \(label): [`\(qualifiedName(interface))`](\(interfacePages[interface.index]))\(gate)")
                    } else {
                        out.line("- Inline interface \(label)\(gate)")
                    }
                    // The item's own doc comment, as a paragraph of the list item.
                    if let text = docs.contents {
                        out.line()
                        out.indented { MarkdownProse.write(text, into: &$0) }
                        out.line()
                    }
                case .function(let function): functions.append(function)
                case .type(let typeID): types.append(typeID)
                }
            }
            out.line()
            for typeID in types where !resolve.types[typeID.index].kind.isResource {
                writeTypeSection(typeID, owner: owner, prefix: prefix, page: world.stability, into: &out)
            }
            for typeID in types where resolve.types[typeID.index].kind.isResource {
                let members = functions.filter { $0.kind.resource == typeID }
                writeResourceSection(typeID, owner: owner, members: members, prefix: prefix, page: world.stability,
                                     into: &out)
            }
            // Imports and exports may share a function name: their anchors say which side they are on.
            for function in functions where function.kind.resource == nil {
                writeFunctionSection(function, owner: owner + "-" + title.lowercased(), level: "###",
                                     swift: "\(namespace).\(title)", prefix: prefix, page: world.stability, into: &out)
            }
        }
        return finish(out)
    }

    func qualifiedName(_ id: InterfaceID) -> String {
        resolve.id(of: id) ?? resolve[id].name ?? "inline"
    }
}
