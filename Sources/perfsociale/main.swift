import Foundation
import Documents
import ODFTemplates
import OfficePackaging
import PerfSocialeApp
import Spreadsheet
import TrainingWorkbook
import WorkbookSpreadsheet

/// Exit codes: 0 success, 1 invalid workbook or template, 2 usage, 3 environment (output folder, missing tool).
enum ExitCode {
    static let invalid: Int32 = 1
    static let usage: Int32 = 2
    static let environment: Int32 = 3
}

/// Ends the process with one of our exit codes after printing a French message on stderr.
struct Failure: Error {
    var code: Int32
    /// nil when everything was already said (the validation report).
    var message: String?
}

extension Failure {
    /// An environment failure (exit 3); when a signal stopped the run, the process dies of that signal instead, once
    /// the temporary files are gone (the caller removed them).
    init(interrupted error: EnvironmentError) {
        if error.signal != nil { Interruption.dieOfReceivedSignal() }
        self.init(code: ExitCode.environment, message: error.description)
    }
}

func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// The root help: the subcommands, what runs without any.
let rootHelp = """
Transforme un classeur JSON de formation « performance sociale » en documents bureautiques.

Usage : perfsociale [generate] [CLASSEUR] [options]
        perfsociale <commande> [arguments] [options]

Commandes :
  generate    \(Generate.spec.abstract)
  validate    \(Validate.spec.abstract)
  init        \(Init.spec.abstract)
  convert     \(Convert.spec.abstract)
  template    \(TemplateCommand.spec.abstract)
  fields      \(Fields.spec.abstract)
  report      \(Report.spec.abstract)
  attendance  \(AttendanceCommand.spec.abstract)

  perfsociale <commande> --help détaille une commande ; perfsociale --version donne la version.

Sans argument, perfsociale génère tous les documents du classeur d'exemple intégré dans ./Output.
Codes de sortie : 0 succès, 1 classeur ou modèle invalide, 2 usage (option ou fichier introuvable), 3 environnement (dossier de sortie, outil manquant).
"""

/// The folder holding a file given on the command line (`.` for a bare file name): relative pictures are found there.
func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// Loads and validates a workbook (nil: the built-in example); prints its diagnostics; throws exit 1 when it has errors.
func loadValid(_ path: String?, quiet: Bool) throws -> (Workbook, [UInt8]) {
    let bytes: [UInt8]
    if let path {
        do { bytes = try WorkbookLoader.readFile(path) } catch { throw Failure(code: ExitCode.usage, message: error.description) }
    } else {
        do { bytes = try TemplateResources.file("example-workbook.json") } catch {
            throw Failure(code: ExitCode.environment, message: error.description)
        }
    }
    let report = WorkbookSource.decode(bytes: bytes, baseDirectory: path.map(folder(of:)), jobs: classeurSheetJobs)
    let errors = report.errors
    if !quiet || !errors.isEmpty { for d in report.diagnostics where !quiet || d.isError { printError(d.description) } }
    guard let workbook = report.workbook, errors.isEmpty else {
        throw Failure(code: ExitCode.invalid, message: "\(path ?? "exemple intégré") : \(errors.count) erreur(s) ; aucun fichier écrit.")
    }
    return (workbook, bytes)
}

struct Generate {
    static let spec = CommandSpec(
        name: "generate",
        abstract: "Génère les documents d'un classeur (par défaut : l'exemple intégré) dans le dossier de sortie.",
        discussion: """
        Types (--only) : \(DocumentRegistry.kinds.map(\.rawValue).joined(separator: ", ")).
        Le dossier de sortie est mis à jour d'un bloc : en cas d'erreur, rien n'est écrit et la sortie précédente reste intacte.
        """,
        positionals: [("CLASSEUR", "Classeur JSON (par défaut : l'exemple intégré).", false)],
        options: [
            OptionSpec(long: "output", short: "o", valueName: "DOSSIER", help: "Dossier de sortie (par défaut : Output)."),
            OptionSpec(long: "only", valueName: "KIND,KIND…", help: "Ne génère que ces types, séparés par des virgules."),
            OptionSpec(long: "spreadsheet", valueName: "FORMAT", help: "Format du tableau de bord : xlsx (par défaut), ods ou both."),
            OptionSpec(long: "template", valueName: "KIND=PATH", help: "Modèle .odt de l'utilisateur pour un type de texte (répétable)."),
            OptionSpec(long: "pdf", help: "Convertit aussi chaque document en PDF (LibreOffice requis)."),
            OptionSpec(long: "quiet", short: "q", help: "N'affiche que les erreurs."),
        ])

    var workbook: String?
    var output = "Output"
    var only: String?
    var spreadsheet = "xlsx"
    var templates: [String] = []
    var pdf = false
    var quiet = false

    init(_ a: ParsedArguments) throws(UsageError) {
        workbook = a.positionals.first
        output = a.value("output") ?? output
        only = a.value("only")
        spreadsheet = a.value("spreadsheet") ?? spreadsheet
        templates = a.all("template")
        pdf = a.flag("pdf")
        quiet = a.flag("quiet")
        func fail(_ m: String) -> UsageError { UsageError(message: m, command: Generate.spec.name) }
        if let only {
            let kinds = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // An empty list would make a run that writes nothing and drop every earlier file.
            guard !kinds.isEmpty else {
                throw fail("--only attend au moins un type (types : \(DocumentRegistry.kinds.map(\.rawValue).joined(separator: ", ")))")
            }
            for k in kinds where DocumentRegistry.spec(DocumentKind(k)) == nil {
                throw fail("type inconnu « \(k) » dans --only (types : \(DocumentRegistry.kinds.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        guard GenerateOptions.SpreadsheetFormat(rawValue: spreadsheet) != nil else {
            throw fail("--spreadsheet attend xlsx, ods ou both (trouvé : « \(spreadsheet) »)")
        }
        for t in templates {
            let parts = t.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let kind = DocumentRegistry.kind(named: String(parts[0])), DocumentRegistry.spec(kind)?.template != nil else {
                throw fail("--template attend KIND=PATH avec KIND parmi \(DocumentRegistry.templated.map(\.kind.rawValue).joined(separator: ", ")) (trouvé : « \(t) »)")
            }
        }
    }

    func run() throws {
        let started = Date()
        var options = GenerateOptions()
        if let only { options.only = Set(only.split(separator: ",").map { DocumentKind($0.trimmingCharacters(in: .whitespaces)) }) }
        options.spreadsheet = GenerateOptions.SpreadsheetFormat(rawValue: spreadsheet) ?? .xlsx
        for t in templates {
            let parts = t.split(separator: "=", maxSplits: 1).map(String.init)
            if let kind = DocumentRegistry.kind(named: parts[0]) { options.templates[kind] = parts[1] }
            // Like a missing workbook: a usage error (exit 2), found before anything is created.
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parts[1], isDirectory: &isFolder), !isFolder.boolValue else {
                throw Failure(code: ExitCode.usage, message: "modèle introuvable : « \(parts[1]) » (--template \(parts[0])=…)")
            }
        }
        options.pdf = pdf
        if pdf && PDFExporter.findSoffice() == nil {
            throw Failure(code: ExitCode.environment, message: PDFExporter.installHint)
        }
        let progress = Progress(enabled: !quiet && isatty(STDOUT_FILENO) != 0)
        progress.say("lecture et validation du classeur…")
        // The workbook's bytes are only needed for their SHA-256: hashed now, not held through the run.
        let (wb, workbookSha256) = try { () throws -> (Workbook, String) in
            let (wb, bytes) = try loadValid(workbook, quiet: quiet)
            return (wb, SHA256.hex(bytes))
        }()
        FreedMemory.returnToSystem()
        if wb.participants.count >= 10_000 { FreedMemory.mapLargeBlocksApart() }
        // From here until the switch, Ctrl-C and SIGTERM stop the run cleanly (OutputUpdate, Interruption).
        Interruption.install()
        let update: OutputUpdate
        do { update = try OutputUpdate(output) } catch { throw Failure(interrupted: error) }
        let folder = OutputFolder(path: update.staging)
        let staging = update.staging

        let generator = Generator(workbook: wb, options: options)
        // Without PDFs to make, each file is written into the staging folder (and hashed) by the core that made it,
        // as soon as it is made; with PDFs, LibreOffice needs them all first.
        let writeAsMade = !options.pdf
        progress.say("classeur valide ; génération des documents…")
        var files: [GeneratedFile] = []
        var fileCount = 0
        do {
            let context = try generator.context()
            files = try generator.documents(context, stagingIn: writeAsMade ? (folder, staging) : nil)
            if options.pdf {
                progress.say("conversion en PDF (LibreOffice)…")
                try folder.stage(files, in: staging)
                let convertible = files.filter { $0.format != .zip && !($0.format == .ods && options.spreadsheet == .both) }
                let pdfs = try PDFExporter.convert(files: convertible.map(\.path), in: staging)
                for f in convertible {
                    guard let pdf = pdfs[f.path] else { continue }
                    let (dir, stem) = PDFExporter.split(f.path)
                    let name = (dir.isEmpty ? "" : dir + "/") + stem + ".pdf"
                    files.append(GeneratedFile(path: name, kind: f.kind, format: .pdf, organization: f.organization,
                                               participant: f.participant, combined: f.combined, bytes: pdf))
                }
                // Start again from an empty staging folder: it holds files the options may not want.
                try update.emptyStaging()
            }
            progress.say("dossiers des participants…")
            files.append(contentsOf: try generator.assembled(from: files, context: context, stagingIn: writeAsMade ? (folder, staging) : nil))
            files.removeAll { !options.wants($0.kind) }
            progress.say("écriture de \(files.count) fichier(s)…")
            var entries = try folder.stage(files.filter { $0.staged == nil }, in: staging)
            entries.reserveCapacity(files.count)
            for f in files { if let e = f.manifestEntry { entries.append(e) } }
            // The manifest says all that is left to say about them: the list goes before the manifest is sorted and
            // written (500,000 files: 60 MB each).
            fileCount = files.count
            files = []
            let manifest = Manifest(workbookSha256: workbookSha256, files: consume entries)
            progress.say("mise en place (manifest.json)…")
            try update.commit(manifest)
            progress.say("terminé")
        } catch let e as GenerationError {
            update.abandon()
            if case .environment(let env) = e { throw Failure(interrupted: env) }
            throw Failure(code: e.exitCode, message: e.description)
        } catch let e as EnvironmentError {
            update.abandon()
            throw Failure(interrupted: e)
        }
        if !quiet { for note in update.notes { printError("perfsociale : " + note) } }
        if !quiet {
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            print("\(fileCount) fichier(s) écrit(s) dans \(output)/ (manifest.json) en \(ms) ms.")
        }
    }
}

extension GenerationError {
    var exitCode: Int32 {
        switch self {
        case .template, .document: return ExitCode.invalid
        case .package, .environment: return ExitCode.environment
        }
    }
}

/// A progress line on stderr, only when stdout is a terminal. `PERFSOCIALE_TIMING=1` also prints the time of each phase.
struct Progress {
    let enabled: Bool
    let timing = ProcessInfo.processInfo.environment["PERFSOCIALE_TIMING"] != nil
    let start = DispatchTime.now()
    /// « rss 312 Mo (pic 340 Mo)  » from /proc/self/status (Linux), to see which phase holds the memory.
    static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ key: String) -> String {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
                  let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return "?" }
            return String(kb / 1024)
        }
        return "rss \(megabytes("VmRSS")) Mo (pic \(megabytes("VmHWM")) Mo)  "
    }

    /// « cpu 12.3 + 4.5 s  »: the process's user and system time so far (both cores), to see a phase's parallelism.
    static func cpu() -> String {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return "" }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return String(format: "cpu %.1f + %.1f s  ", seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    func say(_ s: String) {
        if timing {
            printError(String(format: "%7.1f ms  ", Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
                       + Progress.memory() + Progress.cpu() + s)
        }
        else if enabled { printError("… " + s) }
    }
}

struct Validate {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Vérifie un classeur : toutes les erreurs et tous les avertissements, avec leur chemin JSON.",
        discussion: "Code de sortie 0 si le classeur est valide (avertissements permis), 1 sinon.",
        positionals: [("CLASSEUR", "Classeur JSON à vérifier.", true)],
        options: [OptionSpec(long: "format", valueName: "FORMAT", help: "Format du rapport : text (par défaut) ou json.")])

    var workbook: String
    var format: String

    init(_ a: ParsedArguments) throws(UsageError) {
        workbook = a.positionals.first ?? ""
        format = a.value("format") ?? "text"
        guard format == "text" || format == "json" else {
            throw UsageError(message: "--format attend text ou json (trouvé : « \(format) »)", command: Validate.spec.name)
        }
    }

    func run() throws {
        let data: [UInt8]
        do { data = try WorkbookLoader.readFile(workbook) } catch { throw Failure(code: ExitCode.usage, message: error.description) }
        if WorkbookSource.isSpreadsheet(data) { FreedMemory.reuseLargeBlocks() }
        let report = WorkbookSource.decode(bytes: data, baseDirectory: folder(of: workbook), jobs: classeurSheetJobs)
        if format == "json" {
            print(report.jsonReport())
        } else {
            for d in report.diagnostics { print(d.description) }
            print(report.isValid
                ? "\(workbook) : valide (\(report.warnings.count) avertissement(s))."
                : "\(workbook) : \(report.errors.count) erreur(s), \(report.warnings.count) avertissement(s).")
        }
        if !report.isValid { throw Failure(code: ExitCode.invalid, message: nil) }
        // The process ends here: its workbook is not worth freeing on this thread.
        classeurSheetJobs.dispose(Leftovers(report))
    }
}

struct Init {
    static let spec = CommandSpec(
        name: "init",
        abstract: "Écrit un classeur de départ (JSON avec son schéma, ou tableur .ods / .xlsx) qui se valide.",
        discussion: """
        classeur.json : un classeur JSON commenté et son schéma workbook.schema.json à côté.
        classeur.ods ou classeur.xlsx : le même classeur en tableur, une feuille par partie, une ligne d'exemple par feuille
        (--empty : les en-têtes seuls).
        """,
        positionals: [("FICHIER", "Fichier à créer (par défaut : classeur.json).", false)],
        options: [OptionSpec(long: "force", help: "Remplace le fichier s'il existe."),
                  OptionSpec(long: "empty", help: "Tableur seulement : les feuilles sans leurs lignes d'exemple.")])

    var file: String
    var force: Bool
    var empty: Bool

    init(_ a: ParsedArguments) {
        file = a.positionals.first ?? "classeur.json"
        force = a.flag("force")
        empty = a.flag("empty")
    }

    func run() throws {
        if let format = classeurFormat(of: file) {
            let starter: [UInt8]
            do { starter = try TemplateResources.file("classeur-example.json") } catch {
                throw Failure(code: ExitCode.environment, message: "\(error)")
            }
            let bytes = try writeClasseur(try JSONParser.parse(starter), format, empty: empty)
            try writeNamedFile(file, bytes, force: force)
            print("\(file) écrit. Remplissez-le dans LibreOffice ou Excel, puis : perfsociale validate \(file)")
            return
        }
        let fm = FileManager.default
        let schemaFile = folder(of: file) + "/workbook.schema.json"
        // Both files are checked before either is written: a refusal changes nothing.
        if !force, let existing = [file, schemaFile].first(where: { fm.fileExists(atPath: $0) }) {
            throw Failure(code: ExitCode.environment, message: "« \(existing) » existe déjà (--force pour le remplacer)")
        }
        let starterData: Data, schemaData: Data
        do {
            starterData = Data(try TemplateResources.file("starter-workbook.json"))
            schemaData = Data(try TemplateResources.file("workbook.schema.json"))
        } catch {
            throw Failure(code: ExitCode.environment, message: "\(error)")
        }
        try writeNamedFile(file, [UInt8](starterData), force: force)
        try writeNamedFile(schemaFile, [UInt8](schemaData), force: force)
        print("\(file) écrit (schéma : workbook.schema.json). Vérifiez-le avec : perfsociale validate \(file)")
    }
}

/// Writes a file the user named. Without `force` an existing file is never replaced (O_EXCL: not even one that
/// appears meanwhile); with it, the new content replaces the old in one rename.
func writeNamedFile(_ path: String, _ bytes: [UInt8], force: Bool) throws {
    func failure(_ reason: String) -> Failure { Failure(code: ExitCode.environment, message: "écriture de « \(path) » impossible : \(reason)") }
    let target = force ? path + ".perfsociale-tmp-\(getpid())" : path
    let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
        if errno == EEXIST && !force { throw Failure(code: ExitCode.environment, message: "« \(path) » existe déjà (--force pour le remplacer)") }
        throw failure(String(cString: strerror(errno)))
    }
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else {
            let reason = String(cString: strerror(errno))
            close(fd); unlink(target)
            throw failure(reason)
        }
        done += n
    }
    close(fd)
    if force && rename(target, path) != 0 {
        let reason = String(cString: strerror(errno))
        unlink(target)
        throw failure(reason)
    }
}

struct TemplateCommand {
    static let spec = CommandSpec(
        name: "template",
        abstract: "Écrit le modèle livré d'un type de texte en .odt, pour le personnaliser dans LibreOffice.",
        discussion: "Types : \(DocumentRegistry.templated.map(\.kind.rawValue).joined(separator: ", ")). Ensuite : perfsociale generate --template KIND=FICHIER.odt",
        positionals: [("KIND", "Type de document.", true)],
        options: [OptionSpec(long: "output", short: "o", valueName: "FICHIER", help: "Fichier .odt à écrire (par défaut : modele-KIND.odt)."),
                  OptionSpec(long: "force", help: "Remplace le fichier s'il existe.")])

    var kind: String
    var output: String?
    var force: Bool

    init(_ a: ParsedArguments) throws(UsageError) {
        kind = a.positionals.first ?? ""
        output = a.value("output")
        force = a.flag("force")
        try checkKind(kind, command: TemplateCommand.spec.name)
    }

    func run() throws {
        let target = output ?? "modele-\(kind).odt"
        guard let spec = DocumentRegistry.kind(named: kind).flatMap(DocumentRegistry.spec) else {
            throw Failure(code: ExitCode.usage, message: "type inconnu « \(kind) »")
        }
        let bytes: [UInt8]
        do { bytes = try DocumentRegistry.packShipped(spec) } catch {
            throw Failure(code: ExitCode.environment, message: "\(error)")
        }
        try writeNamedFile(target, bytes, force: force)
        let use = spec.madeFromWorkbook ? "perfsociale generate --template \(kind)=\(target)" : "perfsociale \(kind) … --template \(target)"
        print("\(target) écrit. Modifiez-le dans LibreOffice puis : \(use)")
    }
}

struct Fields {
    static let spec = CommandSpec(
        name: "fields",
        abstract: "Liste les champs et les boucles disponibles dans le modèle d'un type de texte.",
        positionals: [("KIND", "Type de document.", true)])

    var kind: String

    init(_ a: ParsedArguments) throws(UsageError) {
        kind = a.positionals.first ?? ""
        try checkKind(kind, command: Fields.spec.name)
    }

    func run() throws {
        guard let spec = DocumentRegistry.kind(named: kind).flatMap(DocumentRegistry.spec) else {
            throw Failure(code: ExitCode.usage, message: "type inconnu « \(kind) »")
        }
        print(DocumentRegistry.describeFields(spec), terminator: "")
    }
}

// libzip turns our fixed zip timestamps into time_t and back through the local time zone, and glibc re-reads
// /etc/localtime at every conversion. Pinning the process to UTC makes the bytes independent of the machine's zone
// (and saves thousands of stat calls on a large session). No date of ours ever comes from the clock.
setenv("TZ", "UTC", 1)

/// A text kind known to the template engine, or a usage error naming the kinds.
func checkKind(_ kind: String, command: String) throws(UsageError) {
    guard let named = DocumentRegistry.kind(named: kind), DocumentRegistry.spec(named)?.template != nil else {
        throw UsageError(message: "type inconnu « \(kind) » (types : \(DocumentRegistry.templated.map(\.kind.rawValue).joined(separator: ", ")))",
                         command: command)
    }
}

/// Parses the subcommand's arguments and runs it; `--help` prints its help instead.
func dispatch(_ arguments: [String]) throws {
    let specs = [Generate.spec, Validate.spec, Init.spec, Convert.spec, TemplateCommand.spec, Fields.spec, Report.spec,
                 AttendanceCommand.spec]
    var rest = arguments[...]
    if let first = rest.first {
        if first == "--version" { print(PerfSocialeVersion.current); return }
        if first == "--help" || first == "-h" { print(rootHelp); return }
        if first == "help" {
            let named = rest.dropFirst().first.flatMap { name in specs.first { $0.name == name } }
            print(named?.help ?? rootHelp + "\n", terminator: "")
            return
        }
    }
    // No known subcommand first: `generate` (a workbook path, options, or nothing at all).
    let spec = rest.first.flatMap { name in specs.first { $0.name == name } } ?? Generate.spec
    if rest.first == spec.name { rest = rest.dropFirst() }
    let parsed = try ParsedArguments(rest, for: spec)
    if parsed.wantsHelp { print(spec.help, terminator: ""); return }
    switch spec.name {
    case Validate.spec.name: try Validate(parsed).run()
    case Init.spec.name: try Init(parsed).run()
    case Convert.spec.name: try Convert(parsed).run()
    case TemplateCommand.spec.name: try TemplateCommand(parsed).run()
    case Fields.spec.name: try Fields(parsed).run()
    case Report.spec.name: try Report(parsed).run()
    case AttendanceCommand.spec.name: try AttendanceCommand(parsed).run()
    default: try Generate(parsed).run()
    }
}

do {
    try dispatch(Array(CommandLine.arguments.dropFirst()))
} catch let failure as Failure {
    if let message = failure.message { printError("perfsociale : " + message) }
    exit(failure.code)
} catch let usage as UsageError {
    printError("perfsociale : " + usage.message)
    printError("Aide : perfsociale \(usage.command.map { $0 + " " } ?? "")--help")
    exit(ExitCode.usage)
} catch {
    printError("perfsociale : \(error)")
    exit(ExitCode.environment)
}
