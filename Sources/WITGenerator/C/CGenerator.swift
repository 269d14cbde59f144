import WITModel

/// The C back end: one guest-side header per world, compatible with the names
/// and the canonical ABI of wit-bindgen's C generator (see `docs/c-mapping.md`).
///
/// The header is stb-style: it always declares the types and functions; the
/// including file that defines `<WORLD>_IMPLEMENTATION` (one file per program)
/// also gets the definitions: the adapters that lower arguments to the core
/// WebAssembly imports and lift their results, the exports' adapters,
/// `cabi_realloc`, and the `_free` helpers.
public struct CGenerator {
    /// Options of the C back end.
    public struct Options: Sendable {
        /// What the do-not-edit header names as the source (`Interfaces/`).
        public var sourceDescription: String
        /// Interface prefixes replaced: `wasi:sockets/tcp@0.2.12` → `tcp`.
        public var renames: [String: String]
        /// The world's name in the output (prefix of world-level names and file name).
        public var worldName: String?

        /// Creates options.
        public init(sourceDescription: String, renames: [String: String] = [:], worldName: String? = nil) {
            self.sourceDescription = sourceDescription
            self.renames = renames
            self.worldName = worldName
        }
    }

    let resolve: Resolve
    let options: Options
    let abi: CanonicalABI
    /// Each interface's default C prefix, by interface index (the same in every world).
    let defaultPrefixes: [String]

    /// Prepares a generator for a model.
    public init(resolve: Resolve, options: Options) {
        self.resolve = resolve
        self.options = options
        abi = CanonicalABI(resolve: resolve)
        defaultPrefixes = CNaming.defaultPrefixes(in: resolve)
    }

    /// The header of one world, named after the world (`networking.h`).
    public func generate(world: WorldID) -> GeneratedFile {
        var generator = CWorldGenerator(resolve: resolve, abi: abi, names: namePlan(worlds: [world]), world: world)
        return generator.generate()
    }

    /// The C names of the headers of `worlds` (empty: the header of a package without worlds).
    public func namePlan(worlds: [WorldID]) -> CNamePlan {
        CNamePlan(resolve: resolve, options: options, worlds: worlds, defaultPrefixes: defaultPrefixes)
    }

    /// The headers of `worlds` of `package`, sorted by path; for no worlds (a package of
    /// interfaces only), the one header importing all of them (`interfacesHeader`).
    public func headers(of package: PackageID, worlds: [WorldID]) -> [GeneratedFile] {
        if worlds.isEmpty { return [Self.interfacesHeader(of: package, in: resolve, options: options)] }
        return worlds.map { generate(world: $0) }.sorted { $0.path < $1.path }
    }

    /// The worlds a package gets headers for: each of its worlds.
    public static func worlds(of package: PackageID, in resolve: Resolve) -> [WorldID] {
        Array(resolve[package].worlds.values)
    }

    /// For a package without worlds: one header for a world named after the package
    /// (`ns-name`) that imports every named interface of the model, dependencies first.
    public static func interfacesHeader(of package: PackageID, in resolve: Resolve, options: Options) -> GeneratedFile {
        var resolve = resolve
        let name = resolve[package].name
        var imports = OrderedDictionary<WorldKey, WorldItem>()
        for index in resolve.interfaces.indices where resolve.interfaces[index].name != nil {
            let id = InterfaceID(index)
            imports[.interface(id)] = .interface(id, stability: .unknown, docs: Docs())
        }
        resolve.worlds.append(World(name: "\(name.namespace)-\(name.name)", imports: imports, exports: .init(),
                                    package: package, docs: Docs(), stability: .unknown))
        return CGenerator(resolve: resolve, options: options).generate(world: WorldID(resolve.worlds.count - 1))
    }
}
