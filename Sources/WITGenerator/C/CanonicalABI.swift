import WITModel

/// A core WebAssembly value type, as the canonical ABI flattens component values.
enum CoreType: Hashable, Sendable {
    case i32, i64, f32, f64

    /// The C type that holds it in the generated adapters.
    var cType: String {
        switch self {
        case .i32: return "int32_t"
        case .i64: return "int64_t"
        case .f32: return "float"
        case .f64: return "double"
        }
    }

    /// The type two variant cases' slots share (the canonical ABI's `join`).
    static func join(_ a: CoreType, _ b: CoreType) -> CoreType {
        if a == b { return a }
        if (a == .i32 && b == .f32) || (a == .f32 && b == .i32) { return .i32 }
        return .i64
    }
}

/// The canonical ABI's memory layout and flattening of WIT types (sizes and
/// alignments on 32-bit linear memory), as `CanonicalABI.md` defines them.
struct CanonicalABI {
    /// Flat parameters beyond this many are passed in memory.
    static let maxFlatParams = 16
    /// Flat results beyond this many are returned through memory.
    static let maxFlatResults = 1
    /// Flat parameters of an async-lowered import beyond this many are passed in memory.
    static let maxFlatAsyncParams = 4

    let resolve: Resolve
    /// Layouts and flattenings computed so far, by type index (types are asked for again and again).
    private let cache: Cache

    final class Cache {
        var layouts: [(size: Int, alignment: Int)?]
        var flats: [[CoreType]?]
        init(count: Int) {
            layouts = Array(repeating: nil, count: count)
            flats = Array(repeating: nil, count: count)
        }
    }

    init(resolve: Resolve) {
        self.resolve = resolve
        cache = Cache(count: resolve.types.count)
    }


    /// Bytes a value of `type` takes in linear memory.
    func size(_ type: TypeReference) -> Int {
        switch resolve.dealiased(type) {
        case .primitive(let primitive): return primitiveLayout(primitive).size
        case .id(let id): return layout(id).size
        }
    }

    /// The alignment of `type` in linear memory.
    func alignment(_ type: TypeReference) -> Int {
        switch resolve.dealiased(type) {
        case .primitive(let primitive): return primitiveLayout(primitive).alignment
        case .id(let id): return layout(id).alignment
        }
    }

    func primitiveLayout(_ primitive: PrimitiveType) -> (size: Int, alignment: Int) {
        switch primitive {
        case .bool, .u8, .s8: return (1, 1)
        case .u16, .s16: return (2, 2)
        case .u32, .s32, .f32, .char, .errorContext: return (4, 4)
        case .u64, .s64, .f64: return (8, 8)
        case .string: return (8, 4)
        }
    }

    /// Size and alignment of a type definition.
    func layout(_ id: TypeID) -> (size: Int, alignment: Int) {
        if let known = cache.layouts[id.index] { return known }
        let computed = computeLayout(id)
        cache.layouts[id.index] = computed
        return computed
    }

    private func computeLayout(_ id: TypeID) -> (size: Int, alignment: Int) {
        switch resolve.types[id.index].kind {
        case .record(let fields): return structLayout(fields.map(\.type))
        case .tuple(let types): return structLayout(types)
        case .resource, .handle, .future, .stream: return (4, 4)
        case .flags(let flags): return (Self.flagsSize(flags.count), Self.flagsSize(flags.count))
        case .enumeration(let cases):
            let size = Self.discriminantSize(cases.count)
            return (size, size)
        case .variant(let cases): return variantLayout(cases.map(\.type))
        case .option(let payload): return variantLayout([nil, payload])
        case .result(let ok, let err): return variantLayout([ok, err])
        case .list, .map: return (8, 4)
        case .fixedSizeList(let element, let count): return (size(element) * Int(count), alignment(element))
        case .alias(let target): return (size(target), alignment(target))
        case .unknown: return (0, 1)
        }
    }

    func structLayout(_ members: [TypeReference]) -> (size: Int, alignment: Int) {
        var offset = 0
        var maxAlignment = 1
        for member in members {
            let memberAlignment = alignment(member)
            offset = Self.align(offset, to: memberAlignment) + size(member)
            maxAlignment = max(maxAlignment, memberAlignment)
        }
        return (Self.align(offset, to: maxAlignment), maxAlignment)
    }

    /// Byte offsets of a record's or tuple's members.
    func offsets(_ members: [TypeReference]) -> [Int] {
        var offset = 0
        var result: [Int] = []
        for member in members {
            offset = Self.align(offset, to: alignment(member))
            result.append(offset)
            offset += size(member)
        }
        return result
    }

    func variantLayout(_ payloads: [TypeReference?]) -> (size: Int, alignment: Int) {
        let discriminant = Self.discriminantSize(payloads.count)
        var caseSize = 0
        var caseAlignment = 1
        for case let payload? in payloads {
            caseSize = max(caseSize, size(payload))
            caseAlignment = max(caseAlignment, alignment(payload))
        }
        let alignment = max(discriminant, caseAlignment)
        return (Self.align(Self.align(discriminant, to: caseAlignment) + caseSize, to: alignment), alignment)
    }

    static func align(_ offset: Int, to alignment: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }

    /// Bytes of a variant's or enum's discriminant.
    static func discriminantSize(_ cases: Int) -> Int {
        cases <= 1 << 8 ? 1 : cases <= 1 << 16 ? 2 : 4
    }

    /// Bytes of a flags value (WIT allows at most 32 flags).
    static func flagsSize(_ count: Int) -> Int {
        count <= 8 ? 1 : count <= 16 ? 2 : 4
    }

    /// The core types a value of `type` flattens to.
    func flat(_ type: TypeReference) -> [CoreType] {
        switch resolve.dealiased(type) {
        case .primitive(let primitive):
            switch primitive {
            case .bool, .u8, .s8, .u16, .s16, .u32, .s32, .char, .errorContext: return [.i32]
            case .u64, .s64: return [.i64]
            case .f32: return [.f32]
            case .f64: return [.f64]
            case .string: return [.i32, .i32]
            }
        case .id(let id):
            if let known = cache.flats[id.index] { return known }
            let computed = computeFlat(id)
            cache.flats[id.index] = computed
            return computed
        }
    }

    private func computeFlat(_ id: TypeID) -> [CoreType] {
        switch resolve.types[id.index].kind {
        case .record(let fields): return fields.flatMap { flat($0.type) }
        case .tuple(let types): return types.flatMap { flat($0) }
        case .resource, .handle, .future, .stream, .flags, .enumeration: return [.i32]
        case .variant(let cases): return flatVariant(cases.map(\.type))
        case .option(let payload): return flatVariant([nil, payload])
        case .result(let ok, let err): return flatVariant([ok, err])
        case .list, .map: return [.i32, .i32]
        case .fixedSizeList(let element, let count):
            let one = flat(element)
            return Array((0..<Int(count)).map { _ in one }.joined())
        case .alias(let target): return flat(target)
        case .unknown: return []
        }
    }

    /// The discriminant slot, then the cases' payload slots joined position by position.
    func flatVariant(_ payloads: [TypeReference?]) -> [CoreType] {
        var joined: [CoreType] = []
        for case let payload? in payloads {
            for (index, core) in flat(payload).enumerated() {
                if index < joined.count { joined[index] = CoreType.join(joined[index], core) } else { joined.append(core) }
            }
        }
        return [.i32] + joined
    }

    /// The payload offset inside a variant whose cases carry `payloads`.
    func payloadOffset(_ payloads: [TypeReference?]) -> Int {
        var caseAlignment = 1
        for case let payload? in payloads { caseAlignment = max(caseAlignment, alignment(payload)) }
        return Self.align(Self.discriminantSize(payloads.count), to: caseAlignment)
    }
}
