/// "Did you mean …?" for a name that is not there: the closest name in scope, when it is
/// close enough to be a slip (a typo, a swapped pair of letters, a different case).
enum NameSuggestion {
    /// The candidate closest to `name`, if one is at most a third of `name`'s length away
    /// (at most 2 edits, so a name of one or two letters gets none) by edit distance with
    /// transpositions, or differs from it only in case; ties go to the first candidate in
    /// `candidates`' order.
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.utf8)
        let limit = min(2, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let bytes = Array(candidate.utf8)
            var distance: Int
            if bytes.count == target.count, lowercased(target) == lowercased(bytes) {
                distance = 0
            } else {
                guard limit > 0, abs(bytes.count - target.count) <= limit else { continue }
                distance = editDistance(target, bytes, limit: limit)
                guard distance <= limit else { continue }
            }
            guard distance < (best?.distance ?? .max) else { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// The help line of a diagnostic about `name`, or `nil` when nothing is close.
    static func help(for name: String, among candidates: some Sequence<String>) -> String? {
        closest(to: name, among: candidates).map { "did you mean `\($0)`?" }
    }

    private static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    }

    /// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`; any answer
    /// above `limit` is `limit + 1`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), limit + 1) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return min(previous[b.count], limit + 1)
    }
}
