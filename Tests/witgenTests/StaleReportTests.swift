import Testing
@testable import WITCommandLine

/// `StaleReport`, what `generate --check` prints over all the files that differ: one budget
/// of lines and one of diff work for the whole run.
@Suite struct StaleReportTests {
    /// Two texts of `count` lines with no line in common.
    func unrelatedTexts(_ count: Int, _ file: Int) -> (old: String, new: String) {
        ((0..<count).map { "old \(file) \($0)\n" }.joined(), (0..<count).map { "new \(file) \($0)\n" }.joined())
    }

    /// Ten files that each use up the whole work budget on their own: together they take
    /// that budget once, not ten times.
    @Test func theDiffWorkBudgetIsSharedByAllFiles() {
        let budget = 200_000
        var report = StaleReport(maximumLines: .max, maximumWork: budget)
        for file in 0..<10 {
            let (old, new) = unrelatedTexts(2_000, file)
            #expect(UnifiedDiff(old: old, new: new, maximumWork: budget).work > budget)
            #expect(report.add(path: "f\(file)", old: old, new: new) != nil)
        }
        #expect(report.work <= budget + 20_000, "\(report.work) steps")
        #expect(report.closingLine == nil)
    }

    /// Once the lines are used up, no further file prints anything (not even its `---` and
    /// `+++` lines) and one line at the end counts them.
    @Test func theLineBudgetIsSharedAndTheRestIsCounted() {
        var report = StaleReport(maximumLines: 30)
        var printed: [Substring] = []
        for file in 0..<50 {
            if let text = report.add(path: "f\(file)", old: "a\nb\nc\n", new: "a\nB\nc\n") {
                printed += text.split(separator: "\n", omittingEmptySubsequences: false)
            }
        }
        // Each file: 2 header lines, a hunk header and 4 lines.
        #expect(printed.filter { $0.hasPrefix("--- ") }.count == 5)
        #expect(printed.count <= 30 + 1, "\(printed.count) lines")
        #expect(report.filesNotShown == 45)
        #expect(report.closingLine == "… 45 more files differ (not shown)")
        #expect(report.work < 1_000)
    }
}
