/// The one reader of every command's options, so that they all follow the same rules:
///
/// - An option is `--name`; one that takes a value takes it as `--name=value` or as
///   `--name value` (the next argument, whatever it is). A flag takes none: `--check=yes`
///   is a usage error.
/// - A name the command does not know is a usage error (`unknown option …`), and so is
///   anything else that starts with `-`.
/// - A single-valued option may be given again only with the same value: two different
///   values are a usage error naming both.
/// - Other arguments are operands, in order, for the command to check.
struct OptionParser {
    enum Kind {
        /// Present or not (`--check`).
        case flag
        /// One value (`--output DIR`).
        case single
        /// Any number of occurrences, each value kept, in order (`--c-rename`, `--features`).
        case repeated
    }

    /// The options read from a command line.
    struct Options {
        var flags: Set<String> = []
        var values: [String: String] = [:]
        var repeatedValues: [String: [String]] = [:]
        var operands: [String] = []

        /// Whether the flag or option `name` was given.
        func has(_ name: String) -> Bool {
            flags.contains(name) || values[name] != nil || repeatedValues[name] != nil
        }
    }

    /// Each option's name (with its `--`) and kind.
    let kinds: [String: Kind]
    /// What follows `unknown option ARGUMENT` in that message (` for generate`).
    let unknownOptionContext: String

    init(_ kinds: [String: Kind], unknownOptionContext: String = "") {
        self.kinds = kinds
        self.unknownOptionContext = unknownOptionContext
    }

    func parse(_ arguments: [String]) throws(CommandFailure) -> Options {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                options.operands.append(argument)
                continue
            }
            let name: String, attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            } else {
                name = argument
                attached = nil
            }
            guard let kind = kinds[name] else {
                throw .usage("unknown option \(argument)\(unknownOptionContext)")
            }
            if kind == .flag {
                if attached != nil { throw .usage("\(name) takes no value, got `\(argument)`") }
                options.flags.insert(name)
                continue
            }
            let value: String
            if let attached {
                value = attached
            } else {
                guard index < arguments.count else { throw .usage("\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            if kind == .repeated {
                options.repeatedValues[name, default: []].append(value)
            } else if let earlier = options.values.updateValue(value, forKey: name), earlier != value {
                throw .usage("\(name) is given twice, as `\(earlier)` and as `\(value)`; it takes one value")
            }
        }
        return options
    }
}
