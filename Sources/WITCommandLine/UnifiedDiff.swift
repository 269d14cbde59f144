import WIT

/// A unified diff between two texts, as `diff -u` prints it (hunks with 3 lines of
/// context), for `generate --check`.
///
/// The edit script comes from Myers' O(ND) algorithm in its linear-space form (the middle
/// snake, divide and conquer), after trimming the common prefix and suffix: time grows with
/// the lines times the differences, memory with the lines only. Past a budget of work
/// (`maximumWork` steps), the stretches still to compare are shown as replaced whole: the
/// diff is still right, only longer than the shortest one.
public struct UnifiedDiff {
    /// Unchanged lines shown before and after each change.
    static let context = 3
    /// The most lines `generate --check` prints, over all files (`StaleReport`).
    public static let maximumPrintedLines = 1000
    /// The steps of the search before the rest is shown as replaced (a tenth of a second or
    /// so), over all files of one `generate --check` (`StaleReport`).
    public static let maximumWork = 20_000_000

    /// One kind of line in the edit script.
    enum Edit: UInt8 {
        case keep, delete, insert
    }

    /// A group of changes with its context: lines `oldStart..<oldStart+oldCount` of the old
    /// text become `newStart..<newStart+newCount` of the new (0-based), through `edits`.
    struct Hunk {
        var oldStart: Int
        var oldCount = 0
        var newStart: Int
        var newCount = 0
        var edits: [Edit] = []
    }

    let oldLines: [Substring]
    let newLines: [Substring]
    /// Whether each text's last line ends without a newline.
    let oldLacksFinalNewline: Bool
    let newLacksFinalNewline: Bool
    private(set) var hunks: [Hunk] = []
    /// The steps the search took (compared lines and diagonals tried).
    private(set) var work = 0

    /// The diff from `old` to `new`, searched for at most `maximumWork` steps (then a bit
    /// more: the step that crosses it is finished).
    public init(old: String, new: String, maximumWork: Int = UnifiedDiff.maximumWork) {
        (oldLines, oldLacksFinalNewline) = Self.lines(of: old)
        (newLines, newLacksFinalNewline) = Self.lines(of: new)
        // Each line becomes a number (equal lines, equal numbers), so comparing is cheap.
        // The last line without a newline differs from the same text with one, as in `diff`.
        var numbers: [LineKey: Int] = [:]
        func number(_ lines: [Substring], lacksFinalNewline: Bool) -> [Int] {
            lines.indices.map { index in
                let key = LineKey(text: lines[index], isUnterminated: lacksFinalNewline && index == lines.count - 1)
                if let known = numbers[key] { return known }
                numbers[key] = numbers.count
                return numbers.count - 1
            }
        }
        var search = EditSearch(old: number(oldLines, lacksFinalNewline: oldLacksFinalNewline),
                                new: number(newLines, lacksFinalNewline: newLacksFinalNewline),
                                budget: maximumWork)
        search.compare(0, search.old.count, 0, search.new.count)
        work = search.work
        hunks = Self.hunks(oldChanged: search.oldChanged, newChanged: search.newChanged)
    }

    /// The lines of the diff below its two header lines (hunk headers included).
    var printedLineCount: Int {
        var count = 0
        forEachLine { _, _, _ in count += 1 }
        return count
    }

    /// The diff as text: `--- path`, `+++ path (generated)`, then the hunks, of which at
    /// most `maximumLines` lines are shown, and then a line saying how many more there are.
    /// The path and the lines are shown inert (`TerminalText`): the old text is whatever is on disk.
    public func render(path: String, maximumLines: Int = UnifiedDiff.maximumPrintedLines) -> String {
        let path = TerminalText.inert(path)
        var output = ["--- \(path)", "+++ \(path) (generated)"]
        var count = 0
        forEachLine { hunk, edit, line in
            count += 1
            guard count <= maximumLines else { return }
            if let hunk {
                output.append("@@ -\(Self.range(hunk.oldStart, hunk.oldCount)) +\(Self.range(hunk.newStart, hunk.newCount)) @@")
            } else if let edit {
                output.append((edit == .keep ? " " : edit == .delete ? "-" : "+") + TerminalText.inert(line))
            } else {
                output.append("\\ No newline at end of file")
            }
        }
        if count > maximumLines { output.append("… \(count - maximumLines) more lines of this diff not shown") }
        return output.joined(separator: "\n")
    }

    /// Calls `body` for each line of the diff below its header, in order: a hunk header
    /// (`hunk`), a line of text (`edit` and `line`), or a no-newline note (neither).
    private func forEachLine(_ body: (_ hunk: Hunk?, _ edit: Edit?, _ line: Substring) -> Void) {
        for hunk in hunks {
            body(hunk, nil, "")
            var old = hunk.oldStart, new = hunk.newStart
            for edit in hunk.edits {
                // A kept line is the old text's last only when it is the new text's last too.
                let isUnterminated = edit == .insert ? new == newLines.count - 1 && newLacksFinalNewline
                                                     : old == oldLines.count - 1 && oldLacksFinalNewline
                body(nil, edit, edit == .insert ? newLines[new] : oldLines[old])
                if isUnterminated { body(nil, nil, "") }
                if edit != .insert { old += 1 }
                if edit != .delete { new += 1 }
            }
        }
    }

    /// `start,count` as a hunk header gives it: 1-based, the count left out when it is 1, and
    /// for an empty range the line before it.
    private static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    /// The lines of `text` without their newlines, and whether the last one lacks one.
    private static func lines(of text: String) -> ([Substring], Bool) {
        if text.isEmpty { return ([], false) }
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        let lacksFinalNewline = text.utf8.last != UInt8(ascii: "\n")
        if !lacksFinalNewline { lines.removeLast() }
        return (lines, lacksFinalNewline)
    }

    /// The hunks of an edit script given as changed lines on each side.
    private static func hunks(oldChanged: [Bool], newChanged: [Bool]) -> [Hunk] {
        var hunks: [Hunk] = []
        var old = 0, new = 0
        var current: Hunk?
        /// Unchanged lines since the last change of `current`.
        var keptSinceChange = 0
        func finish() {
            guard var hunk = current else { return }
            // Trailing context: at most `context` of the kept lines after the last change.
            let surplus = max(0, keptSinceChange - context)
            hunk.edits.removeLast(surplus)
            hunk.oldCount -= surplus
            hunk.newCount -= surplus
            hunks.append(hunk)
            current = nil
        }
        while old < oldChanged.count || new < newChanged.count {
            let edit: Edit = old < oldChanged.count && oldChanged[old] ? .delete
                : new < newChanged.count && newChanged[new] ? .insert : .keep
            if edit == .keep {
                if current != nil {
                    if keptSinceChange == 2 * context {
                        // Far enough from the next change (if any) to end the hunk.
                        var hunk = current!
                        hunk.edits.append(.keep); hunk.oldCount += 1; hunk.newCount += 1
                        current = hunk
                        keptSinceChange += 1
                        finish()
                    } else {
                        current!.edits.append(.keep); current!.oldCount += 1; current!.newCount += 1
                        keptSinceChange += 1
                    }
                }
                old += 1; new += 1
                continue
            }
            if current == nil {
                let lead = min(context, old, new)
                current = Hunk(oldStart: old - lead, oldCount: lead, newStart: new - lead, newCount: lead,
                               edits: Array(repeating: .keep, count: lead))
            }
            keptSinceChange = 0
            current!.edits.append(edit)
            if edit == .delete { current!.oldCount += 1; old += 1 } else { current!.newCount += 1; new += 1 }
        }
        finish()
        return hunks
    }
}

/// A line as the diff compares it.
private struct LineKey: Hashable {
    var text: Substring
    var isUnterminated: Bool
}

/// Myers' search for a shortest edit script, in linear space: marks the old lines deleted
/// and the new lines inserted.
private struct EditSearch {
    let old: [Int]
    let new: [Int]
    var oldChanged: [Bool]
    var newChanged: [Bool]
    /// Steps left before stretches are marked replaced without searching.
    var budget: Int
    var work = 0
    /// The furthest-reaching x on each diagonal, forward and backward (reused between calls).
    private var forward: [Int] = []
    private var backward: [Int] = []

    init(old: [Int], new: [Int], budget: Int) {
        self.old = old
        self.new = new
        oldChanged = Array(repeating: false, count: old.count)
        newChanged = Array(repeating: false, count: new.count)
        self.budget = budget
    }

    /// Compares `old[oldStart..<oldEnd]` with `new[newStart..<newEnd]`.
    mutating func compare(_ oldStart: Int, _ oldEnd: Int, _ newStart: Int, _ newEnd: Int) {
        var oldStart = oldStart, oldEnd = oldEnd, newStart = newStart, newEnd = newEnd
        while oldStart < oldEnd, newStart < newEnd, old[oldStart] == new[newStart] { oldStart += 1; newStart += 1 }
        while oldStart < oldEnd, newStart < newEnd, old[oldEnd - 1] == new[newEnd - 1] { oldEnd -= 1; newEnd -= 1 }
        if oldStart == oldEnd || newStart == newEnd {
            markReplaced(oldStart, oldEnd, newStart, newEnd)
            return
        }
        // Both stretches differ at both ends, so a shortest script has at least two
        // differences, and each half of it has fewer than the whole.
        guard let snake = middleSnake(oldStart, oldEnd, newStart, newEnd), snake.distance > 1 else {
            markReplaced(oldStart, oldEnd, newStart, newEnd)
            return
        }
        compare(oldStart, snake.oldStart, newStart, snake.newStart)
        compare(snake.oldEnd, oldEnd, snake.newEnd, newEnd)
    }

    private mutating func markReplaced(_ oldStart: Int, _ oldEnd: Int, _ newStart: Int, _ newEnd: Int) {
        for index in oldStart..<oldEnd { oldChanged[index] = true }
        for index in newStart..<newEnd { newChanged[index] = true }
    }

    /// The middle snake of a shortest edit script of the two stretches (which differ at
    /// both ends), with that script's length; `nil` when the budget runs out first.
    private mutating func middleSnake(_ oldStart: Int, _ oldEnd: Int, _ newStart: Int, _ newEnd: Int)
        -> (oldStart: Int, newStart: Int, oldEnd: Int, newEnd: Int, distance: Int)? {
        let n = oldEnd - oldStart, m = newEnd - newStart
        let delta = n - m
        let odd = delta & 1 != 0
        let maximum = (n + m + 1) / 2
        let offset = maximum + 1
        if forward.count < 2 * maximum + 3 {
            forward = Array(repeating: 0, count: 2 * maximum + 3)
            backward = Array(repeating: 0, count: 2 * maximum + 3)
        }
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        for d in 0...maximum {
            // Forward paths of d differences, on diagonals k = x - y.
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1])
                    ? forward[offset + k + 1] : forward[offset + k - 1] + 1
                var y = x - k
                let x0 = x, y0 = y
                while x < n, y < m, old[oldStart + x] == new[newStart + y] { x += 1; y += 1 }
                work += 1 + x - x0
                forward[offset + k] = x
                if odd, k >= delta - (d - 1), k <= delta + (d - 1), x + backward[offset + delta - k] >= n {
                    return (oldStart + x0, newStart + y0, oldStart + x, newStart + y, 2 * d - 1)
                }
            }
            // Backward paths of d differences, from the ends, on diagonals k = x' - y'
            // (x' and y' counted from the ends; backward k is forward delta - k).
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && backward[offset + k - 1] < backward[offset + k + 1])
                    ? backward[offset + k + 1] : backward[offset + k - 1] + 1
                var y = x - k
                let x0 = x, y0 = y
                while x < n, y < m, old[oldEnd - 1 - x] == new[newEnd - 1 - y] { x += 1; y += 1 }
                work += 1 + x - x0
                backward[offset + k] = x
                if !odd, delta - k >= -d, delta - k <= d, x + forward[offset + delta - k] >= n {
                    return (oldEnd - x, newEnd - y, oldEnd - x0, newEnd - y0, 2 * d)
                }
            }
            if work > budget { return nil }
        }
        return nil
    }
}
