import WITModel

extension CWorldGenerator {
    /// Names and defines each live type not defined yet, then its `_free` helper.
    mutating func defineLiveTypes(_ live: [TypeID], in scope: Scope) {
        for id in live where typeNames[id] == nil {
            let definition = resolve[id]
            if let name = definition.name {
                typeNames[id] = "\(ownerPrefix(id, in: scope))_\(Naming.snake(name))_t"
                defineNamedType(id, name: name, in: scope)
            } else if isPrimitiveOnly(.id(id)) {
                let name = "\(worldPrefix)_\(encodedName(.id(id)))_t"
                typeNames[id] = name
                guard primitiveTypeNames.insert(name).inserted else { continue }
                defineAnonymousType(id)
            } else {
                typeNames[id] = "\(ownerPrefix(id, in: scope))_\(encodedName(.id(id)))_t"
                defineAnonymousType(id)
            }
            defineFreeFunction(id)
        }
    }

    // MARK: Definitions

    mutating func defineNamedType(_ id: TypeID, name: String, in scope: Scope) {
        let typeName = typeNames[id]!
        let definition = resolve[id]
        let macroPrefix = "\(CNaming.macro(ownerPrefix(id, in: scope)))_\(CNaming.macro(name))"
        switch definition.kind {
        case .resource:
            defineResource(id, name: name, in: scope)
            return
        case .alias(let target):
            // A resource brought in by `use` has no type of its own, only its handles.
            if case .id(let targetID) = abi.dealiased(target), case .resource = resolve[targetID].kind { return }
            guard claim(typeName) else { return }
            let targetName = cType(target)
            emitType(docs: definition.docs, "typedef \(targetName) \(typeName);")
        case .flags(let flags):
            guard claim(typeName) else { return }
            let representation = "typedef \(Self.unsignedType(CanonicalABI.flagsSize(flags.count))) \(typeName);"
            emitType(docs: definition.docs, ([representation] + Self.macroLines(flags.map { ($0.name, $0.docs) }, prefix: macroPrefix) {
                "(1 << \($0))"
            }).joined(separator: "\n"))
        case .enumeration(let cases):
            guard claim(typeName) else { return }
            let representation = "typedef \(Self.unsignedType(CanonicalABI.discriminantSize(cases.count))) \(typeName);"
            emitType(docs: definition.docs, ([representation] + Self.macroLines(cases.map { ($0.name, $0.docs) }, prefix: macroPrefix) {
                "\($0)"
            }).joined(separator: "\n"))
        case .variant(let cases):
            guard claim(typeName) else { return }
            emitType(docs: definition.docs, (structDefinition(id, tag: typeName)
                + Self.macroLines(cases.map { ($0.name, $0.docs) }, prefix: macroPrefix) { "\($0)" }).joined(separator: "\n"))
        case .handle(.own(let resource)), .handle(.borrow(let resource)):
            guard claim(typeName) else { return }
            emitType(docs: definition.docs, "typedef \(handleTarget(id, resource: resource)) \(typeName);")
        default:
            guard claim(typeName) else { return }
            emitType(docs: definition.docs, structDefinition(id, tag: typeName).joined(separator: "\n"))
        }
        addLayoutCheck(id)
    }

    mutating func defineAnonymousType(_ id: TypeID) {
        let typeName = typeNames[id]!
        switch resolve[id].kind {
        case .handle(.own(let resource)), .handle(.borrow(let resource)):
            let target = handleTarget(id, resource: resource)
            // `own<r>` of a resource of the same interface is the resource's own handle type.
            guard target != typeName, claim(typeName) else { return }
            emitType(docs: Docs(), "typedef \(target) \(typeName);")
        case .alias(let target):
            guard claim(typeName) else { return }
            emitType(docs: Docs(), "typedef \(cType(target)) \(typeName);")
        default:
            guard claim(typeName) else { return }
            emitType(docs: Docs(), structDefinition(id, tag: nil).joined(separator: "\n"))
        }
        addLayoutCheck(id)
    }

    /// The handle type a handle type definition stands for.
    mutating func handleTarget(_ id: TypeID, resource: TypeID) -> String {
        guard case .id(let origin) = abi.dealiased(.id(resource)), let names = resources[origin] else {
            return "int32_t"
        }
        if case .handle(.borrow) = resolve[id].kind { return names.borrow }
        return names.own
    }

    /// `typedef struct [TAG] { ... } NAME;` for the struct-shaped kinds.
    mutating func structDefinition(_ id: TypeID, tag: String?) -> [String] {
        let typeName = typeNames[id]!
        var members: [String] = []
        switch resolve[id].kind {
        case .record(let fields):
            for field in fields {
                members += Self.comment(field.docs)
                members.append("\(cType(field.type)) \(CNaming.identifier(field.name));")
            }
            // An empty record has no members in the ABI; C needs one.
            if fields.isEmpty { members.append("uint8_t __empty;") }
        case .tuple(let types):
            for (index, type) in types.enumerated() { members.append("\(cType(type)) f\(index);") }
            if types.isEmpty { members.append("uint8_t __empty;") }
        case .variant(let cases):
            members.append("\(Self.unsignedType(CanonicalABI.discriminantSize(cases.count))) tag;")
            let payloads = cases.compactMap { item in item.type.map { (item.name, $0) } }
            if !payloads.isEmpty {
                members.append("union {")
                for (name, type) in payloads { members.append("  \(cType(type)) \(CNaming.identifier(name));") }
                members.append("} val;")
            }
        case .option(let payload):
            members += ["bool is_some;", "\(cType(payload)) val;"]
        case .result(let ok, let err):
            members.append("bool is_err;")
            if ok != nil || err != nil {
                members.append("union {")
                if let ok { members.append("  \(cType(ok)) ok;") }
                if let err { members.append("  \(cType(err)) err;") }
                members.append("} val;")
            }
        case .list(let element):
            members += ["\(cType(element)) *ptr;", "size_t len;"]
        case .map(let key, let value):
            let entry = String(typeName.dropLast(2)) + "_entry_t"
            if claim(entry) {
                emitType(docs: Docs(), "typedef struct {\n  \(cType(key)) key;\n  \(cType(value)) value;\n} \(entry);")
            }
            members += ["\(entry) *ptr;", "size_t len;"]
        case .fixedSizeList(let element, let count):
            members.append("\(cType(element)) val[\(max(count, 1))];")
        case .future, .stream:
            return ["typedef uint32_t \(typeName);"]
        case .resource, .handle, .flags, .enumeration, .alias, .unknown:
            return ["typedef int32_t \(typeName);"]
        }
        let opening = tag.map { "typedef struct \($0) {" } ?? "typedef struct {"
        return [opening] + members.map { "  " + $0 }
            + ["} \(typeName);"]
    }

    /// The handle types and helpers of a resource.
    mutating func defineResource(_ id: TypeID, name: String, in scope: Scope) {
        let prefix = ownerPrefix(id, in: scope)
        let snake = Naming.snake(name)
        let own = "\(prefix)_own_\(snake)_t"
        let borrow = "\(prefix)_borrow_\(snake)_t"
        let dropImport = "__wasm_import_\(prefix)_\(snake)_drop"
        let module = scope.isImport ? scope.module : "[export]\(scope.module)"
        resources[id] = ResourceNames(own: own, borrow: borrow, isExported: !scope.isImport)
        guard claim(own) else { return }
        emitType(docs: resolve[id].docs, "typedef struct \(own) {\n  int32_t __handle;\n} \(own);")
        helperDeclarations.append("\n// Drops an owned handle of `\(name)`, ending the resource's life if it was the last.")
        helperDeclarations.append("extern void \(prefix)_\(snake)_drop_own(\(own) handle);")
        importDeclarations.append(Self.importAttribute(module: module, name: "[resource-drop]\(name)")
            + "\nextern void \(dropImport)(int32_t handle);")
        helperDefinitions.append("""
            void \(prefix)_\(snake)_drop_own(\(own) handle) {
              \(dropImport)(handle.__handle);
            }
            """)
        if scope.isImport {
            emitType(docs: Docs(), "typedef struct \(borrow) {\n  int32_t __handle;\n} \(borrow);")
            helperDeclarations.append("\n// Borrows an owned handle of `\(name)` (the handle stays owned).")
            helperDeclarations.append("extern \(borrow) \(prefix)_borrow_\(snake)(\(own) handle);")
            helperDefinitions.append("""
                \(borrow) \(prefix)_borrow_\(snake)(\(own) handle) {
                  \(borrow) borrowed;
                  borrowed.__handle = handle.__handle;
                  return borrowed;
                }
                """)
            layoutChecks.append("_Static_assert(sizeof(\(borrow)) == 4 && _Alignof(\(borrow)) == 4, \"\(borrow)\");")
        } else {
            let representation = typeNames[id]!
            emitType(docs: Docs(), "// Defined by the component: the representation of `\(name)`.\n"
                     + "typedef struct \(representation) \(representation);\n\ntypedef \(representation) *\(borrow);")
            let newImport = "__wasm_import_\(prefix)_\(snake)_new"
            let repImport = "__wasm_import_\(prefix)_\(snake)_rep"
            helperDeclarations.append("""

                // Makes a new `\(name)` owned handle for `rep`, the component's own representation.
                extern \(own) \(prefix)_\(snake)_new(\(representation) *rep);
                // The representation behind an owned handle of `\(name)`.
                extern \(representation) *\(prefix)_\(snake)_rep(\(own) handle);
                // Called when the last handle of a `\(name)` is dropped (written by the component).
                void \(prefix)_\(snake)_destructor(\(representation) *rep);
                """)
            importDeclarations.append(Self.importAttribute(module: module, name: "[resource-new]\(name)")
                + "\nextern int32_t \(newImport)(int32_t rep);")
            importDeclarations.append(Self.importAttribute(module: module, name: "[resource-rep]\(name)")
                + "\nextern int32_t \(repImport)(int32_t handle);")
            helperDefinitions.append("""
                \(own) \(prefix)_\(snake)_new(\(representation) *rep) {
                  \(own) handle;
                  handle.__handle = \(newImport)((int32_t) (uintptr_t) rep);
                  return handle;
                }

                \(representation) *\(prefix)_\(snake)_rep(\(own) handle) {
                  return (\(representation) *) (uintptr_t) \(repImport)(handle.__handle);
                }

                __attribute__((__export_name__("\(scope.module)#[dtor]\(name)")))
                void __wasm_export_\(prefix)_\(snake)_dtor(int32_t rep) {
                  \(prefix)_\(snake)_destructor((\(representation) *) (uintptr_t) rep);
                }
                """)
        }
        layoutChecks.append("_Static_assert(sizeof(\(own)) == 4 && _Alignof(\(own)) == 4, \"\(own)\");")
    }

    // MARK: Free helpers

    /// `void NAME_free(NAME_t *ptr)` for every type that owns memory, plus every
    /// list, option, result and variant (as wit-bindgen emits them).
    mutating func defineFreeFunction(_ id: TypeID) {
        guard let typeName = typeNames[id], typeName.hasSuffix("_t") else { return }
        let function = String(typeName.dropLast(2)) + "_free"
        var body: [String] = []
        switch resolve[id].kind {
        case .alias(let target): body = free(target, "ptr")
        case .record(let fields):
            for field in fields { body += free(field.type, "&ptr->\(CNaming.identifier(field.name))") }
        case .tuple(let types):
            for (index, type) in types.enumerated() { body += free(type, "&ptr->f\(index)") }
        case .list(let element):
            body = ["for (size_t i = 0; i < ptr->len; i++) {"] + free(element, "&ptr->ptr[i]").map { "  " + $0 }
                + ["}", "if (ptr->len > 0) {", "  free(ptr->ptr);", "}"]
        case .map(let key, let value):
            let entries = free(key, "&ptr->ptr[i].key") + free(value, "&ptr->ptr[i].value")
            body = ["for (size_t i = 0; i < ptr->len; i++) {"] + entries.map { "  " + $0 }
                + ["}", "if (ptr->len > 0) {", "  free(ptr->ptr);", "}"]
        case .fixedSizeList(let element, let count):
            let each = free(element, "&ptr->val[i]")
            if !each.isEmpty { body = ["for (size_t i = 0; i < \(count); i++) {"] + each.map { "  " + $0 } + ["}"] }
        case .variant(let cases):
            body = ["switch ((int32_t) ptr->tag) {"]
            for (index, item) in cases.enumerated() {
                guard let payload = item.type else { continue }
                body += ["  case \(index): {"] + free(payload, "&ptr->val.\(CNaming.identifier(item.name))").map { "    " + $0 }
                    + ["    break;", "  }"]
            }
            body.append("}")
        case .option(let payload):
            body = ["if (ptr->is_some) {"] + free(payload, "&ptr->val").map { "  " + $0 } + ["}"]
        case .result(let ok, let err):
            body = ["if (!ptr->is_err) {"] + (ok.map { free($0, "&ptr->val.ok") } ?? []).map { "  " + $0 }
            if let err { body += ["} else {"] + free(err, "&ptr->val.err").map { "  " + $0 } }
            body.append("}")
        case .handle, .resource, .flags, .enumeration, .future, .stream, .unknown: break
        }
        guard !body.isEmpty else { return }
        freeFunctions[id] = function
        // A type named under the world prefix (a world-level type, or an anonymous one that a
        // world-level function uses first) that the world's imports and exports both use is
        // named again for the exports, with the same name: its helper is defined already.
        guard claim(function) else { return }
        helperDeclarations.append("\nvoid \(function)(\(typeName) *ptr);")
        helperDefinitions.append((["void \(function)(\(typeName) *ptr) {"] + body.map { "  " + $0 } + ["}"])
            .joined(separator: "\n"))
    }

    /// The statements that free what `expression` (a pointer to a value of `type`) owns.
    mutating func free(_ type: TypeReference, _ expression: String) -> [String] {
        switch type {
        case .primitive(.string):
            needsString = true
            return ["\(worldPrefix)_string_free(\(expression));"]
        case .primitive: return []
        case .id(let id):
            guard let function = freeFunctions[id] else { return [] }
            return ["\(function)(\(expression));"]
        }
    }

    // MARK: Output helpers

    /// Claims a type name for a definition; false when it is already defined.
    mutating func claim(_ name: String) -> Bool {
        definedNames.insert(name).inserted
    }

    mutating func emitType(docs: Docs, _ text: String) {
        typeDefinitions.append("\n" + (Self.comment(docs) + [text]).joined(separator: "\n"))
    }

    /// `#define PREFIX_NAME VALUE` for each case or flag, with its docs, after a blank line.
    static func macroLines(_ items: [(name: String, docs: Docs)], prefix: String, value: (Int) -> String) -> [String] {
        guard !items.isEmpty else { return [] }
        var lines = [""]
        for (index, item) in items.enumerated() {
            lines += comment(item.docs)
            lines.append("#define \(prefix)_\(CNaming.macro(item.name)) \(value(index))")
        }
        return lines
    }

    /// A compile-time check, in the implementation, that the C layout is the canonical ABI's.
    mutating func addLayoutCheck(_ id: TypeID) {
        guard let name = typeNames[id] else { return }
        if case .alias(let target) = resolve[id].kind, case .id(let targetID) = abi.dealiased(target),
           case .resource = resolve[targetID].kind { return }
        let layout = abi.layout(id)
        layoutChecks.append("_Static_assert(sizeof(\(name)) == \(max(layout.size, 1)) && _Alignof(\(name)) == \(layout.alignment), \"\(name)\");")
    }

    static func comment(_ docs: Docs) -> [String] {
        guard let text = docs.contents, !text.isEmpty else { return [] }
        return text.lines.map { $0.isEmpty ? "//" : "// \($0)" }
    }

    static func unsignedType(_ bytes: Int) -> String {
        bytes == 1 ? "uint8_t" : bytes == 2 ? "uint16_t" : "uint32_t"
    }

    static func importAttribute(module: String, name: String) -> String {
        "__attribute__((__import_module__(\"\(module)\"), __import_name__(\"\(name)\")))"
    }
}
