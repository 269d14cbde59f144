import WIT

/// `--features a,b` (repeatable: the lists add up) or `--all-features`: which
/// `@unstable(feature = …)` gates the front end opens, for `json` and `generate`.
struct FeatureSelection {
    /// The options, for a command's `OptionParser`.
    static let options: [String: OptionParser.Kind] = ["--features": .repeated, "--all-features": .flag]

    /// The features named, each without surrounding spaces, empty names left out.
    var names = Set<String>()
    /// Every gate is open.
    var all = false

    /// The selection the options make; giving both options is a usage error.
    init(_ options: OptionParser.Options) throws(CommandFailure) {
        all = options.flags.contains("--all-features")
        for list in options.repeatedValues["--features"] ?? [] { names.formUnion(list.commaSeparatedNames) }
        if all, options.has("--features") {
            throw .usage("--features and --all-features cannot be given together: --all-features already enables every feature")
        }
    }

    /// A warning line for each feature named that no gate in the input uses (a misspelt
    /// name would otherwise enable nothing, silently), in name order.
    func warnings(_ model: FrontEnd.Output, path: String) -> String {
        names.subtracting(model.featureNames).sorted().map { name in
            "witgen: warning: --features names `\(TerminalText.inert(name))`, but no @unstable(feature = …) "
                + "gate in \(TerminalText.inert(path)) or its dependencies uses it\n"
        }.joined()
    }
}

extension StringProtocol {
    /// The comma-separated names in the text, each without surrounding spaces and tabs,
    /// empty ones left out: `--features "a, b,"` names `a` and `b`, in every form of the option.
    var commaSeparatedNames: [String] {
        split(separator: ",").map { $0.trimmedOfSpaces }.filter { !$0.isEmpty }
    }

    /// The text without leading and trailing spaces and tabs.
    var trimmedOfSpaces: String {
        let utf8 = Substring(self).utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        return String(Substring(utf8[first...last]))
    }
}
