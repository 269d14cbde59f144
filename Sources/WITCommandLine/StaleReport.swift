/// What `generate --check` prints about the files that differ: their diffs one after the
/// other, within one budget of printed lines and one of diff work for the whole run (not
/// for each file), so that hundreds of stale files print a screenful in a fraction of a
/// second. Once the lines are used up, the files left are counted, not diffed, and
/// `closingLine` says how many there are.
struct StaleReport {
    /// Lines still to print, headers included.
    private(set) var linesLeft: Int
    /// Steps of diff search still allowed (`UnifiedDiff.maximumWork`).
    private(set) var workLeft: Int
    /// The steps all diffs took so far.
    private(set) var work = 0
    /// Files that differ whose diff was not shown: the lines ran out before them.
    private(set) var filesNotShown = 0

    init(maximumLines: Int = UnifiedDiff.maximumPrintedLines, maximumWork: Int = UnifiedDiff.maximumWork) {
        linesLeft = maximumLines
        workLeft = maximumWork
    }

    /// The text to print for the file at `path`, which holds `old` and is to hold `new`;
    /// `nil` when no lines are left (the file is counted in `filesNotShown`).
    mutating func add(path: String, old: String, new: String) -> String? {
        guard linesLeft > 0 else {
            filesNotShown += 1
            return nil
        }
        let diff = UnifiedDiff(old: old, new: new, maximumWork: workLeft)
        work += diff.work
        workLeft = max(0, workLeft - diff.work)
        let text = diff.render(path: path, maximumLines: max(0, linesLeft - 2))
        linesLeft = max(0, linesLeft - 2 - diff.printedLineCount)
        return text
    }

    /// The line that ends the report when some files were not shown; `nil` when all were.
    var closingLine: String? {
        switch filesNotShown {
        case 0: nil
        case 1: "… 1 more file differs (not shown)"
        default: "… \(filesNotShown) more files differ (not shown)"
        }
    }
}
