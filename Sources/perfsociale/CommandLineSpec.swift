import Foundation
import Documents
import ODFTemplates
import PerfSocialeApp
import TrainingWorkbook

// The command line, parsed by hand: five subcommands with a handful of options each do not need a reflection-based
// parser, and every run (a trainer's, or a federation's thousand certificates) would pay about 3 ms to start one.

/// A usage error: exit code 2, with the subcommand whose help to point at.
struct UsageError: Error {
    var message: String
    var command: String?
}

/// One option of a subcommand: `--long VALUE` (or `--long=VALUE`), `-s VALUE`, or a flag without value.
struct OptionSpec {
    var long: String
    var short: Character? = nil
    /// nil for a flag.
    var valueName: String? = nil
    var help: String
}

/// A subcommand: what it takes, and the text of its `--help`.
struct CommandSpec {
    var name: String
    var abstract: String
    var discussion: String = ""
    /// Positional arguments, in order: (name, help, required).
    var positionals: [(name: String, help: String, required: Bool)] = []
    var options: [OptionSpec] = []
    /// The last positional takes any number of values (`attendance import RAPPORT…`).
    var repeatsLastPositional = false

    func option(long: String) -> OptionSpec? { options.first { $0.long == long } }
    func option(short: Character) -> OptionSpec? { options.first { $0.short == short } }

    var help: String {
        var out = abstract + "\n\nUsage : perfsociale \(name)"
        for p in positionals { out += p.required ? " \(p.name)" : " [\(p.name)]" }
        if repeatsLastPositional { out += "…" }
        if !options.isEmpty { out += " [options]" }
        out += "\n"
        if !positionals.isEmpty {
            out += "\nArguments :\n"
            for p in positionals { out += "  " + p.name.padding(toLength: 28, withPad: " ", startingAt: 0) + p.help + "\n" }
        }
        out += "\nOptions :\n"
        for o in options + [OptionSpec(long: "help", short: "h", help: "Affiche cette aide.")] {
            var left = (o.short.map { "-\($0), " } ?? "    ") + "--" + o.long
            if let v = o.valueName { left += " " + v }
            out += "  " + left.padding(toLength: max(28, left.count + 2), withPad: " ", startingAt: 0) + o.help + "\n"
        }
        if !discussion.isEmpty { out += "\n" + discussion + "\n" }
        return out
    }
}

/// What a subcommand was given.
struct ParsedArguments {
    var positionals: [String] = []
    /// Option values by long name, in the order given (repeatable options keep them all).
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var wantsHelp = false

    /// The last value given for an option.
    func value(_ long: String) -> String? { values[long]?.last }
    func all(_ long: String) -> [String] { values[long] ?? [] }
    func flag(_ long: String) -> Bool { flags.contains(long) }

    init(_ arguments: ArraySlice<String>, for spec: CommandSpec) throws(UsageError) {
        var rest = arguments[...]
        var onlyPositionals = false
        func fail(_ message: String) -> UsageError { UsageError(message: message, command: spec.name) }
        while let argument = rest.popFirst() {
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "--help" || argument == "-h" { wantsHelp = true; continue }
            let option: OptionSpec
            var inline: String? = nil
            if argument.hasPrefix("--") {
                var name = String(argument.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let o = spec.option(long: name) else { throw fail("option inconnue « --\(name) »") }
                option = o
            } else {
                let letters = argument.dropFirst()
                guard letters.count == 1, let letter = letters.first, let o = spec.option(short: letter) else {
                    throw fail("option inconnue « \(argument) »")
                }
                option = o
            }
            guard option.valueName != nil else {
                if inline != nil { throw fail("--\(option.long) ne prend pas de valeur") }
                flags.insert(option.long)
                continue
            }
            guard let value = inline ?? rest.popFirst() else {
                throw fail("--\(option.long) attend une valeur (\(option.valueName ?? ""))")
            }
            values[option.long, default: []].append(value)
        }
        if wantsHelp { return }
        if positionals.count > spec.positionals.count, !spec.repeatsLastPositional {
            throw fail("argument en trop : « \(positionals[spec.positionals.count]) »")
        }
        for (i, p) in spec.positionals.enumerated() where p.required && i >= positionals.count {
            throw fail("argument manquant : \(p.name)")
        }
    }
}
