import WIT
import WITGenerator

/// libFuzzer target: whatever the front end accepts, every back end must turn
/// into output without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBackEnds(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let output) = FrontEnd.load(.init(main: .init(files: [SourceFile(path: "fuzz.wit", bytes: bytes)])),
                                                     allFeatures: true) else { return 0 }
    var swift = SwiftGenerator(resolve: output.resolve, options: .init(moduleName: "Fuzz", sourceDescription: "fuzz"))
    precondition(!swift.generate().isEmpty)
    precondition(!MarkdownGenerator(resolve: output.resolve, options: .init(swiftModule: "Fuzz", sourceDescription: "fuzz")).generate().isEmpty)
    return 0
}
