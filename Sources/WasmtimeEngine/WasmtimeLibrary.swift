#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wasmtime 50's C library, loaded at run time: the package builds and links without it
/// (no dependency, no unsafe flags), and a program that needs it finds it here or says
/// how to get it.
///
/// Where it looks, in order: the file `WASMTIME_LIB` names; `_libwasmtime.so` of the
/// PyPI wheel `wasmtime==50.0.1` in the virtual environment `.ci/install-tools` makes
/// (`.build/tools-venv` of the working directory); `libwasmtime.so` on the usual library
/// paths (Wasmtime's C API release).
public final class WasmtimeLibrary: @unchecked Sendable {
    // Sendable: the handle and the function pointers are written once, in `init`, and only read.

    /// The file that was loaded.
    public let path: String
    let functions: WasmtimeFunctions

    private init(path: String, handle: UnsafeMutableRawPointer) throws(EngineError) {
        self.path = path
        functions = try WasmtimeFunctions(handle: handle, path: path)
    }

    /// The library, loaded once per process (later calls return the first one).
    public static func shared(environment: [String: String] = currentEnvironment()) throws(EngineError) -> WasmtimeLibrary {
        try loaded.withLock { (state: inout Result<WasmtimeLibrary, EngineError>?) throws(EngineError) -> WasmtimeLibrary in
            if let state { return try state.get() }
            let result = Result { () throws(EngineError) in try load(environment: environment) }
            state = result
            return try result.get()
        }
    }

    private static let loaded = LoadOnce()

    /// The places to try, in order (see the type's description).
    static func candidates(environment: [String: String], workingDirectory: String) -> [String] {
        var paths: [String] = []
        if let path = environment["WASMTIME_LIB"], !path.isEmpty { paths.append(path) }
        let lib = workingDirectory + "/.build/tools-venv/lib"
        for python in (directoryEntries(lib).filter { $0.hasPrefix("python3") }.sorted()) {
            paths.append("\(lib)/\(python)/site-packages/wasmtime/linux-x86_64/_libwasmtime.so")
        }
        paths.append("libwasmtime.so")
        return paths
    }

    private static func load(environment: [String: String]) throws(EngineError) -> WasmtimeLibrary {
        let tried = candidates(environment: environment, workingDirectory: currentDirectory())
        var reasons: [String] = []
        for path in tried {
            // A path with a `/` must exist; a bare name goes to the dynamic loader's search.
            if path.contains("/"), access(path, R_OK) != 0 { continue }
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append("\(path): \(dlerror().map { String(cString: $0) } ?? "cannot be loaded")")
                continue
            }
            return try WasmtimeLibrary(path: path, handle: handle)
        }
        throw .libraryNotFound(tried: tried, reasons: reasons)
    }

    /// The variables of the process's environment the search reads (`WASMTIME_LIB`).
    public static func currentEnvironment() -> [String: String] {
        guard let value = getenv("WASMTIME_LIB") else { return [:] }
        return ["WASMTIME_LIB": String(decoding: UnsafeRawBufferPointer(start: value, count: strlen(value)), as: UTF8.self)]
    }

    private static func currentDirectory() -> String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let found = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { getcwd($0.baseAddress, $0.count) != nil }
        }
        guard found else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func directoryEntries(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}

/// A value made once per process, under a lock.
final class LoadOnce: @unchecked Sendable {
    // Sendable: `state` is only touched with `lock` held.
    private var lock = pthread_mutex_t()
    private var state: Result<WasmtimeLibrary, EngineError>?

    init() { pthread_mutex_init(&lock, nil) }

    func withLock<T>(_ body: (inout Result<WasmtimeLibrary, EngineError>?) throws(EngineError) -> T) throws(EngineError) -> T {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return try body(&state)
    }
}
