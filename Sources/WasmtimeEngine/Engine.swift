#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Wasmtime engine: compiles components; every store, linker and component belongs to one.
public final class Engine: @unchecked Sendable {
    // Sendable: Wasmtime's engine is thread-safe, and `pointer` is never replaced.
    let library: WasmtimeLibrary
    let pointer: OpaquePointer

    /// How an engine is set up.
    public struct Configuration: Sendable {
        /// The component model's concurrency (`async`, futures, streams): off by default, which
        /// makes every call cheaper (a guest's call into the host from about 205 to 164 ns, a
        /// host's call into the guest from about 565 to 239 ns on this machine).
        public var concurrencySupport = false
        /// Whether a store's guest can be stopped by ``Engine/incrementEpoch()`` once its
        /// deadline (``Store/setEpochDeadline(_:)``) has passed: what a timeout needs.
        public var epochInterruption = false

        public init(concurrencySupport: Bool = false, epochInterruption: Bool = false) {
            self.concurrencySupport = concurrencySupport
            self.epochInterruption = epochInterruption
        }
    }

    /// An engine on the shared library.
    public init(library: WasmtimeLibrary, configuration: Configuration = Configuration()) throws(EngineError) {
        let functions = library.functions
        guard let config = functions.configNew() else { throw .wasmtime("wasm_config_new failed") }
        functions.configConcurrencySupport(config, configuration.concurrencySupport)
        functions.configEpochInterruption(config, configuration.epochInterruption)
        guard let pointer = functions.engineNewWithConfig(config) else { throw .wasmtime("wasm_engine_new_with_config failed") }
        self.library = library
        self.pointer = pointer
    }

    /// Ends the current epoch: a store whose guest runs past its deadline traps.
    public func incrementEpoch() {
        library.functions.engineIncrementEpoch(pointer)
    }

    deinit { library.functions.engineDelete(pointer) }
}

/// A compiled component, ready to instantiate in any store of its engine.
public final class Component: @unchecked Sendable {
    // Sendable: a compiled component is immutable and Wasmtime shares it between threads.
    let engine: Engine
    let pointer: OpaquePointer

    /// Compiles a component binary; a module, a truncated file or anything else that is not
    /// a valid component is an error with Wasmtime's message, never a crash.
    public init(engine: Engine, bytes: [UInt8]) throws(EngineError) {
        var out: OpaquePointer?
        let functions = engine.library.functions
        let error = bytes.withUnsafeBufferPointer { functions.componentNew(engine.pointer, $0.baseAddress, $0.count, &out) }
        if let error { throw .wasmtime(functions.takeMessage(error)) }
        guard let out else { throw .wasmtime("wasmtime_component_new returned no component") }
        self.engine = engine
        pointer = out
    }

    deinit { engine.library.functions.componentDelete(pointer) }
}

/// A store: the instances made in it and their state. After a trap its instances cannot be
/// entered again (the engine's rule): make a new store.
public final class Store {
    let engine: Engine
    let pointer: OpaquePointer
    let context: OpaquePointer
    /// Set by the first trap.
    public private(set) var hasTrapped = false

    public init(engine: Engine) throws(EngineError) {
        let functions = engine.library.functions
        guard let pointer = functions.storeNew(engine.pointer, nil, nil) else { throw .wasmtime("wasmtime_store_new failed") }
        guard let context = functions.storeContext(pointer) else {
            functions.storeDelete(pointer)
            throw .wasmtime("wasmtime_store_context failed")
        }
        self.engine = engine
        self.pointer = pointer
        self.context = context
    }

    func markTrapped() { hasTrapped = true }

    /// Bounds what the store's instances may take: the bytes of any one linear memory (a
    /// guest's `memory.grow` past it fails), the elements of a table, and how many
    /// instances, tables and memories it may hold. `nil` keeps Wasmtime's default.
    public func limit(memoryBytes: Int? = nil, tableElements: Int? = nil, instances: Int? = nil, tables: Int? = nil,
                      memories: Int? = nil) {
        func value(_ limit: Int?) -> Int64 { limit.map(Int64.init) ?? -1 }
        engine.library.functions.storeLimiter(pointer, value(memoryBytes), value(tableElements), value(instances),
                                              value(tables), value(memories))
    }

    /// The guest traps once `ticks` more epochs have passed (``Engine/incrementEpoch()``),
    /// in an engine with ``Engine/Configuration/epochInterruption``.
    public func setEpochDeadline(_ ticks: UInt64) {
        engine.library.functions.contextSetEpochDeadline(context, ticks)
    }

    /// What WASI 0.2 gives the store's guest: its arguments and, when asked, the host's
    /// standard streams. Nothing else: no environment, no preopened folders, and no network
    /// (Wasmtime's `wasi:sockets` stays off: it is never inherited).
    public struct WASIContext: Sendable {
        public var arguments: [String]
        public var inheritsStandardStreams: Bool

        public init(arguments: [String], inheritsStandardStreams: Bool = true) {
            self.arguments = arguments
            self.inheritsStandardStreams = inheritsStandardStreams
        }
    }

    /// Gives the store WASI 0.2 (a guest calling WASI in a store without it would abort the
    /// process, so a linker with ``Linker/addWASIp2()`` needs this on every store).
    public func configureWASI(_ wasi: WASIContext) throws(EngineError) {
        let functions = engine.library.functions
        guard let config = functions.wasiConfigNew() else { throw .wasmtime("wasi_config_new failed") }
        let arguments = wasi.arguments.map { strdup($0) }
        defer { for argument in arguments { free(argument) } }
        let accepted = arguments.map { UnsafePointer($0) }.withUnsafeBufferPointer {
            functions.wasiConfigSetArgv(config, $0.count, $0.baseAddress)
        }
        if wasi.inheritsStandardStreams {
            functions.wasiConfigInheritStdin(config)
            functions.wasiConfigInheritStdout(config)
            functions.wasiConfigInheritStderr(config)
        }
        // The store takes the configuration, whatever happens.
        if let error = functions.contextSetWASI(context, config) { throw .wasmtime(functions.takeMessage(error)) }
        guard accepted else { throw .invalidCall("an argument is not valid UTF-8") }
    }

    deinit { engine.library.functions.storeDelete(pointer) }
}

/// Why a host function failed: the guest traps with this message (naming the import is
/// the caller's part).
public struct HostFailure: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// What a host function is: the call's arguments in, its results out (as many as the
/// import's type has), or a failure that traps the guest.
public typealias HostFunction = @Sendable ([ComponentValue]) throws(HostFailure) -> [ComponentValue]

/// The imports a component is instantiated with.
public final class Linker {
    let engine: Engine
    let pointer: OpaquePointer

    public init(engine: Engine) throws(EngineError) {
        guard let pointer = engine.library.functions.linkerNew(engine.pointer) else {
            throw .wasmtime("wasmtime_component_linker_new failed")
        }
        self.engine = engine
        self.pointer = pointer
    }

    deinit { engine.library.functions.linkerDelete(pointer) }

    /// Defines the function `name` of the instance `instance` (`wasi:cli/run@0.2.0`), or of
    /// the component's root when `instance` is `nil` (a world's own functions).
    public func define(_ name: String, in instance: String?, _ body: @escaping HostFunction) throws(EngineError) {
        let functions = engine.library.functions
        let target = try instanceHandle(instance)
        defer { functions.linkerInstanceDelete(target) }
        let box = Unmanaged.passRetained(HostFunctionBox(functions: functions, body: body, name: name)).toOpaque()
        let error = name.withCString {
            functions.linkerInstanceAddFunc(target, $0, name.utf8.count, hostTrampoline, box, releaseHostFunction)
        }
        if let error { throw .wasmtime(functions.takeMessage(error)) }
    }

    /// Defines the resource type `name` of the instance `instance` (or of the root), whose
    /// handles the host makes (``HostResource``, with this `type` number). `destructor`
    /// runs with a handle's representation when the guest drops the last owned handle.
    /// A resource the guest still holds when its store goes away never reaches it: the host
    /// releases what it keeps per store.
    public func defineResource(_ name: String, in instance: String?, type: UInt32,
                               destructor: @escaping @Sendable (UInt32) -> Void) throws(EngineError) {
        let functions = engine.library.functions
        let target = try instanceHandle(instance)
        defer { functions.linkerInstanceDelete(target) }
        guard let resourceType = functions.resourceTypeNewHost(type) else {
            throw .wasmtime("wasmtime_component_resource_type_new_host failed")
        }
        defer { functions.resourceTypeDelete(resourceType) }
        let box = Unmanaged.passRetained(DestructorBox(body: destructor)).toOpaque()
        let error = name.withCString {
            functions.linkerInstanceAddResource(target, $0, name.utf8.count, resourceType, resourceDestructor, box,
                                                releaseDestructor)
        }
        if let error { throw .wasmtime(functions.takeMessage(error)) }
    }

    /// The linker instance `instance` (made when missing), or the root; the caller deletes the handle.
    private func instanceHandle(_ instance: String?) throws(EngineError) -> OpaquePointer {
        let functions = engine.library.functions
        guard let root = functions.linkerRoot(pointer) else { throw .wasmtime("wasmtime_component_linker_root failed") }
        guard let instance else { return root }
        var nested: OpaquePointer?
        let error = instance.withCString { functions.linkerInstanceAddInstance(root, $0, instance.utf8.count, &nested) }
        functions.linkerInstanceDelete(root)
        if let error { throw .wasmtime(functions.takeMessage(error)) }
        guard let nested else { throw .wasmtime("wasmtime_component_linker_instance_add_instance gave no instance") }
        return nested
    }

    /// Defines every WASI 0.2 interface Wasmtime implements (cli, clocks, random, io,
    /// filesystem, sockets); what a guest gets of them is its store's ``Store/WASIContext``.
    public func addWASIp2() throws(EngineError) {
        let functions = engine.library.functions
        if let error = functions.linkerAddWASIp2(pointer) { throw .wasmtime(functions.takeMessage(error)) }
    }

    /// Instantiates `component` in `store`; an import the linker does not define is an error
    /// naming it.
    public func instantiate(_ component: Component, in store: Store) throws(EngineError) -> Instance {
        let functions = engine.library.functions
        let raw = UnsafeMutableRawPointer.allocate(byteCount: RawLayout.instanceSize, alignment: 8)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: RawLayout.instanceSize)
        if let error = functions.linkerInstantiate(pointer, store.context, component.pointer, raw) {
            raw.deallocate()
            throw .wasmtime(functions.takeMessage(error))
        }
        return Instance(store: store, raw: raw)
    }
}

/// What the engine keeps for a host function: released by its finalizer.
final class HostFunctionBox {
    let functions: WasmtimeFunctions
    let body: HostFunction
    let name: String

    init(functions: WasmtimeFunctions, body: @escaping HostFunction, name: String) {
        self.functions = functions
        self.body = body
        self.name = name
    }
}

/// Calls a host function: converts the arguments, runs it, writes its results with the
/// engine's allocators (the engine frees them). A failure, a wrong number of results or an
/// argument that cannot be read traps the guest with a message; nothing crashes the host.
private let hostTrampoline: WasmtimeFunctions.HostCallback = { data, context, _, arguments, argumentCount, results, resultCount in
    let box = Unmanaged<HostFunctionBox>.fromOpaque(data!).takeUnretainedValue()
    let functions = box.functions
    func trap(_ message: String) -> OpaquePointer? {
        functions.errorNew("host function \(box.name): \(message)")
    }
    var values: [ComponentValue] = []
    values.reserveCapacity(argumentCount)
    for index in 0..<argumentCount {
        do throws(EngineError) {
            values.append(try functions.load(at: arguments! + index * RawLayout.valSize, context: context))
        } catch {
            return trap(error.description)
        }
    }
    let produced: [ComponentValue]
    do throws(HostFailure) { produced = try box.body(values) } catch { return trap(error.message) }
    guard produced.count == resultCount else {
        return trap("gave \(produced.count) results where its type has \(resultCount)")
    }
    // Zeroed first: a value that cannot be written leaves plain zeros, which the engine frees safely.
    results!.initializeMemory(as: UInt8.self, repeating: 0, count: resultCount * RawLayout.valSize)
    for (index, value) in produced.enumerated() {
        do throws(EngineError) {
            try functions.store(value, at: results! + index * RawLayout.valSize, context: context)
        } catch {
            return trap(error.description)
        }
    }
    return nil
}

/// What the engine keeps for a resource type's destructor.
final class DestructorBox {
    let body: @Sendable (UInt32) -> Void
    init(body: @escaping @Sendable (UInt32) -> Void) { self.body = body }
}

private let resourceDestructor: WasmtimeFunctions.ResourceDestructor = { data, _, representation in
    Unmanaged<DestructorBox>.fromOpaque(data!).takeUnretainedValue().body(representation)
    return nil
}

private let releaseDestructor: WasmtimeFunctions.Finalizer = { data in
    if let data { Unmanaged<DestructorBox>.fromOpaque(data).release() }
}

private let releaseHostFunction: WasmtimeFunctions.Finalizer = { data in
    if let data { Unmanaged<HostFunctionBox>.fromOpaque(data).release() }
}

/// An instance of a component in a store.
public final class Instance {
    let store: Store
    let raw: UnsafeMutableRawPointer

    init(store: Store, raw: UnsafeMutableRawPointer) {
        self.store = store
        self.raw = raw
    }

    deinit { raw.deallocate() }

    /// The exported function `name`, of the exported instance `instance` (`wasi:cli/run@0.2.0`)
    /// or of the component itself; an error naming it when there is none.
    public func function(_ name: String, in instance: String? = nil) throws(EngineError) -> ComponentFunction {
        let functions = store.engine.library.functions
        var parent: OpaquePointer?
        if let instance {
            parent = instance.withCString { functions.instanceGetExportIndex(raw, store.context, nil, $0, instance.utf8.count) }
            guard parent != nil else { throw .invalidCall("the component exports no instance `\(instance)`") }
        }
        defer { if let parent { functions.exportIndexDelete(parent) } }
        guard let index = name.withCString({ functions.instanceGetExportIndex(raw, store.context, parent, $0, name.utf8.count) })
        else {
            throw .invalidCall("the component exports no function `\(name)`" + (instance.map { " in `\($0)`" } ?? ""))
        }
        defer { functions.exportIndexDelete(index) }
        let function = UnsafeMutableRawPointer.allocate(byteCount: RawLayout.funcSize, alignment: 8)
        function.initializeMemory(as: UInt8.self, repeating: 0, count: RawLayout.funcSize)
        guard functions.instanceGetFunc(raw, store.context, index, function) else {
            function.deallocate()
            throw .invalidCall("the export `\(name)` is not a function")
        }
        return ComponentFunction(instance: self, raw: function, name: name)
    }
}

/// An exported function of an instance, called with component values.
public final class ComponentFunction {
    let instance: Instance
    let raw: UnsafeMutableRawPointer
    public let name: String

    init(instance: Instance, raw: UnsafeMutableRawPointer, name: String) {
        self.instance = instance
        self.raw = raw
        self.name = name
    }

    deinit { raw.deallocate() }

    /// Calls the function with `arguments`, expecting `resultCount` results (0 or 1). A trap
    /// is an ``EngineError/trap(_:)``, after which the store's instances cannot be entered again.
    public func call(_ arguments: [ComponentValue], resultCount: Int) throws(EngineError) -> [ComponentValue] {
        let store = instance.store
        guard !store.hasTrapped else { throw .trap("the store's instance trapped before; it cannot be entered again") }
        let functions = store.engine.library.functions
        let argumentMemory = UnsafeMutableRawPointer.allocate(byteCount: max(1, arguments.count) * RawLayout.valSize,
                                                              alignment: RawLayout.valAlignment)
        let resultMemory = UnsafeMutableRawPointer.allocate(byteCount: max(1, resultCount) * RawLayout.valSize,
                                                            alignment: RawLayout.valAlignment)
        // Zeroed: an argument that cannot be written leaves plain zeros, which deleting ignores.
        argumentMemory.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, arguments.count) * RawLayout.valSize)
        resultMemory.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, resultCount) * RawLayout.valSize)
        defer {
            for index in 0..<arguments.count { functions.valDelete(argumentMemory + index * RawLayout.valSize) }
            argumentMemory.deallocate()
            resultMemory.deallocate()
        }
        for (index, argument) in arguments.enumerated() {
            try functions.store(argument, at: argumentMemory + index * RawLayout.valSize, context: store.context)
        }
        if let error = functions.funcCall(raw, store.context, argumentMemory, arguments.count, resultMemory, resultCount) {
            store.markTrapped()
            throw .trap(functions.takeMessage(error))
        }
        defer { for index in 0..<resultCount { functions.valDelete(resultMemory + index * RawLayout.valSize) } }
        var results: [ComponentValue] = []
        for index in 0..<resultCount {
            results.append(try functions.load(at: resultMemory + index * RawLayout.valSize, context: store.context))
        }
        if let error = functions.funcPostReturn(raw, store.context) {
            store.markTrapped()
            throw .trap(functions.takeMessage(error))
        }
        return results
    }
}
