import WIT

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
        guard !names.isEmpty else { return "`\(text)`" }
        if names.count == 1, names[0].0 == text { return "[`\(text)`](\(names[0].1))" }
        let links = names.map { "[`\($0.0)`](\($0.1))" }.joined(separator: ", ")
        return "`\(text)` (\(links))"
    }

    func collectNamed(_ reference: TypeReference?, into names: inout [(String, String)]) {
        guard case .id(let id)? = reference else { return }
        if let name = resolve.types[id.index].name, resolve.types[id.index].owner != .none {
            if let target = link(to: id), !names.contains(where: { $0.1 == target }) { names.append((name, target)) }
            return
        }
        switch resolve.types[id.index].kind {
        case .alias(let target): collectNamed(target, into: &names)
        case .list(let element), .fixedSizeList(let element, _), .option(let element): collectNamed(element, into: &names)
        case .map(let key, let value): collectNamed(key, into: &names); collectNamed(value, into: &names)
        case .tuple(let elements): for element in elements { collectNamed(element, into: &names) }
        case .result(let ok, let err): collectNamed(ok, into: &names); collectNamed(err, into: &names)
        case .future(let element), .stream(let element): collectNamed(element, into: &names)
        case .handle(.own(let target)), .handle(.borrow(let target)): collectNamed(.id(target), into: &names)
        default: break
        }
    }

    /// Doc text made safe inside a page: its own headings become bold lines,
    /// so the page's heading levels stay in order.
    func body(_ docs: String?) -> [String] {
        guard let docs else { return [] }
        guard isPlainASCII(docs) else { return characterBody(docs) }
        return docs.lines.map { line in
            let utf8 = line.utf8
            guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: " ") }),
                  utf8[start] == UInt8(ascii: "#") else { return String(line) }
            var titleStart = start
            while titleStart != utf8.endIndex, utf8[titleStart] == UInt8(ascii: "#") { titleStart = utf8.index(after: titleStart) }
            while titleStart != utf8.endIndex, utf8[titleStart] == UInt8(ascii: " ") { titleStart = utf8.index(after: titleStart) }
            return "**\(Substring(utf8[titleStart...]))**"
        } + [""]
    }

    private func characterBody(_ docs: String) -> [String] {
        docs.lines.map { line in
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("#") {
                let title = trimmed.drop { $0 == "#" }.drop { $0 == " " }
                return "**\(title)**"
            }
            return String(line)
        } + [""]
    }

    /// The gate of an item, or `nil` when it has none or the same as its page (it is then said once, at the top).
    func gateLine(_ stability: Stability, page: Stability) -> String? {
        stability == page ? nil : gateLine(stability)
    }

    func gateLine(_ stability: Stability) -> String? {
        switch stability {
        case .unknown: return nil
        case let .stable(since, deprecated):
            return "**Since** \(since)" + (deprecated.map { " · **Deprecated** since \($0)" } ?? "")
        case let .unstable(feature, deprecated):
            return "**Unstable** (feature `\(feature)`)" + (deprecated.map { " · **Deprecated** since \($0)" } ?? "")
        }
    }

    func codeBlock(_ text: String) -> [String] { codeBlock(lines: [text]) }

    /// A fenced WIT block of `lines` joined by newlines, without empty lines.
    func codeBlock(lines: [String]) -> [String] {
        var block = ["```wit"]
        block.reserveCapacity(lines.count + 3)
        for text in lines where !text.isEmpty {
            // A line holding newlines is split there (at each `Character` "\n", as `split` does).
            guard text.utf8.contains(UInt8(ascii: "\n")) else {
                block.append(text)
                continue
            }
            let parts = isPlainASCII(text) ? text.splitBytes(UInt8(ascii: "\n"), omittingEmpty: true) : text.split(separator: "\n")
            for part in parts { block.append(String(part)) }
        }
        block += ["```", ""]
        return block
    }

    // MARK: Interface pages

    func interfacePage(_ id: InterfaceID) -> String {
        let interface = resolve.interfaces[id.index]
        let name = interface.name ?? "inline"
        let packageName = interface.package.map { resolve.packages[$0.index].name.description } ?? ""
        let namespace = swiftNames.interfaceNamespaces[id]!
        var out = [header(), "", "# Interface `\(name)`", ""]
        var meta = "Package [`\(packageName)`](\(packageLink(interface.package)))"
        if let gate = gateLine(interface.stability) { meta += " · " + gate }
        out += [meta, ""]
        out += body(interface.docs.contents)
        out += ["Swift: namespace `\(namespace)`, host protocol `\(namespace).Host` · C prefix: `\(cPrefix(id))_` (`exports_\(cPrefix(id))_` where a world exports it)", ""]

        let typeIDs = interface.types.values
        let resources = typeIDs.filter { resolve.types[$0.index].kind.isResource }
        let imported = typeIDs.filter { isImported($0) }
        let plainTypes = typeIDs.filter { !resolve.types[$0.index].kind.isResource && !isImported($0) }
        let functions = interface.functions.values.filter { $0.kind.resource == nil }
        out += ["## Contents", ""]
        if !imported.isEmpty { out.append("- Imported types: " + imported.map { itemLink($0) }.joined(separator: ", ")) }
        if !plainTypes.isEmpty { out.append("- Types: " + plainTypes.map { itemLink($0) }.joined(separator: ", ")) }
        if !resources.isEmpty { out.append("- Resources: " + resources.map { itemLink($0) }.joined(separator: ", ")) }
        if !functions.isEmpty {
            out.append("- Functions: " + functions.map { "[`\($0.name)`](#\(anchor(owner: name, item: "func-" + $0.name)))" }
                .joined(separator: ", "))
        }
        out.append("")
        if !imported.isEmpty {
            out += ["## Imported types", "", "| Type | From | Swift |", "| --- | --- | --- |"]
            for typeID in imported { out.append(importedRow(typeID, owner: name)) }
            out.append("")
        }
        let page = interface.stability
        if !plainTypes.isEmpty {
            out += ["## Types", ""]
            for typeID in plainTypes { out += typeSection(typeID, owner: name, prefix: cPrefix(id), page: page) }
        }
        if !resources.isEmpty {
            out += ["## Resources", ""]
            for typeID in resources {
                let members = interface.functions.values.filter { $0.kind.resource == typeID }
                out += resourceSection(typeID, owner: name, members: members, prefix: cPrefix(id), page: page)
            }
        }
        if !functions.isEmpty {
            out += ["## Functions", ""]
            for function in functions {
                out += functionSection(function, owner: name, level: "###", swift: "\(namespace).Host",
                                       prefix: cPrefix(id), page: page)
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

    /// wit-bindgen's C prefix for an interface: `wasi_sockets_tcp` (from the shared C naming).
    func cPrefix(_ id: InterfaceID) -> String {
        cPrefixes[id.index]
    }

    func swiftTypeName(_ id: TypeID) -> String {
        var target = id
        while case .alias(.id(let next)) = resolve.types[target.index].kind, resolve.types[next.index].name != nil { target = next }
        // A `use`d resource has no Swift alias: it is its resource protocol.
        let qualified = swiftNames.qualifiedName(resolve.types[target.index].kind.isResource ? target : id)
        let prefix = options.swiftModule + "."
        return qualified.hasPrefix(prefix) ? String(qualified.dropFirst(prefix.count)) : qualified
    }

    func typeSection(_ id: TypeID, owner: String, prefix: String, page: Stability = .unknown) -> [String] {
        let definition = resolve.types[id.index]
        let name = definition.name ?? ""
        var out = ["<a id=\"\(anchor(owner: owner, item: name))\"></a>", "", "### `\(name)`", ""]
        out += codeBlock(lines: wit.definitionLines(id, members: []))
        if let gate = gateLine(definition.stability, page: page) { out += [gate, ""] }
        out += body(definition.docs.contents)
        var members: [String] = []
        switch definition.kind {
        case .record(let fields):
            members = fields.map { "- `\($0.name)`: \(linkedType($0.type))" + inlineDocs($0.docs) }
        case .variant(let cases):
            members = cases.map { "- `\($0.name)`" + ($0.type.map { ": " + linkedType($0) } ?? "") + inlineDocs($0.docs) }
        case .enumeration(let cases), .flags(let cases):
            members = cases.map { "- `\($0.name)`" + inlineDocs($0.docs) }
        case .alias(.id(let target)) where resolve.types[target.index].name != nil && resolve.types[target.index].owner != definition.owner:
            if let destination = link(to: target) {
                members = ["- Defined in [`\(ownerTitle(resolve.types[target.index].owner))`](\(destination))"]
            }
        case .alias(let target):
            members = ["- Same as \(linkedType(target))"]
        default:
            break
        }
        if !members.isEmpty { out += members + [""] }
        out += ["Swift: `\(swiftTypeName(id))` · C: `\(prefix)_\(Naming.snake(name))_t`", ""]
        return out
    }

    func inlineDocs(_ docs: Docs) -> String {
        guard let text = docs.contents else { return "" }
        let lines = isPlainASCII(text) ? text.splitBytes(UInt8(ascii: "\n"), omittingEmpty: true) : text.split(separator: "\n")
        return ": " + lines.map { $0.trimmingWhitespace() }.joined(separator: " ")
    }

    func resourceSection(_ id: TypeID, owner: String, members: [Function], prefix: String, page: Stability = .unknown) -> [String] {
        let definition = resolve.types[id.index]
        let name = definition.name ?? ""
        var out = ["<a id=\"\(anchor(owner: owner, item: name))\"></a>", "", "### Resource `\(name)`", ""]
        out += codeBlock(lines: wit.definitionLines(id, members: members))
        if let gate = gateLine(definition.stability, page: page) { out += [gate, ""] }
        out += body(definition.docs.contents)
        let swift = swiftTypeName(id)
        out += ["Swift: protocol `\(swift)` · C: `\(prefix)_own_\(Naming.snake(name))_t`, `\(prefix)_borrow_\(Naming.snake(name))_t`", ""]
        for member in members {
            out += functionSection(member, owner: owner, level: "####", swift: swift, prefix: prefix, page: page)
        }
        return out
    }

    func functionSection(_ function: Function, owner: String, level: String, swift: String, prefix: String,
                         page: Stability = .unknown) -> [String] {
        let title: String
        let itemName = WITText.itemName(function)
        switch function.kind {
        case .constructor: title = "Constructor"
        case .static, .asyncStatic: title = "Static function `\(itemName)`"
        case .method, .asyncMethod: title = "Method `\(itemName)`"
        default: title = "`\(function.name)`"
        }
        var out = ["<a id=\"\(anchor(owner: owner, item: "func-" + function.name))\"></a>", "", "\(level) \(title)", ""]
        out += codeBlock(lines: wit.gates(function.stability) + [wit.function(function)])
        if let gate = gateLine(function.stability, page: page) { out += [gate, ""] }
        out += body(function.docs.contents)
        var params = function.params
        if case .method = function.kind { params = Array(params.dropFirst()) }
        if case .asyncMethod = function.kind { params = Array(params.dropFirst()) }
        if !params.isEmpty {
            out += ["| Parameter | Type |", "| --- | --- |"]
            out += params.map { "| `\($0.name)` | \(linkedType($0.type)) |" }
            out.append("")
        }
        if let result = function.result, !isConstructor(function) { out += ["Returns \(linkedType(result)).", ""] }
        let swiftName: String
        switch function.kind {
        case .constructor: swiftName = "\(swift).init"
        default: swiftName = "\(swift).\(Naming.lowerCamel(itemName))"
        }
        out += ["Swift: `\(swiftName)` · C: `\(prefix)_\(cFunctionName(function))`", ""]
        return out
    }

    func isConstructor(_ function: Function) -> Bool {
        if case .constructor = function.kind { return true }
        return false
    }

    /// wit-bindgen's C function suffix: `[method]r.f` → `method_r_f` (from the shared C naming).
    func cFunctionName(_ function: Function) -> String {
        CNaming.functionSuffix(function.name)
    }

    // MARK: World pages

    func worldPage(_ id: WorldID) -> String {
        let world = resolve.worlds[id.index]
        let owner = "world-" + world.name
        let packageName = world.package.map { resolve.packages[$0.index].name.description } ?? ""
        let namespace = swiftNames.worldNamespaces[id]!
        var out = [header(), "", "# World `\(world.name)`", ""]
        var meta = "Package [`\(packageName)`](\(packageLink(world.package)))"
        if let gate = gateLine(world.stability) { meta += " · " + gate }
        out += [meta, ""]
        out += body(world.docs.contents)
        out += ["Swift: namespace `\(namespace)`, protocols `\(namespace).Imports` and `\(namespace).Exports`", ""]
        for (title, items) in [("Imports", world.imports), ("Exports", world.exports)] {
            guard !items.isEmpty else { continue }
            out += ["## \(title)", ""]
            var functions: [Function] = []
            var types: [TypeID] = []
            for (key, item) in items {
                switch item {
                case .interface(let interface, let stability):
                    let label: String
                    switch key {
                    case .name(let name): label = "`\(name)`"
                    case .interface: label = "`\(qualifiedName(interface))`"
                    }
                    let gate = gateLine(stability).map { " · " + $0 } ?? ""
                    if resolve.interfaces[interface.index].name != nil {
                        out.append("- Interface \(label): [`\(qualifiedName(interface))`](\(interfacePages[interface.index]))\(gate)")
                    } else {
                        out.append("- Inline interface \(label)\(gate)")
                    }
                case .function(let function): functions.append(function)
                case .type(let typeID): types.append(typeID)
                }
            }
            out.append("")
            for typeID in types where !resolve.types[typeID.index].kind.isResource {
                out += typeSection(typeID, owner: owner, prefix: Naming.snake(world.name), page: world.stability)
            }
            for typeID in types where resolve.types[typeID.index].kind.isResource {
                let members = functions.filter { $0.kind.resource == typeID }
                out += resourceSection(typeID, owner: owner, members: members, prefix: Naming.snake(world.name),
                                       page: world.stability)
            }
            // Imports and exports may share a function name: their anchors say which side they are on.
            for function in functions where function.kind.resource == nil {
                out += functionSection(function, owner: owner + "-" + title.lowercased(), level: "###",
                                       swift: "\(namespace).\(title)", prefix: Naming.snake(world.name),
                                       page: world.stability)
            }
        }
        return finish(out)
    }

    func qualifiedName(_ id: InterfaceID) -> String {
        let interface = resolve.interfaces[id.index]
        guard let name = interface.name, let package = interface.package else { return interface.name ?? "inline" }
        let packageName = resolve.packages[package.index].name
        var text = "\(packageName.namespace):\(packageName.name)/\(name)"
        if let version = packageName.version { text += "@\(version)" }
        return text
    }
}
