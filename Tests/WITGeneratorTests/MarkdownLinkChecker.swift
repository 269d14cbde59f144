import WITGenerator

/// Checks a set of Markdown pages the way a reader's browser would: every
/// relative link and anchor resolves, no anchor is defined twice on a page,
/// no link nests another, and heading levels never skip.
struct MarkdownLinkChecker {
    struct Report {
        var links = 0
        var broken: [String] = []
        var duplicateAnchors: [String] = []
        var nestedLinks: [String] = []
        var headingJumps: [String] = []
        var isClean: Bool { broken.isEmpty && duplicateAnchors.isEmpty && nestedLinks.isEmpty && headingJumps.isEmpty }
    }

    static func check(_ files: [GeneratedFile]) -> Report {
        var report = Report()
        var anchors: [String: Set<String>] = [:]
        for file in files {
            var seen = Set<String>()
            for id in anchorIDs(in: file.contents) where !seen.insert(id).inserted {
                report.duplicateAnchors.append("\(file.path)#\(id)")
            }
            anchors[file.path] = seen
        }
        for file in files {
            var previousLevel = 0
            for line in prose(file.contents) {
                let level = line.prefix { $0 == "#" }.count
                if level > 0, line.dropFirst(level).first == " " {
                    if level > previousLevel + 1 { report.headingJumps.append("\(file.path): \(line)") }
                    previousLevel = level
                }
                for (text, target) in links(in: line) {
                    report.links += 1
                    if text.contains("](") { report.nestedLinks.append("\(file.path): [\(text)](\(target))") }
                    if target.contains("://") || target.hasPrefix("mailto:") { continue }
                    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    let page = parts[0].isEmpty ? file.path : String(parts[0])
                    guard let pageAnchors = anchors[page] else {
                        report.broken.append("\(file.path): \(target) (no such page)")
                        continue
                    }
                    if parts.count == 2, !pageAnchors.contains(String(parts[1])) {
                        report.broken.append("\(file.path): \(target) (no such anchor)")
                    }
                }
            }
        }
        return report
    }

    /// `<a id="…">` anchors of a page.
    static func anchorIDs(in text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "<a id=\"") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            result.append(String(after[..<end]))
            rest = after[end...]
        }
        return result
    }

    /// The lines outside fenced code blocks, with inline code spans removed.
    static func prose(_ text: String) -> [String] {
        var result: [String] = []
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            var stripped = ""
            var inCode = false
            for character in line {
                if character == "`" { inCode.toggle(); stripped.append("`"); continue }
                if !inCode { stripped.append(character) }
            }
            result.append(stripped)
        }
        return result
    }

    /// `[text](target)` pairs of one line, with the text between the matching brackets.
    static func links(in line: String) -> [(String, String)] {
        let characters = Array(line)
        var result: [(String, String)] = []
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == "]", characters[index + 1] == "(" {
                var depth = 0
                var start = index - 1
                while start >= 0 {
                    if characters[start] == "]" { depth += 1 }
                    if characters[start] == "[" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    start -= 1
                }
                guard let close = characters[(index + 2)...].firstIndex(of: ")") else { break }
                if start >= 0 {
                    result.append((String(characters[(start + 1)..<index]), String(characters[(index + 2)..<close])))
                }
                index = close
            }
            index += 1
        }
        return result
    }
}
