#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C functions of Wasmtime 50 this adapter calls, looked up by name once. Their
/// declarations follow v50's (`_bindings.py` of the `wasmtime==50.0.1` wheel); the
/// layouts of the structures passed by value or pointer are in ``RawLayout``.
struct WasmtimeFunctions {
    typealias Pointer = OpaquePointer
    /// `wasmtime_error_t *(*)(void *env, wasmtime_context_t *, const wasmtime_component_func_type_t *,
    /// wasmtime_component_val_t *args, size_t, wasmtime_component_val_t *results, size_t)`.
    typealias HostCallback = @convention(c) (UnsafeMutableRawPointer?, Pointer?, Pointer?, UnsafeMutableRawPointer?, Int,
                                             UnsafeMutableRawPointer?, Int) -> Pointer?
    typealias Finalizer = @convention(c) (UnsafeMutableRawPointer?) -> Void
    /// `wasmtime_error_t *(*)(void *env, wasmtime_context_t *, uint32_t rep)`.
    typealias ResourceDestructor = @convention(c) (UnsafeMutableRawPointer?, Pointer?, UInt32) -> Pointer?

    let engineNew: @convention(c) () -> Pointer?
    let configNew: @convention(c) () -> Pointer?
    let configConcurrencySupport: @convention(c) (Pointer, Bool) -> Void
    let configEpochInterruption: @convention(c) (Pointer, Bool) -> Void
    /// Takes the configuration (it must not be deleted after).
    let engineNewWithConfig: @convention(c) (Pointer) -> Pointer?
    let engineIncrementEpoch: @convention(c) (Pointer) -> Void
    let storeLimiter: @convention(c) (Pointer, Int64, Int64, Int64, Int64, Int64) -> Void
    let contextSetEpochDeadline: @convention(c) (Pointer, UInt64) -> Void
    let wasiConfigNew: @convention(c) () -> Pointer?
    let wasiConfigSetArgv: @convention(c) (Pointer, Int, UnsafePointer<UnsafePointer<CChar>?>?) -> Bool
    let wasiConfigInheritStdin: @convention(c) (Pointer) -> Void
    let wasiConfigInheritStdout: @convention(c) (Pointer) -> Void
    let wasiConfigInheritStderr: @convention(c) (Pointer) -> Void
    /// Takes the WASI configuration, also when it fails.
    let contextSetWASI: @convention(c) (Pointer, Pointer) -> Pointer?
    let linkerAddWASIp2: @convention(c) (Pointer) -> Pointer?
    let resourceTypeNewHost: @convention(c) (UInt32) -> Pointer?
    let resourceTypeDelete: @convention(c) (Pointer) -> Void
    let linkerInstanceAddResource: @convention(c) (Pointer, UnsafePointer<CChar>, Int, Pointer, ResourceDestructor,
                                                   UnsafeMutableRawPointer?, Finalizer?) -> Pointer?
    let resourceHostNew: @convention(c) (Bool, UInt32, UInt32) -> Pointer?
    let resourceHostRep: @convention(c) (Pointer) -> UInt32
    let resourceHostType: @convention(c) (Pointer) -> UInt32
    let resourceHostOwned: @convention(c) (Pointer) -> Bool
    let resourceHostDelete: @convention(c) (Pointer) -> Void
    let resourceAnyToHost: @convention(c) (Pointer, Pointer, UnsafeMutablePointer<Pointer?>) -> Pointer?
    let resourceHostToAny: @convention(c) (Pointer, Pointer, UnsafeMutablePointer<Pointer?>) -> Pointer?
    let engineDelete: @convention(c) (Pointer) -> Void
    let storeNew: @convention(c) (Pointer, UnsafeMutableRawPointer?, Finalizer?) -> Pointer?
    let storeContext: @convention(c) (Pointer) -> Pointer?
    let storeDelete: @convention(c) (Pointer) -> Void
    let componentNew: @convention(c) (Pointer, UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<Pointer?>) -> Pointer?
    let componentDelete: @convention(c) (Pointer) -> Void
    let linkerNew: @convention(c) (Pointer) -> Pointer?
    let linkerRoot: @convention(c) (Pointer) -> Pointer?
    let linkerDelete: @convention(c) (Pointer) -> Void
    let linkerInstanceAddInstance: @convention(c) (Pointer, UnsafePointer<CChar>, Int, UnsafeMutablePointer<Pointer?>) -> Pointer?
    let linkerInstanceAddFunc: @convention(c) (Pointer, UnsafePointer<CChar>, Int, HostCallback, UnsafeMutableRawPointer?,
                                               Finalizer?) -> Pointer?
    let linkerInstanceDelete: @convention(c) (Pointer) -> Void
    let linkerInstantiate: @convention(c) (Pointer, Pointer, Pointer, UnsafeMutableRawPointer) -> Pointer?
    let instanceGetExportIndex: @convention(c) (UnsafeRawPointer, Pointer, Pointer?, UnsafePointer<CChar>, Int) -> Pointer?
    let instanceGetFunc: @convention(c) (UnsafeRawPointer, Pointer, Pointer, UnsafeMutableRawPointer) -> Bool
    let exportIndexDelete: @convention(c) (Pointer) -> Void
    let funcCall: @convention(c) (UnsafeRawPointer, Pointer, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?, Int) -> Pointer?
    let funcPostReturn: @convention(c) (UnsafeRawPointer, Pointer) -> Pointer?
    let errorNew: @convention(c) (UnsafePointer<CChar>) -> Pointer?
    let errorMessage: @convention(c) (Pointer, UnsafeMutableRawPointer) -> Void
    let errorDelete: @convention(c) (Pointer) -> Void
    let byteVecNew: @convention(c) (UnsafeMutableRawPointer, Int, UnsafePointer<UInt8>?) -> Void
    let byteVecDelete: @convention(c) (UnsafeMutableRawPointer) -> Void
    let valListNewUninit: @convention(c) (UnsafeMutableRawPointer, Int) -> Void
    let valRecordNewUninit: @convention(c) (UnsafeMutableRawPointer, Int) -> Void
    let valTupleNewUninit: @convention(c) (UnsafeMutableRawPointer, Int) -> Void
    let valFlagsNewUninit: @convention(c) (UnsafeMutableRawPointer, Int) -> Void
    let valNew: @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer?
    /// Deletes what a value owns (its strings, lists, payloads), not the value's own memory.
    let valDelete: @convention(c) (UnsafeMutableRawPointer) -> Void
    /// Frees a value `valNew` made, with what it owns.
    let valFree: @convention(c) (UnsafeMutableRawPointer) -> Void

    init(handle: UnsafeMutableRawPointer, path: String) throws(EngineError) {
        func symbol<T>(_ name: String, _: T.Type) throws(EngineError) -> T {
            guard let address = dlsym(handle, name) else { throw .missingFunction(name, library: path) }
            return unsafeBitCast(address, to: T.self)
        }
        engineNew = try symbol("wasm_engine_new", type(of: engineNew))
        configNew = try symbol("wasm_config_new", type(of: configNew))
        configConcurrencySupport = try symbol("wasmtime_config_concurrency_support_set", type(of: configConcurrencySupport))
        configEpochInterruption = try symbol("wasmtime_config_epoch_interruption_set", type(of: configEpochInterruption))
        engineNewWithConfig = try symbol("wasm_engine_new_with_config", type(of: engineNewWithConfig))
        engineIncrementEpoch = try symbol("wasmtime_engine_increment_epoch", type(of: engineIncrementEpoch))
        storeLimiter = try symbol("wasmtime_store_limiter", type(of: storeLimiter))
        contextSetEpochDeadline = try symbol("wasmtime_context_set_epoch_deadline", type(of: contextSetEpochDeadline))
        wasiConfigNew = try symbol("wasi_config_new", type(of: wasiConfigNew))
        wasiConfigSetArgv = try symbol("wasi_config_set_argv", type(of: wasiConfigSetArgv))
        wasiConfigInheritStdin = try symbol("wasi_config_inherit_stdin", type(of: wasiConfigInheritStdin))
        wasiConfigInheritStdout = try symbol("wasi_config_inherit_stdout", type(of: wasiConfigInheritStdout))
        wasiConfigInheritStderr = try symbol("wasi_config_inherit_stderr", type(of: wasiConfigInheritStderr))
        contextSetWASI = try symbol("wasmtime_context_set_wasi", type(of: contextSetWASI))
        linkerAddWASIp2 = try symbol("wasmtime_component_linker_add_wasip2", type(of: linkerAddWASIp2))
        resourceTypeNewHost = try symbol("wasmtime_component_resource_type_new_host", type(of: resourceTypeNewHost))
        resourceTypeDelete = try symbol("wasmtime_component_resource_type_delete", type(of: resourceTypeDelete))
        linkerInstanceAddResource = try symbol("wasmtime_component_linker_instance_add_resource",
                                               type(of: linkerInstanceAddResource))
        resourceHostNew = try symbol("wasmtime_component_resource_host_new", type(of: resourceHostNew))
        resourceHostRep = try symbol("wasmtime_component_resource_host_rep", type(of: resourceHostRep))
        resourceHostType = try symbol("wasmtime_component_resource_host_type", type(of: resourceHostType))
        resourceHostOwned = try symbol("wasmtime_component_resource_host_owned", type(of: resourceHostOwned))
        resourceHostDelete = try symbol("wasmtime_component_resource_host_delete", type(of: resourceHostDelete))
        resourceAnyToHost = try symbol("wasmtime_component_resource_any_to_host", type(of: resourceAnyToHost))
        resourceHostToAny = try symbol("wasmtime_component_resource_host_to_any", type(of: resourceHostToAny))
        engineDelete = try symbol("wasm_engine_delete", type(of: engineDelete))
        storeNew = try symbol("wasmtime_store_new", type(of: storeNew))
        storeContext = try symbol("wasmtime_store_context", type(of: storeContext))
        storeDelete = try symbol("wasmtime_store_delete", type(of: storeDelete))
        componentNew = try symbol("wasmtime_component_new", type(of: componentNew))
        componentDelete = try symbol("wasmtime_component_delete", type(of: componentDelete))
        linkerNew = try symbol("wasmtime_component_linker_new", type(of: linkerNew))
        linkerRoot = try symbol("wasmtime_component_linker_root", type(of: linkerRoot))
        linkerDelete = try symbol("wasmtime_component_linker_delete", type(of: linkerDelete))
        linkerInstanceAddInstance = try symbol("wasmtime_component_linker_instance_add_instance",
                                               type(of: linkerInstanceAddInstance))
        linkerInstanceAddFunc = try symbol("wasmtime_component_linker_instance_add_func", type(of: linkerInstanceAddFunc))
        linkerInstanceDelete = try symbol("wasmtime_component_linker_instance_delete", type(of: linkerInstanceDelete))
        linkerInstantiate = try symbol("wasmtime_component_linker_instantiate", type(of: linkerInstantiate))
        instanceGetExportIndex = try symbol("wasmtime_component_instance_get_export_index", type(of: instanceGetExportIndex))
        instanceGetFunc = try symbol("wasmtime_component_instance_get_func", type(of: instanceGetFunc))
        exportIndexDelete = try symbol("wasmtime_component_export_index_delete", type(of: exportIndexDelete))
        funcCall = try symbol("wasmtime_component_func_call", type(of: funcCall))
        funcPostReturn = try symbol("wasmtime_component_func_post_return", type(of: funcPostReturn))
        errorNew = try symbol("wasmtime_error_new", type(of: errorNew))
        errorMessage = try symbol("wasmtime_error_message", type(of: errorMessage))
        errorDelete = try symbol("wasmtime_error_delete", type(of: errorDelete))
        byteVecNew = try symbol("wasm_byte_vec_new", type(of: byteVecNew))
        byteVecDelete = try symbol("wasm_byte_vec_delete", type(of: byteVecDelete))
        valListNewUninit = try symbol("wasmtime_component_vallist_new_uninit", type(of: valListNewUninit))
        valRecordNewUninit = try symbol("wasmtime_component_valrecord_new_uninit", type(of: valRecordNewUninit))
        valTupleNewUninit = try symbol("wasmtime_component_valtuple_new_uninit", type(of: valTupleNewUninit))
        valFlagsNewUninit = try symbol("wasmtime_component_valflags_new_uninit", type(of: valFlagsNewUninit))
        valNew = try symbol("wasmtime_component_val_new", type(of: valNew))
        valDelete = try symbol("wasmtime_component_val_delete", type(of: valDelete))
        valFree = try symbol("wasmtime_component_val_free", type(of: valFree))
    }

    /// The message of an error the library returned, which is then deleted.
    func takeMessage(_ error: Pointer) -> String {
        var name = RawLayout.ByteVec()
        let message = withUnsafeMutableBytes(of: &name) { raw -> String in
            errorMessage(error, raw.baseAddress!)
            let vec = raw.load(as: RawLayout.ByteVec.self)
            let text = vec.data.map { String(decoding: UnsafeBufferPointer(start: $0, count: vec.size), as: UTF8.self) } ?? ""
            byteVecDelete(raw.baseAddress!)
            return text
        }
        errorDelete(error)
        return message
    }
}
