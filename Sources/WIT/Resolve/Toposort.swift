/// Orders named nodes so that every node comes after its dependencies: of the
/// nodes whose dependencies are all placed, the earliest declared goes next
/// (Kahn's algorithm with a min-heap on declaration order, as the reference does).
enum Toposort {
    /// One dependency edge: the name depended on, and where.
    struct Edge {
        var name: String
        var span: Span
    }

    /// The positions of `nodes` in dependency order. `kind` names the nodes in
    /// messages ("type", "interface or world").
    static func sort(kind: String, nodes: OrderedDictionary<String, [Edge]>) throws(Diagnostic) -> [Int] {
        let count = nodes.count
        var remaining = [Int](repeating: 0, count: count)
        var dependents = [[Int]](repeating: [], count: count)
        var hasEdges = false
        for (index, edges) in nodes.values.enumerated() {
            for edge in edges {
                guard let target = nodes.index(forKey: edge.name) else {
                    throw Diagnostic("\(kind) `\(edge.name)` does not exist", at: edge.span,
                                     help: NameSuggestion.help(for: edge.name, among: nodes.keys))
                }
                remaining[index] += 1
                dependents[target].append(index)
                hasEdges = true
            }
        }
        // Without edges the declaration order is the answer.
        guard hasEdges else { return Array(0..<count) }
        var order: [Int] = []
        order.reserveCapacity(count)
        var ready = MinHeap()
        for index in 0..<count where remaining[index] == 0 { ready.push(index) }
        while let node = ready.pop() {
            order.append(node)
            for dependent in dependents[node] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.push(dependent) }
            }
        }
        if order.count == count { return order }
        // A cycle: name the first dependency of the first node left over that is itself left over.
        // One always exists: a node is left over only while some dependency of it is unplaced
        // (its count drops exactly when a dependency is placed), and an unplaced node is left over.
        for (index, edges) in nodes.values.enumerated() where remaining[index] > 0 {
            for edge in edges where remaining[nodes.index(forKey: edge.name)!] > 0 {
                throw Diagnostic("\(kind) `\(edge.name)` depends on itself", at: edge.span)
            }
        }
        preconditionFailure("Toposort: nodes left over without a left-over dependency")
    }
}
