/// The `package-docs` custom section: doc comments and feature gates, which the
/// component binary format has no place for. It is a version byte (0 or 1)
/// followed by JSON:
///
///     { "docs": "...",
///       "interfaces": { NAME: INTERFACE },
///       "worlds": { NAME: { "docs", "stability",
///                           "interfaces": { NAME: INTERFACE },          (inline imports, or exports)
///                           "interface_exports": { NAME: INTERFACE },   (inline exports named like an import)
///                           "types": { NAME: TYPE },
///                           "funcs": { NAME: FUNCTION }, "func_exports": { NAME: FUNCTION },
///                           "interface_import_stability": { ID: STABILITY },
///                           "interface_export_stability": { ID: STABILITY } } } }
///     INTERFACE = { "docs", "stability", "funcs": { NAME: FUNCTION }, "types": { NAME: TYPE } }
///     TYPE      = { "docs", "stability", "items": { FIELD-OR-CASE: DOCS } }
///     FUNCTION  = DOCS-or-null | { "docs", "stability" }
///     STABILITY = "unknown" | { "stable": { "since", "deprecated"? } } | { "unstable": { "feature", "deprecated"? } }
///
/// Every key is optional; an unknown key is an error, as in the reference.
struct PackageMetadata {
    static let sectionName = "package-docs"

    private let span: Span

    /// Applies the section `data` to `package` of `resolve`.
    static func inject(_ data: [UInt8], into resolve: inout Resolve, package: PackageID, span: Span) throws(Diagnostic) {
        let metadata = PackageMetadata(span: span)
        guard let version = data.first, version <= 1 else {
            throw metadata.error("expected package-docs version 1, got \(data.first.map { String($0) } ?? "nothing")")
        }
        let json: JSONValue
        do {
            json = try JSONReader.parse(data[1...])
        } catch {
            throw metadata.error("invalid JSON at byte \(error.offset + 1) of the section: \(error.message)")
        }
        try metadata.injectPackage(json, &resolve, package)
    }

    private func error(_ message: String) -> Diagnostic {
        Diagnostic("invalid `\(Self.sectionName)` custom section: \(message)", at: span)
    }

    /// The members of an object, checked against the keys it may have.
    private func members(_ value: JSONValue, _ what: String, allowed: Set<String>) throws(Diagnostic) -> [String: JSONValue] {
        guard case .object(let pairs) = value else { throw error("the \(what) is not an object") }
        var members: [String: JSONValue] = [:]
        for (key, value) in pairs {
            guard allowed.contains(key) else { throw error("unknown field `\(key)` in the \(what)") }
            members[key] = value
        }
        return members
    }

    /// An object used as a map, in order.
    private func entries(_ value: JSONValue?, _ what: String) throws(Diagnostic) -> [(String, JSONValue)] {
        switch value {
        case nil: return []
        case .object(let pairs)?: return pairs
        default: throw error("`\(what)` is not an object")
        }
    }

    private func docs(_ value: JSONValue?) throws(Diagnostic) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw error("docs are not a string")
        }
    }

    private func version(_ value: JSONValue?, _ what: String) throws(Diagnostic) -> Version? {
        guard let value else { return nil }
        guard case .string(let text) = value, let version = Version(parsing: text) else {
            throw error("`\(what)` is not a version")
        }
        return version
    }

    private func stability(_ value: JSONValue?) throws(Diagnostic) -> Stability {
        switch value {
        case nil, .string("unknown")?: return .unknown
        case .object(let pairs)? where pairs.count == 1:
            let (kind, body) = pairs[0]
            switch kind {
            case "stable":
                let fields = try members(body, "stability", allowed: ["since", "deprecated"])
                guard let since = try version(fields["since"], "since") else { throw error("a stable gate has no `since`") }
                return .stable(since: since, deprecated: try version(fields["deprecated"], "deprecated"))
            case "unstable":
                let fields = try members(body, "stability", allowed: ["feature", "deprecated"])
                guard case .string(let feature)? = fields["feature"] else { throw error("an unstable gate has no `feature`") }
                return .unstable(feature: feature, deprecated: try version(fields["deprecated"], "deprecated"))
            default:
                throw error("unknown stability `\(kind)`")
            }
        default:
            throw error("invalid stability")
        }
    }

    private func injectPackage(_ json: JSONValue, _ resolve: inout Resolve, _ package: PackageID) throws(Diagnostic) {
        let fields = try members(json, "package metadata", allowed: ["docs", "worlds", "interfaces"])
        for (name, data) in try entries(fields["worlds"], "worlds") {
            guard let world = resolve[package].worlds[name] else { throw error("missing world \"\(name)\"") }
            try injectWorld(data, &resolve, world)
        }
        for (name, data) in try entries(fields["interfaces"], "interfaces") {
            guard let interface = resolve[package].interfaces[name] else { throw error("missing interface \"\(name)\"") }
            try injectInterface(data, &resolve, interface)
        }
        if let docs = try docs(fields["docs"]) { resolve[package].docs = Docs(contents: docs) }
    }

    /// Returns the interface's gate, which a world's inline import or export also takes.
    @discardableResult
    private func injectInterface(_ json: JSONValue, _ resolve: inout Resolve, _ id: InterfaceID) throws(Diagnostic) -> Stability {
        let fields = try members(json, "interface metadata", allowed: ["docs", "stability", "funcs", "types"])
        for (name, data) in try entries(fields["types"], "types") {
            guard let type = resolve[id].types[name] else { throw error("missing type \"\(name)\"") }
            try injectType(data, &resolve, type)
        }
        for (name, data) in try entries(fields["funcs"], "funcs") {
            guard var function = resolve[id].functions[name] else { throw error("missing func \"\(name)\"") }
            try injectFunction(data, &function)
            resolve[id].functions[name] = function
        }
        if let docs = try docs(fields["docs"]) { resolve[id].docs = Docs(contents: docs) }
        let gate = try stability(fields["stability"])
        resolve[id].stability = gate
        return gate
    }

    private func injectFunction(_ json: JSONValue, _ function: inout Function) throws(Diagnostic) {
        switch json {
        case .null, .string:
            function.docs = Docs(contents: try docs(json))
        default:
            let fields = try members(json, "function metadata", allowed: ["docs", "stability"])
            function.docs = Docs(contents: try docs(fields["docs"]))
            function.stability = try stability(fields["stability"])
        }
    }

    private func injectType(_ json: JSONValue, _ resolve: inout Resolve, _ id: TypeID) throws(Diagnostic) {
        let fields = try members(json, "type metadata", allowed: ["docs", "stability", "items"])
        var items: [String: String] = [:]
        for (name, value) in try entries(fields["items"], "items") {
            guard case .string(let text) = value else { throw error("the docs of item `\(name)` are not a string") }
            items[name] = text
        }
        if !items.isEmpty {
            var used = 0
            func apply(_ name: String, _ docs: inout Docs) {
                guard let text = items[name] else { return }
                docs = Docs(contents: text)
                used += 1
            }
            switch resolve[id].kind {
            case .record(var fields):
                for index in fields.indices { apply(fields[index].name, &fields[index].docs) }
                resolve[id].kind = .record(fields)
            case .variant(var cases):
                for index in cases.indices { apply(cases[index].name, &cases[index].docs) }
                resolve[id].kind = .variant(cases)
            case .flags(var flags):
                for index in flags.indices { apply(flags[index].name, &flags[index].docs) }
                resolve[id].kind = .flags(flags)
            case .enumeration(var cases):
                for index in cases.indices { apply(cases[index].name, &cases[index].docs) }
                resolve[id].kind = .enumeration(cases)
            default:
                throw error("got 'items' for the type `\(resolve[id].name ?? "_")`, which has none")
            }
            guard used == items.count else { throw error("not all 'items' match the items of type `\(resolve[id].name ?? "_")`") }
        }
        if let docs = try docs(fields["docs"]) { resolve[id].docs = Docs(contents: docs) }
        resolve[id].stability = try stability(fields["stability"])
    }

    private func injectWorld(_ json: JSONValue, _ resolve: inout Resolve, _ id: WorldID) throws(Diagnostic) {
        let fields = try members(json, "world metadata", allowed: [
            "docs", "stability", "interfaces", "types", "funcs", "interface_exports", "func_exports",
            "interface_import_stability", "interface_export_stability", "interface_import_docs", "interface_export_docs",
        ])
        // Inline interfaces: "interfaces" holds imports (or exports with no import of that
        // name), "interface_exports" the exports that share a name with an import.
        for (key, onlyExport) in [("interfaces", false), ("interface_exports", true)] {
            for (name, data) in try entries(fields[key], key) {
                let itemKey = WorldKey.name(name)
                let inExports = onlyExport || resolve[id].imports[itemKey] == nil
                let item = inExports ? resolve[id].exports[itemKey] : resolve[id].imports[itemKey]
                guard case .interface(let interface, _, let docs)? = item else { throw error("missing interface \"\(name)\"") }
                let gate = try injectInterface(data, &resolve, interface)
                if inExports {
                    resolve[id].exports[itemKey] = .interface(interface, stability: gate, docs: docs)
                } else {
                    resolve[id].imports[itemKey] = .interface(interface, stability: gate, docs: docs)
                }
            }
        }
        for (name, data) in try entries(fields["types"], "types") {
            guard case .type(let type)? = resolve[id].imports[.name(name)] else { throw error("missing type \"\(name)\"") }
            try injectType(data, &resolve, type)
        }
        // The gates and docs of the world's items that name an interface, by item name.
        for (key, isImport, isDocs) in [("interface_import_stability", true, false), ("interface_export_stability", false, false),
                                        ("interface_import_docs", true, true), ("interface_export_docs", false, true)] {
            for (name, data) in try entries(fields[key], key) {
                let items = isImport ? resolve[id].imports : resolve[id].exports
                guard let itemKey = items.keys.first(where: { worldKeyName($0, resolve) == name }) else {
                    throw error("missing interface `\(name)`")
                }
                guard case .interface(let interface, var gate, var docs)? = items[itemKey] else {
                    throw error("item `\(name)` wasn't an interface")
                }
                if isDocs { docs = Docs(contents: try self.docs(data)) } else { gate = try stability(data) }
                if isImport {
                    resolve[id].imports[itemKey] = .interface(interface, stability: gate, docs: docs)
                } else {
                    resolve[id].exports[itemKey] = .interface(interface, stability: gate, docs: docs)
                }
            }
        }
        for (key, onlyExport) in [("funcs", false), ("func_exports", true)] {
            for (name, data) in try entries(fields[key], key) {
                let itemKey = WorldKey.name(name)
                let inExports = onlyExport || resolve[id].imports[itemKey] == nil
                let item = inExports ? resolve[id].exports[itemKey] : resolve[id].imports[itemKey]
                guard case .function(var function)? = item else { throw error("missing func \"\(name)\"") }
                try injectFunction(data, &function)
                if inExports {
                    resolve[id].exports[itemKey] = .function(function)
                } else {
                    resolve[id].imports[itemKey] = .function(function)
                }
            }
        }
        if let docs = try docs(fields["docs"]) { resolve[id].docs = Docs(contents: docs) }
        resolve[id].stability = try stability(fields["stability"])
    }

    /// How the section names a world's import or export: its plain name, or the interface's id.
    private func worldKeyName(_ key: WorldKey, _ resolve: Resolve) -> String {
        switch key {
        case .name(let name): return name
        case .interface(let interface): return WorldElaboration.qualifiedName(interface, resolve)
        }
    }
}
