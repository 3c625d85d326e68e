// The shared example workbook (../shared/workbook-example.json), built in Swift so the hours, attendance,
// certificate and self-assessment tests do not depend on the JSON decoder. Only what those documents read.
import Foundation
import FrenchFormatting
import OfficePackaging
import Spreadsheet
import ODFTemplates
import TrainingWorkbook
import Documents
import PerfSocialeApp

package enum HoursFixtures {
    package static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    package static func t(_ s: String) -> LocalTime { LocalTime(hhmm: s)! }
    package static func a(_ s: AttendanceStatus, _ m: Int? = nil) -> Attendance { Attendance(status: s, minutes: m) }

    package static let provider = Provider(
        name: "Cap Utilité Formation", address: "14 rue des Tanneurs, 69001 Lyon", siret: "812 345 678 00027",
        activityDeclaration: .init(number: "84 69 12345 69", region: "Auvergne-Rhône-Alpes"),
        signatory: .init(name: "Claire Vasseur", title: "Directrice, représentante légale"), recordRetentionYears: 6)

    package static let course = Course(
        title: "Mettre en place une culture de la performance sociale", nature: .actionDeFormation, modality: .mixed,
        plannedHours: 14, evaluationPlanned: true,
        objectives: [
            .init(id: "obj1", text: "Poser les fondations d'une culture orientée « résultats et utilité sociale »"),
            .init(id: "obj2", text: "Définir des objectifs mesurables alignés avec la mission de l'association"),
            .init(id: "obj3", text: "Construire des indicateurs de performance simples et pertinents"),
            .init(id: "obj4", text: "Impliquer l'équipe autour d'une dynamique d'amélioration continue"),
        ],
        modules: [
            .init(id: "m1", title: "Qu'est-ce que la performance sociale ?", kind: .theory),
            .init(id: "m2", title: "Définir ses objectifs et ses indicateurs", kind: .practice),
            .init(id: "m3", title: "Mettre en œuvre une démarche partagée", kind: .practice),
            .init(id: "m4", title: "Structurer son pilotage dans le temps", kind: .practice),
        ],
        selfAssessmentScale: [
            .init(value: 1, label: "Je ne sais pas faire"), .init(value: 2, label: "Je sais faire avec de l'aide"),
            .init(value: 3, label: "Je sais faire seul·e"), .init(value: 4, label: "Je sais faire et je peux l'expliquer"),
        ])

    package static let session = Session(
        reference: "PS-2026-03", location: "Maison des associations, 28 rue Denfert-Rochereau, 69004 Lyon",
        remoteTool: "Visio (salle PS-2026-03)", trainers: [.init(id: "t1", name: "Mehdi Benali")],
        halfDays: [
            .init(id: "j1am", date: d("2026-03-09"), part: .morning, start: t("09:00"), end: t("12:30"), modality: .onsite, modules: ["m1"], trainer: "t1"),
            .init(id: "j1pm", date: d("2026-03-09"), part: .afternoon, start: t("13:30"), end: t("17:00"), modality: .onsite, modules: ["m2"], trainer: "t1"),
            .init(id: "j2am", date: d("2026-03-16"), part: .morning, start: t("09:00"), end: t("12:30"), modality: .remote, modules: ["m3"], trainer: "t1"),
            .init(id: "j2pm", date: d("2026-03-16"), part: .afternoon, start: t("13:30"), end: t("17:00"), modality: .remote, modules: ["m4"], trainer: "t1"),
        ],
        certificates: .init(place: "Lyon", date: d("2026-03-17")))

    package static let organizations = [
        Organization(id: "panier", name: "Épicerie solidaire « Panier Commun »"),
        Organization(id: "capavenir", name: "Cap Avenir – mentorat solidaire"),
    ]

    package static func sa(_ s: [Int], _ e: [Int]) -> Participant.SelfAssessment {
        let ids = ["obj1", "obj2", "obj3", "obj4"]
        return .init(start: Dictionary(uniqueKeysWithValues: zip(ids, s)), end: Dictionary(uniqueKeysWithValues: zip(ids, e)))
    }
    package static func res(_ r: [LearningResult]) -> [String: LearningResult] {
        Dictionary(uniqueKeysWithValues: zip(["obj1", "obj2", "obj3", "obj4"], r))
    }

    package static let participants: [Participant] = [
        Participant(id: "p1", civility: .mme, firstName: "Léa", lastName: "N'Diaye", organization: "panier", role: "Coordinatrice",
                    status: .employee, email: "lea.ndiaye@example.org",
                    attendance: ["j1am": a(.present), "j1pm": a(.present), "j2am": a(.remote, 210), "j2pm": a(.remote, 205)],
                    selfAssessment: sa([1, 2, 1, 2], [3, 3, 3, 3]), results: res([.acquired, .acquired, .acquired, .inProgress])),
        Participant(id: "p2", civility: .m, firstName: "François", lastName: "Lefèvre-Dubois", organization: "panier", role: "Président",
                    status: .boardMember,
                    attendance: ["j1am": a(.present), "j1pm": a(.present), "j2am": a(.absent), "j2pm": a(.remote, 180)],
                    selfAssessment: sa([2, 2, 1, 1], [3, 3, 2, 3]), results: res([.acquired, .inProgress, .inProgress, .acquired])),
        Participant(id: "p3", civility: .mme, firstName: "Aïcha", lastName: "Ben Saïd", organization: "panier", role: "Bénévole référente",
                    status: .volunteer,
                    attendance: ["j1am": a(.present), "j1pm": a(.present), "j2am": a(.remote, 210), "j2pm": a(.remote, 210)],
                    selfAssessment: sa([1, 1, 1, 2], [3, 2, 3, 4]), results: res([.acquired, .inProgress, .acquired, .acquired])),
        Participant(id: "p4", civility: .m, firstName: "Jean-Baptiste", lastName: "O'Connor", organization: "capavenir",
                    role: "Responsable pédagogique", status: .employee,
                    attendance: ["j1am": a(.present), "j1pm": a(.present), "j2am": a(.remote, 210), "j2pm": a(.remote, 200)],
                    selfAssessment: sa([2, 3, 2, 2], [4, 4, 3, 3]), results: res([.acquired, .acquired, .acquired, .acquired])),
        Participant(id: "p5", civility: .mme, firstName: "Émilie", lastName: "Šimková", organization: "capavenir", role: "Trésorière",
                    status: .boardMember,
                    attendance: ["j1am": a(.present), "j1pm": a(.absent), "j2am": a(.remote, 210), "j2pm": a(.remote, 210)],
                    selfAssessment: sa([1, 1, 1, 1], [2, 3, 2, 2]), results: res([.inProgress, .acquired, .inProgress, .inProgress])),
    ]

    package static var example: Workbook {
        Workbook(provider: provider, course: course, session: session, organizations: organizations, participants: participants)
    }

    /// The example with `count` participants (cycling through the five, with distinct names), for long lists.
    package static func large(_ count: Int) -> Workbook {
        var wb = example
        let lastNames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
                         "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"]
        wb.participants = (0..<count).map { i in
            var p = participants[i % participants.count]
            p.id = "p\(i + 1)"
            p.lastName = lastNames[i % lastNames.count] + (i >= lastNames.count ? "-\(i / lastNames.count + 1)" : "")
            return p
        }
        return wb
    }
}

/// Running the shared checkers and LibreOffice from the document tests.
package enum PaperTools {
    package static var repo: String { TestPaths.repositoryRoot }
    package static var templates: String { TestPaths.templates }
    /// The shared checkers (`odf_check.sh`, `lo_convert.sh`, `xlsx_check.py`, `recalc_check.py`).
    package static var checks: String { TestPaths.checks }

    /// The shipped template of `name`, prepared for `workbook` (its letterhead and footer are filled at load).
    package static func template(_ name: String, _ workbook: Workbook = HoursFixtures.example,
                         images: ProviderImages = ProviderImages()) throws -> DocumentTemplate {
        guard let spec = DocumentRegistry.kind(named: name).flatMap(DocumentRegistry.spec) else {
            throw DocumentError.package("pas de modèle « \(name) »")
        }
        return try DocumentContext(workbook: workbook, images: images).template(for: spec)
    }

    /// Removes a scratch folder, unless PERFSOCIALE_KEEP=1 (to look at the files a test wrote).
    package static func cleanup(_ dir: String) {
        guard ProcessInfo.processInfo.environment["PERFSOCIALE_KEEP"] != "1" else { return }
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A fresh folder under the temporary directory.
    package static func scratch(_ label: String) -> String {
        TestScratch.directory("paper-" + label)
    }

    package static func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Runs a tool (absolute path) and returns its status and combined output: the template tests' runner.
    @discardableResult
    package static func run(_ executable: String, _ args: [String]) -> (status: Int32, output: String) {
        TemplateTestSupport.run(executable, args)
    }

    package static func exists(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }
    /// LibreOffice and the shared conversion script (`lo_convert.sh`) that every PDF test goes through.
    package static var hasSoffice: Bool {
        (exists("/usr/bin/soffice") || exists("/usr/local/bin/soffice")) && FileManager.default.fileExists(atPath: checks + "/lo_convert.sh")
    }
    package static var hasPoppler: Bool { exists("/usr/bin/pdftotext") && exists("/usr/bin/pdfinfo") }
    package static var hasODFCheck: Bool { FileManager.default.fileExists(atPath: checks + "/odf_check.sh") && exists("/usr/bin/jing") }

    /// `odf_check.sh` output; `ok` when its last line starts with OK.
    package static func odfCheck(_ file: String) -> (ok: Bool, output: String) {
        let r = run("/bin/bash", [checks + "/odf_check.sh", file, "-q"])
        return (r.status == 0 && r.output.contains("OK: odf_check"), r.output)
    }

    /// Converts to PDF with the shared script; returns the PDF's path.
    package static func pdf(_ file: String) -> String? {
        let dir = (file as NSString).deletingLastPathComponent + "/pdf"
        let r = run("/bin/bash", [checks + "/lo_convert.sh", file, dir, "pdf"])
        let out = dir + "/" + ((file as NSString).lastPathComponent as NSString).deletingPathExtension + ".pdf"
        return r.status == 0 && FileManager.default.fileExists(atPath: out) ? out : nil
    }

    package static func pageCount(_ pdf: String) -> Int? {
        let r = run("/usr/bin/pdfinfo", [pdf])
        for line in r.output.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The text of each page (pdftotext splits pages with form feeds).
    package static func pages(_ pdf: String) -> [String] {
        let r = run("/usr/bin/pdftotext", ["-layout", pdf, "-"])
        var pages = r.output.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// Text with every run of white space (including no-break spaces) made one plain space, for phrase matching.
    package static func normalized(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s {
            if ch.isWhitespace || ch == "\u{A0}" || ch == "\u{202F}" { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(ch)
        }
        return out
    }
}
