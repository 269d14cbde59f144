/// Why the engine could not do what was asked: a message for a person, never a crash.
public enum EngineError: Error, CustomStringConvertible, Sendable {
    /// The library is nowhere it was looked for.
    case libraryNotFound(tried: [String], reasons: [String])
    /// The library was loaded but lacks a function this adapter needs (not Wasmtime 50?).
    case missingFunction(String, library: String)
    /// Wasmtime refused the call (a component that does not compile, a failed
    /// instantiation, a link error), with its message.
    case wasmtime(String)
    /// The guest trapped, or a host function made it trap; the instance cannot be entered again.
    case trap(String)
    /// A value or a call that does not fit the function's type.
    case invalidCall(String)

    public var description: String {
        switch self {
        case let .libraryNotFound(tried, reasons):
            var text = "Wasmtime's C library (version 50) was not found; looked for: \(tried.joined(separator: ", "))."
            if !reasons.isEmpty { text += " (\(reasons.joined(separator: "; ")))" }
            text += " Install it with `pip install wasmtime==50.0.1` (or run .ci/install-tools, which puts it in"
                + " .build/tools-venv) and point WASMTIME_LIB at its _libwasmtime.so, or install"
                + " libwasmtime.so from Wasmtime's C API release where the dynamic loader finds it."
            return text
        case let .missingFunction(name, library):
            return "\(library) has no function \(name): it is not Wasmtime 50's C library"
        case .wasmtime(let message): return message
        case .trap(let message): return "the guest trapped: \(message)"
        case .invalidCall(let message): return message
        }
    }
}
