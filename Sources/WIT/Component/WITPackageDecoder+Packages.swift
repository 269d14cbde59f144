/// Placing the decoded packages in the model: foreign packages first, in
/// dependency order, then the decoded package.
extension WITPackageDecoder {
    mutating func finish(_ package: PendingPackage) throws(Diagnostic) -> PackageID {
        var order: [Int] = []
        var visiting = Set<Int>()
        for index in foreignPackages.values.indices { try visit(index, &order, &visiting) }
        for index in order { _ = try insert(foreignPackages.values[index]) }
        return try insert(package)
    }

    private func visit(_ index: Int, _ order: inout [Int], _ visiting: inout Set<Int>) throws(Diagnostic) {
        if order.contains(index) { return }
        guard visiting.insert(index).inserted else {
            throw error("the foreign package `\(foreignPackages.keys[index])` depends on itself")
        }
        for interface in foreignPackages.values[index].interfaces.values {
            for dependency in directDependencies(of: interface) {
                guard let dependencyIndex = foreignInterfacePackage[dependency] else {
                    throw error("an interface of the foreign package `\(foreignPackages.keys[index])` uses the decoded package")
                }
                if dependencyIndex != index { try visit(dependencyIndex, &order, &visiting) }
            }
        }
        visiting.remove(index)
        order.append(index)
    }

    /// The interfaces whose types the types of `interface` are aliases of.
    private func directDependencies(of interface: InterfaceID) -> [InterfaceID] {
        var dependencies: [InterfaceID] = []
        for type in resolve[interface].types.values {
            guard case .alias(.id(let target)) = resolve[type].kind, resolve[target].owner != resolve[type].owner,
                  case .interface(let owner) = resolve[target].owner else { continue }
            dependencies.append(owner)
        }
        return dependencies
    }

    /// Adds a package to the model, or unions it with the package of the same
    /// name already there (the decoded package may share its name with the
    /// package of an interface it imports before defining it).
    private mutating func insert(_ package: PendingPackage) throws(Diagnostic) -> PackageID {
        let id: PackageID
        if let existing = resolve.packages.firstIndex(where: { $0.name == package.name }) {
            id = PackageID(existing)
        } else {
            id = PackageID(resolve.packages.count)
            resolve.packages.append(Package(name: package.name, docs: Docs(), interfaces: .init(), worlds: .init()))
        }
        for (name, interface) in package.interfaces {
            if resolve[id].interfaces.updateValue(interface, forKey: name) != nil {
                throw error("the interface `\(name)` of package `\(package.name)` is defined twice")
            }
            resolve[interface].package = id
        }
        for (name, world) in package.worlds {
            if resolve[id].worlds.updateValue(world, forKey: name) != nil {
                throw error("the world `\(name)` of package `\(package.name)` is defined twice")
            }
            resolve[world].package = id
            for (key, item) in Array(resolve[world].imports) + Array(resolve[world].exports) {
                if case .name = key, case .interface(let interface, _, _) = item { resolve[interface].package = id }
            }
        }
        return id
    }
}
