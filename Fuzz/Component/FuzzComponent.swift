import WIT

/// libFuzzer target: any bytes as a WIT package encoded as a component (binary
/// `.wasm` or component text `.wat`) must give a model or located diagnostics,
/// never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzComponent(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = SourceFile(path: size % 2 == 0 ? "fuzz.wasm" : "fuzz.wat", bytes: bytes)
    switch FrontEnd.load(.init(main: .init(component: file))) {
    case .success(let output):
        _ = output.resolve.json()
    case .failure(let failure):
        precondition(!failure.diagnostics.isEmpty, "a failure without diagnostics")
        _ = failure.rendered
    }
    return 0
}
