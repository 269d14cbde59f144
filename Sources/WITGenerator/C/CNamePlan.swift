import WITModel

/// The C names of one set of headers, decided once under the C back end's options:
/// each world's prefix, each interface's prefix as imported and as exported (after
/// `renames`), and the names of its types, handles and functions. The C back end
/// prints these names and the Markdown docs quote them, so the two always agree.
public struct CNamePlan: Sendable {
    let resolve: Resolve
    /// The options the names follow (renames and the world's name).
    public let options: CGenerator.Options
    /// The worlds that get a header; empty for a package without worlds, whose one
    /// header imports every named interface of the model.
    public let worlds: [WorldID]
    /// Each interface's prefix when imported by path and not renamed, by interface index.
    let defaultPrefixes: [String]
    /// Whether some header imports, or exports, each interface, by interface index.
    private let imported: [Bool]
    private let exported: [Bool]

    /// The plan of the headers of `worlds` (empty: the interfaces header of a package without worlds).
    public init(resolve: Resolve, options: CGenerator.Options, worlds: [WorldID]) {
        self.init(resolve: resolve, options: options, worlds: worlds,
                  defaultPrefixes: CNaming.defaultPrefixes(in: resolve))
    }

    /// The same, with the default prefixes already worked out (they depend on the model only).
    init(resolve: Resolve, options: CGenerator.Options, worlds: [WorldID], defaultPrefixes: [String]) {
        self.resolve = resolve
        self.options = options
        self.worlds = worlds
        self.defaultPrefixes = defaultPrefixes
        var imported = Array(repeating: false, count: resolve.interfaces.count)
        var exported = imported
        if worlds.isEmpty {
            for index in resolve.interfaces.indices where resolve.interfaces[index].name != nil { imported[index] = true }
        }
        for world in worlds {
            for item in resolve[world].imports.values { if case .interface(let id, _, _) = item { imported[id.index] = true } }
            for item in resolve[world].exports.values { if case .interface(let id, _, _) = item { exported[id.index] = true } }
        }
        self.imported = imported
        self.exported = exported
    }

    /// The prefix of a world's own names and of its header's name (`wasip2`): the world's
    /// name, or `options.worldName` for a world that gets a header, in snake case.
    public func worldPrefix(_ world: WorldID) -> String {
        if let name = options.worldName, worlds.isEmpty || worlds.contains(world) { return Naming.snake(name) }
        return Naming.snake(resolve[world].name)
    }

    /// The prefix of the names of a world's import or export: its rename (after `exports_`
    /// for an interface exported by path), or namespace, package and interface in snake
    /// case (`wasi_sockets_tcp`, `exports_wasi_sockets_tcp`), or a plain key in snake case.
    public func prefix(of key: WorldKey, isExport: Bool) -> String {
        let exportPrefix = isExport ? "exports_" : ""
        if !options.renames.isEmpty, let rename = options.renames[resolve.name(of: key)] {
            if case .interface = key { return exportPrefix + rename }
            return rename
        }
        switch key {
        case .name(let name): return Naming.snake(name)
        case .interface(let id): return exportPrefix + defaultPrefixes[id.index]
        }
    }

    /// The prefix of an interface imported or exported by path.
    public func prefix(of interface: InterfaceID, isExport: Bool) -> String {
        prefix(of: .interface(interface), isExport: isExport)
    }

    /// Whether some header imports the interface (every named one, in the header of a
    /// package without worlds).
    public func isImported(_ interface: InterfaceID) -> Bool { imported[interface.index] }

    /// Whether some header exports the interface.
    public func isExported(_ interface: InterfaceID) -> Bool { exported[interface.index] }

    /// A named type's C type under `prefix` (`wasi_sockets_tcp_error_code_t`).
    public func typeName(_ name: String, prefix: String) -> String {
        prefix + "_" + Naming.snake(name) + "_t"
    }

    /// The handle types of a resource under `prefix` (`tcp_own_socket_t`, `tcp_borrow_socket_t`).
    public func handleTypeNames(resource name: String, prefix: String) -> (own: String, borrow: String) {
        let snake = Naming.snake(name)
        return (prefix + "_own_" + snake + "_t", prefix + "_borrow_" + snake + "_t")
    }

    /// A function's C name under `prefix` (`tcp_method_tcp_socket_start_bind`).
    public func functionName(_ function: Function, prefix: String) -> String {
        prefix + "_" + CNaming.functionSuffix(function.name)
    }
}
