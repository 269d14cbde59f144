import WITModel

/// The Markdown back end: `index.md` and one page per interface and world, with
/// every type and function's WIT signature, docs, gates, and the Swift and C
/// names it has in the generated bindings. Anchors are explicit and
/// namespaced by page item (`socket-tcp-tcp-socket`), so they never collide.
public struct MarkdownGenerator {
    /// Options of the Markdown back end.
    public struct Options: Sendable {
        /// What the do-not-edit header names as the source.
        public var sourceDescription: String

        /// Creates options.
        public init(sourceDescription: String) {
            self.sourceDescription = sourceDescription
        }
    }

    let resolve: Resolve
    let options: Options
    let wit: WITText
    let swiftNames: SwiftNames
    /// The page of each interface and world, by index.
    let interfacePages: [String]
    let worldPages: [String]
    /// The anchor of each package's section in `index.md`, by package index.
    let packageAnchors: [String]
    /// Where each named type is documented (`page.md#anchor`), by type index; `nil` for
    /// anonymous types and types of inline interfaces.
    let typeLinks: [String?]
    /// The C names the headers give each item, which the pages quote.
    let cNames: CNamePlan

    /// Prepares page names for a model whose every world gets a C header with the C back
    /// end's default options (a model without worlds: one header importing every interface).
    public init(resolve: Resolve, options: Options) {
        let cOptions = CGenerator.Options(sourceDescription: options.sourceDescription)
        self.init(resolve: resolve, options: options,
                  cNames: CNamePlan(resolve: resolve, options: cOptions, worlds: resolve.worlds.indices.map(WorldID.init)))
    }

    /// Prepares page names for a model whose C names are those of `cNames` (the plan of the
    /// headers generated beside the pages, with their renames).
    public init(resolve: Resolve, options: Options, cNames: CNamePlan) {
        self.resolve = resolve
        self.options = options
        self.cNames = cNames
        wit = WITText(resolve: resolve)
        swiftNames = SwiftNames(resolve: resolve)
        var used: Set<String> = ["index.md"]
        func unique(_ base: String) -> String {
            var name = base + ".md"
            var counter = 2
            while used.contains(name) {
                name = "\(base)-\(counter).md"
                counter += 1
            }
            used.insert(name)
            return name
        }
        let packageSlugs = Self.packageSlugs(resolve)
        func packageSlug(_ package: PackageID?) -> String { package.map { packageSlugs[$0.index] } ?? "root" }
        let interfacePages = resolve.interfaces.enumerated().map { index, interface in
            unique(packageSlug(interface.package) + "-" + (interface.name ?? "inline-\(index)"))
        }
        let worldPages = resolve.worlds.map { world in unique(packageSlug(world.package) + "-world-" + world.name) }
        self.interfacePages = interfacePages
        self.worldPages = worldPages
        var anchorsUsed = Set<String>()
        packageAnchors = resolve.packages.map { package in
            var anchor = Self.slug("package-" + package.name.description)
            var counter = 2
            while !anchorsUsed.insert(anchor).inserted {
                anchor = Self.slug("package-" + package.name.description) + "-\(counter)"
                counter += 1
            }
            return anchor
        }
        typeLinks = resolve.types.map { definition in
            guard let name = definition.name else { return nil }
            switch definition.owner {
            case .interface(let owner):
                guard let ownerName = resolve.interfaces[owner.index].name else { return nil }
                return "\(interfacePages[owner.index])#\(Self.slug(ownerName + "-" + name))"
            case .world(let owner):
                return "\(worldPages[owner.index])#\(Self.slug("world-" + resolve.worlds[owner.index].name + "-" + name))"
            case .none:
                return nil
            }
        }
    }

    /// `index.md#…` for a package.
    func packageLink(_ package: PackageID?) -> String {
        package.map { "index.md#\(packageAnchors[$0.index])" } ?? "index.md"
    }

    /// Each package's part of page names (`wasi-sockets`, with the version when the
    /// model holds several versions of the package), by package index.
    static func packageSlugs(_ resolve: Resolve) -> [String] {
        var versionCounts: [String: Int] = [:]
        for package in resolve.packages { versionCounts["\(package.name.namespace)-\(package.name.name)", default: 0] += 1 }
        return resolve.packages.map { package in
            let name = package.name
            var slug = "\(name.namespace)-\(name.name)"
            if versionCounts[slug]! > 1, let version = name.version { slug += "-\(version)" }
            return slug
        }
    }

    func header() -> String {
        "<!-- Generated by witgen from \(Self.commentText(options.sourceDescription)). Do not edit: run `swift run witgen generate` instead. -->"
    }

    /// `index.md` plus one page per interface and world, sorted by path.
    public func generate() -> [GeneratedFile] {
        var files = [GeneratedFile(path: "index.md", contents: indexPage())]
        for index in resolve.interfaces.indices where resolve.interfaces[index].name != nil {
            files.append(GeneratedFile(path: interfacePages[index], contents: interfacePage(InterfaceID(index))))
        }
        for index in resolve.worlds.indices {
            files.append(GeneratedFile(path: worldPages[index], contents: worldPage(WorldID(index))))
        }
        return files.sorted { $0.path < $1.path }
    }

    // MARK: Index

    func indexPage() -> String {
        var out = CodePrinter(indentWidth: 2, capacity: 8192)
        out.line(verbatim: header())
        out.line()
        out.line("# WIT documentation")
        out.line()
        out.line("Generated from \(Self.codeSpan(options.sourceDescription)): every package, with its worlds and interfaces.")
        for (index, package) in resolve.packages.enumerated() {
            out.line()
            out.line("<a id=\"\(packageAnchors[index])\"></a>")
            out.line()
            out.line("## Package `\(package.name.description)`")
            out.line()
            // The sentence starts a line: as prose, so that it cannot start a heading or a fence.
            if let first = Self.firstSentence(package.docs.contents) {
                MarkdownProse.write(first, into: &out)
                out.line()
            }
            if !package.worlds.isEmpty {
                out.line("### Worlds")
                out.line()
                for (name, id) in package.worlds {
                    out.line("- [`\(name)`](\(worldPages[id.index]))\(summary(resolve.worlds[id.index].docs.contents))")
                }
                out.line()
            }
            if !package.interfaces.isEmpty {
                out.line("### Interfaces")
                out.line()
                for (name, id) in package.interfaces {
                    out.line("- [`\(name)`](\(interfacePages[id.index]))\(summary(resolve.interfaces[id.index].docs.contents))")
                }
                out.line()
            }
        }
        return finish(out)
    }

    func summary(_ docs: String?) -> String {
        Self.firstSentence(docs).map { ": " + $0 } ?? ""
    }

    /// The first sentence of a doc comment, on one line: the first paragraph (the text up to
    /// a blank line), its lines trimmed of spaces and tabs and joined by one space, up to and
    /// including the first `.` that a space follows. The rule reads bytes: only an ASCII `.`
    /// and space end a sentence, and every other character (a letter with a combining mark,
    /// an emoji) is copied as it is; a CRLF or any other line terminator ends a line
    /// (`InertText.lines`).
    static func firstSentence(_ docs: String?) -> String? {
        guard let docs = docs.map(InertText.lines) else { return nil }
        let paragraph = Self.firstParagraph(docs) ?? Substring(docs)
        var flat: [UInt8] = []
        flat.reserveCapacity(paragraph.utf8.count)
        for line in paragraph.splitBytes(UInt8(ascii: "\n"), omittingEmpty: true) {
            if !flat.isEmpty { flat.append(UInt8(ascii: " ")) }
            flat.append(contentsOf: line.trimmingWhitespace().utf8)
        }
        if flat.count > 1 {
            for index in 0..<(flat.count - 1) where flat[index] == UInt8(ascii: ".") && flat[index + 1] == UInt8(ascii: " ") {
                return String(decoding: flat[...index], as: UTF8.self)
            }
        }
        return flat.isEmpty ? nil : String(decoding: flat, as: UTF8.self)
    }

    /// The first non-empty text between blank lines (`"\n\n"`, taken left to right),
    /// as `split(separator: "\n\n", maxSplits: 1).first` gives it, or `nil` when there is none.
    static func firstParagraph(_ docs: String) -> Substring? {
        let utf8 = docs.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if next != utf8.endIndex, utf8[index] == UInt8(ascii: "\n"), utf8[next] == UInt8(ascii: "\n") {
                if index != start { return Substring(utf8[start..<index]) }
                index = utf8.index(after: next)
                start = index
                continue
            }
            index = next
        }
        return start != utf8.endIndex ? Substring(utf8[start...]) : nil
    }

    /// `text` as an anchor safe as an HTML id everywhere: ASCII letters (lower-cased) and
    /// digits as they are, and each run of anything else (punctuation, spaces, line breaks,
    /// and every non-ASCII scalar, including a combining mark or an emoji) as one dash;
    /// no dash at the end.
    static func slug(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            var result: [UInt8] = []
            result.reserveCapacity(utf8.count)
            var lastByteWasDash = false
            for byte in utf8 {
                if (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) {
                    result.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
                    lastByteWasDash = false
                } else if !lastByteWasDash {
                    result.append(UInt8(ascii: "-"))
                    lastByteWasDash = true
                }
            }
            while result.last == UInt8(ascii: "-") { result.removeLast() }
            return String(decoding: result, as: UTF8.self)
        }
    }

    func slug(_ text: String) -> String { Self.slug(text) }
}

extension Substring {
    func trimmingWhitespace() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        return String(Substring(utf8[first...last]))
    }
}
