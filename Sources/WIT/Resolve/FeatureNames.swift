import WITModel

/// The feature names of the `@unstable(feature = …)` gates on items: what `FrontEnd` reports
/// in ``FrontEnd/Output/featureNames``, taken before gated-off items are dropped.
enum FeatureNames {
    /// Adds the feature of every gate on a type, an interface or its functions, a world or
    /// its items, among the given ones.
    static func collect(types: [TypeDef], interfaces: [Interface], worlds: [World], into names: inout Set<String>) {
        func add(_ stability: Stability) {
            if case .unstable(let feature, _) = stability { names.insert(feature) }
        }
        for type in types { add(type.stability) }
        for interface in interfaces {
            add(interface.stability)
            for function in interface.functions.values { add(function.stability) }
        }
        for world in worlds {
            add(world.stability)
            for item in world.imports.values + world.exports.values {
                switch item {
                case .interface(_, let stability, _): add(stability)
                case .function(let function): add(function.stability)
                case .type: break // A world's type is in `types`.
                }
            }
        }
    }

    /// Adds the features of an unresolved package's gates, `include` statements too.
    static func collect(_ package: UnresolvedPackage, into names: inout Set<String>) {
        collect(types: package.types, interfaces: package.interfaces, worlds: package.worlds, into: &names)
        for include in package.worldIncludes.joined() {
            if case .unstable(let feature, _) = include.stability { names.insert(feature) }
        }
    }
}
