import WITModel

/// Doc text as the Markdown prose it is meant to be, kept from changing the page around it.
///
/// Docs are copied as Markdown: emphasis, lists, links, code, even inline HTML render as
/// their author wrote them. What a doc may not do is reach past its own body into the
/// structure the generator writes (headings, anchors, the fenced WIT signatures, the
/// member lists):
///
/// - its lines are split at every line terminator (`InertText.lines`: Markdown also ends a
///   line at a lone CR), so no line hides inside another;
/// - a heading (a line starting with `#` after any spaces, or a text line underlined with
///   `===` / `---`) becomes a bold line or a plain line, so the page's heading levels and its table of contents stay its own;
/// - a code fence (```` ``` ```` or `~~~`) or an HTML block that runs to an end marker
///   (`<!--`, `<pre>`, `<script>`, `<style>`, `<textarea>`, `<?`, `<!X`, `<![CDATA[`) that the
///   doc opens and does not close is closed at the end of the body, so it cannot swallow
///   what follows. The other HTML blocks end at the empty line after the body.
///
/// Those rules read lines as top-level blocks, which is exact outside list items and block
/// quotes. Inside them, a fence or HTML block ends with its item, which a line reading cannot
/// tell: a later fence line could open where the rules see a close. So from a line that
/// starts a list item or a block quote until one that surely ends them all (an unindented
/// line after an empty one), a line that could open a fence or one of those HTML blocks
/// gets a backslash before it and shows as text. Inline HTML is left to the renderer's
/// sanitiser, as in any Markdown.
struct MarkdownProse {
    /// What `nextLine(_:)` makes of a doc line.
    enum Line: Equatable {
        /// Written as it is.
        case text
        /// A heading: written as `**title**`.
        case heading(title: Substring)
        /// A setext underline, or a line that would open a block inside a list item or a block
        /// quote: written with a backslash after its indentation.
        case escaped(indentation: Int)
    }

    private enum Block {
        case fence(indentation: Int, marker: UInt8, length: Int)
        case html(ends: [String], caseInsensitive: Bool, closing: String)
    }

    private var open: Block?
    /// Whether a list item or a block quote may be open (lines that would open a block are
    /// then escaped rather than followed).
    private var inContainer = false
    /// Whether the previous line was empty (or blanks only).
    private var afterBlank = false
    /// Whether the previous line was paragraph text (which a setext underline would turn into a heading).
    private var afterText = false

    /// Classifies the next line of the doc.
    mutating func nextLine(_ line: Substring) -> Line {
        let bytes = line.utf8
        let indentation = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        let rest = bytes.dropFirst(indentation)
        switch open {
        case let .fence(_, marker, length)?:
            let run = rest.prefix { $0 == marker }.count
            if indentation <= 3, run >= length, rest.dropFirst(run).allSatisfy(Self.isSpaceOrTab) { open = nil }
            afterText = false
            afterBlank = false
            return .text
        case let .html(ends, caseInsensitive, _)?:
            if Self.contains(bytes, ends, caseInsensitive: caseInsensitive) { open = nil }
            afterText = false
            afterBlank = false
            return .text
        case nil:
            break
        }
        let isBlank = rest.allSatisfy(Self.isSpaceOrTab)
        if Self.startsContainer(bytes) {
            inContainer = true
        } else if inContainer, afterBlank, let lead = bytes.first, !Self.isSpaceOrTab(lead) {
            inContainer = false
        }
        defer {
            afterText = !isBlank
            afterBlank = isBlank
        }
        guard let first = rest.first else { return .text }
        // Indented as well: a line in a list item is a heading from its item's indentation on.
        if first == UInt8(ascii: "#") {
            var title = line.utf8.dropFirst(indentation)
            title = title.drop { $0 == UInt8(ascii: "#") }.drop { $0 == UInt8(ascii: " ") }
            return .heading(title: Substring(title))
        }
        guard indentation <= 3 else { return .text }
        if afterText, first == UInt8(ascii: "=") || first == UInt8(ascii: "-") {
            let run = rest.prefix { $0 == first }.count
            if rest.dropFirst(run).allSatisfy({ $0 == UInt8(ascii: " ") }) { return .escaped(indentation: indentation) }
        }
        if first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
            let run = rest.prefix { $0 == first }.count
            if run >= 3, first == UInt8(ascii: "~") || !rest.dropFirst(run).contains(UInt8(ascii: "`")) {
                if inContainer { return .escaped(indentation: indentation) }
                open = .fence(indentation: indentation, marker: first, length: run)
            }
            return .text
        }
        if first == UInt8(ascii: "<"), let block = Self.htmlBlock(rest), case let .html(ends, caseInsensitive, _) = block {
            if inContainer { return .escaped(indentation: indentation) }
            if !Self.contains(bytes, ends, caseInsensitive: caseInsensitive) { open = block }
        }
        return .text
    }

    /// The line that closes what the doc left open, if anything.
    var closingLine: String? {
        switch open {
        case let .fence(indentation, marker, length)?:
            return String(repeating: " ", count: indentation)
                + String(repeating: String(UnicodeScalar(marker)), count: length)
        case let .html(_, _, closing)?:
            return closing
        case nil:
            return nil
        }
    }

    /// Writes the lines of `docs` as a page shows them: headings made bold, underlines
    /// escaped, and a last line closing what the doc left open.
    static func write(_ docs: String, into out: inout CodePrinter) {
        let docs = InertText.lines(docs)
        let lines = docs.splitBytes(UInt8(ascii: "\n"), omittingEmpty: false)
        var prose = MarkdownProse()
        for line in lines {
            switch prose.nextLine(line) {
            case .text:
                out.line(verbatim: line)
            case .heading(let title):
                out.line("**\(title)**")
            case .escaped(let indentation):
                out.line("\(String(repeating: " ", count: indentation))\\\(Substring(line.utf8.dropFirst(indentation)))")
            }
        }
        if let closing = prose.closingLine { out.line(verbatim: closing) }
    }

    /// Whether `line` starts a block quote (`>`) or a list item (`-`, `+`, `*`, or up to nine
    /// digits and `.` or `)`, then a blank or the end), at most three spaces in.
    private static func startsContainer(_ line: Substring.UTF8View) -> Bool {
        let indentation = line.prefix { $0 == UInt8(ascii: " ") }.count
        guard indentation <= 3 else { return false }
        let rest = line.dropFirst(indentation)
        guard let first = rest.first else { return false }
        if first == UInt8(ascii: ">") { return true }
        var afterMarker = rest.dropFirst()
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
            // A marker alone, or followed by a blank (`-` then text is not an item).
        } else {
            let digits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            guard digits >= 1, digits <= 9 else { return false }
            let delimiter = rest.dropFirst(digits).first
            guard delimiter == UInt8(ascii: ".") || delimiter == UInt8(ascii: ")") else { return false }
            afterMarker = rest.dropFirst(digits + 1)
        }
        guard let next = afterMarker.first else { return true }
        return isSpaceOrTab(next)
    }

    private static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The HTML block (CommonMark's kinds 1 to 5, those that run to an end marker) a line
    /// starting with `<` opens, if any.
    private static func htmlBlock(_ line: Substring.UTF8View) -> Block? {
        let text = String(decoding: line, as: UTF8.self)
        let rawTags = ["pre", "script", "style", "textarea"]
        for tag in rawTags {
            let opening = "<" + tag
            guard line.count >= opening.utf8.count,
                  String(decoding: line.prefix(opening.utf8.count), as: UTF8.self).lowercased() == opening else { continue }
            let after = line.dropFirst(opening.utf8.count).first
            if after == nil || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t") || after == UInt8(ascii: ">") {
                return .html(ends: rawTags.map { "</\($0)>" }, caseInsensitive: true, closing: "</\(tag)>")
            }
        }
        if text.hasPrefix("<!--") { return .html(ends: ["-->"], caseInsensitive: false, closing: "-->") }
        if text.hasPrefix("<?") { return .html(ends: ["?>"], caseInsensitive: false, closing: "?>") }
        if text.hasPrefix("<![CDATA[") { return .html(ends: ["]]>"], caseInsensitive: false, closing: "]]>") }
        let start = Array(line.prefix(3))
        if start.count == 3, start[1] == UInt8(ascii: "!") {
            let letter = start[2] | 0x20
            if letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") { return .html(ends: [">"], caseInsensitive: false, closing: ">") }
        }
        return nil
    }

    /// Whether `line` holds one of `markers` (compared in ASCII lower case when `caseInsensitive`).
    private static func contains(_ line: Substring.UTF8View, _ markers: [String], caseInsensitive: Bool) -> Bool {
        markers.contains { contains(line, $0, caseInsensitive: caseInsensitive) }
    }

    private static func contains(_ line: Substring.UTF8View, _ marker: String, caseInsensitive: Bool) -> Bool {
        let line = Array(line)
        let marker = Array(marker.utf8)
        guard line.count >= marker.count else { return false }
        func fold(_ byte: UInt8) -> UInt8 {
            caseInsensitive && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }
        for start in 0...(line.count - marker.count) where (0..<marker.count).allSatisfy({ fold(line[start + $0]) == marker[$0] }) {
            return true
        }
        return false
    }
}

extension MarkdownGenerator {
    /// `text` as an inline code span on one line: fenced with more backticks than the longest
    /// run inside it (and padded with spaces when it starts or ends with one), so that it
    /// shows as it is and ends where it should (`` `name` `` for a plain name).
    static func codeSpan(_ text: String) -> String {
        let text = InertText.singleLine(text)
        var longest = 0, run = 0
        for byte in text.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = longest > 0 && (text.hasPrefix("`") || text.hasSuffix("`")) ? " " : ""
        return fence + padding + text + padding + fence
    }

    /// `text` inside an HTML comment on one line: no line terminator, and no `--` (which could
    /// close the comment as `-->` or `--!>`): each second dash of a pair is written as U+2010.
    static func commentText(_ text: String) -> String {
        var result = ""
        var previousWasDash = false
        for scalar in InertText.singleLine(text).unicodeScalars {
            if scalar == "-", previousWasDash {
                result.unicodeScalars.append("\u{2010}")
                previousWasDash = false
            } else {
                result.unicodeScalars.append(scalar)
                previousWasDash = scalar == "-"
            }
        }
        return result
    }
}
