import WITModel

/// Generates the header of one world: walks its imports and exports in order,
/// names every type the way wit-bindgen does, and collects the header's and the
/// implementation's sections.
struct CWorldGenerator {
    let resolve: Resolve
    let abi: CanonicalABI
    /// The names of the header's prefixes, types and functions.
    let names: CNamePlan
    let worldID: WorldID
    /// The world prefix (`wasip2`): the world's name or its rename, in snake case.
    let worldPrefix: String

    /// Where the generator is: the interface (or the world itself) whose items it defines.
    struct Scope {
        var key: WorldKey?
        var interface: InterfaceID?
        var isImport: Bool
        /// The core module of imports (`wasi:sockets/tcp@0.2.12`, `$root`).
        var module: String
        /// The prefix of the scope's names (`tcp`, `exports_my_pkg_api`, the world prefix).
        var prefix: String
    }

    /// C names of the types defined so far, by type index (wit-bindgen's `type_names`).
    var typeNames: [String?]
    /// Names of anonymous types made of primitives, defined once under the world prefix.
    var primitiveTypeNames: Set<String> = []
    /// Names already given a definition, so a name is never defined twice.
    var definedNames: Set<String> = []
    /// `_free` helpers, by type index.
    var freeFunctions: [String?]
    /// Handle type names of each resource, by type index.
    var resources: [ResourceNames?]
    /// The types an interface or function uses (one collector, started over for each).
    var liveTypes: LiveTypes
    /// Whether any type or function uses `string`.
    var needsString = false
    /// Whether a function is declared `_Noreturn` (which C++ spells `[[noreturn]]`).
    var needsNoreturn = false
    /// The largest return area an export needs.
    var exportReturnArea = (size: 0, alignment: 1)

    struct ResourceNames {
        var own: String
        var borrow: String
        var isExported: Bool
    }

    /// The header's sections, in output order: each holds its lines, each line ending with a newline.
    var typeDefinitions = CodePrinter(indentWidth: 2, capacity: 16384)
    var functionDeclarations = CodePrinter(indentWidth: 2, capacity: 16384)
    var helperDeclarations = CodePrinter(indentWidth: 2, capacity: 16384)
    /// The implementation's sections.
    var importDeclarations = CodePrinter(indentWidth: 2, capacity: 16384)
    var helperDefinitions = CodePrinter(indentWidth: 2, capacity: 16384)
    var adapters = CodePrinter(indentWidth: 2, capacity: 16384)
    var layoutChecks = CodePrinter(indentWidth: 2, capacity: 16384)

    init(resolve: Resolve, abi: CanonicalABI, names: CNamePlan, world: WorldID) {
        self.resolve = resolve
        self.abi = abi
        self.names = names
        worldID = world
        worldPrefix = names.worldPrefix(world)
        typeNames = Array(repeating: nil, count: resolve.types.count)
        freeFunctions = Array(repeating: nil, count: resolve.types.count)
        resources = Array(repeating: nil, count: resolve.types.count)
        liveTypes = LiveTypes(resolve: resolve)
        definedNames.reserveCapacity(1024)
    }

    // MARK: Walking the world

    mutating func generate() -> GeneratedFile {
        let world = resolve[worldID]
        var importedTypes: [TypeID] = []
        var importedFunctions: [Function] = []
        for (key, item) in world.imports {
            switch item {
            case .interface(let id, _, let docs): importInterface(key, id, docs: docs)
            case .type(let id): importedTypes.append(id)
            case .function(let function): importedFunctions.append(function)
            }
        }
        let worldImportScope = Scope(key: nil, interface: nil, isImport: true, module: "$root", prefix: worldPrefix)
        if !importedTypes.isEmpty {
            liveTypes.startOver()
            for id in importedTypes { liveTypes.add(id) }
            defineLiveTypes(liveTypes.order, in: worldImportScope)
        }
        if !importedFunctions.isEmpty {
            liveTypes.startOver()
            for function in importedFunctions { liveTypes.add(function) }
            defineLiveTypes(liveTypes.order, in: worldImportScope)
            functionDeclarations.line()
            functionDeclarations.line("// Imported Functions from `\(world.name)`")
            for function in importedFunctions { importFunction(function, in: worldImportScope) }
        }

        forgetTypesRedefinedByExports()
        var exportedFunctions: [Function] = []
        for (key, item) in world.exports {
            switch item {
            case .interface(let id, _, let docs): exportInterface(key, id, docs: docs)
            case .function(let function): exportedFunctions.append(function)
            case .type: break
            }
        }
        if !exportedFunctions.isEmpty {
            let scope = Scope(key: nil, interface: nil, isImport: false, module: "$root", prefix: worldPrefix)
            liveTypes.startOver()
            for function in exportedFunctions { liveTypes.add(function) }
            defineLiveTypes(liveTypes.order, in: scope)
            functionDeclarations.line()
            functionDeclarations.line("// Exported Functions from `\(world.name)`")
            for function in exportedFunctions { exportFunction(function, in: scope) }
        }
        return GeneratedFile(path: worldPrefix + ".h", contents: assemble())
    }

    mutating func importInterface(_ key: WorldKey, _ id: InterfaceID, docs: Docs) {
        generateInterface(key, id, isImport: true, docs: docs)
    }

    mutating func exportInterface(_ key: WorldKey, _ id: InterfaceID, docs: Docs) {
        generateInterface(key, id, isImport: false, docs: docs)
    }

    /// The types an interface uses, then its functions: imported (adapters that call the
    /// host) or exported (entry points that call the component's own functions), after the
    /// doc comment of the world's item that names the interface.
    private mutating func generateInterface(_ key: WorldKey, _ id: InterfaceID, isImport: Bool, docs: Docs) {
        let scope = Scope(key: key, interface: id, isImport: isImport, module: resolve.name(of: key),
                          prefix: names.prefix(of: key, isExport: !isImport))
        liveTypes.startOver()
        liveTypes.add(interface: id)
        defineLiveTypes(liveTypes.order, in: scope)
        let functions = resolve.interfaces[id.index].functions.values
        if !functions.isEmpty {
            functionDeclarations.line()
            functionDeclarations.line("// \(isImport ? "Imported" : "Exported") Functions from `\(scope.module)`")
            // An empty doc comment on the world's item still shows, as one empty comment line.
            if docs.contents == "" { functionDeclarations.line("//") }
            functionDeclarations.comment(docs.contents, style: .cLine)
        }
        for function in functions {
            if isImport { importFunction(function, in: scope) } else { exportFunction(function, in: scope) }
        }
    }

    /// An interface used both as an import and an export has one set of type ids;
    /// the export gets its own definitions, except for the imported types that
    /// exported interfaces refer to, which keep their import names.
    mutating func forgetTypesRedefinedByExports() {
        let world = resolve[worldID]
        var exported = Set<InterfaceID>()
        var exportLive = LiveTypes(resolve: resolve)
        for item in world.exports.values {
            if case .interface(let id, _, _) = item {
                exported.insert(id)
                exportLive.add(interface: id)
            }
        }
        guard !exported.isEmpty else { return }
        var importLive = LiveTypes(resolve: resolve)
        for id in exportLive.order {
            if case .interface(let owner) = resolve.types[id.index].owner, !exported.contains(owner) {
                importLive.add(interface: owner)
            }
        }
        var kept = Array(repeating: false, count: resolve.types.count)
        for id in importLive.order { kept[id.index] = true }
        for index in kept.indices where !kept[index] {
            typeNames[index] = nil
            resources[index] = nil
            // An anonymous type of primitives keeps its name (under the world prefix), and so its
            // `_free` helper, which is not defined again.
            if freeFunctions[index] != nil, resolve.types[index].name != nil || !isPrimitiveOnly(.id(TypeID(index))) {
                freeFunctions[index] = nil
            }
        }
    }

    // MARK: Names

    /// The prefix a type's name takes: its interface's while that interface is
    /// being generated, the world's for world types, and the current scope's
    /// for anonymous types (the first user names them).
    func ownerPrefix(_ id: TypeID, in scope: Scope) -> String {
        switch resolve.types[id.index].owner {
        case .interface(let owner):
            if owner == scope.interface { return scope.prefix }
            return names.prefix(of: owner, isExport: false)
        case .world: return worldPrefix
        case .none: return scope.interface == nil ? worldPrefix : scope.prefix
        }
    }

    /// The C type of a WIT type.
    mutating func cType(_ type: TypeReference) -> String {
        switch type {
        case .primitive(let primitive):
            switch primitive {
            case .bool: return "bool"
            case .u8: return "uint8_t"
            case .s8: return "int8_t"
            case .u16: return "uint16_t"
            case .s16: return "int16_t"
            case .u32, .char, .errorContext: return "uint32_t"
            case .s32: return "int32_t"
            case .u64: return "uint64_t"
            case .s64: return "int64_t"
            case .f32: return "float"
            case .f64: return "double"
            case .string:
                needsString = true
                return "\(worldPrefix)_string_t"
            }
        case .id(let id):
            return typeNames[id.index] ?? "/* unnamed type \(id.index) */ int32_t"
        }
    }

    /// The structural part of an anonymous type's name (`list_u8`, `result_void_error_code`).
    func encodedName(_ type: TypeReference) -> String {
        switch type {
        case .primitive(let primitive):
            switch primitive {
            case .char: return "char32"
            case .errorContext: return "error_context"
            default: return primitive.rawValue
            }
        case .id(let id):
            if let name = resolve.types[id.index].name { return Naming.snake(name) }
            switch resolve.types[id.index].kind {
            case .alias(let target): return encodedName(target)
            case .tuple(let types): return "tuple\(types.count)" + types.map { "_" + encodedName($0) }.joined()
            case .option(let payload): return "option_" + encodedName(payload)
            case .result(let ok, let err):
                return "result_" + (ok.map(encodedName) ?? "void") + "_" + (err.map(encodedName) ?? "void")
            case .list(let element): return "list_" + encodedName(element)
            case .fixedSizeList(let element, let count): return "list_\(count)_" + encodedName(element)
            case .map(let key, let value): return "map_" + encodedName(key) + "_" + encodedName(value)
            case .future(let payload): return "future_" + (payload.map(encodedName) ?? "void")
            case .stream(let payload): return "stream_" + (payload.map(encodedName) ?? "void")
            case .handle(.own(let resource)): return "own_" + encodedName(.id(resource))
            case .handle(.borrow(let resource)): return "borrow_" + encodedName(.id(resource))
            case .record, .resource, .flags, .enumeration, .variant, .unknown: return "type\(id.index)"
            }
        }
    }

    /// Whether an anonymous type is made only of primitives (and strings), so that
    /// it is named once under the world prefix.
    func isPrimitiveOnly(_ type: TypeReference) -> Bool {
        guard case .id(let id) = type else { return true }
        switch resolve.types[id.index].kind {
        case .list(let element): return isPrimitiveOnly(element)
        case .option(let payload): return isPrimitiveOnly(payload)
        case .tuple(let types): return types.allSatisfy(isPrimitiveOnly)
        case .alias(let target): return isPrimitiveOnly(target)
        default: return false
        }
    }

    /// The C name of a function (`tcp_method_tcp_socket_start_bind`).
    func functionName(_ function: Function, in scope: Scope) -> String {
        names.functionName(function, prefix: scope.prefix)
    }
}
