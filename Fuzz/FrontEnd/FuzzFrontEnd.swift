import WIT

/// libFuzzer target: any bytes as a WIT file must give a model or located
/// diagnostics, never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontEnd(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FrontEnd.load(.init(main: .init(files: [SourceFile(path: "fuzz.wit", bytes: bytes)])), allFeatures: size % 2 == 0) {
    case .success(let output):
        _ = output.resolve.json()
    case .failure(let failure):
        precondition(!failure.diagnostics.isEmpty, "a failure without diagnostics")
        _ = failure.rendered
    }
    return 0
}
