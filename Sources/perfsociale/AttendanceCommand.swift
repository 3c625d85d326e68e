import Foundation
import FrenchFormatting
import PerfSocialeApp
import TrainingWorkbook

/// `perfsociale attendance import RAPPORT… --workbook W --half-day ID [--output W2] [--dry-run]`: the remote
/// attendance of a half-day from the videoconference's own reports (Teams, Zoom, Google Meet).
struct AttendanceCommand {
    static let spec = CommandSpec(
        name: "attendance",
        abstract: "Importe la présence à distance d'une demi-journée depuis les rapports de présence Teams, Zoom ou Google Meet.",
        discussion: """
        Forme complète : perfsociale attendance import RAPPORT… --workbook CLASSEUR --half-day ID [--output FICHIER] [--dry-run]
        Formats lus (reconnus à leur contenu) : liste de présence téléchargée de Microsoft Teams (UTF-16, tabulations,
        en français ou en anglais), CSV des participants de Zoom, rapport de présence de Google Meet (CSV). Les heures
        sont celles du fuseau de la session (session.timeZone, par défaut Europe/Paris).
        Chaque ligne est rapprochée d'un·e stagiaire par e-mail, puis par nom (casse, accents et ordre prénom/nom
        indifférents) ; les connexions d'une personne sont réunies (une reconnexion ou deux appareils ne comptent
        qu'une fois) et limitées aux horaires de la demi-journée.
        Sans --output, le classeur est remplacé et l'ancien gardé en CLASSEUR.bak ; --dry-run n'écrit rien.
        Codes de sortie : 0 importé (les lignes non rapprochées et les stagiaires sans ligne sont listés),
        1 classeur invalide, rapport illisible ou sans rapport avec la demi-journée, 2 usage (option, fichier ou
        demi-journée introuvable), 3 écriture impossible.
        """,
        positionals: [("import", "L'action : import.", true), ("RAPPORT", "Rapport(s) de présence exporté(s) de l'outil de visioconférence.", true)],
        options: [
            OptionSpec(long: "workbook", short: "w", valueName: "CLASSEUR", help: "Classeur JSON à mettre à jour."),
            OptionSpec(long: "half-day", valueName: "ID", help: "Identifiant de la demi-journée (session.halfDays[].id)."),
            OptionSpec(long: "output", short: "o", valueName: "FICHIER", help: "Écrit le classeur mis à jour ici au lieu de remplacer CLASSEUR."),
            OptionSpec(long: "dry-run", help: "Affiche ce qui serait importé sans rien écrire."),
        ],
        repeatsLastPositional: true)

    var reports: [String]
    var workbook: String
    var halfDay: String
    var output: String?
    var dryRun: Bool

    init(_ a: ParsedArguments) throws(UsageError) {
        func fail(_ m: String) -> UsageError { UsageError(message: m, command: Self.spec.name) }
        guard a.positionals.first == "import" else {
            throw fail("action inconnue « \(a.positionals.first ?? "") » : écrivez perfsociale attendance import RAPPORT… --workbook CLASSEUR --half-day ID")
        }
        reports = Array(a.positionals.dropFirst())
        guard let w = a.value("workbook") else { throw fail("--workbook CLASSEUR est obligatoire") }
        guard let h = a.value("half-day") else { throw fail("--half-day ID est obligatoire") }
        workbook = w; halfDay = h; output = a.value("output"); dryRun = a.flag("dry-run")
    }

    func run() throws {
        // The import edits the JSON text value by value; a classeur (.ods, .xlsx) is edited as its JSON tree and
        // written back as a classeur.
        let (wb, original) = try loadValid(workbook, quiet: true)
        let bytes = try workbookJSON(original, path: workbook)
        guard wb.session.halfDays.contains(where: { $0.id == halfDay }) else {
            let known = wb.session.halfDays.map(\.id).joined(separator: ", ")
            throw Failure(code: ExitCode.usage, message: "demi-journée « \(halfDay) » inconnue dans \(workbook) (demi-journées : \(known))")
        }
        var parsed: [AttendanceReport] = []
        for path in reports {
            let data: [UInt8]
            do { data = try WorkbookLoader.readFile(path) } catch { throw Failure(code: ExitCode.usage, message: error.description) }
            do { parsed.append(try AttendanceReport.read(bytes: data, file: path)) }
            catch { throw Failure(code: ExitCode.invalid, message: error.description) }
        }
        let result: AttendanceImport
        do { result = try AttendanceImport.run(workbook: wb, halfDayId: halfDay, reports: parsed) }
        catch { throw Failure(code: ExitCode.invalid, message: error.description + " ; rien n'est écrit.") }
        print(listing(result, workbook: wb))

        let updated: [UInt8]
        do { updated = try AttendanceJSONEdit.apply(result, to: bytes) }
        catch { throw Failure(code: ExitCode.invalid, message: error.description + " ; rien n'est écrit.") }
        // The edited text must decode to the same workbook with the new attendance, or nothing is written.
        let check = WorkbookLoader.decode(bytes: updated, baseDirectory: folder(of: workbook))
        guard let updatedWorkbook = check.workbook, check.errors.isEmpty,
              result.connections.allSatisfy({ updatedWorkbook.participants[$0.participant].attendance[halfDay] == $0.attendance }) else {
            let first = check.errors.first.map { " (\($0.description))" } ?? ""
            throw Failure(code: ExitCode.invalid, message: "le classeur modifié ne se relit pas comme attendu\(first) ; rien n'est écrit.")
        }
        if dryRun { print("--dry-run : rien n'est écrit."); return }
        let target = output ?? workbook
        let written = try workbookBytes(json: updated, for: target)
        do { try WorkbookFileUpdate.write(written, to: target, keepingBackup: output == nil) }
        catch { throw Failure(code: ExitCode.environment, message: error.description) }
        print(output == nil ? "\(workbook) mis à jour (version précédente : \(workbook).bak)." : "\(target) écrit (\(workbook) inchangé).")
    }

    /// What the import found, in French, for the trainer to check.
    func listing(_ r: AttendanceImport, workbook wb: Workbook) -> String {
        let h = r.halfDay
        var out = "Demi-journée \(h.id) du \(French.shortDate(h.date)), \(French.time(h.start)) – \(French.time(h.end)) : "
            + RemoteAttendanceReport.sourceText(r.sources) + "\n"
        func name(_ i: Int) -> String {
            let p = wb.participants[i]
            return [p.lastName.uppercased(), p.firstName ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        }
        out += "\nConnecté·es (\(r.connections.count)) :\n"
        for c in r.connections.sorted(by: { name($0.participant) < name($1.participant) }) {
            let before = wb.participants[c.participant].attendance[h.id].map { " ; remplace « \(describe($0)) »" } ?? ""
            out += "  \(name(c.participant)) : \(French.duration(minutes: c.minutes)) à distance, de \(French.time(c.firstConnection)) "
                + "à \(French.time(c.lastDisconnection)) (par \(c.matchedBy == .email ? "e-mail" : "nom") ; \(c.lines.joined(separator: ", ")))\(before)\n"
        }
        if !r.unmatched.isEmpty {
            out += "\nLignes non rapprochées (\(r.unmatched.count)) :\n"
            for u in r.unmatched {
                out += "  \(u.file) ligne \(u.line) : \(u.name)\(u.email.map { " <\($0)>" } ?? "") — \(u.reason)\n"
            }
        }
        if !r.withoutLine.isEmpty {
            out += "\nStagiaires sans connexion pendant la demi-journée (\(r.withoutLine.count)), présence inchangée :\n"
            for i in r.withoutLine.sorted(by: { name($0) < name($1) }) {
                let current = wb.participants[i].attendance[h.id].map(describe) ?? "non renseignée"
                out += "  \(name(i)) (actuellement : \(current)) — écrivez \"absent\" ou attestez la présence si elle a eu lieu autrement\n"
            }
        }
        return out
    }

    func describe(_ a: Attendance) -> String {
        switch (a.status, a.minutes) {
        case (.absent, _): return "absent"
        case (let s, let m?): return "\(s.rawValue), \(m) min"
        case (let s, nil): return s.rawValue
        }
    }
}
