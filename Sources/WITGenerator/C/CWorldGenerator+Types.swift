import WITModel

extension CWorldGenerator {
    /// Names and defines each live type not defined yet, then its `_free` helper.
    mutating func defineLiveTypes(_ live: [TypeID], in scope: Scope) {
        for id in live where typeNames[id.index] == nil {
            if let name = resolve.types[id.index].name {
                typeNames[id.index] = names.typeName(name, prefix: ownerPrefix(id, in: scope))
                defineNamedType(id, name: name, in: scope)
            } else if isPrimitiveOnly(.id(id)) {
                let typeName: TextLine = "\(worldPrefix)_\(encodedName(.id(id)))_t"
                let name = typeName.text
                typeNames[id.index] = name
                guard primitiveTypeNames.insert(name).inserted else { continue }
                defineAnonymousType(id)
            } else {
                let typeName: TextLine = "\(ownerPrefix(id, in: scope))_\(encodedName(.id(id)))_t"
                typeNames[id.index] = typeName.text
                defineAnonymousType(id)
            }
            defineFreeFunction(id)
        }
    }

    // MARK: Definitions

    mutating func defineNamedType(_ id: TypeID, name: String, in scope: Scope) {
        let typeName = typeNames[id.index]!
        let docs = resolve.types[id.index].docs
        switch resolve.types[id.index].kind {
        case .resource:
            defineResource(id, name: name, in: scope)
            return
        case .alias(let target):
            // A resource brought in by `use` has no type of its own, only its handles.
            if case .id(let targetID) = resolve.dealiased(target), case .resource = resolve.types[targetID.index].kind { return }
            guard claim(typeName) else { return }
            let targetName = cType(target)
            beginType(docs: docs)
            typeDefinitions.line("typedef \(targetName) \(typeName);")
        case .flags(let flags):
            guard claim(typeName) else { return }
            beginType(docs: docs)
            typeDefinitions.line("typedef \(Self.unsignedType(CanonicalABI.flagsSize(flags.count))) \(typeName);")
            writeMacros(flags.map { ($0.name, $0.docs) }, prefix: macroPrefix(id, name: name, in: scope)) {
                "(1 << \($0))"
            }
        case .enumeration(let cases):
            guard claim(typeName) else { return }
            beginType(docs: docs)
            typeDefinitions.line("typedef \(Self.unsignedType(CanonicalABI.discriminantSize(cases.count))) \(typeName);")
            writeMacros(cases.map { ($0.name, $0.docs) }, prefix: macroPrefix(id, name: name, in: scope)) { String($0) }
        case .variant(let cases):
            guard claim(typeName) else { return }
            defineRepresentation(id, tag: typeName, docs: docs)
            writeMacros(cases.map { ($0.name, $0.docs) }, prefix: macroPrefix(id, name: name, in: scope)) { String($0) }
        case .handle(.own(let resource)), .handle(.borrow(let resource)):
            guard claim(typeName) else { return }
            let target = handleTarget(id, resource: resource)
            beginType(docs: docs)
            typeDefinitions.line("typedef \(target) \(typeName);")
        default:
            guard claim(typeName) else { return }
            defineRepresentation(id, tag: typeName, docs: docs)
        }
        addLayoutCheck(id)
    }

    /// The prefix of the macros of a named type's cases or flags (`TCP_ERROR_CODE`).
    func macroPrefix(_ id: TypeID, name: String, in scope: Scope) -> String {
        "\(CNaming.macro(ownerPrefix(id, in: scope)))_\(CNaming.macro(name))"
    }

    mutating func defineAnonymousType(_ id: TypeID) {
        let typeName = typeNames[id.index]!
        switch resolve.types[id.index].kind {
        case .handle(.own(let resource)), .handle(.borrow(let resource)):
            let target = handleTarget(id, resource: resource)
            // `own<r>` of a resource of the same interface is the resource's own handle type.
            guard target != typeName, claim(typeName) else { return }
            typeDefinitions.line()
            typeDefinitions.line("typedef \(target) \(typeName);")
        case .alias(let target):
            guard claim(typeName) else { return }
            let targetName = cType(target)
            typeDefinitions.line()
            typeDefinitions.line("typedef \(targetName) \(typeName);")
        default:
            guard claim(typeName) else { return }
            defineRepresentation(id, tag: nil, docs: Docs())
        }
        addLayoutCheck(id)
    }

    /// The handle type a handle type definition stands for.
    mutating func handleTarget(_ id: TypeID, resource: TypeID) -> String {
        guard case .id(let origin) = resolve.dealiased(.id(resource)), let names = resources[origin.index] else {
            return "int32_t"
        }
        if case .handle(.borrow) = resolve.types[id.index].kind { return names.borrow }
        return names.own
    }

    /// The typedef that represents a type, after a blank line and the docs: `typedef struct
    /// [TAG] { ... } NAME;` for records, tuples, variants, options, results, lists and maps
    /// (a map's entry struct comes first), `uint32_t` for futures and streams, `int32_t` for
    /// the kinds that are handles or integers.
    mutating func defineRepresentation(_ id: TypeID, tag: String?, docs: Docs) {
        let typeName = typeNames[id.index]!
        // The members are written first: naming their types may define other things.
        var members = CodePrinter(indentWidth: 2, level: 1, capacity: 1024)
        switch resolve.types[id.index].kind {
        case .record(let fields):
            for field in fields {
                members.comment(field.docs.contents, style: .cLine)
                members.line("\(cType(field.type)) \(CNaming.identifier(field.name));")
            }
            // An empty record has no members in the ABI; C needs one.
            if fields.isEmpty { members.line("uint8_t __empty;") }
        case .tuple(let types):
            for (index, type) in types.enumerated() { members.line("\(cType(type)) f\(index);") }
            if types.isEmpty { members.line("uint8_t __empty;") }
        case .variant(let cases):
            members.line("\(Self.unsignedType(CanonicalABI.discriminantSize(cases.count))) tag;")
            if cases.contains(where: { $0.type != nil }) {
                members.block("union {", closing: "} val;") { union in
                    for item in cases {
                        guard let type = item.type else { continue }
                        union.line("\(cType(type)) \(CNaming.identifier(item.name));")
                    }
                }
            }
        case .option(let payload):
            members.line("bool is_some;")
            members.line("\(cType(payload)) val;")
        case .result(let ok, let err):
            members.line("bool is_err;")
            if ok != nil || err != nil {
                members.block("union {", closing: "} val;") { union in
                    if let ok { union.line("\(cType(ok)) ok;") }
                    if let err { union.line("\(cType(err)) err;") }
                }
            }
        case .list(let element):
            members.line("\(cType(element)) *ptr;")
            members.line("size_t len;")
        case .map(let key, let value):
            let entry = String(typeName.dropLast(2)) + "_entry_t"
            if claim(entry) {
                let keyType = cType(key)
                let valueType = cType(value)
                typeDefinitions.line()
                typeDefinitions.block("typedef struct {", closing: "} \(entry);") { fields in
                    fields.line("\(keyType) key;")
                    fields.line("\(valueType) value;")
                }
            }
            members.line("\(entry) *ptr;")
            members.line("size_t len;")
        case .fixedSizeList(let element, let count):
            members.line("\(cType(element)) val[\(max(count, 1))];")
        case .future, .stream:
            beginType(docs: docs)
            typeDefinitions.line("typedef uint32_t \(typeName);")
            return
        case .resource, .handle, .flags, .enumeration, .alias, .unknown:
            beginType(docs: docs)
            typeDefinitions.line("typedef int32_t \(typeName);")
            return
        }
        beginType(docs: docs)
        typeDefinitions.block(tag.map { "typedef struct \($0) {" } ?? "typedef struct {", closing: "} \(typeName);") { body in
            body.append(members)
        }
    }

    /// The handle types and helpers of a resource.
    mutating func defineResource(_ id: TypeID, name: String, in scope: Scope) {
        let prefix = ownerPrefix(id, in: scope)
        let snake = Naming.snake(name)
        let (own, borrow) = names.handleTypeNames(resource: name, prefix: prefix)
        let dropImport = "__wasm_import_\(prefix)_\(snake)_drop"
        let module = scope.isImport ? scope.module : "[export]\(scope.module)"
        resources[id.index] = ResourceNames(own: own, borrow: borrow, isExported: !scope.isImport)
        guard claim(own) else { return }
        beginType(docs: resolve.types[id.index].docs)
        Self.writeHandleStruct(own, into: &typeDefinitions)
        helperDeclarations.line()
        helperDeclarations.line("// Drops an owned handle of `\(name)`, ending the resource's life if it was the last.")
        helperDeclarations.line("extern void \(prefix)_\(snake)_drop_own(\(own) handle);")
        declareImport(module: module, name: "[resource-drop]\(name)", "extern void \(dropImport)(int32_t handle);")
        helperDefinitions.line()
        helperDefinitions.block("void \(prefix)_\(snake)_drop_own(\(own) handle) {") { body in
            body.line("\(dropImport)(handle.__handle);")
        }
        if scope.isImport {
            typeDefinitions.line()
            Self.writeHandleStruct(borrow, into: &typeDefinitions)
            helperDeclarations.line()
            helperDeclarations.line("// Borrows an owned handle of `\(name)` (the handle stays owned).")
            helperDeclarations.line("extern \(borrow) \(prefix)_borrow_\(snake)(\(own) handle);")
            helperDefinitions.line()
            helperDefinitions.block("\(borrow) \(prefix)_borrow_\(snake)(\(own) handle) {") { body in
                body.line("\(borrow) borrowed;")
                body.line("borrowed.__handle = handle.__handle;")
                body.line("return borrowed;")
            }
            layoutChecks.line("_Static_assert(sizeof(\(borrow)) == 4 && _Alignof(\(borrow)) == 4, \"\(borrow)\");")
        } else {
            let representation = typeNames[id.index]!
            typeDefinitions.line()
            typeDefinitions.line("// Defined by the component: the representation of `\(name)`.")
            typeDefinitions.line("typedef struct \(representation) \(representation);")
            typeDefinitions.line()
            typeDefinitions.line("typedef \(representation) *\(borrow);")
            let newImport = "__wasm_import_\(prefix)_\(snake)_new"
            let repImport = "__wasm_import_\(prefix)_\(snake)_rep"
            helperDeclarations.line()
            helperDeclarations.line("// Makes a new `\(name)` owned handle for `rep`, the component's own representation.")
            helperDeclarations.line("extern \(own) \(prefix)_\(snake)_new(\(representation) *rep);")
            helperDeclarations.line("// The representation behind an owned handle of `\(name)`.")
            helperDeclarations.line("extern \(representation) *\(prefix)_\(snake)_rep(\(own) handle);")
            helperDeclarations.line("// Called when the last handle of a `\(name)` is dropped (written by the component).")
            helperDeclarations.line("void \(prefix)_\(snake)_destructor(\(representation) *rep);")
            declareImport(module: module, name: "[resource-new]\(name)", "extern int32_t \(newImport)(int32_t rep);")
            declareImport(module: module, name: "[resource-rep]\(name)", "extern int32_t \(repImport)(int32_t handle);")
            helperDefinitions.line()
            helperDefinitions.block("\(own) \(prefix)_\(snake)_new(\(representation) *rep) {") { body in
                body.line("\(own) handle;")
                body.line("handle.__handle = \(newImport)((int32_t) (uintptr_t) rep);")
                body.line("return handle;")
            }
            helperDefinitions.line()
            helperDefinitions.block("\(representation) *\(prefix)_\(snake)_rep(\(own) handle) {") { body in
                body.line("return (\(representation) *) (uintptr_t) \(repImport)(handle.__handle);")
            }
            helperDefinitions.line()
            helperDefinitions.line("__attribute__((__export_name__(\"\(scope.module)#[dtor]\(name)\")))")
            helperDefinitions.block("void __wasm_export_\(prefix)_\(snake)_dtor(int32_t rep) {") { body in
                body.line("\(prefix)_\(snake)_destructor((\(representation) *) (uintptr_t) rep);")
            }
        }
        layoutChecks.line("_Static_assert(sizeof(\(own)) == 4 && _Alignof(\(own)) == 4, \"\(own)\");")
    }

    // MARK: Free helpers

    /// `void NAME_free(NAME_t *ptr)` for every type that owns memory, plus every
    /// list, option, result and variant (as wit-bindgen emits them).
    mutating func defineFreeFunction(_ id: TypeID) {
        guard let typeName = typeNames[id.index], typeName.hasSuffix("_t") else { return }
        var body = CodePrinter(indentWidth: 2, level: 1, capacity: 2048)
        switch resolve.types[id.index].kind {
        case .alias(let target): writeFree(target, "ptr", into: &body)
        case .record(let fields):
            for field in fields {
                if let function = freeFunction(of: field.type) {
                    body.line("\(function)(&ptr->\(CNaming.identifier(field.name)));")
                }
            }
        case .tuple(let types):
            for (index, type) in types.enumerated() {
                if let function = freeFunction(of: type) { body.line("\(function)(&ptr->f\(index));") }
            }
        case .list(let element):
            body.block("for (size_t i = 0; i < ptr->len; i++) {") { loop in
                writeFree(element, "&ptr->ptr[i]", into: &loop)
            }
            Self.writeFreeArray(into: &body)
        case .map(let key, let value):
            body.block("for (size_t i = 0; i < ptr->len; i++) {") { loop in
                writeFree(key, "&ptr->ptr[i].key", into: &loop)
                writeFree(value, "&ptr->ptr[i].value", into: &loop)
            }
            Self.writeFreeArray(into: &body)
        case .fixedSizeList(let element, let count):
            if let function = freeFunction(of: element) {
                body.block("for (size_t i = 0; i < \(count); i++) {") { loop in
                    loop.line("\(function)(&ptr->val[i]);")
                }
            }
        case .variant(let cases):
            body.block("switch ((int32_t) ptr->tag) {") { switchBody in
                for (index, item) in cases.enumerated() {
                    guard let payload = item.type else { continue }
                    let function = freeFunction(of: payload)
                    switchBody.block("case \(index): {") { statements in
                        if let function { statements.line("\(function)(&ptr->val.\(CNaming.identifier(item.name)));") }
                        statements.line("break;")
                    }
                }
            }
        case .option(let payload):
            body.block("if (ptr->is_some) {") { then in
                writeFree(payload, "&ptr->val", into: &then)
            }
        case .result(let ok, let err):
            body.block("if (!ptr->is_err) {", closing: err == nil ? "}" : "} else {") { then in
                if let ok { writeFree(ok, "&ptr->val.ok", into: &then) }
            }
            if let err {
                body.indented { otherwise in writeFree(err, "&ptr->val.err", into: &otherwise) }
                body.line("}")
            }
        case .handle, .resource, .flags, .enumeration, .future, .stream, .unknown: break
        }
        guard !body.isEmpty else { return }
        let function = String(typeName.dropLast(2)) + "_free"
        freeFunctions[id.index] = function
        // A type named under the world prefix (a world-level type, or an anonymous one that a
        // world-level function uses first) that the world's imports and exports both use is
        // named again for the exports, with the same name: its helper is defined already.
        guard claim(function) else { return }
        helperDeclarations.line()
        helperDeclarations.line("void \(function)(\(typeName) *ptr);")
        helperDefinitions.line()
        helperDefinitions.block("void \(function)(\(typeName) *ptr) {") { $0.append(body) }
    }

    /// The end of a list's or map's `_free` helper: the array itself.
    private static func writeFreeArray(into body: inout CodePrinter) {
        body.block("if (ptr->len > 0) {") { then in
            then.line("free(ptr->ptr);")
        }
    }

    /// `typedef struct NAME { int32_t __handle; } NAME;`: a resource handle.
    private static func writeHandleStruct(_ name: String, into out: inout CodePrinter) {
        out.block("typedef struct \(name) {", closing: "} \(name);") { fields in
            fields.line("int32_t __handle;")
        }
    }

    /// The helper that frees what a value of `type` owns, or `nil` when it owns nothing.
    mutating func freeFunction(of type: TypeReference) -> String? {
        switch type {
        case .primitive(.string):
            needsString = true
            return "\(worldPrefix)_string_free"
        case .primitive: return nil
        case .id(let id): return freeFunctions[id.index]
        }
    }

    /// The statement that frees what `expression` (a pointer to a value of `type`) owns, if anything.
    mutating func writeFree(_ type: TypeReference, _ expression: String, into body: inout CodePrinter) {
        if let function = freeFunction(of: type) { body.line("\(function)(\(expression));") }
    }

    // MARK: Output helpers

    /// Claims a type name for a definition; false when it is already defined.
    mutating func claim(_ name: String) -> Bool {
        definedNames.insert(name).inserted
    }

    /// The start of a type definition: a blank line, then the docs as `//` lines.
    mutating func beginType(docs: Docs) {
        typeDefinitions.line()
        typeDefinitions.comment(docs.contents, style: .cLine)
    }

    /// A core import (in the implementation): a blank line, its attribute line, then `declaration`.
    mutating func declareImport(module: String, name: String, _ declaration: TextLine) {
        importDeclarations.line()
        importDeclarations.line("__attribute__((__import_module__(\"\(module)\"), __import_name__(\"\(name)\")))")
        importDeclarations.line(declaration)
    }

    /// `#define PREFIX_NAME VALUE` for each case or flag, with its docs, after a blank line.
    mutating func writeMacros(_ items: [(name: String, docs: Docs)], prefix: String, value: (Int) -> String) {
        guard !items.isEmpty else { return }
        typeDefinitions.line()
        for (index, item) in items.enumerated() {
            typeDefinitions.comment(item.docs.contents, style: .cLine)
            typeDefinitions.line("#define \(prefix)_\(CNaming.macro(item.name)) \(value(index))")
        }
    }

    /// A compile-time check, in the implementation, that the C layout is the canonical ABI's.
    mutating func addLayoutCheck(_ id: TypeID) {
        guard let name = typeNames[id.index] else { return }
        if case .alias(let target) = resolve.types[id.index].kind, case .id(let targetID) = resolve.dealiased(target),
           case .resource = resolve.types[targetID.index].kind { return }
        let layout = abi.layout(id)
        layoutChecks.line("_Static_assert(sizeof(\(name)) == \(max(layout.size, 1)) && _Alignof(\(name)) == \(layout.alignment), \"\(name)\");")
    }

    static func unsignedType(_ bytes: Int) -> String {
        bytes == 1 ? "uint8_t" : bytes == 2 ? "uint16_t" : "uint32_t"
    }
}
