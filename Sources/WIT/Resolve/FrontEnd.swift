/// The front end's entry point: WIT sources in, one resolved model out.
public enum FrontEnd {
    /// The files of one package: a directory of `.wit` files, a single `.wit`
    /// file, or a WIT package encoded as a component (`.wasm` or `.wat`).
    public struct PackageGroup: Sendable {
        /// How the files hold the package.
        public enum Format: Sendable, Equatable {
            /// WIT text: the `.wit` files of one package (with any nested `package … { }` blocks).
            case wit
            /// One file holding a WIT package encoded as a component, the way
            /// `wasm-tools component wit --wasm` writes it: a binary (recognised by
            /// its `\0asm` preamble) or the component text format.
            case component
        }

        /// The files, in the order they are read.
        public var files: [SourceFile]
        /// What the files are.
        public var format: Format

        /// Creates a group of `.wit` files.
        public init(files: [SourceFile]) {
            self.files = files
            self.format = .wit
        }

        /// Creates a group of one encoded package (a `.wasm` or `.wat` file).
        public init(component file: SourceFile) {
            self.files = [file]
            self.format = .component
        }
    }

    /// What to read: the main package and its dependencies (each a group of its own).
    public struct Input: Sendable {
        /// The package being processed.
        public var main: PackageGroup
        /// The packages under `deps/`. Encoded packages (``PackageGroup/Format/component``)
        /// are merged first, in this order, as the reference does; then the WIT
        /// text packages, each after the packages it uses.
        public var dependencies: [PackageGroup]
        /// Creates an input.
        public init(main: PackageGroup, dependencies: [PackageGroup] = []) {
            self.main = main
            self.dependencies = dependencies
        }
    }

    /// The result of reading WIT: the model and the main package, with the sources for messages.
    public struct Output: Sendable {
        /// Every package, resolved.
        public var resolve: Resolve
        /// The package that was asked for.
        public var mainPackage: PackageID
        /// The sources, for rendering spans.
        public var sources: SourceMap
        /// The feature of every `@unstable(feature = …)` gate in the input, whether the load
        /// kept its items or dropped them: what a list of features to enable can name.
        public var featureNames: Set<String> = []
    }

    /// More WIT than this in one load (every file together) is an error: spans are 32-bit
    /// offsets, and no real package comes anywhere near it.
    public static let maximumInputBytes = 64 << 20
    /// Past this many diagnostics in one load, reading stops with a last diagnostic that says so.
    public static let maximumDiagnostics = Parser.maximumDiagnostics

    /// Parses and resolves `input`. `@unstable` items are kept only when their
    /// feature is in `features`, or when `allFeatures` is set (encoded packages
    /// are kept whole: their gates were applied when they were encoded).
    public static func load(_ input: Input, features: Set<String> = [], allFeatures: Bool = false)
        -> Result<Output, FrontEndFailure> {
        var sources = SourceMap()
        /// The parsed files of each WIT text group; `nil` for an encoded package.
        var parsedGroups: [[FileAST]?] = []
        var decoded: [DecodedGroup] = []
        var diagnostics: [Diagnostic] = []
        var fileIndex = 0
        var totalBytes = 0
        for file in input.main.files + input.dependencies.flatMap(\.files) {
            totalBytes += file.bytes.count
            if totalBytes > maximumInputBytes {
                let message = "WIT input too large: `\(file.path)` brings it to \(totalBytes) bytes, "
                    + "more than the limit of \(maximumInputBytes) bytes (64 MiB)"
                return .failure(FrontEndFailure(diagnostics: [Diagnostic(message, at: nil)], sources: sources))
            }
        }
        for (groupIndex, group) in ([input.main] + input.dependencies).enumerated() {
            var files: [FileAST] = []
            for file in group.files {
                if group.format == .component {
                    let isBinary = ComponentPackage.isBinary(file.bytes)
                    let base = sources.add(file, isBinary: isBinary)
                    let fileSpan = sources.wholeFileSpan(base: base)
                    do {
                        let (resolve, package) = try ComponentPackage.decode(file.bytes, base: base, isBinary: isBinary,
                                                                             fileSpan: fileSpan)
                        decoded.append(DecodedGroup(group: groupIndex, resolve: resolve, package: package, fileSpan: fileSpan,
                                                    path: file.path))
                    } catch {
                        diagnostics.append(error)
                    }
                    continue
                }
                let base = sources.add(file)
                switch Lexer.tokenize(file.bytes, base: base) {
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                case .success(let tokens):
                    var parser = Parser(tokens: tokens, sources: sources)
                    var ast = parser.parseFile(fileIndex: fileIndex)
                    ast.start = Span(start: base, end: base)
                    diagnostics += parser.diagnostics
                    files.append(ast)
                }
                fileIndex += 1
                if diagnostics.count >= maximumDiagnostics {
                    diagnostics.removeSubrange(maximumDiagnostics...)
                    diagnostics.append(Diagnostic("too many errors: stopped after the first \(maximumDiagnostics)", at: nil))
                    return .failure(FrontEndFailure(diagnostics: diagnostics, sources: sources))
                }
            }
            parsedGroups.append(group.format == .wit ? files : nil)
        }
        guard diagnostics.isEmpty else { return .failure(FrontEndFailure(diagnostics: diagnostics, sources: sources)) }
        do {
            let (resolve, main, featureNames) = try link(parsedGroups, decoded: decoded, sources: sources,
                                                         features: features, allFeatures: allFeatures)
            return .success(Output(resolve: resolve, mainPackage: main, sources: sources, featureNames: featureNames))
        } catch {
            return .failure(FrontEndFailure(diagnostics: [error], sources: sources))
        }
    }

    /// An encoded package, decoded into a model of its own.
    private struct DecodedGroup {
        var group: Int
        var resolve: Resolve
        var package: PackageID
        var fileSpan: Span
        var path: String
    }

    private static func link(_ groups: [[FileAST]?], decoded: [DecodedGroup], sources: SourceMap, features: Set<String>,
                             allFeatures: Bool) throws(Diagnostic) -> (Resolve, PackageID, featureNames: Set<String>) {
        var linker = Linker(features: features, allFeatures: allFeatures)
        var featureNames = Set<String>()
        for group in decoded {
            FeatureNames.collect(types: group.resolve.types, interfaces: group.resolve.interfaces,
                                 worlds: group.resolve.worlds, into: &featureNames)
        }
        var mainID: PackageID?
        /// Where each package merged from an encoded file came from, and whether
        /// it is the file's own package (or only the parts of one it uses).
        var encodedOrigin: [PackageName: (path: String, isWhole: Bool)] = [:]
        func merge(_ group: DecodedGroup) throws(Diagnostic) {
            let map: Resolve.MergeMap
            do {
                map = try linker.resolve.merge(group.resolve)
            } catch {
                throw Diagnostic(error.message, at: group.fileSpan)
            }
            for (index, package) in group.resolve.packages.enumerated() {
                linker.packageNames[package.name] = map.packages[index]
                if encodedOrigin[package.name]?.isWhole != true {
                    encodedOrigin[package.name] = (group.path, index == group.package.index)
                }
            }
            if group.group == 0 { mainID = map.packages[group.package.index] }
        }
        // Encoded dependencies first, as the reference merges them while it lists `deps/`.
        for group in decoded where group.group != 0 { try merge(group) }

        var packages: [UnresolvedPackage] = []
        var mainName: PackageName?
        for (groupIndex, files) in groups.enumerated() {
            guard let files else { continue }
            var main = PackageResolver(sources: sources)
            var nested: [UnresolvedPackage] = []
            var hasMainItems = false
            for file in files {
                var topLevel = DeclList()
                for item in file.items.items {
                    if case .package(let block) = item {
                        var resolver = PackageResolver(sources: sources)
                        try resolver.push(header: block.decl, items: block.items)
                        nested.append(try resolver.resolve())
                    } else {
                        topLevel.items.append(item)
                    }
                }
                if file.package != nil || !topLevel.items.isEmpty { hasMainItems = true }
                try main.push(header: file.package, items: topLevel, fileStart: file.start)
            }
            packages += nested
            if hasMainItems || nested.isEmpty {
                let package = try main.resolve()
                if groupIndex == 0 { mainName = package.name }
                packages.append(package)
            } else if groupIndex == 0 {
                mainName = nested.last?.name
            }
        }
        var byName: [PackageName: Int] = [:]
        for (index, package) in packages.enumerated() {
            if let origin = encodedOrigin[package.name] {
                let what = origin.isWhole ? origin.path : "\(origin.path) (which encodes the parts of it that it uses)"
                throw Diagnostic("package `\(package.name)` is defined in two different locations: \(what) and here",
                                 at: package.nameSpan)
            }
            if let previous = byName[package.name] {
                let first = sources.location(of: packages[previous].nameSpan.start).map { "\($0)" } ?? "?"
                throw Diagnostic("package `\(package.name)` is defined in two different locations: \(first) and here",
                                 at: package.nameSpan)
            }
            byName[package.name] = index
        }
        // Before linking, which drops the items gated off.
        for package in packages { FeatureNames.collect(package, into: &featureNames) }
        var order: [Int] = []
        var done = Set<Int>()
        var visiting = Set<PackageName>()
        func visit(_ index: Int) throws(Diagnostic) {
            if done.contains(index) { return }
            let package = packages[index]
            for (depIndex, dependency) in package.foreignDeps.keys.enumerated() {
                if !visiting.insert(dependency).inserted {
                    throw Diagnostic("package `\(dependency)` creates a dependency cycle", at: package.foreignDepSpans[depIndex])
                }
                if let target = byName[dependency] { try visit(target) }
                visiting.remove(dependency)
            }
            if done.insert(index).inserted { order.append(index) }
        }
        for name in byName.keys.sorted(by: PackageName.precedes) {
            visiting = []
            try visit(byName[name]!)
        }
        for index in order {
            let name = packages[index].name
            // Handed over, not copied: the linker then updates the package's items in place.
            let package = packages.take(index, leaving: UnresolvedPackage(name: name, nameSpan: Span(start: 0, end: 0), docs: Docs()))
            let id = try linker.append(package)
            if name == mainName { mainID = id }
        }
        // An encoded main package comes last: the packages it carries slices of
        // are then merged with the full ones read before it.
        for group in decoded where group.group == 0 { try merge(group) }
        return (linker.resolve, mainID ?? PackageID(0), featureNames)
    }
}

/// Why loading failed: the diagnostics, and the sources to render them with.
public struct FrontEndFailure: Error, Sendable, CustomStringConvertible {
    /// The rendered diagnostics (never the whole source text).
    public var description: String { rendered }

    /// The problems found.
    public var diagnostics: [Diagnostic]
    /// The sources the spans point into.
    public var sources: SourceMap

    /// Every diagnostic rendered with its source line and caret.
    public var rendered: String { diagnostics.map(sources.render).joined() }
}

extension PackageName {
    /// The order packages are considered in: namespace, name, then version (none first).
    static func precedes(_ a: PackageName, _ b: PackageName) -> Bool {
        if a.namespace != b.namespace { return a.namespace < b.namespace }
        if a.name != b.name { return a.name < b.name }
        switch (a.version, b.version) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case let (x?, y?): return x < y
        }
    }
}
