import Foundation
import Testing
@testable import WasmtimeEngine

/// The engine adapter on Wasmtime 50's library. CI installs it (`.ci/install-tools`) and
/// sets `WITGEN_REQUIRE_SHARED=1`, so there a missing library fails these tests; in a
/// clone with nothing installed they are skipped, saying what they need.
enum EngineFixture {
    static let required = ProcessInfo.processInfo.environment["WITGEN_REQUIRE_SHARED"] == "1"
    static let library: Result<WasmtimeLibrary, EngineError> = Result { () throws(EngineError) in try WasmtimeLibrary.shared() }
    static var isAvailable: Bool {
        if case .success = library { return true }
        return required
    }

    static func engine() throws -> Engine {
        try Engine(library: library.get())
    }

    static let math = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Components/math.wasm")
}

@Suite(.enabled(if: EngineFixture.isAvailable, "needs Wasmtime 50's C library (pip install wasmtime==50.0.1; .ci/install-tools)"))
struct EngineTests {
    @Test func everyValueKindGoesThroughTheEnginesMemory() throws {
        let functions = try EngineFixture.library.get().functions
        let values: [ComponentValue] = [
            .bool(true), .bool(false), .s8(-128), .u8(255), .s16(-32768), .u16(65535), .s32(.min), .u32(.max),
            .s64(.min), .u64(.max), .f32(.nan), .f32(-0.0), .f64(.infinity), .f64(Double(bitPattern: 0x7FF4_0000_0000_0001)),
            .char("\u{10FFFF}"), .char("é"), .string(""), .string("héllo \u{1F600}"), .string(String(repeating: "x", count: 65_536)),
            .list([]), .list([.u8(1), .u8(2)]), .list([.list([.string("nested")])]),
            .record([(name: "a", value: .u32(1)), (name: "b", value: .string("two"))]), .record([]),
            .tuple([.u8(1), .s64(-1), .string("t")]), .variant("none", nil), .variant("some", .list([.bool(true)])),
            .enumeration("red"), .option(nil), .option(.option(.u32(7))), .result(isOK: true, nil),
            .result(isOK: false, .string("bad")), .flags([]), .flags(["read", "write"]),
        ]
        let raw = UnsafeMutableRawPointer.allocate(byteCount: RawLayout.valSize, alignment: RawLayout.valAlignment)
        defer { raw.deallocate() }
        for value in values {
            try functions.store(value, at: raw)
            let back = try functions.load(at: raw)
            functions.valDelete(raw)
            #expect(back == value, "\(value)")
        }
    }

    @Test func anImportedFunctionIsServedByTheHostAndAnExportIsCalled() throws {
        let engine = try EngineFixture.engine()
        let component = try Component(engine: engine, bytes: [UInt8](try Data(contentsOf: EngineFixture.math)))
        let linker = try Linker(engine: engine)
        try linker.define("add-one", in: "test:host/math") { arguments throws(HostFailure) in
            guard case .u32(let x)? = arguments.first else { throw HostFailure("expected a u32") }
            return [.u32(x &+ 1)]
        }
        try linker.define("fail", in: "test:host/math") { _ throws(HostFailure) in throw HostFailure("refused by the host") }
        let store = try Store(engine: engine)
        let instance = try linker.instantiate(component, in: store)
        let twice = try instance.function("twice")
        #expect(try twice.call([.u32(40)], resultCount: 1) == [.u32(42)])
        #expect(try twice.call([.u32(.max)], resultCount: 1) == [.u32(1)])
    }

    @Test func aHostFailureTrapsTheGuestWithItsMessageAndTheStoreStaysClosed() throws {
        let engine = try EngineFixture.engine()
        let component = try Component(engine: engine, bytes: [UInt8](try Data(contentsOf: EngineFixture.math)))
        let linker = try Linker(engine: engine)
        try linker.define("add-one", in: "test:host/math") { arguments throws(HostFailure) in arguments }
        try linker.define("fail", in: "test:host/math") { _ throws(HostFailure) in throw HostFailure("refused by the host") }
        let store = try Store(engine: engine)
        let instance = try linker.instantiate(component, in: store)
        #expect {
            try instance.function("call-fail").call([.u32(1)], resultCount: 1)
        } throws: { error in
            "\(error)".contains("host function fail: refused by the host")
        }
        #expect(store.hasTrapped)
        #expect(throws: EngineError.self) { try instance.function("twice").call([.u32(1)], resultCount: 1) }
    }

    @Test func aGuestTrapIsAnErrorNotACrash() throws {
        let engine = try EngineFixture.engine()
        let component = try Component(engine: engine, bytes: [UInt8](try Data(contentsOf: EngineFixture.math)))
        let linker = try Linker(engine: engine)
        try linker.define("add-one", in: "test:host/math") { arguments throws(HostFailure) in arguments }
        try linker.define("fail", in: "test:host/math") { arguments throws(HostFailure) in arguments }
        let instance = try linker.instantiate(component, in: try Store(engine: engine))
        #expect {
            try instance.function("boom").call([.u32(1)], resultCount: 1)
        } throws: { error in
            guard case .trap(let message)? = error as? EngineError else { return false }
            return message.contains("unreachable")
        }
    }

    @Test func badInputIsAnErrorWithWasmtimesMessage() throws {
        let engine = try EngineFixture.engine()
        let bytes = [UInt8](try Data(contentsOf: EngineFixture.math))
        #expect(throws: EngineError.self) { try Component(engine: engine, bytes: Array(bytes.prefix(100))) }
        #expect(throws: EngineError.self) { try Component(engine: engine, bytes: [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]) }
        #expect(throws: EngineError.self) { try Component(engine: engine, bytes: []) }
        // A missing import is refused at instantiation, naming it.
        let component = try Component(engine: engine, bytes: bytes)
        let linker = try Linker(engine: engine)
        #expect {
            try linker.instantiate(component, in: try Store(engine: engine))
        } throws: { error in
            "\(error)".contains("test:host/math")
        }
        #expect(throws: EngineError.self) {
            let full = try Linker(engine: engine)
            try full.define("add-one", in: "test:host/math") { $0 }
            try full.define("fail", in: "test:host/math") { $0 }
            _ = try full.instantiate(component, in: try Store(engine: engine)).function("nope")
        }
    }

    @Test func theLibraryIsLookedForWhereTheDocsSay() {
        let paths = WasmtimeLibrary.candidates(environment: ["WASMTIME_LIB": "/opt/x/libwasmtime.so"], workingDirectory: "/w")
        #expect(paths.first == "/opt/x/libwasmtime.so")
        #expect(paths.last == "libwasmtime.so")
        let message = EngineError.libraryNotFound(tried: ["a"], reasons: []).description
        #expect(message.contains("pip install wasmtime==50.0.1") && message.contains("WASMTIME_LIB"))
    }
}

/// The structure sizes `RawLayout` declares are the ones Wasmtime 50 writes: each is written
/// into a buffer with guard bytes after it, which must stay as they were.
@Suite(.enabled(if: EngineFixture.isAvailable, "needs Wasmtime 50's C library (pip install wasmtime==50.0.1; .ci/install-tools)"))
struct EngineLayoutTests {
    static let guardBytes = 32

    func guarded(_ size: Int, _ body: (UnsafeMutableRawPointer) throws -> Void) rethrows -> Bool {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size + Self.guardBytes, alignment: 16)
        defer { memory.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0xA5, count: size + Self.guardBytes)
        try body(memory)
        return (size..<(size + Self.guardBytes)).allSatisfy { memory.load(fromByteOffset: $0, as: UInt8.self) == 0xA5 }
    }

    @Test func instancesAndFunctionsFitTheirDeclaredSizes() throws {
        let engine = try EngineFixture.engine()
        let functions = engine.library.functions
        let component = try Component(engine: engine, bytes: [UInt8](try Data(contentsOf: EngineFixture.math)))
        let linker = try Linker(engine: engine)
        try linker.define("add-one", in: "test:host/math") { $0 }
        try linker.define("fail", in: "test:host/math") { $0 }
        let store = try Store(engine: engine)
        var instanceBytes: [UInt8] = []
        let instanceFits = guarded(RawLayout.instanceSize) { raw in
            #expect(functions.linkerInstantiate(linker.pointer, store.context, component.pointer, raw) == nil)
            instanceBytes = Array(UnsafeRawBufferPointer(start: raw, count: RawLayout.instanceSize))
        }
        #expect(instanceFits, "wasmtime_component_instance_t is larger than \(RawLayout.instanceSize) bytes")
        let funcFits = try instanceBytes.withUnsafeBytes { instance in
            try guarded(RawLayout.funcSize) { raw in
                let index = try #require("twice".withCString { functions.instanceGetExportIndex(instance.baseAddress!, store.context, nil, $0, 5) })
                defer { functions.exportIndexDelete(index) }
                #expect(functions.instanceGetFunc(instance.baseAddress!, store.context, index, raw))
            }
        }
        #expect(funcFits, "wasmtime_component_func_t is larger than \(RawLayout.funcSize) bytes")
    }

    @Test func aValueFitsItsDeclaredSize() throws {
        let functions = try EngineFixture.library.get().functions
        let fits = try guarded(RawLayout.valSize) { raw in
            try functions.store(.record([(name: "a", value: .string("x")), (name: "b", value: .u64(.max))]), at: raw)
            // A value the engine makes whole: `wasmtime_component_val_new` moves it, then it is freed.
            let moved = functions.valNew(raw)
            if let moved { functions.valFree(moved) }
        }
        #expect(fits)
    }
}

/// What keeps a guest in bounds: the epoch deadline (a timeout) and the store's limits.
@Suite(.enabled(if: EngineFixture.isAvailable, "needs Wasmtime 50's C library (pip install wasmtime==50.0.1; .ci/install-tools)"))
struct EngineLimitTests {
    static let limits = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Components/limits.wasm")

    func instance(_ engine: Engine, _ store: Store) throws -> Instance {
        let component = try Component(engine: engine, bytes: [UInt8](try Data(contentsOf: Self.limits)))
        return try Linker(engine: engine).instantiate(component, in: store)
    }

    @Test func aGuestThatRunsForeverIsStoppedAtItsDeadline() throws {
        let engine = try Engine(library: EngineFixture.library.get(), configuration: .init(epochInterruption: true))
        let store = try Store(engine: engine)
        store.setEpochDeadline(1)
        let spin = try instance(engine, store).function("spin")
        let ticker = Thread { Thread.sleep(forTimeInterval: 0.2); engine.incrementEpoch() }
        ticker.start()
        let start = Date()
        #expect {
            try spin.call([], resultCount: 0)
        } throws: { error in
            guard case .trap(let message)? = error as? EngineError else { return false }
            return message.contains("interrupt")
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func aGuestCannotGrowItsMemoryPastTheStoresLimit() throws {
        let engine = try EngineFixture.engine()
        let store = try Store(engine: engine)
        store.limit(memoryBytes: 4 * 65_536)
        let grow = try instance(engine, store).function("grow")
        #expect(try grow.call([.u32(2)], resultCount: 1) == [.s32(1)])
        #expect(try grow.call([.u32(2)], resultCount: 1) == [.s32(-1)])
        #expect(try grow.call([.u32(1)], resultCount: 1) == [.s32(3)])
    }

    @Test func aStoreWithWASIInstantiatesWithTheWASILinker() throws {
        let engine = try EngineFixture.engine()
        let store = try Store(engine: engine)
        try store.configureWASI(.init(arguments: ["guest", "ärg"], inheritsStandardStreams: false))
        let linker = try Linker(engine: engine)
        try linker.addWASIp2()
        let component = try Component(engine: engine, bytes: [UInt8](try Data(contentsOf: Self.limits)))
        #expect(try linker.instantiate(component, in: store).function("grow").call([.u32(0)], resultCount: 1) == [.s32(1)])
    }
}

/// Host resources: the guest makes one through the host's constructor, borrows it for a
/// method, drops it, and the host's destructor runs once with its representation.
@Suite(.enabled(if: EngineFixture.isAvailable, "needs Wasmtime 50's C library (pip install wasmtime==50.0.1; .ci/install-tools)"))
struct EngineResourceTests {
    static let counter = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Components/counter.wasm")

    /// The host's counters, by representation.
    final class Counters: @unchecked Sendable {
        // Sendable: a test touches it from the one thread that calls the guest.
        var values: [UInt32: UInt32] = [:]
        var next: UInt32 = 1
        var destroyed: [UInt32] = []
        var lastBorrow: HostResource?
    }

    @Test func aHostResourceIsMadeBorrowedAndDropped() throws {
        let engine = try EngineFixture.engine()
        let counters = Counters()
        let linker = try Linker(engine: engine)
        let type: UInt32 = 7
        try linker.defineResource("counter", in: "test:host/counters", type: type) { representation in
            counters.destroyed.append(representation)
            counters.values[representation] = nil
        }
        try linker.define("[constructor]counter", in: "test:host/counters") { arguments throws(HostFailure) in
            guard case .u32(let start)? = arguments.first else { throw HostFailure("expected a u32") }
            let representation = counters.next
            counters.next += 1
            counters.values[representation] = start
            return [.resource(HostResource(representation: representation, type: type, isOwned: true))]
        }
        try linker.define("[method]counter.next", in: "test:host/counters") { arguments throws(HostFailure) in
            guard case .resource(let handle)? = arguments.first, let value = counters.values[handle.representation] else {
                throw HostFailure("expected a live counter")
            }
            counters.lastBorrow = handle
            counters.values[handle.representation] = value + 1
            return [.u32(value + 1)]
        }
        let store = try Store(engine: engine)
        let component = try Component(engine: engine, bytes: [UInt8](try Data(contentsOf: Self.counter)))
        let count = try linker.instantiate(component, in: store).function("count")
        #expect(try count.call([.u32(5)], resultCount: 1) == [.u32(7)])
        #expect(try count.call([.u32(100)], resultCount: 1) == [.u32(102)])
        #expect(counters.destroyed == [1, 2])
        #expect(counters.values.isEmpty)
        #expect(counters.lastBorrow == HostResource(representation: 2, type: type, isOwned: false))
    }

    @Test func aResourceValueNeedsItsStore() throws {
        let functions = try EngineFixture.library.get().functions
        let raw = UnsafeMutableRawPointer.allocate(byteCount: RawLayout.valSize, alignment: RawLayout.valAlignment)
        defer { raw.deallocate() }
        #expect(throws: EngineError.self) {
            try functions.store(.resource(HostResource(representation: 1, type: 1, isOwned: true)), at: raw)
        }
    }
}
