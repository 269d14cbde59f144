import WITModel

/// The types an interface or function uses, each after the types it uses
/// (wit-parser's `LiveTypes` order), each once.
struct LiveTypes {
    let resolve: Resolve
    private(set) var order: [TypeID] = []
    /// The pass in which each type (by index) was added; a type is seen when it is the current pass.
    private var passAdded: [UInt32]
    private var pass: UInt32 = 1

    init(resolve: Resolve) {
        self.resolve = resolve
        passAdded = Array(repeating: 0, count: resolve.types.count)
    }

    /// Forgets the types added so far, to collect another set with the same storage.
    mutating func startOver() {
        order.removeAll(keepingCapacity: true)
        pass += 1
    }

    mutating func add(interface id: InterfaceID) {
        for type in resolve.interfaces[id.index].types.values { add(type) }
        for function in resolve.interfaces[id.index].functions.values { add(function) }
    }

    mutating func add(_ function: Function) {
        for parameter in function.params { add(parameter.type) }
        if let result = function.result { add(result) }
    }

    mutating func add(_ type: TypeReference) {
        if case .id(let id) = type { add(id) }
    }

    mutating func add(_ id: TypeID) {
        guard passAdded[id.index] != pass else { return }
        passAdded[id.index] = pass
        resolve.types[id.index].kind.forEachReference { add($0) }
        order.append(id)
    }
}
