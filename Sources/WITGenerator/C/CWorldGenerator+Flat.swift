import WITModel

/// A local variable holding one flat core value in an adapter.
struct FlatSlot {
    var name: String
    var core: CoreType
}

/// Lowering C values to flat core values and lifting them back: the canonical
/// ABI's `lower_flat` and `lift_flat`, as C statements. (Values in linear
/// memory need no code of their own: the C types have the canonical layout on
/// wasm32, which the implementation checks with `_Static_assert`s.)
extension CWorldGenerator {
    /// Statements that store the value `expression` of `type` into `slots`.
    mutating func lowerFlat(_ type: TypeReference, _ expression: String, _ slots: ArraySlice<FlatSlot>) -> [String] {
        let first = slots.first ?? FlatSlot(name: "/* no slot */", core: .i32)
        func assign(_ natural: CoreType, _ value: String, to slot: FlatSlot? = nil) -> String {
            let target = slot ?? first
            return "\(target.name) = \(widen(value, from: natural, to: target.core));"
        }
        switch abi.dealiased(type) {
        case .primitive(let primitive):
            switch primitive {
            case .string:
                return [assign(.i32, "(int32_t) (uintptr_t) (\(expression)).ptr"),
                        assign(.i32, "(int32_t) (\(expression)).len", to: slots.dropFirst().first)]
            case .u64, .s64: return [assign(.i64, "(int64_t) (\(expression))")]
            case .f32: return [assign(.f32, expression)]
            case .f64: return [assign(.f64, expression)]
            default: return [assign(.i32, "(int32_t) (\(expression))")]
            }
        case .id(let id):
            switch resolve[id].kind {
            case .record(let fields):
                return lowerMembers(fields.map { ($0.type, "(\(expression)).\(CNaming.identifier($0.name))") }, slots)
            case .tuple(let types):
                return lowerMembers(types.enumerated().map { ($1, "(\(expression)).f\($0)") }, slots)
            case .fixedSizeList(let element, let count):
                return lowerMembers((0..<Int(count)).map { (element, "(\(expression)).val[\($0)]") }, slots)
            case .flags, .enumeration, .future, .stream, .resource:
                return [assign(.i32, "(int32_t) (\(expression))")]
            case .handle(.borrow(let resource)) where isExportedResource(resource):
                return [assign(.i32, "(int32_t) (uintptr_t) (\(expression))")]
            case .handle:
                return [assign(.i32, "(\(expression)).__handle")]
            case .list, .map:
                return [assign(.i32, "(int32_t) (uintptr_t) (\(expression)).ptr"),
                        assign(.i32, "(int32_t) (\(expression)).len", to: slots.dropFirst().first)]
            case .variant(let cases):
                let payloads = cases.enumerated().map { ($0, $1.type, "(\(expression)).val.\(CNaming.identifier($1.name))") }
                return lowerVariant(discriminant: "(int32_t) (\(expression)).tag", switchOn: "(\(expression)).tag",
                                    payloads, slots)
            case .option(let payload):
                return lowerVariant(discriminant: "(int32_t) (\(expression)).is_some", switchOn: "(\(expression)).is_some",
                                    [(1, payload, "(\(expression)).val")], slots)
            case .result(let ok, let err):
                return lowerVariant(discriminant: "(int32_t) (\(expression)).is_err", switchOn: "(\(expression)).is_err",
                                    [(0, ok, "(\(expression)).val.ok"), (1, err, "(\(expression)).val.err")], slots)
            case .alias, .unknown:
                return []
            }
        }
    }

    private mutating func lowerMembers(_ members: [(TypeReference, String)], _ slots: ArraySlice<FlatSlot>) -> [String] {
        var statements: [String] = []
        var start = slots.startIndex
        for (type, expression) in members {
            let count = abi.flat(type).count
            statements += lowerFlat(type, expression, slots[start..<min(start + count, slots.endIndex)])
            start += count
        }
        return statements
    }

    private mutating func lowerVariant(discriminant: String, switchOn: String,
                                       _ payloads: [(index: Int, type: TypeReference?, expression: String)],
                                       _ slots: ArraySlice<FlatSlot>) -> [String] {
        guard let first = slots.first else { return [] }
        var statements = ["\(first.name) = \(discriminant);"]
        let rest = slots.dropFirst()
        for slot in rest { statements.append("\(slot.name) = 0;") }
        let cases = payloads.filter { $0.type != nil }
        guard !cases.isEmpty else { return statements }
        statements.append("switch ((int32_t) \(switchOn)) {")
        for (index, type, expression) in cases {
            let body = lowerFlat(type!, expression, rest.prefix(abi.flat(type!).count))
            guard !body.isEmpty else { continue }
            statements += ["  case \(index): {"] + body.map { "    " + $0 } + ["    break;", "  }"]
        }
        statements += ["  default: break;", "}"]
        return statements
    }

    /// Statements that set the lvalue `target` of `type` from `slots`.
    mutating func liftFlat(_ type: TypeReference, _ slots: ArraySlice<FlatSlot>, into target: String) -> [String] {
        let first = slots.first ?? FlatSlot(name: "0", core: .i32)
        func value(_ natural: CoreType, _ slot: FlatSlot? = nil) -> String {
            let source = slot ?? first
            return narrow(source.name, from: source.core, to: natural)
        }
        switch abi.dealiased(type) {
        case .primitive(let primitive):
            switch primitive {
            case .bool: return ["\(target) = \(value(.i32)) != 0;"]
            case .string:
                return ["(\(target)).ptr = (uint8_t *) (uintptr_t) \(value(.i32));",
                        "(\(target)).len = (size_t) \(value(.i32, slots.dropFirst().first));"]
            case .u64, .s64: return ["\(target) = (\(cType(.primitive(primitive)))) \(value(.i64));"]
            case .f32: return ["\(target) = \(value(.f32));"]
            case .f64: return ["\(target) = \(value(.f64));"]
            default: return ["\(target) = (\(cType(.primitive(primitive)))) \(value(.i32));"]
            }
        case .id(let id):
            switch resolve[id].kind {
            case .record(let fields):
                return liftMembers(fields.map { ($0.type, "(\(target)).\(CNaming.identifier($0.name))") }, slots)
            case .tuple(let types):
                return liftMembers(types.enumerated().map { ($1, "(\(target)).f\($0)") }, slots)
            case .fixedSizeList(let element, let count):
                return liftMembers((0..<Int(count)).map { (element, "(\(target)).val[\($0)]") }, slots)
            case .flags, .enumeration, .future, .stream, .resource:
                return ["\(target) = (\(cType(.id(id)))) \(value(.i32));"]
            case .handle(.borrow(let resource)) where isExportedResource(resource):
                return ["\(target) = (\(cType(.id(id)))) (uintptr_t) \(value(.i32));"]
            case .handle:
                return ["(\(target)).__handle = \(value(.i32));"]
            case .list(let element):
                return ["(\(target)).ptr = (\(cType(element)) *) (uintptr_t) \(value(.i32));",
                        "(\(target)).len = (size_t) \(value(.i32, slots.dropFirst().first));"]
            case .map:
                let entry = String(cType(.id(id)).dropLast(2)) + "_entry_t"
                return ["(\(target)).ptr = (\(entry) *) (uintptr_t) \(value(.i32));",
                        "(\(target)).len = (size_t) \(value(.i32, slots.dropFirst().first));"]
            case .variant(let cases):
                let tagType = Self.unsignedType(CanonicalABI.discriminantSize(cases.count))
                let payloads = cases.enumerated().map { ($0, $1.type, "(\(target)).val.\(CNaming.identifier($1.name))") }
                return ["(\(target)).tag = (\(tagType)) \(value(.i32));"] + liftVariant(payloads, slots)
            case .option(let payload):
                return ["(\(target)).is_some = \(value(.i32)) != 0;"]
                    + liftVariant([(1, payload, "(\(target)).val")], slots)
            case .result(let ok, let err):
                return ["(\(target)).is_err = \(value(.i32)) != 0;"]
                    + liftVariant([(0, ok, "(\(target)).val.ok"), (1, err, "(\(target)).val.err")], slots)
            case .alias, .unknown:
                return []
            }
        }
    }

    private mutating func liftMembers(_ members: [(TypeReference, String)], _ slots: ArraySlice<FlatSlot>) -> [String] {
        var statements: [String] = []
        var start = slots.startIndex
        for (type, target) in members {
            let count = abi.flat(type).count
            statements += liftFlat(type, slots[start..<min(start + count, slots.endIndex)], into: target)
            start += count
        }
        return statements
    }

    private mutating func liftVariant(_ payloads: [(index: Int, type: TypeReference?, target: String)],
                                      _ slots: ArraySlice<FlatSlot>) -> [String] {
        guard let first = slots.first else { return [] }
        let cases = payloads.filter { $0.type != nil }
        guard !cases.isEmpty else { return [] }
        let rest = slots.dropFirst()
        var statements = ["switch (\(narrow(first.name, from: first.core, to: .i32))) {"]
        for (index, type, target) in cases {
            let body = liftFlat(type!, rest.prefix(abi.flat(type!).count), into: target)
            guard !body.isEmpty else { continue }
            statements += ["  case \(index): {"] + body.map { "    " + $0 } + ["    break;", "  }"]
        }
        statements += ["  default: break;", "}"]
        return statements
    }

    /// A value of core type `natural` widened to a joined slot type.
    func widen(_ value: String, from natural: CoreType, to slot: CoreType) -> String {
        switch (natural, slot) {
        case _ where natural == slot: return value
        case (.i32, .i64): return "(int64_t) (uint32_t) (\(value))"
        case (.f32, .i32): return "\(worldPrefix)__f32_bits(\(value))"
        case (.f32, .i64): return "(int64_t) (uint32_t) \(worldPrefix)__f32_bits(\(value))"
        case (.f64, .i64): return "\(worldPrefix)__f64_bits(\(value))"
        default: return value
        }
    }

    /// A joined slot's value read back as core type `natural`.
    func narrow(_ slot: String, from core: CoreType, to natural: CoreType) -> String {
        switch (core, natural) {
        case _ where natural == core: return slot
        case (.i64, .i32): return "(int32_t) \(slot)"
        case (.i32, .f32): return "\(worldPrefix)__f32_from_bits(\(slot))"
        case (.i64, .f32): return "\(worldPrefix)__f32_from_bits((int32_t) \(slot))"
        case (.i64, .f64): return "\(worldPrefix)__f64_from_bits(\(slot))"
        default: return slot
        }
    }

    func isExportedResource(_ resource: TypeID) -> Bool {
        guard case .id(let origin) = abi.dealiased(.id(resource)) else { return false }
        return resources[origin]?.isExported ?? false
    }
}
