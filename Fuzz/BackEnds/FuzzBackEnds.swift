import WIT
import WITGenerator
import WITModel

/// libFuzzer target: every back end turns a model into output without a crash, and text a
/// WIT file controls stays inert in it. Each input is used twice:
///
/// - as one WIT file: whatever the front end accepts goes through the Swift, C and Markdown
///   back ends;
/// - as doc text: its pieces (split at U+001F) become the docs of every item of a fixed
///   package that has each kind of item, its feature gate's name and the source
///   description of the headers, so that line terminators, backslashes, trigraphs, comment
///   delimiters and control characters reach every place a back end writes docs.
///
/// In both, the output with the docs must equal the output without any docs once comment
/// lines (Swift, C) are left out, and every comment line must be one line with no control
/// character (and in C, no line splice at its end). In Markdown, the headings are the
/// generator's own, and every fenced WIT signature starts outside any fence a doc opened.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBackEnds(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if case .success(let output) = FrontEnd.load(.init(main: .init(files: [SourceFile(path: "fuzz.wit", bytes: bytes)])),
                                                 allFeatures: true) {
        // Docs come from comments: without a `/`, the output without docs is the same output.
        if bytes.contains(UInt8(ascii: "/")) {
            checkInert(output.resolve, description: "fuzz")
        } else {
            _ = generate(output.resolve, description: "fuzz")
        }
    }
    if let template = Template.resolve {
        let pieces = String(decoding: bytes, as: UTF8.self).split(separator: "\u{1F}", omittingEmptySubsequences: false)
        var source = DocSource(pieces: pieces.map(String.init))
        var resolve = template
        setDocs(&resolve, from: &source)
        checkInert(resolve, description: source.next() ?? "fuzz")
    }
    return 0
}

/// A package with docs at every place the back ends write them, and a feature gate.
enum Template {
    static let text = """
        /// Package.
        package fuzz:docs@1.0.0;

        /// Interface.
        @since(version = 1.0.0)
        interface items {
          /// Record.
          record rec { /** Field. */ field: u32 }
          /// Variant.
          variant choice { /// Case.
            carry(u8), /// Bare.
            bare }
          /// Enum.
          enum en { /// Case.
            one }
          /// Flags.
          flags fl { /// Flag.
            read }
          /// Resource.
          resource res {
            /// Constructor.
            constructor();
            /// Method.
            method: func(v: rec) -> string;
            /// Static.
            make: static func() -> res;
          }
          /// Alias.
          type alias = list<rec>;
          /// Function.
          @unstable(feature = gate)
          run: func(v: choice, e: en, f: fl) -> result<alias, string>;
        }

        /// World.
        world app {
          /// World type.
          record point { x: s32 }
          import items;
          /// Imported function.
          import ping: func(p: point);
          /// Exported function.
          export pong: func() -> u32;
        }
        """

    static let resolve: Resolve? = {
        let file = SourceFile(path: "template.wit", bytes: Array(text.utf8))
        guard case .success(let output) = FrontEnd.load(.init(main: .init(files: [file])), allFeatures: true) else {
            preconditionFailure("the fuzz template does not load")
        }
        return output.resolve
    }()
}

/// The doc texts to hand out, in turn.
struct DocSource {
    let pieces: [String]
    var index = 0

    mutating func next() -> String? {
        guard !pieces.isEmpty else { return nil }
        defer { index += 1 }
        return pieces[index % pieces.count]
    }
}

/// Gives every item of `resolve` a doc from `source` (`nil` docs when it has none), and each
/// unstable gate a feature name from it.
func setDocs(_ resolve: inout Resolve, from source: inout DocSource) {
    func docs() -> Docs { Docs(contents: source.next()) }
    func gate(_ stability: Stability) -> Stability {
        guard case .unstable(_, let deprecated) = stability, let feature = source.next() else { return stability }
        return .unstable(feature: feature, deprecated: deprecated)
    }
    func function(_ function: Function) -> Function {
        var function = function
        function.docs = docs()
        function.stability = gate(function.stability)
        return function
    }
    for index in resolve.packages.indices { resolve.packages[index].docs = docs() }
    for index in resolve.types.indices {
        resolve.types[index].docs = docs()
        resolve.types[index].stability = gate(resolve.types[index].stability)
        switch resolve.types[index].kind {
        case .record(var fields):
            for field in fields.indices { fields[field].docs = docs() }
            resolve.types[index].kind = .record(fields)
        case .variant(var cases):
            for item in cases.indices { cases[item].docs = docs() }
            resolve.types[index].kind = .variant(cases)
        case .enumeration(var cases):
            for item in cases.indices { cases[item].docs = docs() }
            resolve.types[index].kind = .enumeration(cases)
        case .flags(var flags):
            for item in flags.indices { flags[item].docs = docs() }
            resolve.types[index].kind = .flags(flags)
        default:
            break
        }
    }
    for index in resolve.interfaces.indices {
        resolve.interfaces[index].docs = docs()
        resolve.interfaces[index].stability = gate(resolve.interfaces[index].stability)
        for name in resolve.interfaces[index].functions.keys {
            resolve.interfaces[index].functions[name] = resolve.interfaces[index].functions[name].map(function)
        }
    }
    for index in resolve.worlds.indices {
        resolve.worlds[index].docs = docs()
        resolve.worlds[index].stability = gate(resolve.worlds[index].stability)
        for key in resolve.worlds[index].imports.keys {
            if case .function(let item)? = resolve.worlds[index].imports[key] { resolve.worlds[index].imports[key] = .function(function(item)) }
        }
        for key in resolve.worlds[index].exports.keys {
            if case .function(let item)? = resolve.worlds[index].exports[key] { resolve.worlds[index].exports[key] = .function(function(item)) }
        }
    }
}

/// All generated files of the three back ends.
func generate(_ resolve: Resolve, description: String) -> (code: [GeneratedFile], docs: [GeneratedFile]) {
    var swift = SwiftGenerator(resolve: resolve, options: .init(sourceDescription: description))
    var code = swift.generate()
    precondition(!code.isEmpty)
    let c = CGenerator(resolve: resolve, options: .init(sourceDescription: description))
    for package in resolve.packages.indices {
        for world in CGenerator.worlds(of: PackageID(package), in: resolve) {
            var header = c.generate(world: world)
            header.path = "C/" + header.path
            code.append(header)
        }
    }
    let docs = MarkdownGenerator(resolve: resolve, options: .init(sourceDescription: description)).generate()
    precondition(!docs.isEmpty)
    return (code, docs)
}

/// Whether the text holds any line terminator but LF, or a control character but tab and LF.
func holdsControl<S: StringProtocol>(_ text: S) -> Bool {
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A, 0x09: continue
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: continue
        }
    }
    return false
}

/// Checks the output of `resolve` against the output of the same model without docs.
func checkInert(_ resolve: Resolve, description: String) {
    var plain = resolve
    var none = DocSource(pieces: [])
    setDocs(&plain, from: &none)
    let hostile = generate(resolve, description: description)
    let reference = generate(plain, description: "fuzz")
    precondition(hostile.code.map(\.path) == reference.code.map(\.path), "docs changed the set of files")
    for (file, plainFile) in zip(hostile.code, reference.code) {
        let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
        precondition(!holdsControl(file.contents), "\(file.path): a control character or line terminator")
        for line in lines {
            let text = line.drop { $0 == " " }
            guard text.hasPrefix("//"), file.path.hasPrefix("C/") else { continue }
            let end = text.reversed().drop { $0 == " " || $0 == "\t" }
            precondition(end.first != "\\" && !end.starts(with: "/??"), "\(file.path): a comment line splices: \(line)")
        }
        precondition(code(lines) == code(plainFile.contents.split(separator: "\n", omittingEmptySubsequences: false)),
                     "\(file.path): docs changed a line that is not a comment")
    }
    precondition(hostile.docs.map(\.path) == reference.docs.map(\.path), "docs changed the set of pages")
    for (page, plainPage) in zip(hostile.docs, reference.docs) {
        precondition(!holdsControl(page.contents), "\(page.path): a control character or line terminator")
        let lines = page.contents.split(separator: "\n", omittingEmptySubsequences: false)
        let plainLines = plainPage.contents.split(separator: "\n", omittingEmptySubsequences: false)
        // The do-not-edit comment: one HTML comment, closed at its end only.
        let comment = lines[0]
        precondition(comment.hasPrefix("<!-- ") && comment.hasSuffix(" -->") && !comment.dropFirst(4).dropLast(3).contains("--"),
                     "\(page.path): the header comment is not one comment: \(comment)")
        precondition(headings(lines, page: page.path) == headings(plainLines, page: page.path),
                     "\(page.path): docs changed the headings")
    }
}

/// The lines that are not comments and not empty (doc comments add comment lines, and may
/// move an empty line).
func code(_ lines: [Substring]) -> [Substring] {
    lines.filter { line in
        let text = line.drop { $0 == " " }
        return !text.isEmpty && !text.hasPrefix("//")
    }
}

/// `text` with ASCII letters in lower case (and nothing else changed).
func asciiLowercased<S: StringProtocol>(_ text: S) -> String {
    String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
}

/// The heading lines of a page outside fences and raw HTML blocks; checks on the way that
/// every generated fence (```` ```wit ````) opens outside any fence or block a doc opened,
/// and that none is open at the end. A top-level reading, as `MarkdownProse` documents.
func headings(_ lines: [Substring], page: String) -> [Substring] {
    var result: [Substring] = []
    var fence: (marker: Character, length: Int)?
    var htmlEnds: [String] = []
    let rawTags = ["pre", "script", "style", "textarea"]
    for line in lines.dropFirst() {
        if line == "```wit" { precondition(fence == nil && htmlEnds.isEmpty, "\(page): a WIT signature starts inside a doc's block") }
        let indentation = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indentation)
        if !htmlEnds.isEmpty {
            let lower = asciiLowercased(line)
            if htmlEnds.contains(where: { lower.contains($0) }) { htmlEnds = [] }
            continue
        }
        let first = rest.first
        let run = first.map { marker in rest.prefix { $0 == marker }.count } ?? 0
        if let open = fence {
            if indentation <= 3, first == open.marker, run >= open.length,
               rest.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
            continue
        }
        if first == "#" { result.append(line); continue }
        guard indentation <= 3 else { continue }
        if let first, first == "`" || first == "~", run >= 3, first == "~" || !rest.dropFirst(run).contains("`") {
            fence = (first, run)
            continue
        }
        let lower = asciiLowercased(rest)
        var ends: [String] = []
        if rawTags.contains(where: { tag in
            guard lower.hasPrefix("<" + tag) else { return false }
            let after = lower.dropFirst(tag.count + 1).first
            return after == nil || after == " " || after == "\t" || after == ">"
        }) {
            ends = rawTags.map { "</\($0)>" }
        } else if lower.hasPrefix("<!--") {
            ends = ["-->"]
        } else if lower.hasPrefix("<?") {
            ends = ["?>"]
        } else if rest.hasPrefix("<![CDATA[") {
            // CommonMark's CDATA opener is case-sensitive (`<![cdata[` opens no block).
            ends = ["]]>"]
        } else if lower.hasPrefix("<!"), let letter = lower.dropFirst(2).first, letter >= "a", letter <= "z" {
            ends = [">"]
        }
        if !ends.isEmpty, !ends.contains(where: { lower.contains($0) }) { htmlEnds = ends }
    }
    precondition(fence == nil && htmlEnds.isEmpty, "\(page): a doc's fence or HTML block is left open")
    return result
}
