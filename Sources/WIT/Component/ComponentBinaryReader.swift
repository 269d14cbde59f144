/// Reads a component binary (`.wasm`) into ``ComponentSyntax``.
///
/// Supported: the preamble `00 61 73 6d 0d 00 01 00`, custom sections (id 0),
/// type sections (id 7) and export sections (id 11) of type exports, which is
/// everything a WIT package encoded as a component contains. Every other
/// section (core modules, instances, canonical functions, imports, …) belongs to
/// a concrete component and is refused with its name and offset, as is any
/// other construct outside that subset.
struct ComponentBinaryReader {
    private var reader: ByteReader
    /// How deeply component and instance types nest; bounded so that a hostile
    /// file cannot exhaust the stack.
    private var depth = 0
    static let maximumNesting = 64

    /// Reads the items of the component in `bytes`, whose first byte is at the
    /// global offset `base` of the source map.
    static func read(_ bytes: [UInt8], base: UInt32) throws(Diagnostic) -> [ComponentSyntax.TopItem] {
        var reader = ComponentBinaryReader(reader: ByteReader(bytes: bytes, base: base))
        return try reader.readComponent()
    }

    private static let sectionNames: [UInt8: String] = [
        1: "core module", 2: "core instance", 3: "core type", 4: "component", 5: "instance", 6: "alias",
        8: "canonical function", 9: "start", 10: "import", 12: "value",
    ]

    private mutating func readComponent() throws(Diagnostic) -> [ComponentSyntax.TopItem] {
        let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6D]
        for (index, expected) in magic.enumerated() where try reader.byte("the magic number") != expected {
            throw reader.error("not a WebAssembly binary: the file does not start with `\\0asm`", at: index)
        }
        let version = try reader.byte("the version")
        let versionHigh = try reader.byte("the version")
        let layer = try reader.byte("the layer")
        let layerHigh = try reader.byte("the layer")
        if version == 1, versionHigh == 0, layer == 0, layerHigh == 0 {
            throw reader.error("this is a core WebAssembly module, not a component", at: 4)
        }
        guard version == 0x0D, versionHigh == 0, layer == 1, layerHigh == 0 else {
            throw reader.error("unsupported component binary version (expected `0d 00 01 00`)", at: 4)
        }
        var items: [ComponentSyntax.TopItem] = []
        while !reader.isAtEnd {
            let sectionStart = reader.position
            let id = try reader.byte("a section id")
            let size = Int(try reader.u32("a section size"))
            guard size <= reader.bytes.count - reader.position else {
                throw reader.error("section size \(size) runs past the end of the file", at: sectionStart)
            }
            let sectionEnd = reader.position + size
            reader.end = sectionEnd
            switch id {
            case 0:
                let name = try reader.name("a custom section name")
                items.append(.custom(name: name, data: Array(reader.bytes[reader.position..<sectionEnd]),
                                     reader.span(at: sectionStart)))
                reader.position = sectionEnd
            case 7:
                for _ in 0..<(try reader.count("type definitions")) {
                    let start = reader.position
                    items.append(.type(try readTypeDefinition(), reader.span(at: start)))
                }
            case 11:
                for _ in 0..<(try reader.count("exports")) {
                    items.append(try readTopLevelExport())
                }
            default:
                let name = Self.sectionNames[id].map { "\($0) section (id \(id))" } ?? "unknown section id \(id)"
                throw reader.error("unsupported \(name): only type, export and custom sections, as in a WIT package encoded as a component, are supported",
                                   at: sectionStart)
            }
            guard reader.position == sectionEnd else {
                throw reader.error("the section's contents end before its declared size (\(size) bytes)")
            }
            reader.end = reader.bytes.count
        }
        return items
    }

    private mutating func readTopLevelExport() throws(Diagnostic) -> ComponentSyntax.TopItem {
        let start = reader.position
        let name = try readExternName()
        let sortStart = reader.position
        let sort = try reader.byte("an export's sort")
        guard sort == 0x03 else {
            throw reader.error("unsupported export of \(Self.sortName(sort)): a WIT package exports only types", at: sortStart)
        }
        let index = try reader.u32("an exported type index")
        let ascriptionStart = reader.position
        switch try reader.byte("an export's optional type") {
        case 0x00: break
        case 0x01: throw reader.error("unsupported type ascription on the export `\(name)`", at: ascriptionStart)
        case let other: throw reader.error("invalid optional type flag 0x\(hex(other))", at: ascriptionStart)
        }
        return .export(name: name, typeIndex: index, reader.span(at: start))
    }

    private static func sortName(_ byte: UInt8) -> String {
        switch byte {
        case 0x00: return "a core item"
        case 0x01: return "a function"
        case 0x02: return "a value"
        case 0x03: return "a type"
        case 0x04: return "a component"
        case 0x05: return "an instance"
        default: return "an unknown sort 0x\(hex(byte))"
        }
    }

    /// `importname'` / `exportname'`: a `0x00` or `0x01` prefix (the latter the
    /// older spelling for interface names), then the name.
    private mutating func readExternName() throws(Diagnostic) -> String {
        let start = reader.position
        switch try reader.byte("an import or export name") {
        case 0x00, 0x01: return try reader.name("an import or export name")
        case let other: throw reader.error("unsupported import or export name encoding 0x\(hex(other))", at: start)
        }
    }

    private mutating func readTypeDefinition() throws(Diagnostic) -> ComponentSyntax.TypeDefinition {
        let start = reader.position
        let form = try reader.byte("a type definition")
        switch form {
        case 0x40, 0x43:
            return .function(try readFunctionType(isAsync: form == 0x43))
        case 0x41, 0x42:
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumNesting else {
                throw reader.error("component and instance types nest more than \(Self.maximumNesting) deep", at: start)
            }
            let declarations = try readDeclarations(inComponent: form == 0x41)
            return form == 0x41 ? .component(declarations) : .instance(declarations)
        case 0x3F, 0x3E:
            throw reader.error("unsupported resource type definition: resources with a representation belong to concrete components",
                               at: start)
        default:
            return .defined(try readDefinedType(form, at: start))
        }
    }

    private mutating func readDeclarations(inComponent: Bool) throws(Diagnostic) -> [ComponentSyntax.Declaration] {
        var declarations: [ComponentSyntax.Declaration] = []
        for _ in 0..<(try reader.count("declarations")) {
            let start = reader.position
            let span = reader.span(at: start)
            switch try reader.byte("a declaration") {
            case 0x00:
                throw reader.error("unsupported core type declaration", at: start)
            case 0x01:
                declarations.append(.type(try readTypeDefinition(), span))
            case 0x02:
                declarations.append(.alias(try readAlias(), span))
            case 0x03 where inComponent:
                let name = try readExternName()
                declarations.append(.import(name: name, try readExternType(), span))
            case 0x04:
                let name = try readExternName()
                declarations.append(.export(name: name, try readExternType(), span))
            case let other:
                throw reader.error("invalid \(inComponent ? "component" : "instance") type declaration 0x\(hex(other))", at: start)
            }
        }
        return declarations
    }

    private mutating func readSort() throws(Diagnostic) -> ComponentSyntax.Sort {
        let start = reader.position
        switch try reader.byte("a sort") {
        case 0x01: return .function
        case 0x03: return .type
        case 0x04: return .component
        case 0x05: return .instance
        case let other: throw reader.error("unsupported alias of \(Self.sortName(other))", at: start)
        }
    }

    private mutating func readAlias() throws(Diagnostic) -> ComponentSyntax.Alias {
        let sort = try readSort()
        let start = reader.position
        switch try reader.byte("an alias target") {
        case 0x00:
            let instance = try reader.u32("an instance index")
            return .instanceExport(instance: instance, name: try reader.name("an export name"), sort: sort)
        case 0x02:
            let count = try reader.u32("an outer alias count")
            return .outer(count: count, index: try reader.u32("an outer alias index"), sort: sort)
        case 0x01:
            throw reader.error("unsupported alias of a core instance export", at: start)
        case let other:
            throw reader.error("invalid alias target 0x\(hex(other))", at: start)
        }
    }

    private mutating func readExternType() throws(Diagnostic) -> ComponentSyntax.ExternType {
        let start = reader.position
        switch try reader.byte("an import or export type") {
        case 0x01: return .function(try reader.u32("a function type index"))
        case 0x03:
            let boundStart = reader.position
            switch try reader.byte("a type bound") {
            case 0x00: return .type(.equal(try reader.u32("a type index")))
            case 0x01: return .type(.subResource)
            case let other: throw reader.error("invalid type bound 0x\(hex(other))", at: boundStart)
            }
        case 0x04: return .component(try reader.u32("a component type index"))
        case 0x05: return .instance(try reader.u32("an instance type index"))
        case 0x00: throw reader.error("unsupported import or export of a core module", at: start)
        case 0x02: throw reader.error("unsupported import or export of a value", at: start)
        case let other: throw reader.error("invalid import or export type 0x\(hex(other))", at: start)
        }
    }

    private mutating func readFunctionType(isAsync: Bool) throws(Diagnostic) -> ComponentSyntax.FunctionType {
        var params: [(name: String, type: ComponentSyntax.ValueType)] = []
        for _ in 0..<(try reader.count("parameters")) {
            let name = try reader.name("a parameter name")
            params.append((name, try readValueType()))
        }
        let start = reader.position
        switch try reader.byte("a function result") {
        case 0x00:
            return ComponentSyntax.FunctionType(isAsync: isAsync, params: params, result: try readValueType())
        case 0x01:
            guard try reader.u32("the number of named results") == 0 else {
                throw reader.error("unsupported named function results", at: start)
            }
            return ComponentSyntax.FunctionType(isAsync: isAsync, params: params, result: nil)
        case let other:
            throw reader.error("invalid function result encoding 0x\(hex(other))", at: start)
        }
    }

    static func primitive(_ byte: UInt8) -> PrimitiveType? {
        switch byte {
        case 0x7F: return .bool
        case 0x7E: return .s8
        case 0x7D: return .u8
        case 0x7C: return .s16
        case 0x7B: return .u16
        case 0x7A: return .s32
        case 0x79: return .u32
        case 0x78: return .s64
        case 0x77: return .u64
        case 0x76: return .f32
        case 0x75: return .f64
        case 0x74: return .char
        case 0x73: return .string
        case 0x64: return .errorContext
        default: return nil
        }
    }

    private mutating func readValueType() throws(Diagnostic) -> ComponentSyntax.ValueType {
        if let byte = reader.peek(), let primitive = Self.primitive(byte) {
            reader.position += 1
            return .primitive(primitive)
        }
        return .index(try reader.typeIndexS33("a value type"))
    }

    private mutating func readOptionalValueType() throws(Diagnostic) -> ComponentSyntax.ValueType? {
        let start = reader.position
        switch try reader.byte("an optional type flag") {
        case 0x00: return nil
        case 0x01: return try readValueType()
        case let other: throw reader.error("invalid optional type flag 0x\(hex(other))", at: start)
        }
    }

    private mutating func readLabels(_ what: String) throws(Diagnostic) -> [String] {
        var labels: [String] = []
        for _ in 0..<(try reader.count(what)) { labels.append(try reader.name("a label")) }
        return labels
    }

    private mutating func readDefinedType(_ form: UInt8, at start: Int) throws(Diagnostic) -> ComponentSyntax.DefinedType {
        if let primitive = Self.primitive(form) { return .primitive(primitive) }
        switch form {
        case 0x72:
            var fields: [(name: String, type: ComponentSyntax.ValueType)] = []
            for _ in 0..<(try reader.count("record fields")) {
                let name = try reader.name("a field name")
                fields.append((name, try readValueType()))
            }
            return .record(fields)
        case 0x71:
            var cases: [(name: String, type: ComponentSyntax.ValueType?)] = []
            for _ in 0..<(try reader.count("variant cases")) {
                let name = try reader.name("a case name")
                let type = try readOptionalValueType()
                let refinesStart = reader.position
                switch try reader.byte("a case's refinement flag") {
                case 0x00: break
                case 0x01: throw reader.error("unsupported `refines` on the variant case `\(name)`", at: refinesStart)
                case let other: throw reader.error("invalid refinement flag 0x\(hex(other))", at: refinesStart)
                }
                cases.append((name, type))
            }
            return .variant(cases)
        case 0x70: return .list(try readValueType())
        case 0x67:
            let element = try readValueType()
            return .fixedSizeList(element, try reader.u32("a list length"))
        case 0x6F:
            var elements: [ComponentSyntax.ValueType] = []
            for _ in 0..<(try reader.count("tuple elements")) { elements.append(try readValueType()) }
            return .tuple(elements)
        case 0x6E: return .flags(try readLabels("flags"))
        case 0x6D: return .enumeration(try readLabels("enum cases"))
        case 0x6B: return .option(try readValueType())
        case 0x6A:
            let ok = try readOptionalValueType()
            return .result(ok: ok, err: try readOptionalValueType())
        case 0x69: return .own(try reader.u32("a resource type index"))
        case 0x68: return .borrow(try reader.u32("a resource type index"))
        case 0x66: return .stream(try readOptionalValueType())
        case 0x65: return .future(try readOptionalValueType())
        case 0x63:
            let key = try readValueType()
            return .map(key: key, value: try readValueType())
        default:
            throw reader.error("unsupported or invalid type definition 0x\(hex(form))", at: start)
        }
    }
}

/// Two lowercase hex digits.
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
