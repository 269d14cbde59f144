/// Orders named nodes so that every node comes after its dependencies, keeping
/// declaration order where the dependencies allow (Kahn's algorithm with a
/// first-in first-out queue, as the reference does).
enum Toposort {
    /// One dependency edge: the name depended on, and where.
    struct Edge {
        var name: String
        var span: Span
    }

    /// `kind` names the nodes in messages ("type", "interface or world").
    static func sort(kind: String, nodes: OrderedDictionary<String, [Edge]>) throws(Diagnostic) -> [String] {
        let names = nodes.keys
        var indexOf: [String: Int] = [:]
        for (index, name) in names.enumerated() { indexOf[name] = index }
        var remaining = [Int](repeating: 0, count: names.count)
        var dependents = [[Int]](repeating: [], count: names.count)
        var edgesOf = [[Edge]](repeating: [], count: names.count)
        for (index, name) in names.enumerated() {
            let edges = nodes[name] ?? []
            edgesOf[index] = edges
            for edge in edges {
                guard let target = indexOf[edge.name] else {
                    throw Diagnostic("\(kind) `\(edge.name)` does not exist", at: edge.span)
                }
                remaining[index] += 1
                dependents[target].append(index)
            }
        }
        var order: [Int] = []
        order.reserveCapacity(names.count)
        var queue = (0..<names.count).filter { remaining[$0] == 0 }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            order.append(node)
            for dependent in dependents[node] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { queue.append(dependent) }
            }
        }
        if order.count == names.count { return order.map { names[$0] } }
        // A cycle: name the first dependency of the first node left over that is itself left over.
        for index in 0..<names.count where remaining[index] > 0 {
            for edge in edgesOf[index] where remaining[indexOf[edge.name]!] > 0 {
                throw Diagnostic("\(kind) `\(edge.name)` depends on itself", at: edge.span)
            }
        }
        throw Diagnostic("\(kind) dependency cycle", at: nil)
    }
}
