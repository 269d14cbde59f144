/// A component-model value as the engine passes it (`wasmtime_component_val_t`): what
/// the generated glue converts the Swift types of a world to and from.
public indirect enum ComponentValue: Equatable, Sendable {
    case bool(Bool)
    case s8(Int8), u8(UInt8), s16(Int16), u16(UInt16), s32(Int32), u32(UInt32), s64(Int64), u64(UInt64)
    case f32(Float), f64(Double)
    case char(Unicode.Scalar)
    case string(String)
    case list([ComponentValue])
    /// Fields in declaration order, by name (the engine traps on any other order).
    case record([(name: String, value: ComponentValue)])
    case tuple([ComponentValue])
    /// A case by name, with its payload.
    case variant(String, ComponentValue?)
    /// A case by name.
    case enumeration(String)
    case option(ComponentValue?)
    /// `ok` or `err`, with its payload.
    case result(isOK: Bool, ComponentValue?)
    /// The names of the flags that are set.
    case flags([String])
    /// A handle to a resource the host defines (``Linker/defineResource(_:in:type:destructor:)``).
    case resource(HostResource)

    public static func == (lhs: ComponentValue, rhs: ComponentValue) -> Bool {
        switch (lhs, rhs) {
        case let (.bool(a), .bool(b)): return a == b
        case let (.s8(a), .s8(b)): return a == b
        case let (.u8(a), .u8(b)): return a == b
        case let (.s16(a), .s16(b)): return a == b
        case let (.u16(a), .u16(b)): return a == b
        case let (.s32(a), .s32(b)): return a == b
        case let (.u32(a), .u32(b)): return a == b
        case let (.s64(a), .s64(b)): return a == b
        case let (.u64(a), .u64(b)): return a == b
        // Floats compare by bits: a NaN payload is a value the ABI carries.
        case let (.f32(a), .f32(b)): return a.bitPattern == b.bitPattern
        case let (.f64(a), .f64(b)): return a.bitPattern == b.bitPattern
        case let (.char(a), .char(b)): return a == b
        case let (.string(a), .string(b)): return Array(a.utf8) == Array(b.utf8)
        case let (.list(a), .list(b)), let (.tuple(a), .tuple(b)): return a == b
        case let (.record(a), .record(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.value == $1.value }
        case let (.variant(a, x), .variant(b, y)): return a == b && x == y
        case let (.enumeration(a), .enumeration(b)): return a == b
        case let (.option(a), .option(b)): return a == b
        case let (.result(a, x), .result(b, y)): return a == b && x == y
        case let (.flags(a), .flags(b)): return a == b
        case let (.resource(a), .resource(b)): return a == b
        default: return false
        }
    }
}

/// A handle to a host resource as the host sees it: its representation (what the host chose
/// when it made it: an index into its own table), the resource type's number (given to
/// ``Linker/defineResource(_:in:type:destructor:)``), and whether the handle is owned
/// (`own<T>`) or borrowed (`borrow<T>`).
public struct HostResource: Equatable, Sendable {
    public var representation: UInt32
    public var type: UInt32
    public var isOwned: Bool

    public init(representation: UInt32, type: UInt32, isOwned: Bool) {
        self.representation = representation
        self.type = type
        self.isOwned = isOwned
    }
}

/// Converting values to and from the engine's memory, with the engine's own allocators (it
/// frees what a host function writes into its results, and what `*_new` is given).
extension WasmtimeFunctions {
    /// Writes `value` into the 32 bytes at `raw`. A resource needs the store's `context`;
    /// without it, or when the engine refuses it, the value is an error.
    func store(_ value: ComponentValue, at raw: UnsafeMutableRawPointer, context: OpaquePointer? = nil) throws(EngineError) {
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: RawLayout.valSize)
        let payload = raw + RawLayout.valPayloadOffset
        func kind(_ kind: RawLayout.Kind) { raw.storeBytes(of: kind.rawValue, as: UInt8.self) }
        switch value {
        case .bool(let x): kind(.bool); payload.storeBytes(of: x, as: Bool.self)
        case .s8(let x): kind(.s8); payload.storeBytes(of: x, as: Int8.self)
        case .u8(let x): kind(.u8); payload.storeBytes(of: x, as: UInt8.self)
        case .s16(let x): kind(.s16); payload.storeBytes(of: x, as: Int16.self)
        case .u16(let x): kind(.u16); payload.storeBytes(of: x, as: UInt16.self)
        case .s32(let x): kind(.s32); payload.storeBytes(of: x, as: Int32.self)
        case .u32(let x): kind(.u32); payload.storeBytes(of: x, as: UInt32.self)
        case .s64(let x): kind(.s64); payload.storeBytes(of: x, as: Int64.self)
        case .u64(let x): kind(.u64); payload.storeBytes(of: x, as: UInt64.self)
        case .f32(let x): kind(.f32); payload.storeBytes(of: x, as: Float.self)
        case .f64(let x): kind(.f64); payload.storeBytes(of: x, as: Double.self)
        case .char(let x): kind(.char); payload.storeBytes(of: x.value, as: UInt32.self)
        case .resource(let resource):
            guard let context else { throw .invalidCall("a resource value needs its store") }
            guard let host = resourceHostNew(resource.isOwned, resource.representation, resource.type) else {
                throw .wasmtime("wasmtime_component_resource_host_new failed")
            }
            defer { resourceHostDelete(host) }
            var any: OpaquePointer?
            if let error = resourceHostToAny(context, host, &any) { throw .wasmtime(takeMessage(error)) }
            kind(.resource)
            payload.storeBytes(of: any, as: OpaquePointer?.self)
        case .string(let text): kind(.string); storeName(text, at: payload)
        case .enumeration(let name): kind(.enumeration); storeName(name, at: payload)
        case .list(let elements):
            kind(.list)
            valListNewUninit(payload, elements.count)
            try storeElements(elements, vector: payload, context: context)
        case .tuple(let elements):
            kind(.tuple)
            valTupleNewUninit(payload, elements.count)
            try storeElements(elements, vector: payload, context: context)
        case .record(let fields):
            kind(.record)
            valRecordNewUninit(payload, fields.count)
            guard let data = payload.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self) else { return }
            for (index, field) in fields.enumerated() {
                let entry = data + index * RawLayout.recordEntrySize
                storeName(field.name, at: entry)
                try store(field.value, at: entry + RawLayout.recordEntryValueOffset, context: context)
            }
        case .flags(let names):
            kind(.flags)
            valFlagsNewUninit(payload, names.count)
            guard let data = payload.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self) else { return }
            for (index, name) in names.enumerated() { storeName(name, at: data + index * RawLayout.nameSize) }
        case let .variant(name, inner):
            kind(.variant)
            storeName(name, at: payload)
            (payload + 16).storeBytes(of: try inner.flatMap { value throws(EngineError) in try boxed(value, context) },
                                      as: UnsafeMutableRawPointer?.self)
        case .option(let inner):
            kind(.option)
            payload.storeBytes(of: try inner.flatMap { value throws(EngineError) in try boxed(value, context) },
                               as: UnsafeMutableRawPointer?.self)
        case let .result(isOK, inner):
            kind(.result)
            payload.storeBytes(of: isOK, as: Bool.self)
            (payload + 8).storeBytes(of: try inner.flatMap { value throws(EngineError) in try boxed(value, context) },
                                     as: UnsafeMutableRawPointer?.self)
        }
    }

    /// The value at `raw` (which still owns it: delete it with `valDelete`). A resource needs
    /// the store's `context`.
    func load(at raw: UnsafeRawPointer, context: OpaquePointer? = nil) throws(EngineError) -> ComponentValue {
        let payload = raw + RawLayout.valPayloadOffset
        guard let kind = RawLayout.Kind(rawValue: raw.load(as: UInt8.self)) else {
            throw .invalidCall("the engine gave a value of an unknown kind \(raw.load(as: UInt8.self))")
        }
        switch kind {
        case .bool: return .bool(payload.load(as: UInt8.self) != 0)
        case .s8: return .s8(payload.load(as: Int8.self))
        case .u8: return .u8(payload.load(as: UInt8.self))
        case .s16: return .s16(payload.load(as: Int16.self))
        case .u16: return .u16(payload.load(as: UInt16.self))
        case .s32: return .s32(payload.load(as: Int32.self))
        case .u32: return .u32(payload.load(as: UInt32.self))
        case .s64: return .s64(payload.load(as: Int64.self))
        case .u64: return .u64(payload.load(as: UInt64.self))
        case .f32: return .f32(payload.load(as: Float.self))
        case .f64: return .f64(payload.load(as: Double.self))
        case .char:
            let value = payload.load(as: UInt32.self)
            guard let scalar = Unicode.Scalar(value) else { throw .invalidCall("the engine gave an invalid char \(value)") }
            return .char(scalar)
        case .string: return .string(try loadName(at: payload, validating: true))
        case .enumeration: return .enumeration(try loadName(at: payload, validating: true))
        case .list: return .list(try loadElements(vector: payload, context: context))
        case .tuple: return .tuple(try loadElements(vector: payload, context: context))
        case .record:
            let count = payload.load(as: Int.self)
            guard count > 0, let data = payload.load(fromByteOffset: 8, as: UnsafeRawPointer?.self) else { return .record([]) }
            var fields: [(name: String, value: ComponentValue)] = []
            fields.reserveCapacity(count)
            for index in 0..<count {
                let entry = data + index * RawLayout.recordEntrySize
                fields.append((try loadName(at: entry, validating: true), try load(at: entry + RawLayout.recordEntryValueOffset, context: context)))
            }
            return .record(fields)
        case .flags:
            let count = payload.load(as: Int.self)
            guard count > 0, let data = payload.load(fromByteOffset: 8, as: UnsafeRawPointer?.self) else { return .flags([]) }
            var names: [String] = []
            for index in 0..<count { names.append(try loadName(at: data + index * RawLayout.nameSize, validating: true)) }
            return .flags(names)
        case .variant:
            let name = try loadName(at: payload, validating: true)
            let inner = (payload + 16).load(as: UnsafeRawPointer?.self)
            return .variant(name, try inner.map { pointer throws(EngineError) in try load(at: pointer, context: context) })
        case .option:
            let inner = payload.load(as: UnsafeRawPointer?.self)
            return .option(try inner.map { pointer throws(EngineError) in try load(at: pointer, context: context) })
        case .result:
            let isOK = payload.load(as: UInt8.self) != 0
            let inner = (payload + 8).load(as: UnsafeRawPointer?.self)
            return .result(isOK: isOK, try inner.map { pointer throws(EngineError) in try load(at: pointer, context: context) })
        case .resource:
            guard let context else { throw .invalidCall("a resource value needs its store") }
            guard let any = payload.load(as: OpaquePointer?.self) else { throw .invalidCall("a resource value without a handle") }
            var host: OpaquePointer?
            if let error = resourceAnyToHost(context, any, &host) { throw .invalidCall(takeMessage(error)) }
            guard let host else { throw .invalidCall("the resource is not a host resource") }
            defer { resourceHostDelete(host) }
            return .resource(HostResource(representation: resourceHostRep(host), type: resourceHostType(host),
                                          isOwned: resourceHostOwned(host)))
        case .map:
            throw .invalidCall("map values are not converted yet")
        }
    }

    /// A heap value the engine owns, holding `value` (for the payloads of variants, options, results).
    private func boxed(_ value: ComponentValue, _ context: OpaquePointer?) throws(EngineError) -> UnsafeMutableRawPointer? {
        let temporary = UnsafeMutableRawPointer.allocate(byteCount: RawLayout.valSize, alignment: RawLayout.valAlignment)
        defer { temporary.deallocate() }
        try store(value, at: temporary, context: context)
        // `wasmtime_component_val_new` moves the value into memory of its own.
        return valNew(temporary)
    }

    private func storeName(_ text: String, at raw: UnsafeMutableRawPointer) {
        var text = text
        text.withUTF8 { bytes in byteVecNew(raw, bytes.count, bytes.baseAddress) }
    }

    private func storeElements(_ elements: [ComponentValue], vector: UnsafeMutableRawPointer,
                               context: OpaquePointer?) throws(EngineError) {
        guard let data = vector.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self) else { return }
        for (index, element) in elements.enumerated() { try store(element, at: data + index * RawLayout.valSize, context: context) }
    }

    private func loadElements(vector: UnsafeRawPointer, context: OpaquePointer?) throws(EngineError) -> [ComponentValue] {
        let count = vector.load(as: Int.self)
        guard count > 0, let data = vector.load(fromByteOffset: 8, as: UnsafeRawPointer?.self) else { return [] }
        var elements: [ComponentValue] = []
        elements.reserveCapacity(count)
        for index in 0..<count { elements.append(try load(at: data + index * RawLayout.valSize, context: context)) }
        return elements
    }

    private func loadName(at raw: UnsafeRawPointer, validating: Bool) throws(EngineError) -> String {
        let count = raw.load(as: Int.self)
        guard count > 0, let data = raw.load(fromByteOffset: 8, as: UnsafePointer<UInt8>?.self) else { return "" }
        let bytes = UnsafeBufferPointer(start: data, count: count)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidCall("the engine gave a string that is not UTF-8")
        }
        return text
    }
}
