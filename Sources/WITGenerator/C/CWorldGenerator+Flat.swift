import WITModel

/// A local variable holding one flat core value in an adapter.
struct FlatSlot {
    var name: String
    var core: CoreType

    /// The names of the first parameter slots, made once.
    private static let argumentNames = (0..<32).map { "arg\($0)" }

    /// `arg0`, `arg1`, …: the slots of an adapter's flat parameters.
    static func argumentName(_ index: Int) -> String {
        index < argumentNames.count ? argumentNames[index] : "arg\(index)"
    }
}

/// A variant case with a payload, in an adapter: the case's index, its payload type and the
/// C expression of the payload (the value to lower, or the lvalue to lift into).
typealias CasePayload = (index: Int, type: TypeReference, expression: TextLine)

/// Lowering C values to flat core values and lifting them back: the canonical
/// ABI's `lower_flat` and `lift_flat`, as C statements. (Values in linear
/// memory need no code of their own: the C types have the canonical layout on
/// wasm32, which the implementation checks with `_Static_assert`s.)
extension CWorldGenerator {
    /// Statements that store the value `expression` of `type` into `slots`.
    mutating func lowerFlat(_ type: TypeReference, _ expression: TextLine, _ slots: ArraySlice<FlatSlot>,
                            into body: inout CodePrinter) {
        let first = slots.first ?? FlatSlot(name: "/* no slot */", core: .i32)
        func assign(_ natural: CoreType, _ value: TextLine, to slot: FlatSlot? = nil) {
            let target = slot ?? first
            body.line("\(target.name) = \(widen(value, from: natural, to: target.core));")
        }
        switch resolve.dealiased(type) {
        case .primitive(let primitive):
            switch primitive {
            case .string:
                assign(.i32, "(int32_t) (uintptr_t) (\(expression)).ptr")
                assign(.i32, "(int32_t) (\(expression)).len", to: slots.dropFirst().first)
            case .u64, .s64: assign(.i64, "(int64_t) (\(expression))")
            case .f32: assign(.f32, expression)
            case .f64: assign(.f64, expression)
            default: assign(.i32, "(int32_t) (\(expression))")
            }
        case .id(let id):
            switch resolve.types[id.index].kind {
            case .record(let fields):
                lowerMembers(fields.map { ($0.type, "(\(expression)).\(CNaming.identifier($0.name))") }, slots, into: &body)
            case .tuple(let types):
                lowerMembers(types.enumerated().map { ($1, "(\(expression)).f\($0)") }, slots, into: &body)
            case .fixedSizeList(let element, let count):
                lowerMembers((0..<Int(count)).map { (element, "(\(expression)).val[\($0)]") }, slots, into: &body)
            case .flags, .enumeration, .future, .stream, .resource:
                assign(.i32, "(int32_t) (\(expression))")
            case .handle(.borrow(let resource)) where isExportedResource(resource):
                assign(.i32, "(int32_t) (uintptr_t) (\(expression))")
            case .handle:
                assign(.i32, "(\(expression)).__handle")
            case .list, .map:
                assign(.i32, "(int32_t) (uintptr_t) (\(expression)).ptr")
                assign(.i32, "(int32_t) (\(expression)).len", to: slots.dropFirst().first)
            case .variant(let cases):
                var payloads: [CasePayload] = []
                for (index, item) in cases.enumerated() {
                    guard let type = item.type else { continue }
                    payloads.append((index, type, "(\(expression)).val.\(CNaming.identifier(item.name))"))
                }
                lowerVariant(discriminant: "(int32_t) (\(expression)).tag", switchOn: "(\(expression)).tag",
                             payloads, slots, into: &body)
            case .option(let payload):
                lowerVariant(discriminant: "(int32_t) (\(expression)).is_some", switchOn: "(\(expression)).is_some",
                             [(1, payload, "(\(expression)).val")], slots, into: &body)
            case .result(let ok, let err):
                var payloads: [CasePayload] = []
                if let ok { payloads.append((0, ok, "(\(expression)).val.ok")) }
                if let err { payloads.append((1, err, "(\(expression)).val.err")) }
                lowerVariant(discriminant: "(int32_t) (\(expression)).is_err", switchOn: "(\(expression)).is_err",
                             payloads, slots, into: &body)
            case .alias, .unknown:
                break
            }
        }
    }

    private mutating func lowerMembers(_ members: [(TypeReference, TextLine)], _ slots: ArraySlice<FlatSlot>,
                                       into body: inout CodePrinter) {
        var start = slots.startIndex
        for (type, expression) in members {
            let count = abi.flat(type).count
            lowerFlat(type, expression, slots[start..<min(start + count, slots.endIndex)], into: &body)
            start += count
        }
    }

    /// The discriminant, zeros in the other slots, then a `switch` over the cases with a payload.
    private mutating func lowerVariant(discriminant: TextLine, switchOn: TextLine,
                                       _ payloads: [CasePayload],
                                       _ slots: ArraySlice<FlatSlot>, into body: inout CodePrinter) {
        guard let first = slots.first else { return }
        body.line("\(first.name) = \(discriminant);")
        let rest = slots.dropFirst()
        for slot in rest { body.line("\(slot.name) = 0;") }
        guard !payloads.isEmpty else { return }
        writeCaseSwitch(on: "(int32_t) \(switchOn)", payloads, rest, into: &body) { generator, type, expression, slots, body in
            generator.lowerFlat(type, expression, slots, into: &body)
        }
    }

    /// `switch (subject)` over the cases with a payload, each case's statements written by
    /// `statements` from the case's type, its expression (the value to lower, or the lvalue to
    /// lift into) and its share of `slots`. A case with no statements is left out.
    private mutating func writeCaseSwitch(
        on subject: TextLine, _ payloads: [CasePayload],
        _ slots: ArraySlice<FlatSlot>, into body: inout CodePrinter,
        statements: (inout Self, TypeReference, TextLine, ArraySlice<FlatSlot>, inout CodePrinter) -> Void
    ) {
        body.block("switch (\(subject)) {") { switchBody in
            for (index, type, expression) in payloads {
                let caseStart = switchBody.count
                var isEmpty = false
                switchBody.block("case \(index): {") { caseBody in
                    let statementsStart = caseBody.count
                    statements(&self, type, expression, slots.prefix(abi.flat(type).count), &caseBody)
                    isEmpty = caseBody.count == statementsStart
                    caseBody.line("break;")
                }
                if isEmpty { switchBody.truncate(to: caseStart) }
            }
            switchBody.line("default: break;")
        }
    }

    /// Statements that set the lvalue `target` of `type` from `slots`.
    mutating func liftFlat(_ type: TypeReference, _ slots: ArraySlice<FlatSlot>, into target: TextLine,
                           _ body: inout CodePrinter) {
        let first = slots.first ?? FlatSlot(name: "0", core: .i32)
        func value(_ natural: CoreType, _ slot: FlatSlot? = nil) -> TextLine {
            let source = slot ?? first
            return narrow(source.name, from: source.core, to: natural)
        }
        switch resolve.dealiased(type) {
        case .primitive(let primitive):
            switch primitive {
            case .bool: body.line("\(target) = \(value(.i32)) != 0;")
            case .string:
                body.line("(\(target)).ptr = (uint8_t *) (uintptr_t) \(value(.i32));")
                body.line("(\(target)).len = (size_t) \(value(.i32, slots.dropFirst().first));")
            case .u64, .s64: body.line("\(target) = (\(cType(.primitive(primitive)))) \(value(.i64));")
            case .f32: body.line("\(target) = \(value(.f32));")
            case .f64: body.line("\(target) = \(value(.f64));")
            default: body.line("\(target) = (\(cType(.primitive(primitive)))) \(value(.i32));")
            }
        case .id(let id):
            switch resolve.types[id.index].kind {
            case .record(let fields):
                liftMembers(fields.map { ($0.type, "(\(target)).\(CNaming.identifier($0.name))") }, slots, into: &body)
            case .tuple(let types):
                liftMembers(types.enumerated().map { ($1, "(\(target)).f\($0)") }, slots, into: &body)
            case .fixedSizeList(let element, let count):
                liftMembers((0..<Int(count)).map { (element, "(\(target)).val[\($0)]") }, slots, into: &body)
            case .flags, .enumeration, .future, .stream, .resource:
                body.line("\(target) = (\(cType(.id(id)))) \(value(.i32));")
            case .handle(.borrow(let resource)) where isExportedResource(resource):
                body.line("\(target) = (\(cType(.id(id)))) (uintptr_t) \(value(.i32));")
            case .handle:
                body.line("(\(target)).__handle = \(value(.i32));")
            case .list(let element):
                body.line("(\(target)).ptr = (\(cType(element)) *) (uintptr_t) \(value(.i32));")
                body.line("(\(target)).len = (size_t) \(value(.i32, slots.dropFirst().first));")
            case .map:
                let entry = String(cType(.id(id)).dropLast(2)) + "_entry_t"
                body.line("(\(target)).ptr = (\(entry) *) (uintptr_t) \(value(.i32));")
                body.line("(\(target)).len = (size_t) \(value(.i32, slots.dropFirst().first));")
            case .variant(let cases):
                let tagType = Self.unsignedType(CanonicalABI.discriminantSize(cases.count))
                body.line("(\(target)).tag = (\(tagType)) \(value(.i32));")
                var payloads: [CasePayload] = []
                for (index, item) in cases.enumerated() {
                    guard let type = item.type else { continue }
                    payloads.append((index, type, "(\(target)).val.\(CNaming.identifier(item.name))"))
                }
                liftVariant(payloads, slots, into: &body)
            case .option(let payload):
                body.line("(\(target)).is_some = \(value(.i32)) != 0;")
                liftVariant([(1, payload, "(\(target)).val")], slots, into: &body)
            case .result(let ok, let err):
                body.line("(\(target)).is_err = \(value(.i32)) != 0;")
                var payloads: [CasePayload] = []
                if let ok { payloads.append((0, ok, "(\(target)).val.ok")) }
                if let err { payloads.append((1, err, "(\(target)).val.err")) }
                liftVariant(payloads, slots, into: &body)
            case .alias, .unknown:
                break
            }
        }
    }

    private mutating func liftMembers(_ members: [(TypeReference, TextLine)], _ slots: ArraySlice<FlatSlot>,
                                      into body: inout CodePrinter) {
        var start = slots.startIndex
        for (type, target) in members {
            let count = abi.flat(type).count
            liftFlat(type, slots[start..<min(start + count, slots.endIndex)], into: target, &body)
            start += count
        }
    }

    /// A `switch` on the discriminant slot over the cases with a payload.
    private mutating func liftVariant(_ payloads: [CasePayload],
                                      _ slots: ArraySlice<FlatSlot>, into body: inout CodePrinter) {
        guard let first = slots.first, !payloads.isEmpty else { return }
        let rest = slots.dropFirst()
        writeCaseSwitch(on: narrow(first.name, from: first.core, to: .i32), payloads, rest, into: &body) {
            generator, type, target, slots, body in
            generator.liftFlat(type, slots, into: target, &body)
        }
    }

    /// A value of core type `natural` widened to a joined slot type.
    func widen(_ value: TextLine, from natural: CoreType, to slot: CoreType) -> TextLine {
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
    func narrow(_ slot: String, from core: CoreType, to natural: CoreType) -> TextLine {
        switch (core, natural) {
        case _ where natural == core: return "\(slot)"
        case (.i64, .i32): return "(int32_t) \(slot)"
        case (.i32, .f32): return "\(worldPrefix)__f32_from_bits(\(slot))"
        case (.i64, .f32): return "\(worldPrefix)__f32_from_bits((int32_t) \(slot))"
        case (.i64, .f64): return "\(worldPrefix)__f64_from_bits(\(slot))"
        default: return "\(slot)"
        }
    }

    func isExportedResource(_ resource: TypeID) -> Bool {
        guard case .id(let origin) = resolve.dealiased(.id(resource)) else { return false }
        return resources[origin.index]?.isExported ?? false
    }
}
