import WITCommandLine

/// How the generated files of a golden case differ from its golden files: one problem
/// per file, each saying how to refresh them.
enum GoldenComparison {
    /// The problems, by path: a golden file missing, one no longer generated, and one whose
    /// text differs (with a unified diff from the golden file to the generated text; its first lines
    /// only for a missing one).
    /// Texts are compared byte for byte. `folder` is where the golden files are, as shown.
    static func problems(expected: [String: String], generated: [String: String], folder: String) -> [String] {
        let refresh = "refresh every golden file with `\(GoldenCase.refreshCommand)`"
        var problems: [String] = []
        for path in Set(expected.keys).union(generated.keys).sorted() {
            let shownPath = "\(folder)/\(path)"
            switch (expected[path], generated[path]) {
            case (_?, nil):
                problems.append("\(shownPath) exists but is no longer generated; \(refresh)")
            case (nil, let text?):
                problems.append("\(shownPath) is generated but has no golden file; \(refresh)\n"
                                + UnifiedDiff(old: "", new: text).render(path: shownPath, maximumLines: 20))
            case (let golden?, let text?) where !golden.utf8.elementsEqual(text.utf8):
                problems.append("\(shownPath) differs from the generated text; \(refresh)\n"
                                + UnifiedDiff(old: golden, new: text).render(path: shownPath))
            default:
                break
            }
        }
        return problems
    }
}
