/// Orders named nodes so that every node comes after its dependencies: of the
/// nodes whose dependencies are all placed, the earliest declared goes next
/// (Kahn's algorithm with a min-heap on declaration order, as the reference does).
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
        var ready = MinHeap()
        for index in 0..<names.count where remaining[index] == 0 { ready.push(index) }
        while let node = ready.pop() {
            order.append(node)
            for dependent in dependents[node] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.push(dependent) }
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

/// A binary min-heap of integers.
struct MinHeap {
    private var storage: [Int] = []

    mutating func push(_ value: Int) {
        storage.append(value)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[child] < storage[parent] else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard let first = storage.first else { return nil }
        let last = storage.removeLast()
        if !storage.isEmpty {
            storage[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < storage.count, storage[left] < storage[smallest] { smallest = left }
                if right < storage.count, storage[right] < storage[smallest] { smallest = right }
                if smallest == parent { break }
                storage.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
