// `convert`, and the classeur side of `init`: the training workbook as JSON or as a spreadsheet, either way.

import Documents
import Spreadsheet
import PerfSocialeApp
import TrainingWorkbook
import WorkbookSpreadsheet

/// The spreadsheet format a file name asks for (nil: JSON).
func classeurFormat(of path: String) -> Classeur.Format? {
    let lower = path.lowercased()
    if lower.hasSuffix(".ods") { return .ods }
    if lower.hasSuffix(".xlsx") { return .xlsx }
    return nil
}

/// The classeur file of a workbook tree.
func writeClasseur(_ root: JSONValue, _ format: Classeur.Format, empty: Bool = false) throws -> [UInt8] {
    do {
        return try Classeur.write(root, format: format, template: try SpreadsheetTemplate.dashboard(), empty: empty,
                                  generator: "perfsociale/\(PerfSocialeVersion.current)")
    } catch {
        throw Failure(code: ExitCode.environment, message: "écriture du classeur impossible : \(error)")
    }
}

struct Convert {
    static let spec = CommandSpec(
        name: "convert",
        abstract: "Convertit un classeur entre JSON, ODS et XLSX (même contenu, même validation).",
        discussion: """
        Le format vient de l'extension : .json, .ods, .xlsx (.fods en entrée). Le classeur converti donne les mêmes documents.
        Une cellule illisible (JSON mal formé dans « Autres champs ») arrête la conversion ; un classeur invalide se convertit
        (perfsociale validate dit ce qu'il faut corriger).
        """,
        positionals: [("ENTRÉE", "Classeur à lire (.json, .ods, .xlsx, .fods).", true),
                      ("SORTIE", "Fichier à écrire (.json, .ods ou .xlsx).", true)],
        options: [OptionSpec(long: "force", help: "Remplace la sortie si elle existe.")])

    var input: String
    var output: String
    var force: Bool

    init(_ a: ParsedArguments) throws(UsageError) {
        guard a.positionals.count == 2 else {
            throw UsageError(message: "convert attend deux fichiers : ENTRÉE SORTIE", command: Convert.spec.name)
        }
        input = a.positionals[0]
        output = a.positionals[1]
        force = a.flag("force")
        let lower = output.lowercased()
        guard lower.hasSuffix(".json") || classeurFormat(of: output) != nil else {
            throw UsageError(message: "format de sortie inconnu « \(output) » : .json, .ods ou .xlsx", command: Convert.spec.name)
        }
    }

    func run() throws {
        let bytes: [UInt8]
        do { bytes = try WorkbookLoader.readFile(input) } catch { throw Failure(code: ExitCode.usage, message: error.description) }
        let (root, problems) = WorkbookSource.tree(bytes: bytes)
        for p in problems { printError(p.description) }
        guard let root, problems.isEmpty else {
            throw Failure(code: ExitCode.invalid, message: "\(input) : \(problems.count) erreur(s) de lecture ; rien n'est écrit.")
        }
        let out: [UInt8]
        if let format = classeurFormat(of: output) {
            out = try writeClasseur(root, format)
        } else {
            out = Array(JSONText.pretty(root).utf8)
        }
        try writeNamedFile(output, out, force: force)
        print("\(output) écrit.")
    }
}

/// A workbook file as JSON text, whatever its format: commands that edit a workbook (`report --update`,
/// `attendance import`) edit JSON, and a classeur is read into the same tree first.
func workbookJSON(_ bytes: [UInt8], path: String) throws -> [UInt8] {
    guard WorkbookSource.isSpreadsheet(bytes) else { return bytes }
    let (root, problems) = WorkbookSource.tree(bytes: bytes)
    for p in problems { printError(p.description) }
    guard let root, problems.isEmpty else {
        throw Failure(code: ExitCode.invalid, message: "\(path) : \(problems.count) erreur(s) de lecture ; rien n'est écrit.")
    }
    return Array(JSONText.pretty(root).utf8)
}

/// Edited JSON written back in the format `path` names (.ods, .xlsx, else JSON).
func workbookBytes(json: [UInt8], for path: String) throws -> [UInt8] {
    guard let format = classeurFormat(of: path) else {
        if path.lowercased().hasSuffix(".fods") {
            throw Failure(code: ExitCode.usage, message: "« \(path) » : perfsociale écrit un classeur .ods ou .xlsx, pas .fods (--output)")
        }
        return json
    }
    let root: JSONValue
    do { root = try JSONParser.parse(json) } catch { throw Failure(code: ExitCode.environment, message: "classeur mis à jour illisible : \(error.message)") }
    return try writeClasseur(root, format)
}
