import Foundation
import Testing
@testable import WITCommandLine

/// `UnifiedDiff`, what `generate --check` prints: the hunks `diff -u` prints, in time and
/// memory that stay small for large files.
@Suite struct UnifiedDiffTests {
    /// Runs `tool` with `arguments` in `folder`, with `input` on its standard input; its output.
    func run(_ tool: String, _ arguments: [String], in folder: URL, input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardInput = standardInput
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A scratch folder holding `old` and `new`.
    func folder(old: String, new: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("witgen-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(old.utf8).write(to: folder.appendingPathComponent("old"))
        try Data(new.utf8).write(to: folder.appendingPathComponent("new"))
        return folder
    }

    /// The hunks of `diff -u` (GNU diffutils) between two texts: its output without the two header lines.
    func systemDiff(_ old: String, _ new: String, minimal: Bool = false) throws -> String {
        let folder = try folder(old: old, new: new)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try run("/usr/bin/diff", (minimal ? ["--minimal"] : []) + ["-u", "old", "new"], in: folder)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
    }

    /// What `patch` makes of `old` with our diff to `new`.
    func patched(_ old: String, _ new: String) throws -> String {
        let folder = try folder(old: old, new: new)
        defer { try? FileManager.default.removeItem(at: folder) }
        let diff = UnifiedDiff(old: old, new: new).render(path: "old", maximumLines: .max) + "\n"
        _ = try run("/usr/bin/patch", ["-s", "-o", "result", "old"], in: folder, input: diff)
        return try String(contentsOf: folder.appendingPathComponent("result"), encoding: .utf8)
    }

    /// The `-` and `+` lines of a diff's hunks.
    func changedLineCount(_ hunks: String) -> Int {
        hunks.split(separator: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.count
    }

    /// Our hunks: the rendering without its two header lines.
    func hunks(_ old: String, _ new: String) -> String {
        let text = UnifiedDiff(old: old, new: new).render(path: "x", maximumLines: .max)
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        // `diff -u` ends its output with a newline.
        return body.isEmpty ? "" : body + "\n"
    }

    /// A small pseudo-random generator, so that every run tests the same cases.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func handPickedCasesMatchDiffU() throws {
        let cases: [(String, String)] = [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("", "a\n"),
            ("a\n", ""),
            ("a\nb", "a\nb\n"),
            ("a\nb\n", "a\nb"),
            ("a\nb", "a\nc"),
            ("x\r\ny\n", "x\r\nz\n"),
            ((1...20).map { "\($0)\n" }.joined(), (1...20).map { $0 == 1 || $0 == 20 ? "changed\n" : "\($0)\n" }.joined()),
            // Changes 6 and 7 lines apart: one hunk, then two.
            ((1...30).map { "\($0)\n" }.joined(), (1...30).map { $0 == 5 || $0 == 12 ? "x\n" : "\($0)\n" }.joined()),
            ((1...30).map { "\($0)\n" }.joined(), (1...30).map { $0 == 5 || $0 == 13 ? "x\n" : "\($0)\n" }.joined()),
        ]
        for (old, new) in cases {
            // `diff` prints a carriage return as it is; here it is shown inert.
            let expected = try systemDiff(old, new).replacingOccurrences(of: "\r", with: "\u{FFFD}")
            #expect(hunks(old, new) == expected, "\(old.debugDescription) -> \(new.debugDescription)")
        }
        #expect(UnifiedDiff(old: "same\n", new: "same\n").hunks.isEmpty)
    }

    /// Random edits of texts with few distinct lines (many lines repeat, so the shortest
    /// script is not obvious, and often not unique: `diff` may pick another of the same
    /// length): `patch` turns the old text into the new with our diff, and it has as many
    /// changed lines as `diff --minimal` finds.
    @Test func randomCasesPatchCorrectlyAndAreShortest() throws {
        var random = Generator(state: 15)
        for round in 0..<120 {
            let alphabet = 2 + random.next(5)
            let old = (0..<random.next(60)).map { _ in "line \(random.next(alphabet))\n" }
            var new = old
            for _ in 0..<random.next(12) {
                let position = new.isEmpty ? 0 : random.next(new.count + 1)
                switch random.next(3) {
                case 0: new.insert("line \(random.next(alphabet))\n", at: position)
                case 1: if position < new.count { new.remove(at: position) }
                default: if position < new.count { new[position] = "new \(random.next(alphabet))\n" }
                }
            }
            if round % 5 == 0 { new = (0..<random.next(60)).map { _ in "line \(random.next(alphabet))\n" } }
            var oldText = old.joined(), newText = new.joined()
            if round % 7 == 3 { oldText = String(oldText.dropLast()) }
            if round % 11 == 5 { newText = String(newText.dropLast()) }
            if oldText == newText { continue }
            #expect(try patched(oldText, newText) == newText, "round \(round)")
            #expect(changedLineCount(hunks(oldText, newText)) == changedLineCount(try systemDiff(oldText, newText, minimal: true)),
                    "round \(round)")
        }
    }

    /// 50,000 lines with a change every 1,000: a table of lines × lines would be 2.5 billion
    /// entries (20 GB); the search here does a few million steps.
    @Test func aLargeFileWithFewChangesIsCheap() {
        let old = (0..<50_000).map { "line \($0)\n" }
        var new = old
        for index in stride(from: 500, to: 50_000, by: 1000) { new[index] = "changed \(index)\n" }
        new.insert("inserted\n", at: 25_000)
        let diff = UnifiedDiff(old: old.joined(), new: new.joined())
        #expect(diff.hunks.count == 51)
        #expect(diff.hunks.first.map { ($0.oldStart, $0.oldCount, $0.newStart, $0.newCount) } ?? (0, 0, 0, 0) == (497, 7, 497, 7))
        let text = diff.render(path: "big", maximumLines: .max)
        #expect(text.contains("@@ -498,7 +498,7 @@\n line 497\n line 498\n line 499\n-line 500\n+changed 500\n line 501\n"))
        #expect(text.contains("@@ -49498,7 +49499,7 @@"))
        #expect(diff.work < 10_000_000)
    }

    /// Texts with nothing in common: the search stops at its budget and shows one replacement.
    @Test func wholeDifferentLargeTextsStayWithinTheBudget() {
        let old = (0..<20_000).map { "old \($0)\n" }.joined()
        let new = (0..<20_000).map { "new \($0)\n" }.joined()
        let diff = UnifiedDiff(old: old, new: new)
        #expect(diff.work <= UnifiedDiff.maximumWork + 100_000)
        #expect(diff.hunks.count == 1 && diff.hunks[0].oldCount == 20_000 && diff.hunks[0].newCount == 20_000)
    }

    @Test func printedLinesAreCappedWithACount() {
        let old = (0..<100).map { "\($0)\n" }.joined()
        let new = (0..<100).map { "\($0 + 1000)\n" }.joined()
        let text = UnifiedDiff(old: old, new: new).render(path: "p", maximumLines: 10)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2 + 10 + 1)
        #expect(lines.last == "… 191 more lines of this diff not shown")
    }

    /// A file on disk may hold terminal escapes: the printed diff shows every control
    /// character but tab (and the newlines between lines) as U+FFFD, in the path too.
    @Test func controlCharactersArePrintedInert() {
        let old = "a\u{1B}]0;title\u{07}\nb\tc\n\u{9B}31mred\r\nkeep\u{7F}\n"
        let text = UnifiedDiff(old: old, new: "x\n").render(path: "Docs/\u{1B}[2Jx.md", maximumLines: .max)
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
        #expect(controls.isEmpty, "\(text.debugDescription)")
        let lines = text.split(separator: "\n")
        #expect(lines.first == "--- Docs/\u{FFFD}[2Jx.md")
        #expect(lines.contains("-a\u{FFFD}]0;title\u{FFFD}"))
        #expect(lines.contains("-b\tc"))
        #expect(lines.contains("-\u{FFFD}31mred\u{FFFD}"))
        #expect(lines.contains("-keep\u{FFFD}"))
        #expect(lines.contains("+x"))
    }
}
