/// The layouts of Wasmtime 50's C structures this adapter reads and writes, as
/// `_bindings.py` of the `wasmtime==50.0.1` wheel declares them (x86-64 and arm64:
/// 8-byte pointers and `size_t`). An older header's layout overwrites memory (v49's
/// `wasmtime_component_func_t` is 24 bytes, v50's 32), so every size is a constant here
/// and `EngineLayoutTests` checks each against what Wasmtime writes.
enum RawLayout {
    /// `wasm_byte_vec_t` / `wasm_name_t`: `size_t size; uint8_t *data;`.
    struct ByteVec {
        var size: Int = 0
        var data: UnsafeMutablePointer<UInt8>?
    }

    /// `wasmtime_component_val_t`: a `uint8_t` kind at 0, a 24-byte union at 8.
    static let valSize = 32
    static let valAlignment = 8
    static let valPayloadOffset = 8
    /// `wasmtime_component_valrecord_entry_t`: a `wasm_name_t` name, then the value.
    static let recordEntrySize = 48
    static let recordEntryValueOffset = 16
    /// `wasmtime_component_func_t`: `{ { uint64_t store_id; uint32_t }; uint32_t; void * }`.
    static let funcSize = 32
    /// `wasmtime_component_instance_t`: `uint64_t store_id; uint32_t`.
    static let instanceSize = 16
    /// `wasm_name_t`, the element of `wasmtime_component_valflags_t`.
    static let nameSize = 16

    /// `wasmtime_component_valkind_t`: the kinds of values (not of value *types*, which are
    /// numbered differently).
    enum Kind: UInt8 {
        case bool = 0, s8, u8, s16, u16, s32, u32, s64, u64, f32, f64, char, string, list, record, tuple, variant
        case enumeration = 17, option, result, flags, resource, map
    }
}
