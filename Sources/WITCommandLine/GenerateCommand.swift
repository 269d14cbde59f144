#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WIT
import WITGenerator

/// `witgen generate`: reads a WIT package and writes every back end's output.
struct GenerateCommand {
    var input = "Interfaces"
    var output = "Generated"
    var only: Set<String> = Set(GenerateCommand.backEnds)
    var check = false
    var swiftModule = "WASINetworking"
    var singleFile: String?
    var world: String?
    /// `--c-rename INTERFACE=PREFIX`, by interface.
    var cRenames: [String: String] = [:]
    var cWorldName: String?
    var features: FeatureSelection
    /// How long a run waits for another one writing the same output folder (`--lock-wait`).
    var lockWaitSeconds = 60

    static let backEnds = ["swift", "c", "docs"]

    /// Every option of `generate`, for the one `OptionParser`.
    static let options: [String: OptionParser.Kind] = FeatureSelection.options.merging([
        "--input": .single, "--output": .single, "--only": .single, "--check": .flag, "--swift-module": .single,
        "--single-file": .single, "--world": .single, "--c-rename": .repeated, "--c-world-name": .single,
        "--lock-wait": .single,
    ]) { first, _ in first }

    /// Reads and checks the options; a usage error for anything wrong with them.
    init(arguments: [String]) throws(CommandFailure) {
        let options = try OptionParser(Self.options, unknownOptionContext: " for generate").parse(arguments)
        // `generate` takes no operands: one is most likely a misspelt option.
        if let operand = options.operands.first { throw .usage("unknown option \(operand) for generate") }
        check = options.flags.contains("--check")
        if let value = options.values["--input"] { input = value }
        if input.isEmpty { throw .usage("--input needs a path; an empty path is not one") }
        if let value = options.values["--output"] { output = value }
        if output.isEmpty { throw .usage("--output needs a folder; an empty path is not one (use --output . for this folder)") }
        if let list = options.values["--only"] {
            only = Set(list.split(separator: ",").map { $0.trimmedOfSpaces })
            for name in only where !Self.backEnds.contains(name) {
                throw .usage("unknown or not yet available back end `\(name)` (available: \(Self.backEnds.joined(separator: ", ")))")
            }
            if only.isEmpty {
                throw .usage("--only needs at least one back end (available: \(Self.backEnds.joined(separator: ", ")))")
            }
        }
        features = try FeatureSelection(options)
        if let value = options.values["--swift-module"] { swiftModule = value }
        if let name = options.values["--single-file"] {
            guard OutputWriter.isPlainFileName(name) else {
                throw .usage("--single-file needs a plain file name (no `/`, not `.` or `..`, not empty), got `\(name)`; the file goes in \(output)/Swift/")
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
        cWorldName = options.values["--c-world-name"]
        if let text = options.values["--lock-wait"] {
            guard let seconds = Int(text), seconds >= 0, seconds <= 86_400 else {
                throw .usage("--lock-wait needs a number of seconds from 0 to 86400, got `\(text)`")
            }
            lockWaitSeconds = seconds
        }
    }

    /// Generates (or, under `--check`, compares) every back end's output; what it prints goes
    /// to `streams`.
    func run(printingTo streams: some CommandOutput) throws(CommandFailure) -> ExitCode {
        let model = try Witgen.loadModel(path: input, features: features, output: streams)
        try checkRenames(model)
        // Every back end is one job; they share nothing but the model, so they run side by side.
        var jobs: [@Sendable () -> (folder: String, files: [GeneratedFile])] = []
        let resolve = model.resolve
        let sourceDescription = "\(input)/"
        if only.contains("swift") {
            let options = SwiftGenerator.Options(moduleName: swiftModule, sourceDescription: sourceDescription)
            let folder = "Swift", singleFile = singleFile
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
            let folder = "C", mainPackage = model.mainPackage
            jobs.append { (folder, CGenerator(resolve: resolve, options: cOptions).headers(of: mainPackage, worlds: worlds)) }
        }
        if only.contains("docs") {
            let options = MarkdownGenerator.Options(swiftModule: swiftModule, sourceDescription: sourceDescription)
            let folder = "Docs"
            jobs.append {
                let cNames = CNamePlan(resolve: resolve, options: cOptions, worlds: worlds)
                return (folder, MarkdownGenerator(resolve: resolve, options: options, cNames: cNames).generate())
            }
        }
        // The output folder is created (when missing, empty) and locked first. Each job then
        // plans its folder in it (reading what is there now): planning writes nothing.
        // A stale file's text is only read to show it in `--check`'s diff.
        let outputPath = output, outputFolder = try openOutputFolder(printingTo: streams), readingStaleText = check
        let results = ParallelJobs.run(jobs.map { job in
            { @Sendable in
                let (folder, generated) = job()
                let plan = Result { () throws(OutputWriter.Failure) in
                    try OutputWriter.plan(generated, folderName: folder, in: outputFolder, outputPath: outputPath,
                                          readingStaleText: readingStaleText)
                }
                return (folder: folder, files: generated, plan: plan)
            }
        })
        if let cFiles = results.first(where: { $0.folder == "C" })?.files {
            var seen = Set<String>()
            for file in cFiles where !seen.insert(file.path).inserted {
                throw .failure("two worlds would both write C/\(file.path); generate one with --world and --c-world-name")
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
                    streams.printError("error: \(output)/ is stale; run `swift run witgen generate`\n")
                    return .failure
                }
                streams.printLine("witgen: \(output)/ is up to date")
                return .success
            }
            // The folders are written side by side too: creating and renaming files is most
            // of the time left once the back ends are done. Each file is still written
            // atomically; a failure in one folder is reported (the first, in folder order)
            // after the others are done.
            guard let outputFolder else { throw .io("internal error: no output folder to write") }
            let applied = ParallelJobs.run(plans.map { plan in
                { @Sendable in
                    Result { () throws(OutputWriter.Failure) in try OutputWriter.apply(plan, in: outputFolder) }
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
    /// The output folder, locked against other runs of `generate`: created (with its missing
    /// parents) and locked exclusively to write; to `--check`, locked shared when it exists
    /// (`nil` when it does not). The folder itself may be a symbolic link (the user names it);
    /// nothing inside it is followed.
    func openOutputFolder(printingTo streams: some CommandOutput) throws(CommandFailure) -> DirectoryHandle? {
        do throws(FileSystem.Failure) {
            if !check { try FileSystem.createDirectories(output) }
            guard let folder = try DirectoryHandle.open(output) else {
                if check { return nil }
                throw FileSystem.Failure("cannot open directory", output, errno: ENOENT)
            }
            try folder.lock(shared: check, waitingAtMost: lockWaitSeconds) {
                streams.printError("witgen: waiting for another witgen generate writing \(output)/ (at most \(lockWaitSeconds) s)\n")
            }
            return folder
        } catch {
            throw .failure(error.message)
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
