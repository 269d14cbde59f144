import WITModel

/// `--swift-map WIT=MODULE`: WIT packages and interfaces whose Swift bindings another
/// module already holds. Mapped items are not generated; generated files import the
/// module and refer to its types by the names its own generated code gives them (the same
/// qualified names, `WASIIO.Streams.InputStream`, since generated code never names its module).
public struct SwiftModuleMap: Sendable {
    /// The module of each mapped interface.
    let interfaceModules: [InterfaceID: String]
    /// The module of each world of a mapped package.
    let worldModules: [WorldID: String]
    /// The WIT names given that name nothing in the model, in the order given.
    public let unmatched: [String]

    /// No mappings.
    public static let empty = SwiftModuleMap(mappings: [], in: Resolve())

    /// Matches each `(wit, module)` against the model. `wit` is a package (`wasi:io`, which
    /// takes every version, or `wasi:io@0.2.12`) or an interface (`wasi:io/streams@0.2.12`,
    /// or without the version when its package has none). An interface mapped by name wins
    /// over a mapping of its package.
    public init(mappings: [(wit: String, module: String)], in resolve: Resolve) {
        var interfaceModules: [InterfaceID: String] = [:]
        var worldModules: [WorldID: String] = [:]
        var unmatched: [String] = []
        let packageMappings = mappings.filter { !$0.wit.contains("/") }
        let interfaceMappings = mappings.filter { $0.wit.contains("/") }
        for (wit, module) in packageMappings {
            var matched = false
            for (index, package) in resolve.packages.enumerated()
            where package.name.description == wit || package.name.unversioned == wit {
                matched = true
                // Every interface of the package, its worlds' inline interfaces included.
                for (interface, item) in resolve.interfaces.enumerated() where item.package == PackageID(index) {
                    interfaceModules[InterfaceID(interface)] = module
                }
                for world in package.worlds.values { worldModules[world] = module }
            }
            if !matched { unmatched.append(wit) }
        }
        for (wit, module) in interfaceMappings {
            let found = resolve.interfaces.indices.map(InterfaceID.init).filter { resolve.id(of: $0) == wit }
            if found.isEmpty { unmatched.append(wit) }
            for interface in found { interfaceModules[interface] = module }
        }
        self.interfaceModules = interfaceModules
        self.worldModules = worldModules
        self.unmatched = unmatched
    }

    /// The module holding an interface's bindings, when it is mapped.
    func module(of interface: InterfaceID) -> String? { interfaceModules[interface] }

    /// The module holding a world's bindings, when its package is mapped.
    func module(of world: WorldID) -> String? { worldModules[world] }

    /// Every module mapped to, sorted: what generated files import.
    var modules: [String] {
        Set(interfaceModules.values).union(worldModules.values).sorted()
    }

    /// Whether another module declares a package's enum: when any of its items is mapped.
    func declaresElsewhere(_ package: PackageID, in resolve: Resolve) -> Bool {
        interfaceModules.keys.contains { resolve[$0].package == package } || worldModules.keys.contains { resolve[$0].package == package }
    }
}
