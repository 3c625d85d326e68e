import Foundation
import Documents
import ODFTemplates
import OfficePackaging
import PerfSocialeApp
import TrainingWorkbook

/// `perfsociale report DASHBOARD`: the governance report of a filled dashboard, into an output folder updated like
/// `generate`'s (all or nothing, manifest.json).
struct Report {
    static let spec = CommandSpec(
        name: "report",
        abstract: "Lit un tableau de bord rempli (XLSX ou ODS) et écrit le rapport aux instances de gouvernance.",
        discussion: """
        Tous les chiffres sont recalculés à partir des valeurs saisies (les valeurs en cache du tableur sont ignorées).
        Versions (--body) : board (conseil d'administration : actions et responsables), generalAssembly (assemblée
        générale : courte et publique), activityReport (rapport d'activité : résultats par indicateur).
        Modèle : perfsociale template report, puis --template FICHIER.odt.
        """,
        positionals: [("TABLEAU", "Tableau de bord rempli (tableau-de-bord-….xlsx, .ods ou .fods).", true)],
        options: [
            OptionSpec(long: "output", short: "o", valueName: "DOSSIER", help: "Dossier de sortie (par défaut : Rapports)."),
            OptionSpec(long: "at", valueName: "PÉRIODE", help: "Période rapportée, 2026-06 ou 2026-Q2 (par défaut : la dernière renseignée)."),
            OptionSpec(long: "body", valueName: "INSTANCE", help: "board (par défaut), generalAssembly ou activityReport."),
            OptionSpec(long: "update", valueName: "CLASSEUR", help: "Reporte les saisies dans ce classeur (.json, .ods, .xlsx ; sauvegarde .bak), ou --update-to."),
            OptionSpec(long: "update-to", valueName: "FICHIER", help: "Avec --update : écrit le classeur mis à jour dans ce nouveau fichier."),
            OptionSpec(long: "template", valueName: "FICHIER.odt", help: "Modèle du rapport restylé (perfsociale template report)."),
            OptionSpec(long: "pdf", help: "Convertit aussi le rapport en PDF (LibreOffice requis)."),
            OptionSpec(long: "quiet", short: "q", help: "N'affiche que les erreurs."),
        ])

    var dashboard: String
    var output = "Rapports"
    var at: String?
    var body = GovernanceReport.Body.board
    var update: String?
    var updateTo: String?
    var template: String?
    var pdf = false
    var quiet = false

    init(_ a: ParsedArguments) throws(UsageError) {
        dashboard = a.positionals.first ?? ""
        output = a.value("output") ?? output
        at = a.value("at")
        update = a.value("update")
        updateTo = a.value("update-to")
        template = a.value("template")
        pdf = a.flag("pdf")
        quiet = a.flag("quiet")
        if let b = a.value("body") {
            guard let parsed = GovernanceReport.Body(rawValue: b) else {
                throw UsageError(message: "--body attend board, generalAssembly ou activityReport (trouvé : « \(b) »)", command: Report.spec.name)
            }
            body = parsed
        }
        if updateTo != nil && update == nil {
            throw UsageError(message: "--update-to s'emploie avec --update CLASSEUR", command: Report.spec.name)
        }
    }

    func run() throws {
        let started = Date()
        // Read and recompute first: a dashboard that cannot be read changes nothing on disk.
        let bytes: [UInt8]
        do { bytes = try WorkbookFiles.readAll(dashboard, limit: 256 << 20) } catch {
            throw Failure(code: ExitCode.usage, message: error.description)
        }
        let filled: FilledDashboard
        do { filled = try DashboardReader.read(bytes, name: dashboard) } catch { throw Failure(code: ExitCode.invalid, message: error.message) }
        for p in filled.problems where !quiet || p.severity == .error {
            printError("perfsociale : " + (p.severity == .warning ? "avertissement : " : "") + p.description)
        }
        let position: Int
        do { position = try GovernanceReport.position(filled, at: at) } catch { throw Failure(code: ExitCode.usage, message: error.message) }
        let template = try loadTemplate()
        if pdf && PDFExporter.findSoffice() == nil { throw Failure(code: ExitCode.environment, message: PDFExporter.installHint) }
        let odt: [UInt8]
        do { odt = try GovernanceReport.render(filled, position: position, body: body, template: template) } catch {
            throw Failure(code: ExitCode.invalid, message: "modèle : \(error)")
        }
        if let update { try carry(filled, into: update) }

        Interruption.install()
        let outputUpdate: OutputUpdate
        do { outputUpdate = try OutputUpdate(output) } catch { throw Failure(interrupted: error) }
        let folder = OutputFolder(path: outputUpdate.staging)
        let name = GovernanceReport.fileName(filled, position: position)
        var files = [GeneratedFile(path: name, kind: .report, format: .odt, organization: filled.organization.id, bytes: odt)]
        do throws(EnvironmentError) {
            if pdf {
                try folder.stage(files, in: outputUpdate.staging)
                let pdfs = try PDFExporter.convert(files: [name], in: outputUpdate.staging)
                try outputUpdate.emptyStaging()
                if let p = pdfs[name] {
                    files.append(GeneratedFile(path: PDFExporter.split(name).stem + ".pdf", kind: .report, format: .pdf,
                                               organization: filled.organization.id, bytes: p))
                }
            }
            let entries = try folder.stage(files, in: outputUpdate.staging)
            try outputUpdate.commit(Manifest(workbookSha256: SHA256.hex(bytes), files: entries))
        } catch {
            outputUpdate.abandon()
            throw Failure(interrupted: error)
        }
        if !quiet {
            for note in outputUpdate.notes { printError("perfsociale : " + note) }
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            print("\(files.map(\.path).joined(separator: ", ")) écrit dans \(output)/ (manifest.json) en \(ms) ms.")
        }
    }

    /// `--update`: the workbook rewritten with what was typed, into `--update-to` (a new file) or in place after a
    /// `.bak` copy of the original.
    func carry(_ filled: FilledDashboard, into path: String) throws {
        let original: [UInt8]
        do { original = try WorkbookLoader.readFile(path) } catch { throw Failure(code: ExitCode.usage, message: error.description) }
        // A classeur (.ods, .xlsx) is updated as its JSON tree and written back as a classeur.
        let json = try workbookJSON(original, path: path)
        let result: WorkbookUpdate.Result
        do { result = try WorkbookUpdate.updated(json: json, filled: filled, baseDirectory: folder(of: path)) } catch {
            throw Failure(code: ExitCode.invalid, message: "--update \(path) : \(error.message)")
        }
        if let target = updateTo {
            try writeNamedFile(target, try workbookBytes(json: result.bytes, for: target), force: false)
        } else {
            let updated = try workbookBytes(json: result.bytes, for: path)
            try writeNamedFile(path + ".bak", original, force: true)
            try writeNamedFile(path, updated, force: true)
        }
        if !quiet {
            print("\(updateTo ?? path) : \(result.summary) reporté(s)\(updateTo == nil ? " (original : \(path).bak)" : "").")
        }
    }

    func loadTemplate() throws -> DocumentTemplate {
        guard let shipped = GovernanceReport.spec.template else { throw Failure(code: ExitCode.environment, message: "modèle du rapport absent") }
        if let template {
            let data: [UInt8]
            do { data = try WorkbookFiles.readAll(template, limit: ZipLimits.template.maxTotalSize) } catch {
                throw Failure(code: ExitCode.usage, message: "modèle introuvable ou illisible : « \(template) » (--template)")
            }
            do { return try DocumentTemplate.load(odt: data, name: template.split(separator: "/").last.map(String.init) ?? template) } catch {
                throw Failure(code: ExitCode.invalid, message: "« \(template) » (--template) : \(error.description)")
            }
        }
        do { return try DocumentContext.shipped(shipped, name: "report") } catch { throw Failure(code: ExitCode.environment, message: error.description) }
    }
}
