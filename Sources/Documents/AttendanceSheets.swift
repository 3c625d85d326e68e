// The attendance sheet (feuille d'émargement, domain.md A.2 and A.3): one file per session, one page per training
// day, more when the list runs long (12 trainees on a day's first page, 16 on each « (suite) » page), a morning and an
// afternoon signature column, every participant sorted by last name then first name, « ABSENT » where the workbook
// records an absence, remote half-days marked « à distance » with the connected time and the trainer's attestation.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

extension DocumentKind {
    public static let attendance = DocumentKind("attendance")
}

public enum AttendanceSheets {
    public static let spec = Spec()

    /// One file for the session, a page per training day.
    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .attendance }
        public var title: String { "Feuille d'émargement" }
        public var template: ShippedTemplate? {
            ShippedTemplate(folder: "attendance", use: .session(stylesContext: { AttendanceSheets.context(workbook: $0, images: $1, days: false) }))
        }
        public var fields: [FieldDoc] { AttendanceSheets.fields }
        public var fileNames: [String] { ["emargement-<session>.odt"] }
        public func jobs(_ context: DocumentContext) throws(DocumentError) -> [DocumentJob] {
            let template = try context.template(for: self)
            let (workbook, images) = (context.workbook, context.images)
            let path = "emargement-\(context.names.session).odt"
            return [DocumentJob(long: true) {
                [GeneratedFile(path: path, kind: .attendance, format: .odt, combined: true,
                               bytes: try AttendanceSheets.render(workbook: workbook, template: template, images: images))]
            }]
        }
    }

    /// The markers the `attendance` template may use (for `perfsociale fields` and template authors).
    public static let fields: [FieldDoc] = SessionContext.commonFields + [
        .group("footer", "pied de page", [
            .value("registered", "« 5 stagiaires inscrit·es »"),
            .value("halfDayDurations", "durée prévue par demi-journée", example: "3 h 30"),
        ]),
        .list("days|pages", "une page par journée de formation (plus quand la liste est longue : 12 stagiaires sur la première page d'une journée, 11 quand elle cite un rapport de présence, 16 sur les suivantes)", [
            .value("number", "numéro de la journée"), .value("dayCount", "nombre de journées"),
            .flag("continued", "vrai sur une page qui continue la liste d'une journée"),
            .value("remoteSource", "« Connexions à distance : rapport de présence Teams du 10/03/2026. » (précédé d'une espace) quand les minutes à distance viennent d'un rapport de présence (perfsociale attendance import), sinon vide"),
            .value("continuation", "« (suite) » sur une page qui continue la journée, sinon vide"),
            .value("sheet", "numéro de la page dans la journée"), .value("sheetCount", "nombre de pages de la journée"),
            .value("date", "date ({date|date})"), .value("dateTitle", "« Lundi 9 mars 2026 »"), .value("dateLong", "« lundi 9 mars 2026 »"),
            .value("trainers", "formateur·rices de la journée"),
            .value("trainerLabel", "« Formatrice », « Formateur », « Formateurs »… selon la civilité des formateur·rices de la journée"),
            .value("trainerSignature", "« Signature de la formatrice »…"),
            .value("trainerCertifies", "« Par sa signature, la formatrice certifie »…"), .value("place", "lieu ou outil à distance de la journée"),
            .value("plannedSummary", "« matin 3 h 30, après-midi 3 h 30, soit 7 h 00 pour la journée »"),
            .value("registered", "nombre de stagiaires inscrits"), .value("absenceSummary", "« · Absences connues : matin 1, après-midi 0 » ou vide"),
            .value("fundingNote", "« Financement : OPCO …, dossier n° … » (financeurs de la session et des stagiaires), ou vide"),
            .group("am", "la demi-journée du matin (de même pm)", [
                .value("heading", "« 9 h 00 – 12 h 30 · présentiel », ou « pas de séance »"),
                .value("trainer", "formateur"),
                .value("trainerNote", "« Présence à distance attestée par la formatrice » (selon sa civilité) à distance, sinon vide"),
                .value("source", "« rapport de présence Teams du 10/03/2026 » (perfsociale attendance import), sinon vide"),
            ]),
            .list("halfDays", "les demi-journées de la journée", [
                .value("part", "Matin ou Après-midi"), .value("times", "« 9 h 00 – 12 h 30 »"), .value("duration", "« 3 h 30 »"),
                .value("modules", "modules suivis (un par ligne)"), .value("where", "« Présentiel » ou « À distance »"),
                .value("trainer", "formateur"),
                .value("trainerNote", "« Présence à distance attestée par la formatrice » (selon sa civilité) à distance, sinon vide"),
                .value("source", "« rapport de présence Teams du 10/03/2026 » (perfsociale attendance import), sinon vide"),
            ]),
            .list("rows", "les stagiaires, par nom puis prénom", [
                .value("name", "« N'DIAYE Léa »"), .value("role", "fonction"), .value("organization", "association"),
                .value("status", "Salariée, Bénévole, Membre du CA"),
                .value("roleAndStatus", "« Trésorière · Membre du CA » (la fonction quand elle est donnée, puis le statut)"),
                .value("morning.mark", "« ABSENT », « — » sans séance, sinon vide (de même afternoon)"),
                .value("morning.note", "« À distance » + « connexion : 3 h 25 » (deux lignes), « À distance : 3 h 25 » + « connexion 9 h 02 – 12 h 31 » quand le rapport de présence donne les heures, « Présence partielle : 2 h 30 »… (de même afternoon)"),
            ]),
        ]),
    ]

    /// The whole session's sheet as `.odt` bytes.
    public static func render(workbook: Workbook, template: DocumentTemplate,
                              images: ProviderImages = ProviderImages()) throws(DocumentError) -> [UInt8] {
        do { return try template.render(context(workbook: workbook, images: images), extraParts: images.parts(withSignature: false)) }
        catch { throw .template(error) }
    }

    /// `days: false` leaves out the pages (a row per trainee and day): styles.xml, filled once, shows none of them.
    public static func context(workbook wb: Workbook, images: ProviderImages = ProviderImages(), days withDays: Bool = true) -> TemplateValue {
        var c = SessionContext.base(wb, images: images, withSignature: false)
        let session = wb.session
        // Without the pages (styles.xml), the trainees are only counted: no sorting nor typesetting 100,000 names.
        let participants = withDays ? ParticipantOrder.sorted(wb.participants) : []
        let organizationNames = Wording.organizationNames(wb)
        let trainerNames = Dictionary(session.trainers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let trainersById = Dictionary(session.trainers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        /// « Présence à distance attestée par la formatrice » for a remote half-day.
        func remoteNote(_ h: Session.HalfDay) -> String {
            "Présence à distance attestée " + Wording.byTheTrainer(trainersById[h.trainer].map { [$0] } ?? [])
        }
        let modules = Dictionary(wb.course.modules.map { ($0.id, Wording.typo($0.title)) }, uniquingKeysWith: { a, _ in a })
        let days = withDays ? Wording.days(session) : []

        // What does not depend on the day: a participant's name, organisation and status, typeset once. Rows are
        // typeset as they are made (typesetting the finished context would copy a row per trainee and day), and a
        // trainee's row is the same value on every day their marks are the same: 100,000 trainees stay a few rows each.
        let identities: [[String: TemplateValue]] = participants.map { p in
            let last = p.lastName.uppercased()
            let name = [last, p.firstName ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            let role = p.role ?? "", status = Wording.capitalized(Wording.statusShort(p.status, p.civility))
            return ["name": .string(French.typeset(name)), "role": .string(French.typeset(role)),
                    "organization": .string(French.typeset(organizationNames[p.organization] ?? p.organization)),
                    "status": .string(French.typeset(status)),
                    "roleAndStatus": .string(French.typeset([role, status].filter { !$0.isEmpty }.joined(separator: " · ")))]
        }
        func mark(_ m: (mark: String, note: String, absent: Bool)) -> TemplateValue {
            .object(["mark": .string(French.typeset(m.mark)), "note": .string(French.typeset(m.note))])
        }
        var previousRows: [(morning: TemplateValue, afternoon: TemplateValue, row: TemplateValue)?] = Array(repeating: nil, count: participants.count)

        var dayValues: [TemplateValue] = []
        for (dayIndex, date) in days.enumerated() {
            let ofDay = session.halfDays.filter { $0.date == date }
            let am = ofDay.first { $0.part == .morning }
            let pm = ofDay.first { $0.part == .afternoon }
            let dayTrainers = uniqued(ofDay.compactMap { trainerNames[$0.trainer] ?? $0.trainer })

            var rows: [TemplateValue] = []
            rows.reserveCapacity(participants.count)
            var absences = (am: 0, pm: 0)
            for (i, p) in participants.enumerated() {
                let morningCell = cell(p, am), afternoonCell = cell(p, pm)
                if morningCell.absent { absences.am += 1 }
                if afternoonCell.absent { absences.pm += 1 }
                let morning = mark(morningCell), afternoon = mark(afternoonCell)
                if let previous = previousRows[i], previous.morning == morning, previous.afternoon == afternoon {
                    rows.append(previous.row)
                    continue
                }
                var row = identities[i]
                row["morning"] = morning
                row["afternoon"] = afternoon
                rows.append(.object(row))
                previousRows[i] = (morning, afternoon, .object(row))
            }

            let halfDays: [TemplateValue] = [am, pm].compactMap { $0 }.map { h in
                .object([
                    "part": .string(h.part == .morning ? "Matin" : "Après-midi"),
                    "times": .string(Wording.times(h)),
                    "duration": .string(French.duration(minutes: h.durationMinutes)),
                    "modules": .string(h.modules.map { modules[$0] ?? $0 }.joined(separator: "\n")),
                    // The place and the remote tool are in the action block above: here, how the half-day is held.
                    "where": .string(h.modality == .onsite ? "Présentiel" : "À distance"),
                    "trainer": .string(trainerNames[h.trainer] ?? h.trainer),
                    "trainerNote": .string(h.modality == .remote ? remoteNote(h) : ""),
                    "source": .string(RemoteAttendanceReport.sourceText(h.attendanceReports)),
                ])
            }

            var planned: [String] = []
            if let am { planned.append("matin " + French.duration(minutes: am.durationMinutes)) }
            if let pm { planned.append("après-midi " + French.duration(minutes: pm.durationMinutes)) }
            let dayMinutes = (am?.durationMinutes ?? 0) + (pm?.durationMinutes ?? 0)
            var plannedSummary = planned.joined(separator: ", ")
            if planned.count > 1 { plannedSummary += ", soit " + French.duration(minutes: dayMinutes) + " pour la journée" }

            var absenceSummary = ""
            if absences.am + absences.pm > 0 {
                var parts: [String] = []
                if am != nil { parts.append("matin \(absences.am)") }
                if pm != nil { parts.append("après-midi \(absences.pm)") }
                absenceSummary = " · Absences connues\u{A0}: " + parts.joined(separator: ", ")
            }

            let ofDayTrainers = uniqued(ofDay.map(\.trainer)).compactMap { trainersById[$0] }
            let certifies = ofDayTrainers.count > 1
                ? "Par leur signature, " + Wording.theTrainer(ofDayTrainers) + " certifient"
                : "Par sa signature, " + Wording.theTrainer(ofDayTrainers) + " certifie"
            // Typeset here, without the rows (typeset as they were made).
            let day: [String: TemplateValue] = [
                "trainerLabel": .string(Wording.capitalized(Wording.trainerNoun(ofDayTrainers))),
                "trainerSignature": .string("Signature " + Wording.ofTheTrainer(ofDayTrainers)),
                "trainerCertifies": .string(certifies),
                "number": .number(Double(dayIndex + 1)),
                "dayCount": .number(Double(days.count)),
                "date": .date(date),
                "dateTitle": .string(Wording.capitalized(French.longDateWithWeekday(date))),
                "dateLong": .string(French.longDateWithWeekday(date)),
                "trainers": .string(dayTrainers.joined(separator: ", ")),
                "place": .string(Wording.place(session, halfDays: ofDay)),
                "halfDays": .list(halfDays),
                "am": column(am, session: session, trainerNames: trainerNames, note: remoteNote),
                "pm": column(pm, session: session, trainerNames: trainerNames, note: remoteNote),
                "plannedSummary": .string(plannedSummary),
                "registered": .number(Double(participants.count)),
                "absenceSummary": .string(absenceSummary),
                "remoteSource": .string(remoteSource(am: am, pm: pm)),
            ].mapValues { $0.typesetFrench() }
            // The list cut into pages: each page of a day is complete in itself (its banner and column heads), the
            // ones after the first say « (suite) ».
            let chunks = pageChunks(rows.count, firstPage: day["remoteSource"] == "" ? rowsOnFirstPage : rowsOnFirstPageWithReportSource)
            for (sheet, range) in chunks.enumerated() {
                var page = day
                page["rows"] = .list(Array(rows[range]))
                page["continued"] = .bool(sheet > 0)
                page["continuation"] = .string(French.typeset(sheet > 0 ? " (suite)" : ""))
                page["sheet"] = .number(Double(sheet + 1))
                page["sheetCount"] = .number(Double(chunks.count))
                dayValues.append(.object(page))
            }
        }
        c["fundingNote"] = .string(Wording.fundingNote(wb))
        c["footer"] = .object([
            "registered": .string(wb.participants.count == 1 ? "1 stagiaire inscrit·e" : "\(wb.participants.count) stagiaires inscrit·es"),
            "halfDayDurations": .string(halfDayDurations(session)),
        ])
        var typeset = c.mapValues { $0.typesetFrench() }
        typeset["days"] = .list(dayValues)
        return .object(typeset)
    }

    /// Trainees on a day's first page (under the action and half-day blocks) and on each page that continues it:
    /// signature boxes of 12 mm on A4.
    public static let rowsOnFirstPage = 12
    public static let rowsOnNextPages = 16

    /// A day whose summary also names the videoconference reports (a line or two more under the half-day block)
    /// keeps one signature row fewer on its first page: with twelve, the twelfth went over the page's end.
    public static let rowsOnFirstPageWithReportSource = rowsOnFirstPage - 1

    /// The participants' index ranges, one per printed page of a day (one empty page for an empty list).
    public static func pageChunks(_ count: Int, firstPage: Int = rowsOnFirstPage) -> [Range<Int>] {
        guard count > firstPage else { return [0..<count] }
        var chunks = [0..<firstPage]
        var start = firstPage
        while start < count {
            let end = min(count, start + rowsOnNextPages)
            chunks.append(start..<end)
            start = end
        }
        return chunks
    }

    /// The column heading and the trainer's cell of a half-day (« pas de séance » when the day has none).
    static func column(_ h: Session.HalfDay?, session: Session, trainerNames: [String: String],
                       note: (Session.HalfDay) -> String) -> TemplateValue {
        guard let h else {
            return .object(["heading": "pas de séance", "trainer": "", "trainerNote": "", "source": ""])
        }
        let trainer = trainerNames[h.trainer] ?? h.trainer
        let remote = h.modality == .remote
        return .object([
            "heading": .string(Wording.times(h) + (remote ? " · à distance" : " · présentiel")),
            "trainer": .string(trainer),
            "trainerNote": .string(remote ? note(h) : ""),
            "source": .string(RemoteAttendanceReport.sourceText(h.attendanceReports)),
        ])
    }

    /// « Connexions à distance : rapport de présence Teams du 10/03/2026. » (with « (matin) », « (après-midi) » when
    /// the two half-days have different sources) after the trainer's certification, when remote minutes come from a
    /// videoconference report; "" otherwise. In the full-width summary rather than the trainer's narrow cell, where it
    /// took two to four lines per half-day and pushed a twelfth trainee onto another page.
    static func remoteSource(am: Session.HalfDay?, pm: Session.HalfDay?) -> String {
        let a = am.map { RemoteAttendanceReport.sourceText($0.attendanceReports) } ?? ""
        let p = pm.map { RemoteAttendanceReport.sourceText($0.attendanceReports) } ?? ""
        let text: String
        switch (a.isEmpty, p.isEmpty) {
        case (true, true): return ""
        case (false, true): text = a + (pm != nil ? " (matin)" : "")
        case (true, false): text = p + (am != nil ? " (après-midi)" : "")
        case (false, false): text = a == p ? a : a + " (matin), " + p + " (après-midi)"
        }
        return " Connexions à distance\u{A0}: " + text + "."
    }

    /// What a participant's signature cell shows for a half-day: a mark (« ABSENT », « — ») and a note.
    static func cell(_ p: Participant, _ h: Session.HalfDay?) -> (mark: String, note: String, absent: Bool) {
        guard let h else { return ("—", "", false) }
        let a = p.attendance[h.id]
        if a?.status == .absent { return ("ABSENT", "", true) }
        let remote = h.modality == .remote || a?.status == .remote
        guard let a else { return ("", remote ? "À distance" : "", false) }
        let realised = HoursRealised.minutes(a, scheduled: h.durationMinutes)
        if remote {
            if a.minutes != nil, let first = a.firstConnection, let last = a.lastDisconnection {
                // From the videoconference's report: the connected time, and when the trainee came and went.
                return ("", "À distance\u{A0}: " + French.duration(minutes: realised) + "\nconnexion " + French.time(first) + " – " + French.time(last), false)
            }
            if a.minutes != nil { return ("", "À distance\nconnexion\u{A0}: " + French.duration(minutes: realised), false) }
            return ("", "À distance\nprésence attestée", false)
        }
        if a.minutes != nil, realised < h.durationMinutes {
            return ("", "Présence partielle : " + French.duration(minutes: realised), false)
        }
        return ("", "", false)
    }

    /// « 3 h 30 » when every half-day lasts as long, else « matin 3 h 30, après-midi 4 h 00 » when each part has
    /// one duration, else the range « de 3 h 00 à 4 h 00 ».
    static func halfDayDurations(_ session: Session) -> String {
        let all = Set(session.halfDays.map(\.durationMinutes))
        if all.count <= 1 { return all.first.map { French.duration(minutes: $0) } ?? "—" }
        let am = Set(session.halfDays.filter { $0.part == .morning }.map(\.durationMinutes))
        let pm = Set(session.halfDays.filter { $0.part == .afternoon }.map(\.durationMinutes))
        if am.count == 1, pm.count == 1 {
            return "matin " + French.duration(minutes: am.first!) + ", après-midi " + French.duration(minutes: pm.first!)
        }
        return "de " + French.duration(minutes: all.min()!) + " à " + French.duration(minutes: all.max()!)
    }

    static func uniqued(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
