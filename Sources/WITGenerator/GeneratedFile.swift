/// One file a back end produces: a path relative to its output folder, and its text.
public struct GeneratedFile: Sendable, Hashable {
    /// The path below the back end's output folder (`WASINetworking.SocketTCP.swift`).
    public var path: String
    /// The complete file contents.
    public var contents: String

    /// Creates a generated file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
