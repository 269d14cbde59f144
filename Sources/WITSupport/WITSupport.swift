/// The types generated Swift bindings share: what WIT has and Swift's standard library
/// does not say the same way. Generated files `import WITSupport`; the module has no
/// dependencies, and its API changes only in ways that keep generated code compiling.

/// The absence of a value, where WIT leaves a payload out (`result<_, E>`, `future`).
public struct WITNone: Sendable, Hashable {
    /// Creates the empty value.
    public init() {}
}

/// A WIT `result` used as a value (function results that are `result` become `throws` instead).
public enum WITResult<Ok, Err> {
    /// Success, with its payload.
    case ok(Ok)
    /// Failure, with its payload.
    case err(Err)
}

extension WITResult: Sendable where Ok: Sendable, Err: Sendable {}
extension WITResult: Equatable where Ok: Equatable, Err: Equatable {}
extension WITResult: Hashable where Ok: Hashable, Err: Hashable {}

/// The error thrown by a function whose WIT result has no error payload (`result<T>`).
public struct WITUnitError: Error, Hashable, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    /// A fixed text: the error carries nothing else.
    public var description: String { "WIT error (no payload)" }
}

/// A WIT `future<T>`: a handle to a value that will arrive later, owned by the runtime.
public struct WITFuture<Value>: Sendable, Hashable {
    /// The runtime's handle for the future.
    public let handle: UInt32
    /// Wraps a runtime handle.
    public init(handle: UInt32) { self.handle = handle }
}

/// A WIT `stream<T>`: a handle to a sequence of values, owned by the runtime.
public struct WITStream<Element>: Sendable, Hashable {
    /// The runtime's handle for the stream.
    public let handle: UInt32
    /// Wraps a runtime handle.
    public init(handle: UInt32) { self.handle = handle }
}

/// A WIT `error-context`: a handle to diagnostic information, owned by the runtime.
public struct WITErrorContext: Sendable, Hashable {
    /// The runtime's handle for the error context.
    public let handle: UInt32
    /// Wraps a runtime handle.
    public init(handle: UInt32) { self.handle = handle }
}
