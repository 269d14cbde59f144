import Glibc
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
    var features = Set<String>()
    var allFeatures = false
    /// How long a run waits for another one writing the same output folder (`--lock-wait`).
    var lockWaitSeconds = 60

    static let backEnds = ["swift", "c", "docs"]

    init(arguments: [String]) {
        var index = 0
        func value(_ option: String) -> String {
            guard index + 1 < arguments.count else { usageError("\(option) needs a value") }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--input": input = value(argument)
            case "--output":
                output = value(argument)
                if output.isEmpty { usageError("--output needs a folder; an empty path is not one (use --output . for this folder)") }
            case "--only":
                only = Set(value(argument).split(separator: ",").map { $0.trimmedOfSpaces })
                for name in only where !Self.backEnds.contains(name) {
                    usageError("unknown or not yet available back end `\(name)` (available: \(Self.backEnds.joined(separator: ", ")))")
                }
            case "--check": check = true
            case "--features": features.formUnion(value(argument).commaSeparatedNames)
            case "--all-features": allFeatures = true
            case "--swift-module": swiftModule = value(argument)
            case "--single-file":
                let name = value(argument)
                guard OutputWriter.isPlainFileName(name) else {
                    usageError("--single-file needs a plain file name (no `/`, not `.` or `..`, not empty), got `\(name)`; the file goes in \(output)/Swift/")
                }
                singleFile = name
            case "--world": world = value(argument)
            case "--c-rename":
                let rename = value(argument)
                guard let equals = rename.firstIndex(of: "="), equals != rename.startIndex,
                      rename.index(after: equals) != rename.endIndex else {
                    usageError("--c-rename needs INTERFACE=PREFIX (e.g. wasi:sockets/tcp@0.2.12=tcp), got `\(rename)`")
                }
                cRenames[String(rename[..<equals])] = String(rename[rename.index(after: equals)...])
            case "--c-world-name": cWorldName = value(argument)
            case "--lock-wait":
                let text = value(argument)
                guard let seconds = Int(text), seconds >= 0, seconds <= 86_400 else {
                    usageError("--lock-wait needs a number of seconds from 0 to 86400, got `\(text)`")
                }
                lockWaitSeconds = seconds
            default: usageError("unknown option \(argument) for generate")
            }
            index += 1
        }
        if input.isEmpty { usageError("--input needs a path; an empty path is not one") }
    }

    func run() -> Never {
        let model = loadModel(path: input, features: features, allFeatures: allFeatures)
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
        let worlds = only.contains("c") || only.contains("docs") ? cWorlds(model) : []
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
        let outputPath = output, outputFolder = openOutputFolder(), readingStaleText = check
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
                fail("two worlds would both write C/\(file.path); generate one with --world and --c-world-name", code: 1)
            }
        }
        do {
            // Every folder is planned before anything is written: a foreign file anywhere means nothing is written.
            var plans: [OutputWriter.Plan] = []
            for result in results { plans.append(try result.plan.get()) }
            if check {
                let changes = plans.flatMap(\.changes)
                var report = StaleReport()
                for change in changes {
                    if let text = report.add(path: change.path, old: change.old ?? "", new: change.new ?? "") { print(text) }
                }
                if let closingLine = report.closingLine { print(closingLine) }
                if !changes.isEmpty {
                    FileSystem.writeError("error: \(output)/ is stale; run `swift run witgen generate`\n")
                    exit(1)
                }
                print("witgen: \(output)/ is up to date")
                exit(0)
            }
            // The folders are written side by side too: creating and renaming files is most
            // of the time left once the back ends are done. Each file is still written
            // atomically; a failure in one folder is reported (the first, in folder order)
            // after the others are done.
            guard let outputFolder else { fail("internal error: no output folder to write", code: 1) }
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
                    FileSystem.writeError("witgen: note: \(TerminalText.inert(path)) changed while witgen generate ran and no longer starts with a generated-file header; left in place\n")
                }
            }
            print("witgen: \(total.written.count) written, \(total.unchanged.count) unchanged, \(total.removed.count) removed")
            exit(0)
        } catch {
            switch error {
            case .foreignFile(let path):
                fail("\(path) exists and was not generated by witgen (no generated-file header); refusing to overwrite it", code: 1)
            case .io(let message):
                fail(message, code: 1)
            }
        }
    }
}

extension GenerateCommand {
    /// The output folder, locked against other runs of `generate`: created (with its missing
    /// parents) and locked exclusively to write; to `--check`, locked shared when it exists
    /// (`nil` when it does not). The folder itself may be a symbolic link (the user names it);
    /// nothing inside it is followed.
    func openOutputFolder() -> DirectoryHandle? {
        do throws(FileSystem.Failure) {
            if !check { try FileSystem.createDirectories(output) }
            guard let folder = try DirectoryHandle.open(output) else {
                if check { return nil }
                throw FileSystem.Failure("cannot open directory", output, errno: ENOENT)
            }
            try folder.lock(shared: check, waitingAtMost: lockWaitSeconds) {
                FileSystem.writeError("witgen: waiting for another witgen generate writing \(output)/ (at most \(lockWaitSeconds) s)\n")
            }
            return folder
        } catch {
            fail(error.message, code: 1)
        }
    }

    /// The worlds that get a C header: every world of the input package, or the `--world` one.
    func cWorlds(_ model: FrontEnd.Output) -> [WorldID] {
        let worlds: [WorldID]
        if let world {
            guard let id = model.resolve.world(named: world, mainPackage: model.mainPackage) else {
                fail("no world `\(world)` in \(input) or its dependencies", code: 1)
            }
            worlds = [id]
        } else {
            worlds = CGenerator.worlds(of: model.mainPackage, in: model.resolve)
        }
        if cWorldName != nil, worlds.count > 1 {
            usageError("--c-world-name renames one world; the package has \(worlds.count) (choose one with --world)")
        }
        return worlds
    }
}
