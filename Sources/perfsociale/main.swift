import ArgumentParser
import Foundation
import PerfSociale

/// Exit codes: 0 success, 1 invalid workbook or template, 2 usage, 3 environment (output folder, missing tool).
enum ExitCode3 {
    static let invalid: Int32 = 1
    static let usage: Int32 = 2
    static let environment: Int32 = 3
}

/// Ends the process with one of our exit codes after printing a French message on stderr.
struct Failure: Error {
    var code: Int32
    var message: String
}

func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

struct Perfsociale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perfsociale",
        abstract: "Transforme un classeur JSON de formation « performance sociale » en documents bureautiques.",
        discussion: """
        Sans argument, perfsociale génère tous les documents du classeur d'exemple intégré dans ./Output.
        Codes de sortie : 0 succès, 1 classeur ou modèle invalide, 2 usage (option ou fichier introuvable), 3 environnement (dossier de sortie, outil manquant).
        """,
        version: PerfSocialeVersion.current,
        subcommands: [Generate.self, Validate.self, Init.self, TemplateCommand.self, Fields.self],
        defaultSubcommand: Generate.self
    )
}

/// The built-in example workbook, shipped in Templates/.
func builtInExamplePath() throws -> String {
    do { return try ResourceLocator.templatePath("example-workbook.json") } catch {
        throw Failure(code: ExitCode3.environment, message: error.description)
    }
}

/// Loads and validates a workbook; prints its diagnostics; throws exit 1 when it has errors.
func loadValid(_ path: String, quiet: Bool) throws -> (Workbook, [UInt8]) {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw Failure(code: ExitCode3.usage, message: "classeur « \(path) » introuvable ou illisible")
    }
    let bytes = [UInt8](data)
    let report = WorkbookLoader.decode(bytes: bytes, baseDirectory: (path as NSString).deletingLastPathComponent.isEmpty
        ? "." : (path as NSString).deletingLastPathComponent)
    let errors = report.errors
    if !quiet || !errors.isEmpty { for d in report.diagnostics where !quiet || d.isError { printError(d.description) } }
    guard let workbook = report.workbook, errors.isEmpty else {
        throw Failure(code: ExitCode3.invalid, message: "\(path) : \(errors.count) erreur(s) ; aucun fichier écrit.")
    }
    return (workbook, bytes)
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Génère les documents d'un classeur (par défaut : l'exemple intégré) dans le dossier de sortie.",
        discussion: """
        Types (--only) : \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).
        Le dossier de sortie est mis à jour d'un bloc : en cas d'erreur, rien n'est écrit et la sortie précédente reste intacte.
        """)

    @Argument(help: "Classeur JSON (par défaut : l'exemple intégré).")
    var workbook: String?

    @Option(name: .shortAndLong, help: "Dossier de sortie.")
    var output: String = "Output"

    @Option(help: ArgumentHelp("Ne génère que ces types, séparés par des virgules.", valueName: "KIND,KIND…"))
    var only: String?

    @Option(help: "Format du tableau de bord : xlsx, ods ou both.")
    var spreadsheet: String = "xlsx"

    @Option(name: .customLong("template"), help: ArgumentHelp("Modèle .odt de l'utilisateur pour un type de texte (répétable).", valueName: "KIND=PATH"))
    var templates: [String] = []

    @Flag(help: "Convertit aussi chaque document en PDF (LibreOffice requis).")
    var pdf = false

    @Flag(name: .shortAndLong, help: "N'affiche que les erreurs.")
    var quiet = false

    func validate() throws {
        if let only {
            for k in only.split(separator: ",") where DocumentKind(rawValue: k.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("type inconnu « \(k) » dans --only (types : \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        guard GenerateOptions.SpreadsheetFormat(rawValue: spreadsheet) != nil else {
            throw ValidationError("--spreadsheet attend xlsx, ods ou both (trouvé : « \(spreadsheet) »)")
        }
        for t in templates {
            let parts = t.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, TemplateCatalog.kind(named: String(parts[0])) != nil else {
                throw ValidationError("--template attend KIND=PATH avec KIND parmi \(TemplateCatalog.templatedKinds.map(\.rawValue).joined(separator: ", ")) (trouvé : « \(t) »)")
            }
        }
    }

    func run() throws {
        let started = Date()
        let path = try workbook ?? builtInExamplePath()
        var options = GenerateOptions()
        if let only { options.only = Set(only.split(separator: ",").compactMap { DocumentKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }) }
        options.spreadsheet = GenerateOptions.SpreadsheetFormat(rawValue: spreadsheet) ?? .xlsx
        for t in templates {
            let parts = t.split(separator: "=", maxSplits: 1).map(String.init)
            options.templates[TemplateCatalog.kind(named: parts[0])?.rawValue ?? parts[0]] = parts[1]
        }
        options.pdf = pdf
        if pdf && PDFExporter.findSoffice() == nil {
            throw Failure(code: ExitCode3.environment, message: PDFExporter.installHint)
        }
        let progress = Progress(enabled: !quiet && isatty(STDOUT_FILENO) != 0)
        progress.say("lecture et validation du classeur…")
        let folder = OutputFolder(path: output)
        // The output folder is checked on the other core while the workbook is read (both only read); a workbook
        // error is still the one reported when both are wrong.
        let ownership = InBackground { () throws(EnvironmentError) -> [String] in try folder.checkOwnership() }
        let (wb, bytes) = try loadValid(path, quiet: quiet)
        let previous: [String]
        do { previous = try ownership.value() } catch { throw Failure(code: ExitCode3.environment, message: error.description) }

        let generator = Generator(workbook: wb, options: options)
        var staging: String
        do { staging = try folder.makeStaging() } catch { throw Failure(code: ExitCode3.environment, message: error.description) }
        // Without PDFs to make, each file is written into the staging folder (and hashed) by the core that made it,
        // as soon as it is made; with PDFs, LibreOffice needs them all first.
        let writeAsMade = !options.pdf
        progress.say("classeur valide ; génération des documents…")
        var files: [GeneratedFile] = []
        do {
            files = try generator.documents(stagingIn: writeAsMade ? (folder, staging) : nil)
            if options.pdf {
                progress.say("conversion en PDF (LibreOffice)…")
                try folder.stage(files, in: staging)
                let convertible = files.filter { $0.format != .zip && !($0.format == .ods && options.spreadsheet == .both) }
                let pdfs = try PDFExporter.convert(files: convertible.map(\.path), in: staging)
                for f in convertible {
                    guard let pdf = pdfs[f.path] else { continue }
                    let name = (f.path as NSString).deletingPathExtension + ".pdf"
                    files.append(GeneratedFile(path: name, kind: f.kind, format: .pdf, organization: f.organization,
                                               participant: f.participant, combined: f.combined, bytes: pdf))
                }
                // Start again from an empty staging folder: it holds files the options may not want.
                folder.discard(staging: staging)
                staging = try folder.makeStaging()
            }
            if options.wants(.pack) {
                progress.say("dossiers des participants…")
                files.append(contentsOf: try generator.packs(from: files))
            }
            files = files.filter { options.wants($0.kind) }
            progress.say("écriture de \(files.count) fichier(s)…")
            let entries = files.compactMap(\.staged) + (try folder.stage(files.filter { $0.staged == nil }, in: staging))
            let manifest = Manifest(workbookSha256: SHA256.hex(bytes), files: entries)
            progress.say("mise en place (manifest.json)…")
            try folder.commit(staging: staging, manifest: manifest, previous: previous)
            progress.say("terminé")
        } catch let e as GenerationError {
            folder.discard(staging: staging)
            throw Failure(code: e.exitCode, message: e.description)
        } catch let e as EnvironmentError {
            folder.discard(staging: staging)
            throw Failure(code: ExitCode3.environment, message: e.description)
        }
        if !quiet {
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            print("\(files.count) fichier(s) écrit(s) dans \(output)/ (manifest.json) en \(ms) ms.")
        }
    }
}

extension GenerationError {
    var exitCode: Int32 {
        switch self {
        case .template, .templateFile, .document: return ExitCode3.invalid
        case .package, .environment: return ExitCode3.environment
        }
    }
}

/// Work started on another thread now, its result collected later.
final class InBackground<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, EnvironmentError>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws(EnvironmentError) -> T) {
        DispatchQueue.global().async {
            self.result = Result { () throws(EnvironmentError) -> T in try work() }
            self.done.signal()
        }
    }

    /// Waits for the work (the semaphore orders the write of `result` before this read).
    func value() throws(EnvironmentError) -> T {
        done.wait()
        done.signal()
        guard let result else { throw EnvironmentError("tâche interrompue") }
        return try result.get()
    }
}

/// A progress line on stderr, only when stdout is a terminal. `PERFSOCIALE_TIMING=1` also prints the time of each phase.
struct Progress {
    let enabled: Bool
    let timing = ProcessInfo.processInfo.environment["PERFSOCIALE_TIMING"] != nil
    let start = DispatchTime.now()
    func say(_ s: String) {
        if timing { printError(String(format: "%7.1f ms  ", Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6) + s) }
        else if enabled { printError("… " + s) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vérifie un classeur : toutes les erreurs et tous les avertissements, avec leur chemin JSON.",
        discussion: "Code de sortie 0 si le classeur est valide (avertissements permis), 1 sinon.")

    @Argument(help: "Classeur JSON à vérifier.")
    var workbook: String

    @Option(help: "Format du rapport : text ou json.")
    var format: String = "text"

    func validate() throws {
        guard format == "text" || format == "json" else { throw ValidationError("--format attend text ou json (trouvé : « \(format) »)") }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: workbook) else {
            throw Failure(code: ExitCode3.usage, message: "classeur « \(workbook) » introuvable ou illisible")
        }
        let report = WorkbookLoader.decode(bytes: [UInt8](data), baseDirectory: (workbook as NSString).deletingLastPathComponent)
        if format == "json" {
            print(report.jsonReport())
        } else {
            for d in report.diagnostics { print(d.description) }
            print(report.isValid
                ? "\(workbook) : valide (\(report.warnings.count) avertissement(s))."
                : "\(workbook) : \(report.errors.count) erreur(s), \(report.warnings.count) avertissement(s).")
        }
        if !report.isValid { throw ExitCode(ExitCode3.invalid) }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Écrit un classeur de départ commenté (avec son schéma JSON à côté) qui se valide.")

    @Argument(help: "Fichier à créer.")
    var file: String = "classeur.json"

    @Flag(help: "Remplace le fichier s'il existe.")
    var force = false

    func run() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: file) && !force {
            throw Failure(code: ExitCode3.environment, message: "« \(file) » existe déjà (--force pour le remplacer)")
        }
        do {
            let starter = try ResourceLocator.templatePath("starter-workbook.json")
            let schema = try ResourceLocator.templatePath("workbook.schema.json")
            guard let starterData = fm.contents(atPath: starter), let schemaData = fm.contents(atPath: schema) else {
                throw Failure(code: ExitCode3.environment, message: "modèles de départ introuvables dans Templates/")
            }
            let dir = (file as NSString).deletingLastPathComponent
            try starterData.write(to: URL(fileURLWithPath: file))
            try schemaData.write(to: URL(fileURLWithPath: (dir.isEmpty ? "." : dir) + "/workbook.schema.json"))
            print("\(file) écrit (schéma : workbook.schema.json). Vérifiez-le avec : perfsociale validate \(file)")
        } catch let f as Failure { throw f } catch {
            throw Failure(code: ExitCode3.environment, message: "écriture impossible : \(error.localizedDescription)")
        }
    }
}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Écrit le modèle livré d'un type de texte en .odt, pour le personnaliser dans LibreOffice.",
        discussion: "Types : \(TemplateCatalog.templatedKinds.map(\.rawValue).joined(separator: ", ")). Ensuite : perfsociale generate --template KIND=FICHIER.odt")

    @Argument(help: "Type de document.")
    var kind: String

    @Option(name: .shortAndLong, help: "Fichier .odt à écrire (par défaut : modele-KIND.odt).")
    var output: String?

    func validate() throws {
        guard TemplateCatalog.kind(named: kind) != nil else {
            throw ValidationError("type inconnu « \(kind) » (types : \(TemplateCatalog.templatedKinds.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws {
        let target = output ?? "modele-\(kind).odt"
        do {
            let bytes = try TemplateCatalog.packShipped(TemplateCatalog.kind(named: kind) ?? .objectives)
            try Data(bytes).write(to: URL(fileURLWithPath: target))
            print("\(target) écrit. Modifiez-le dans LibreOffice puis : perfsociale generate --template \(kind)=\(target)")
        } catch {
            throw Failure(code: ExitCode3.environment, message: "\(error)")
        }
    }
}

struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Liste les champs et les boucles disponibles dans le modèle d'un type de texte.")

    @Argument(help: "Type de document.")
    var kind: String

    func validate() throws {
        guard TemplateCatalog.kind(named: kind) != nil else {
            throw ValidationError("type inconnu « \(kind) » (types : \(TemplateCatalog.templatedKinds.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws { print(TemplateCatalog.describeFields(TemplateCatalog.kind(named: kind) ?? .objectives), terminator: "") }
}

// libzip turns our fixed zip timestamps into time_t and back through the local time zone, and glibc re-reads
// /etc/localtime at every conversion. Pinning the process to UTC makes the bytes independent of the machine's zone
// (and saves thousands of stat calls on a large session). No date of ours ever comes from the clock.
setenv("TZ", "UTC", 1)

// Our own exit codes: usage errors are 2 (ArgumentParser's default is 64).
do {
    var command = try Perfsociale.parseAsRoot()
    try command.run()
} catch let failure as Failure {
    printError("perfsociale : " + failure.message)
    exit(failure.code)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Perfsociale.exitCode(for: error)
    if code == .success {
        print(Perfsociale.fullMessage(for: error))
        exit(0)
    }
    printError(Perfsociale.fullMessage(for: error))
    exit(ExitCode3.usage)
}
