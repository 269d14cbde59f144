#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WIT
import WITGenerator

/// `witgen generate`: reads a WIT package and writes every back end's output.
struct GenerateCommand {
    /// `--input`, or the default folder (``WITFiles/defaultInput(option:)``).
    var input: String
    var output = "Generated"
    /// `--swift-output`, `--c-output`, `--docs-output`: a folder a back end writes its files
    /// straight into, instead of its subfolder of `output`; by back end.
    var backEndOutputs: [String: String] = [:]
    var only: Set<String> = Set(GenerateCommand.backEnds)
    var check = false
    /// Whether `--swift-module` was given: accepted, with no effect (generated Swift never
    /// names its module), so that scripts passing it keep working; a note says so.
    var swiftModuleGiven = false
    var singleFile: String?
    var world: String?
    /// `--swift-map WIT=MODULE`, in the order given (each WIT name once).
    var swiftMappings: [(wit: String, module: String)] = []
    /// `--c-rename INTERFACE=PREFIX`, by interface.
    var cRenames: [String: String] = [:]
    var cWorldName: String?
    var features: FeatureSelection
    /// How long a run waits for another one writing the same output folder (`--lock-wait`).
    var lockWaitSeconds = 60

    static let backEnds = ["swift", "c", "docs"]
    /// Each back end's subfolder of `--output`.
    static let subfolders = ["swift": "Swift", "c": "C", "docs": "Docs"]

    /// Every option of `generate`, for the one `OptionParser`.
    static let options: [String: OptionParser.Kind] = FeatureSelection.options.merging([
        "--input": .single, "--output": .single, "--only": .single, "--check": .flag, "--swift-module": .single,
        "--single-file": .single, "--world": .single, "--c-rename": .repeated, "--swift-map": .repeated, "--swift-map-file": .single, "--c-world-name": .single,
        "--lock-wait": .single, "--swift-output": .single, "--c-output": .single, "--docs-output": .single,
    ]) { first, _ in first }

    /// Reads and checks the options; a usage error for anything wrong with them.
    init(arguments: [String]) throws(CommandFailure) {
        let options = try OptionParser(Self.options, unknownOptionContext: " for generate").parse(arguments)
        // `generate` takes no operands: one is most likely a misspelt option.
        if let operand = options.operands.first { throw .usage("unknown option \(operand) for generate") }
        check = options.flags.contains("--check")
        if let value = options.values["--input"] {
            if value.isEmpty { throw .usage("--input needs a path; an empty path is not one") }
            input = value
        } else {
            input = try WITFiles.defaultInput(option: "--input")
        }
        if let value = options.values["--output"] { output = value }
        if output.isEmpty { throw .usage("--output needs a folder; an empty path is not one (use --output . for this folder)") }
        for backEnd in Self.backEnds {
            guard let folder = options.values["--\(backEnd)-output"] else { continue }
            if folder.isEmpty { throw .usage("--\(backEnd)-output needs a folder; an empty path is not one") }
            backEndOutputs[backEnd] = folder
        }
        if let list = options.values["--only"] {
            only = Set(list.split(separator: ",").map { $0.trimmedOfSpaces })
            for name in only where !Self.backEnds.contains(name) {
                throw .usage("unknown or not yet available back end `\(name)` (available: \(Self.backEnds.joined(separator: ", ")))")
            }
            if only.isEmpty {
                throw .usage("--only needs at least one back end (available: \(Self.backEnds.joined(separator: ", ")))")
            }
        }
        for backEnd in Self.backEnds where backEndOutputs[backEnd] != nil && !only.contains(backEnd) {
            throw .usage("--\(backEnd)-output is given, but --only leaves the \(backEnd) back end out")
        }
        features = try FeatureSelection(options)
        swiftModuleGiven = options.values["--swift-module"] != nil
        if let name = options.values["--single-file"] {
            guard OutputWriter.isPlainFileName(name) else {
                throw .usage("--single-file needs a plain file name (no `/`, not `.` or `..`, not empty), got `\(name)`; the file goes in \(destination("swift").path)/")
            }
            singleFile = name
        }
        world = options.values["--world"]
        for rename in options.repeatedValues["--c-rename"] ?? [] {
            guard let equals = rename.firstIndex(of: "="), equals != rename.startIndex,
                  rename.index(after: equals) != rename.endIndex else {
                throw .usage("--c-rename needs INTERFACE=PREFIX (e.g. wasi:sockets/tcp@0.2.12=tcp), got `\(rename)`")
            }
            let interface = String(rename[..<equals]), prefix = String(rename[rename.index(after: equals)...])
            if let earlier = cRenames.updateValue(prefix, forKey: interface), earlier != prefix {
                throw .usage("--c-rename renames `\(interface)` twice, to `\(earlier)` and to `\(prefix)`; it takes one prefix for each interface")
            }
        }
        var mappings = options.repeatedValues["--swift-map"] ?? []
        if let file = options.values["--swift-map-file"] { mappings += try Self.mappings(inFile: file) }
        for mapping in mappings {
            guard let equals = mapping.firstIndex(of: "="), equals != mapping.startIndex else {
                throw .usage("--swift-map needs WIT=MODULE (e.g. wasi:io=WASIIO or wasi:io/streams@0.2.12=WASIIO), got `\(mapping)`")
            }
            let wit = String(mapping[..<equals]), module = String(mapping[mapping.index(after: equals)...])
            guard Self.isSwiftIdentifier(module) else {
                throw .usage("--swift-map \(wit)=\(module): `\(module)` is not a Swift module name (letters, digits and `_`, not starting with a digit)")
            }
            if let earlier = swiftMappings.first(where: { $0.wit == wit }) {
                guard earlier.module == module else {
                    throw .usage("--swift-map maps `\(wit)` twice, to `\(earlier.module)` and to `\(module)`; it takes one module for each")
                }
                continue
            }
            swiftMappings.append((wit, module))
        }
        cWorldName = options.values["--c-world-name"]
        if let text = options.values["--lock-wait"] {
            guard let seconds = Int(text), seconds >= 0, seconds <= 86_400 else {
                throw .usage("--lock-wait needs a number of seconds from 0 to 86400, got `\(text)`")
            }
            lockWaitSeconds = seconds
        }
    }

    /// The mappings of a `--swift-map-file` (what the plugins pass for a target's
    /// `swift-map.txt`): one `WIT=MODULE` a line; blank lines and `#` comments (whole
    /// lines, or the rest of a line) are left out; each is then checked as a `--swift-map`.
    static func mappings(inFile path: String) throws(CommandFailure) -> [String] {
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path, limit: 1 << 20) } catch { throw .failure(error.message) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .failure("--swift-map-file \(path) is not UTF-8 text")
        }
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).compactMap { line in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = content.trimmedOfSpaces
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    /// Generates (or, under `--check`, compares) every back end's output; what it prints goes
    /// to `streams`.
    func run(printingTo streams: some CommandOutput) throws(CommandFailure) -> ExitCode {
        let model = try Witgen.loadModel(path: input, features: features, output: streams)
        try checkRenames(model)
        if swiftModuleGiven {
            streams.printError("witgen: note: --swift-module has no effect: generated Swift never names its module, so it compiles in any\n")
        }
        // Every back end is one job; they share nothing but the model, so they run side by side.
        var jobs: [@Sendable () -> (folder: String, files: [GeneratedFile])] = []
        let resolve = model.resolve
        let sourceDescription = "\(input)/"
        if only.contains("swift") {
            let moduleMap = SwiftModuleMap(mappings: swiftMappings, in: resolve)
            if let unknown = moduleMap.unmatched.first {
                let module = swiftMappings.first { $0.wit == unknown }?.module ?? ""
                throw .failure("--swift-map \(unknown)=\(module): no package or interface `\(unknown)` in \(input) or its dependencies")
            }
            let options = SwiftGenerator.Options(sourceDescription: sourceDescription, moduleMap: moduleMap)
            let folder = "swift", singleFile = singleFile
            jobs.append {
                var generator = SwiftGenerator(resolve: resolve, options: options)
                return (folder, singleFile.map { [generator.generateSingleFile(path: $0)] } ?? generator.generate())
            }
        }
        // The C options and worlds: the headers' names, which the docs quote too. Chosen (and
        // checked) before any job starts: a bad `--world` stops here.
        let cOptions = CGenerator.Options(sourceDescription: sourceDescription, renames: cRenames, worldName: cWorldName)
        let worlds = only.contains("c") || only.contains("docs") ? try cWorlds(model) : []
        if only.contains("c") {
            let folder = "c", mainPackage = model.mainPackage
            jobs.append { (folder, CGenerator(resolve: resolve, options: cOptions).headers(of: mainPackage, worlds: worlds)) }
        }
        if only.contains("docs") {
            let options = MarkdownGenerator.Options(sourceDescription: sourceDescription)
            let folder = "docs"
            jobs.append {
                let cNames = CNamePlan(resolve: resolve, options: cOptions, worlds: worlds)
                return (folder, MarkdownGenerator(resolve: resolve, options: options, cNames: cNames).generate())
            }
        }
        // Each output folder is created (when missing, empty) and locked first. Each job then
        // plans its folder (reading what is there now): planning writes nothing. A stale
        // file's text is only read to show it in `--check`'s diff.
        let destinations = Dictionary(uniqueKeysWithValues: only.map { ($0, destination($0)) })
        try checkDistinctFolders(destinations)
        let roots = try openOutputFolders(Set(destinations.values.map(\.root)), printingTo: streams)
        let readingStaleText = check
        let results = ParallelJobs.run(jobs.map { job in
            { @Sendable in
                let (backEnd, generated) = job()
                let destination = destinations[backEnd]!
                let plan = Result { () throws(OutputWriter.Failure) in
                    try OutputWriter.plan(generated, folderName: destination.folder, in: roots[destination.root] ?? nil,
                                          outputPath: destination.root, readingStaleText: readingStaleText)
                }
                return (backEnd: backEnd, files: generated, plan: plan)
            }
        })
        if let cFiles = results.first(where: { $0.backEnd == "c" })?.files {
            var seen = Set<String>()
            for file in cFiles where !seen.insert(file.path).inserted {
                throw .failure("two worlds would both write \(FileSystem.join(destinations["c"]!.path, file.path)); generate one with --world and --c-world-name")
            }
        }
        do throws(OutputWriter.Failure) {
            // Every folder is planned before anything is written: a foreign file anywhere means nothing is written.
            var plans: [OutputWriter.Plan] = []
            for result in results { plans.append(try result.plan.get()) }
            if check {
                let changes = plans.flatMap(\.changes)
                var report = StaleReport()
                for change in changes {
                    if let text = report.add(path: change.path, old: change.old ?? "", new: change.new ?? "") {
                        streams.printLine(text)
                    }
                }
                if let closingLine = report.closingLine { streams.printLine(closingLine) }
                if !changes.isEmpty {
                    streams.printError("error: \(outputDescription)/ is stale; run `swift run witgen generate`\n")
                    return .failure
                }
                streams.printLine("witgen: \(outputDescription)/ is up to date")
                return .success
            }
            // The folders are written side by side too: creating and renaming files is most
            // of the time left once the back ends are done. Each file is still written
            // atomically; a failure in one folder is reported (the first, in folder order)
            // after the others are done.
            var folders: [DirectoryHandle] = []
            for result in results {
                guard let root = roots[destinations[result.backEnd]!.root] ?? nil else {
                    throw .io("internal error: no output folder to write")
                }
                folders.append(root)
            }
            let applied = ParallelJobs.run(zip(plans, folders).map { plan, folder in
                { @Sendable in
                    Result { () throws(OutputWriter.Failure) in try OutputWriter.apply(plan, in: folder) }
                }
            })
            var total = OutputWriter.Summary()
            for outcome in applied {
                let summary = try outcome.get()
                total.written += summary.written
                total.unchanged += summary.unchanged
                total.removed += summary.removed
                for path in summary.keptChanged {
                    // The name is whatever is on disk: shown inert.
                    streams.printError("witgen: note: \(TerminalText.inert(path)) changed while witgen generate ran and no longer starts with a generated-file header; left in place\n")
                }
            }
            streams.printLine("witgen: \(total.written.count) written, \(total.unchanged.count) unchanged, \(total.removed.count) removed")
            return .success
        } catch {
            switch error {
            case .foreignFile(let path):
                throw .failure("\(path) exists and was not generated by witgen (no generated-file header); refusing to overwrite it")
            case .io(let message):
                throw .failure(message)
            }
        }
    }
}

extension GenerateCommand {
    /// Where one back end's files go: into `folder` of `root`, or straight into `root`
    /// (`--swift-output` and the like). `root` is the folder opened and locked.
    struct Destination: Sendable {
        var root: String
        var folder: String?
        /// The folder the files are in.
        var path: String { folder.map { FileSystem.join(root, $0) } ?? root }
    }

    /// A back end's destination: its `--BACKEND-output` folder, or its subfolder of `--output`.
    func destination(_ backEnd: String) -> Destination {
        if let folder = backEndOutputs[backEnd] { return Destination(root: folder, folder: nil) }
        return Destination(root: output, folder: Self.subfolders[backEnd]!)
    }

    /// How messages name the outputs: `--output`'s folder, or the folders the back ends write.
    var outputDescription: String {
        if backEndOutputs.isEmpty { return output }
        return only.sorted().map { destination($0).path }.joined(separator: "/, ")
    }

    /// The output folders, each locked against other runs of `generate`, in path order (so
    /// that two runs never wait for each other's second folder): created (with missing
    /// parents) and locked exclusively to write; to `--check`, locked shared when it exists
    /// (`nil` when it does not). A folder itself may be a symbolic link (the user names it);
    /// nothing inside it is followed. Two paths to one folder (a link) share one handle and
    /// one lock: a second lock of the same folder would wait for the first.
    func openOutputFolders(_ paths: Set<String>, printingTo streams: some CommandOutput)
        throws(CommandFailure) -> [String: DirectoryHandle?] {
        var folders: [String: DirectoryHandle?] = [:]
        var byIdentity: [String: DirectoryHandle] = [:]
        for path in paths.sorted() {
            do throws(FileSystem.Failure) {
                if !check { try FileSystem.createDirectories(path) }
                let identity = FileSystem.identity(path).map { "\($0.device):\($0.inode)" }
                if let identity, let opened = byIdentity[identity] {
                    folders[path] = opened
                    continue
                }
                guard let folder = try DirectoryHandle.open(path) else {
                    if check { folders[path] = .some(nil); continue }
                    throw FileSystem.Failure("cannot open directory", path, errno: ENOENT)
                }
                try folder.lock(shared: check, waitingAtMost: lockWaitSeconds) {
                    streams.printError("witgen: waiting for another witgen generate writing \(path)/ (at most \(lockWaitSeconds) s)\n")
                }
                folders[path] = folder
                if let identity { byIdentity[identity] = folder }
            } catch {
                throw .failure(error.message)
            }
        }
        return folders
    }

    /// Two back ends never write one folder (each removes the generated files it did not
    /// produce, so each would remove the other's): their folders must differ, by path and,
    /// where they exist, as folders on disk.
    func checkDistinctFolders(_ destinations: [String: Destination]) throws(CommandFailure) {
        var seen: [String: String] = [:]
        for backEnd in destinations.keys.sorted() {
            let destination = destinations[backEnd]!
            var keys = [destination.path]
            if let identity = FileSystem.identity(destination.path) { keys.append("inode \(identity.device):\(identity.inode)") }
            for key in keys {
                if let other = seen.updateValue(backEnd, forKey: key), other != backEnd {
                    throw .usage("the \(other) and \(backEnd) back ends would both write \(destination.path)/; give each its own folder")
                }
            }
        }
    }

    /// The worlds that get a C header: every world of the input package, or the `--world` one.
    func cWorlds(_ model: FrontEnd.Output) throws(CommandFailure) -> [WorldID] {
        let worlds: [WorldID]
        if let world {
            guard let id = model.resolve.world(named: world, mainPackage: model.mainPackage) else {
                throw .failure("no world `\(world)` in \(input) or its dependencies")
            }
            worlds = [id]
        } else {
            worlds = CGenerator.worlds(of: model.mainPackage, in: model.resolve)
        }
        if cWorldName != nil, worlds.count > 1 {
            throw .usage("--c-world-name renames one world; the package has \(worlds.count) (choose one with --world)")
        }
        return worlds
    }

    /// Each `--c-rename` names an interface of the input: a misspelt one would rename
    /// nothing, silently. The first one (by name) that names none is an error.
    /// Whether `name` can be a Swift module name: ASCII letters, digits and `_`, not starting with a digit.
    static func isSwiftIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    func checkRenames(_ model: FrontEnd.Output) throws(CommandFailure) {
        if cRenames.isEmpty { return }
        let known = Self.renamableNames(in: model.resolve)
        if let unknown = cRenames.keys.sorted().first(where: { !known.contains($0) }) {
            throw .failure("--c-rename \(unknown)=\(cRenames[unknown] ?? ""): no interface `\(unknown)` in \(input) or its dependencies")
        }
    }

    /// What a `--c-rename` can name, as the C back end looks renames up: each interface of a
    /// package as `namespace:package/interface@version` (no `@` without a version), and the
    /// name of each interface or function a world declares under a plain name.
    static func renamableNames(in resolve: Resolve) -> Set<String> {
        var names = Set<String>()
        for interface in resolve.interfaces {
            guard let name = interface.name else { continue }
            names.insert(interface.package.map { resolve[$0].name.qualifying(name) } ?? name)
        }
        for world in resolve.worlds {
            for case .name(let name) in world.imports.keys + world.exports.keys { names.insert(name) }
        }
        return names
    }
}
