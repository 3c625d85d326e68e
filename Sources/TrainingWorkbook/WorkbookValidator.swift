// The semantic rules of docs/workbook-format.md, on the typed workbook: ids, references between
// parts, ranges, consistency between fields, and the SMART warnings. Each rule yields one Diagnostic at
// the JSON path of the value at fault. Structural problems (types, formats) are the decoder's.

import FrenchFormatting
import Synchronization

public enum WorkbookValidator {
    /// Every rule, on a workbook decoded from JSON or built in code.
    public static func validate(_ workbook: Workbook) -> [Diagnostic] { validate(workbook, skipping: []) }

    /// `failed`: rendered paths where the decoder already reported an error and left a placeholder; rules stay
    /// silent at and below them, so one mistake gives one diagnostic.
    /// `jobs`: the rules and the satisfaction answers' check, independent, run at once (a check of each trainee
    /// each: half the time of validating a long list).
    static func validate(_ workbook: Workbook, skipping failed: Set<String>, jobs: WorkbookJobs? = nil) -> [Diagnostic] {
        // The satisfaction answers are checked even when a value could not be decoded (they walk no calendar),
        // unless the questions they answer could not all be read.
        let questionsRead = !failed.contains { $0 == "course" || $0.hasPrefix("course.satisfaction") }
        let found = Mutex<(rules: [Diagnostic], satisfaction: [Diagnostic])>(([], []))
        let check: @Sendable (Int) -> Void = { k in
            if k == 0 {
                var rules = Rules(wb: workbook, failed: failed)
                rules.run()
                let diagnostics = rules.diagnostics
                found.withLock { $0.rules = diagnostics }
            } else if questionsRead {
                let diagnostics = SatisfactionCheck.diagnostics(workbook)
                found.withLock { $0.satisfaction = diagnostics }
            }
        }
        if let jobs { jobs(2, check) } else { check(0); check(1) }
        let (rules, satisfaction) = found.withLock { $0 }
        // The governance and training-file checks walk the monitoring calendar: only on a workbook whose every value
        // was decoded within its range (a dashboard of 1e9 periods must never be walked).
        let diagnostics = rules + StarterPlaceholders.diagnostics(workbook) + satisfaction
        guard failed.isEmpty else { return diagnostics }
        return diagnostics + GovernanceCheck.warnings(workbook) + TrainingFileCheck.diagnostics(workbook)
    }

    /// 1–64 characters among letters, digits, `-`, `_`, `.`.
    public static func isValidId(_ id: String) -> Bool {
        let u = id.utf8
        return !u.isEmpty && u.count <= 64 && u.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E
        }
    }

    /// 14 digits once spaces are removed.
    public static func isValidSIRET(_ siret: String) -> Bool {
        let digits = siret.utf8.filter { $0 != 0x20 }
        return digits.count == 14 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

typealias JSONPathComponents = [PathComponent]

extension Array where Element == PathComponent {
    /// `path.at("participants").at(3)` → `participants[3]`. Methods rather than an operator: a new `/`
    /// overload would weigh on the type-checking of every division in the module.
    func at(_ key: String) -> [PathComponent] { self + [.key(key)] }
    func at(_ index: Int) -> [PathComponent] { self + [.index(index)] }
}

private struct Rules {
    let wb: Workbook
    let failed: Set<String>
    var diagnostics: [Diagnostic] = []
    let root: JSONPathComponents = []

    // MARK: - Reporting

    /// True when the decoder reported an error at `path` or above it.
    func isFailed(_ path: JSONPathComponents) -> Bool {
        guard !failed.isEmpty else { return false }
        for k in 0...path.count where failed.contains(PathComponent.render(Array(path[..<k]))) { return true }
        return false
    }

    mutating func error(_ path: JSONPathComponents, _ code: DiagnosticCode, expected: String, found: String, _ message: String) {
        guard !isFailed(path) else { return }
        diagnostics.append(Diagnostic(.error, code, at: path, expected: expected, found: found, message: message))
    }

    mutating func warning(_ path: JSONPathComponents, _ code: DiagnosticCode, expected: String, found: String, _ message: String) {
        guard !isFailed(path) else { return }
        diagnostics.append(Diagnostic(.warning, code, at: path, expected: expected, found: found, message: message))
    }

    static func number(_ d: Double) -> String { WorkbookDecoder.formatNumber(d) }

    // MARK: - Ids

    /// Checks the format and uniqueness of a list of ids. Returns the set of sound ids, and whether it is
    /// complete (false when an id could not be decoded: references to it must not be reported as unknown).
    mutating func checkIds(_ ids: [String], list: JSONPathComponents? = nil, path: (Int) -> JSONPathComponents, what: String,
                           scope: String) -> (ids: Set<String>, complete: Bool) {
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(ids.count)
        var complete = list.map { !isFailed($0) } ?? true
        for (i, id) in ids.enumerated() {
            // Paths are only built when needed: workbooks may list thousands of participants.
            if !failed.isEmpty, isFailed(path(i).at("id")) { complete = false; continue }
            if !WorkbookValidator.isValidId(id) {
                error(path(i).at("id"), .invalidId, expected: "1 à 64 caractères parmi lettres, chiffres, « - », « _ » et « . »",
                      found: "\"\(id)\"", "identifiant invalide « \(id) » pour \(what)" + Self.idProblem(id))
            }
            if let first = firstIndex[id] {
                error(path(i).at("id"), .duplicateId, expected: "un identifiant unique \(scope)", found: "\"\(id)\"",
                      "identifiant « \(id) » déjà utilisé \(scope) par \(PathComponent.render(path(first)))")
            } else {
                firstIndex[id] = i
            }
        }
        // An empty list is reported once by its caller; references into it would only repeat that.
        return (Set(firstIndex.keys), complete && !ids.isEmpty)
    }

    static func idProblem(_ id: String) -> String {
        if id.utf8.count > 64 { return " : 64 caractères au plus" }
        if id.contains(" ") { return " : pas d'espace (utilisez « - » ou « _ »)" }
        return " : lettres sans accents, chiffres, « - », « _ » et « . » seulement"
    }

    /// An unknown reference, with the nearest known id. `what`: « formateur » ; `in`: where they are declared.
    mutating func unknownReference(_ path: JSONPathComponents, _ id: String, known: Set<String>, what: String, feminine: Bool = false,
                                   in list: String) {
        let sorted = known.sorted()
        let shown = sorted.prefix(20).joined(separator: ", ") + (sorted.count > 20 ? ", …" : "")
        let declared = "déclaré\(feminine ? "e" : "") dans \(list)"
        error(path, .unknownReference, expected: "\(feminine ? "une" : "un") \(what) \(declared)" + (sorted.isEmpty ? "" : " : " + shown),
              found: "\"\(id)\"",
              "« \(id) » ne correspond à \(feminine ? "aucune" : "aucun") \(what) \(declared)" + Suggestion.hint(for: id, in: sorted))
    }

    // MARK: - Run

    mutating func run() {
        if wb.formatVersion != 1 {
            error(root.at("formatVersion"), .unknownValue, expected: "1", found: String(wb.formatVersion),
                  "version de format \(wb.formatVersion) non prise en charge : cette version de perfsociale lit le format 1")
        }
        if wb.language != "fr" {
            error(root.at("language"), .unknownValue, expected: "\"fr\"", found: "\"\(wb.language)\"",
                  "langue « \(wb.language) » non prise en charge : seule « fr » existe pour l'instant")
        }
        checkProvider()
        let scheduled = checkSession()
        checkCourse(scheduled: scheduled)
        let organizations = checkOrganizations()
        checkParticipants(organizations: organizations, scheduled: scheduled)
    }

    // MARK: - Provider

    mutating func checkProvider() {
        let p = root.at("provider")
        if !WorkbookValidator.isValidSIRET(wb.provider.siret) {
            let digits = wb.provider.siret.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.count
            error(p.at("siret"), .malformedValue, expected: "14 chiffres (espaces permis), ex. \"812 345 678 00027\"",
                  found: "\"\(wb.provider.siret)\"", "SIRET invalide : 14 chiffres attendus, \(digits) trouvé\(digits > 1 ? "s" : "")"
                    + (wb.provider.siret.utf8.contains { !($0 >= 0x30 && $0 <= 0x39) && $0 != 0x20 }
                        ? " et des caractères autres que chiffres et espaces" : ""))
        }
        if wb.provider.recordRetentionYears < 1 {
            error(p.at("recordRetentionYears"), .outOfRange, expected: "un nombre d'années ≥ 1 (6 par défaut)",
                  found: String(wb.provider.recordRetentionYears), "la durée de conservation des documents doit être d'au moins 1 an")
        }
        if let logo = wb.provider.logo { checkImage(logo, at: p.at("logo"), what: "le logo") }
        if let signature = wb.provider.signatureImage { checkImage(signature, at: p.at("signatureImage"), what: "l'image de signature") }
    }

    /// A PNG or JPEG file, relative to the workbook's folder: extension, presence and signature bytes.
    mutating func checkImage(_ file: String, at path: JSONPathComponents, what: String) {
        let lower = file.lowercased()
        guard lower.hasSuffix(".png") || lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") else {
            error(path, .fileProblem, expected: "un fichier PNG ou JPEG (.png, .jpg, .jpeg)", found: "\"\(file)\"",
                  "\(what) doit être une image PNG ou JPEG")
            return
        }
        guard let resolved = WorkbookFiles.resolve(file, base: wb.baseDirectory) else { return }
        let head: [UInt8]
        do { head = try WorkbookFiles.prefix(resolved, count: 8) } catch let failure {
            var reason = "illisible"
            if case .unreadable(_, let r) = failure { reason = r }
            self.error(path, .fileProblem, expected: "un fichier image existant, chemin relatif au dossier du classeur", found: "\"\(file)\"",
                  "\(what) est \(reason == "fichier introuvable" ? "introuvable" : "inutilisable (\(reason))") : \(resolved)")
            return
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if head != png && !(head.count >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) {
            error(path, .fileProblem, expected: "une image PNG ou JPEG", found: "\"\(file)\"",
                  "\(what) n'est pas une image PNG ou JPEG valide (contenu du fichier non reconnu)")
        }
    }

    // MARK: - Course

    mutating func checkCourse(scheduled: Schedule) {
        let p = root.at("course")
        let course = wb.course
        if !(course.plannedHours > 0) {
            error(p.at("plannedHours"), .outOfRange, expected: "un nombre d'heures > 0", found: Self.number(course.plannedHours),
                  "la durée prévue de la formation doit être positive")
        } else if let minutes = scheduled.totalMinutes, abs(course.plannedHours * 60 - Double(minutes)) >= 0.5 {
            warning(p.at("plannedHours"), .inconsistency, expected: "la durée des demi-journées : \(Self.hours(minutes))",
                    found: Self.number(course.plannedHours) + " h",
                    "la durée prévue (\(Self.number(course.plannedHours)) h) diffère de la somme des horaires des demi-journées "
                        + "(\(Self.hours(minutes)))")
        }
        if course.objectives.isEmpty {
            error(p.at("objectives"), .missingField, expected: "au moins un objectif pédagogique { id, text }", found: "une liste vide",
                  "la formation doit avoir au moins un objectif pédagogique")
        }
        _ = checkIds(course.objectives.map(\.id), list: p.at("objectives"), path: { p.at("objectives").at($0) },
                     what: "un objectif pédagogique", scope: "parmi les objectifs pédagogiques")
        _ = checkIds(course.modules.map(\.id), list: p.at("modules"), path: { p.at("modules").at($0) },
                     what: "un module", scope: "parmi les modules")
        var values: [Int: Int] = [:]
        for (i, level) in course.selfAssessmentScale.enumerated() {
            if let first = values[level.value] {
                error(p.at("selfAssessmentScale").at(i).at("value"), .duplicateId, expected: "une valeur différente des autres niveaux",
                      found: String(level.value),
                      "le niveau \(level.value) figure deux fois dans l'échelle (déjà en selfAssessmentScale[\(first)])")
            } else {
                values[level.value] = i
            }
        }
        if course.selfAssessmentScale.isEmpty,
           let first = wb.participants.firstIndex(where: { p in
               p.selfAssessment.map { !$0.start.isEmpty || !$0.end.isEmpty } ?? false
           }) {
            error(p.at("selfAssessmentScale"), .missingField, expected: "une échelle [ { value, label } ] d'au moins un niveau",
                  found: "absente", "l'échelle d'auto-évaluation est obligatoire car des participants ont une auto-évaluation "
                    + "(le premier : participants[\(first)])")
        }
        // Modality of the course against the half-days actually scheduled.
        let modalities = Set(scheduled.trusted.map { wb.session.halfDays[$0].modality })
        if course.modality == .onsite, modalities.contains(.remote) {
            warning(p.at("modality"), .inconsistency, expected: "mixed (des demi-journées sont à distance)", found: "\"onsite\"",
                    "la formation est déclarée sur place (onsite) mais des demi-journées sont à distance : « mixed » ?")
        } else if course.modality == .remote, modalities.contains(.onsite) {
            warning(p.at("modality"), .inconsistency, expected: "mixed (des demi-journées sont sur place)", found: "\"remote\"",
                    "la formation est déclarée à distance (remote) mais des demi-journées sont sur place : « mixed » ?")
        }
    }

    static func hours(_ minutes: Int) -> String {
        let m = minutes % 60
        return "\(minutes / 60) h" + (m == 0 ? "" : " \(m < 10 ? "0" : "")\(m)")
    }

    // MARK: - Session

    /// What the session rules learn and the others use.
    struct Schedule {
        var halfDayIds: Set<String> = []
        var halfDayIdsComplete = true
        /// Indices of half-days whose date, times and modality were decoded.
        var trusted: [Int] = []
        var totalMinutes: Int?
        var firstDay: LocalDate?
    }

    mutating func checkSession() -> Schedule {
        let p = root.at("session")
        let session = wb.session
        var schedule = Schedule()
        if session.trainers.isEmpty {
            error(p.at("trainers"), .missingField, expected: "au moins un formateur { id, name }", found: "une liste vide",
                  "la session doit avoir au moins un formateur")
        }
        if session.halfDays.isEmpty {
            error(p.at("halfDays"), .missingField, expected: "au moins une demi-journée", found: "une liste vide",
                  "la session doit avoir au moins une demi-journée")
        }
        let trainers = checkIds(session.trainers.map(\.id), list: p.at("trainers"), path: { p.at("trainers").at($0) },
                                what: "un formateur", scope: "parmi les formateurs")
        let halfDays = checkIds(session.halfDays.map(\.id), list: p.at("halfDays"), path: { p.at("halfDays").at($0) },
                                what: "une demi-journée", scope: "parmi les demi-journées")
        schedule.halfDayIds = halfDays.ids
        schedule.halfDayIdsComplete = halfDays.complete
        let modules = Set(wb.course.modules.map(\.id))
        let modulesComplete = !wb.course.modules.indices.contains { isFailed(root.at("course").at("modules").at($0).at("id")) }
            && !isFailed(root.at("course").at("modules"))
        var total = 0
        var timesComplete = true
        var slots: [String: Int] = [:]
        for (i, h) in session.halfDays.enumerated() {
            let hp = p.at("halfDays").at(i)
            let timesSound = !isFailed(hp.at("start")) && !isFailed(hp.at("end"))
            let sound = timesSound && !isFailed(hp.at("date")) && !isFailed(hp.at("modality")) && !isFailed(hp.at("part"))
            if sound { schedule.trusted.append(i) }
            if timesSound {
                if h.end <= h.start {
                    error(hp.at("end"), .inconsistency, expected: "une heure de fin après le début (\(h.start))", found: "\"\(h.end)\"",
                          "la demi-journée « \(h.id) » finit (\(h.end)) avant ou au moment où elle commence (\(h.start))")
                    timesComplete = false
                } else {
                    total += h.durationMinutes
                }
            } else {
                timesComplete = false
            }
            if !isFailed(hp.at("date")) { schedule.firstDay = min(schedule.firstDay ?? h.date, h.date) }
            if sound {
                let slot = "\(h.date) \(h.part.rawValue)"
                if let first = slots[slot] {
                    warning(hp.at("part"), .inconsistency, expected: "une seule demi-journée par date et par moment",
                            found: "\(h.date) \(h.part == .morning ? "matin" : "après-midi")",
                            "la demi-journée « \(h.id) » occupe le même créneau (\(h.date), \(h.part == .morning ? "matin" : "après-midi")) "
                                + "que « \(session.halfDays[first].id) » : la feuille d'émargement n'a qu'une colonne par créneau")
                } else {
                    slots[slot] = i
                }
            }
            if trainers.complete, !trainers.ids.contains(h.trainer) {
                unknownReference(hp.at("trainer"), h.trainer, known: trainers.ids, what: "formateur", in: "« session.trainers »")
            }
            if modulesComplete {
                for (k, m) in h.modules.enumerated() where !modules.contains(m) {
                    unknownReference(hp.at("modules").at(k), m, known: modules, what: "module", in: "« course.modules »")
                }
            }
        }
        if timesComplete && !session.halfDays.isEmpty { schedule.totalMinutes = total }
        let trusted = schedule.trusted.map { session.halfDays[$0] }
        if let onsite = trusted.first(where: { $0.modality == .onsite }), session.location == nil {
            error(p.at("location"), .missingField, expected: "le lieu de la formation (adresse)", found: "absent",
                  "« location » est obligatoire car la demi-journée « \(onsite.id) » a lieu sur place")
        }
        if let remote = trusted.first(where: { $0.modality == .remote }), session.remoteTool == nil {
            error(p.at("remoteTool"), .missingField, expected: "l'outil de formation à distance (ex. « Visio, salle … »)", found: "absent",
                  "« remoteTool » est obligatoire car la demi-journée « \(remote.id) » a lieu à distance")
        }
        if let date = session.certificates?.date, let last = trusted.map(\.date).max(), date < last {
            warning(p.at("certificates").at("date"), .inconsistency, expected: "une date à partir du dernier jour de formation (\(last))",
                    found: "\"\(date)\"", "les attestations sont datées du \(date), avant la fin de la formation (\(last))")
        }
        return schedule
    }

    // MARK: - Organisations

    mutating func checkOrganizations() -> (ids: Set<String>, complete: Bool) {
        let p = root.at("organizations")
        if wb.organizations.isEmpty {
            error(p, .missingField, expected: "au moins une organisation", found: "une liste vide",
                  "le classeur doit décrire au moins une organisation")
        }
        let ids = checkIds(wb.organizations.map(\.id), list: p, path: { p.at($0) }, what: "une organisation", scope: "parmi les organisations")
        for (i, org) in wb.organizations.enumerated() { checkOrganization(org, at: p.at(i)) }
        return ids
    }

    mutating func checkOrganization(_ org: Organization, at p: JSONPathComponents) {
        let scope = "dans l'organisation « \(org.id) »"
        _ = checkIds(org.axes.map(\.id), path: { p.at("axes").at($0) }, what: "un axe", scope: scope)
        // Objectives and indicators: unique within the organisation, across its axes.
        var objectivePaths: [JSONPathComponents] = [], objectiveIds: [String] = []
        var indicatorPaths: [JSONPathComponents] = [], indicatorIds: [String] = []
        var listsComplete = !isFailed(p.at("axes"))
        for (a, axis) in org.axes.enumerated() {
            if isFailed(p.at("axes").at(a).at("objectives")) { listsComplete = false }
            for (o, objective) in axis.objectives.enumerated() {
                let op = p.at("axes").at(a).at("objectives").at(o)
                if isFailed(op.at("indicators")) { listsComplete = false }
                objectivePaths.append(op); objectiveIds.append(objective.id)
                for (k, indicator) in objective.indicators.enumerated() {
                    indicatorPaths.append(op.at("indicators").at(k)); indicatorIds.append(indicator.id)
                    checkIndicator(indicator, at: op.at("indicators").at(k))
                }
                checkSMART(objective, axis: axis, organization: org, at: op, organizationPath: p)
            }
        }
        _ = checkIds(objectiveIds, path: { objectivePaths[$0] }, what: "un objectif", scope: scope)
        var indicators = checkIds(indicatorIds, path: { indicatorPaths[$0] }, what: "un indicateur", scope: scope)
        indicators.complete = indicators.complete && listsComplete
        if let shared = org.sharedApproach {
            let sp = p.at("sharedApproach")
            _ = checkIds(shared.rituals.map(\.id), path: { sp.at("rituals").at($0) }, what: "un rituel", scope: scope)
            for (r, ritual) in shared.rituals.enumerated() {
                if let minutes = ritual.durationMinutes, minutes <= 0 {
                    error(sp.at("rituals").at(r).at("durationMinutes"), .outOfRange, expected: "une durée en minutes > 0", found: String(minutes),
                          "la durée du rituel « \(ritual.id) » doit être positive")
                }
            }
        }
        if let dashboard = org.dashboard { checkDashboard(dashboard, organization: org, indicators: indicators, at: p.at("dashboard")) }
        if let sroi = org.sroi { checkSROI(sroi, at: p.at("sroi")) }
    }

    mutating func checkIndicator(_ indicator: Indicator, at p: JSONPathComponents) {
        if indicator.nature == .qualitative, indicator.scale == nil {
            error(p.at("scale"), .missingField, expected: "l'échelle de l'indicateur qualitatif (ex. « Satisfaction sur 4 niveaux »)",
                  found: "absente", "l'indicateur qualitatif « \(indicator.id) » doit préciser son échelle (« scale »)")
        }
        guard indicator.isPercent else { return }
        for (key, value) in [("baseline", indicator.baseline), ("target", Optional(indicator.target))] {
            guard let value, !(0...1).contains(value) else { continue }
            error(p.at(key), .outOfRange, expected: "une fraction entre 0 et 1 (unité « % » : 0.83 pour 83 %)", found: Self.number(value),
                  Self.percentMessage(value, what: key == "target" ? "la cible" : "la valeur de référence", id: indicator.id))
        }
    }

    static func percentMessage(_ value: Double, what: String, id: String) -> String {
        let hint = value > 1 && value <= 100 ? " : pour \(number(value)) %, écrivez \(number(value / 100))" : ""
        return "\(what) de l'indicateur « \(id) » (unité %) doit être une fraction entre 0 et 1" + hint
    }

    mutating func checkSMART(_ objective: Objective, axis: Axis, organization: Organization, at p: JSONPathComponents,
                             organizationPath: JSONPathComponents) {
        // A value the decoder rejected left a placeholder (a target of 0, a default dashboard): judging it would only
        // repeat that error.
        func failedBelow(_ path: JSONPathComponents) -> Bool {
            let prefix = PathComponent.render(path)
            return failed.contains { $0 == prefix || $0.hasPrefix(prefix + ".") || $0.hasPrefix(prefix + "[") }
        }
        guard !failedBelow(p) else { return }
        // Values this validator reports as errors (a percentage written 83 for 0.83, 121 periods) likewise.
        let percentOutOfRange = objective.indicators.contains { i in
            i.isPercent && ([i.baseline, i.target].compactMap { $0 }.contains { !(0...1).contains($0) })
        }
        guard !percentOutOfRange else { return }
        var organization = organization
        if failedBelow(organizationPath.at("dashboard")) || !Dashboard.periodRange.contains(organization.dashboard?.periods ?? 1) {
            organization.dashboard = nil
        }
        let result = SMARTCheck.evaluate(objective, axis: axis, organization: organization, in: wb)
        guard !result.gaps.isEmpty else { return }
        let letters = SMARTCriterion.allCases.filter { !result.isSatisfied($0) }.map(\.rawValue)
        warning(p, .smart, expected: "un objectif SMART : S, M, A, R et T documentés",
                found: "critère\(letters.count > 1 ? "s" : "") non documenté\(letters.count > 1 ? "s" : "") : " + letters.joined(separator: ", "),
                "objectif « \(objective.id) » (\(organization.id)) : " + result.missing.joined(separator: " ; "))
    }

    mutating func checkDashboard(_ dashboard: Dashboard, organization org: Organization, indicators: (ids: Set<String>, complete: Bool),
                                 at p: JSONPathComponents) {
        if !Dashboard.periodRange.contains(dashboard.periods) {
            error(p.at("periods"), .outOfRange, expected: "un nombre de périodes de 1 à 120", found: String(dashboard.periods),
                  "le tableau de bord doit couvrir de 1 à 120 périodes")
        }
        let t = dashboard.thresholds
        if !(t.orange > 0 && t.orange < t.green) {
            error(p.at("thresholds"), .inconsistency, expected: "0 < orange < vert (ex. orange 0.7, vert 0.9)",
                  found: "orange \(Self.number(t.orange)), vert \(Self.number(t.green))",
                  "seuils incohérents : il faut 0 < orange < vert (taux d'atteinte de la cible, 0.9 pour 90 %)")
        }
        let byId = Dictionary(org.allIndicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in dashboard.values.keys.sorted() {
            let vp = p.at("values").at(id)
            guard let series = dashboard.values[id] else { continue }
            guard let indicator = byId[id] else {
                if indicators.complete { unknownReference(vp, id, known: indicators.ids, what: "indicateur", in: "l'organisation « \(org.id) »") }
                continue
            }
            let rangeDecoded = !isFailed(p.at("start")) && !isFailed(p.at("periods")) && !isFailed(p.at("periodicity"))
            if series.count != dashboard.periods, Dashboard.periodRange.contains(dashboard.periods), rangeDecoded {
                error(vp, .inconsistency, expected: "\(dashboard.periods) valeurs (une par période)", found: "\(series.count) valeurs",
                      "la série de l'indicateur « \(id) » n'a pas autant de cases que le tableau de bord a de périodes")
            }
            guard indicator.isPercent else { continue }
            for (k, value) in series.enumerated() {
                guard let value, !(0...1).contains(value) else { continue }
                error(vp.at(dashboard.period(at: k).description), .outOfRange, expected: "une fraction entre 0 et 1 (unité « % »)",
                      found: Self.number(value), Self.percentMessage(value, what: "la valeur", id: id))
            }
        }
    }

    mutating func checkSROI(_ sroi: SROI, at p: JSONPathComponents) {
        if !(0...1).contains(sroi.discountRate) {
            error(p.at("discountRate"), .outOfRange, expected: "une fraction entre 0 et 1 (0.035 pour 3,5 %)", found: Self.number(sroi.discountRate),
                  "le taux d'actualisation doit être une fraction entre 0 et 1" + (sroi.discountRate > 1 && sroi.discountRate <= 100
                    ? " : pour \(Self.number(sroi.discountRate)) %, écrivez \(Self.number(sroi.discountRate / 100))" : ""))
        }
        for (i, o) in sroi.outcomes.enumerated() {
            let op = p.at("outcomes").at(i)
            for (key, value, name) in [("deadweight", o.deadweight, "l'effet d'aubaine (deadweight)"),
                                       ("displacement", o.displacement, "le déplacement (displacement)"),
                                       ("attribution", o.attribution, "l'attribution"),
                                       ("dropOff", o.dropOff, "l'atténuation (dropOff)")] where !(0...1).contains(value) {
                error(op.at(key), .outOfRange, expected: "une fraction entre 0 et 1 (0.25 pour 25 %)", found: Self.number(value),
                      "\(name) doit être une fraction entre 0 et 1" + (value > 1 && value <= 100
                        ? " : pour \(Self.number(value)) %, écrivez \(Self.number(value / 100))" : ""))
            }
            if !(1...10).contains(o.durationYears) {
                error(op.at("durationYears"), .outOfRange, expected: "une durée de 1 à 10 ans", found: String(o.durationYears),
                      "la durée de l'effet « \(o.label) » doit être comprise entre 1 et 10 ans")
            }
        }
        if !sroi.outcomes.isEmpty, sroi.inputs.reduce(0, { $0 + $1.value }) <= 0 {
            warning(p.at("inputs"), .inconsistency, expected: "des apports dont le total est positif", found: "total nul",
                    "sans apports (« inputs »), le ratio SROI ne peut pas être calculé")
        }
    }

    // MARK: - Participants

    /// Self-assessment scores: course objectives as keys, scale values as scores.
    mutating func checkScores(_ scores: [String: Int], at p: JSONPathComponents, objectives: Set<String>, objectivesComplete: Bool,
                              scale: Set<Int>, scaleText: String) {
        for (key, score) in scores {
            if !objectives.contains(key) {
                if objectivesComplete { unknownReference(p.at(key), key, known: objectives, what: "objectif pédagogique", in: "« course.objectives »") }
            } else if !scale.isEmpty, !scale.contains(score) {
                error(p.at(key), .outOfRange, expected: "une valeur de l'échelle d'auto-évaluation : " + scaleText, found: String(score),
                      "le niveau \(score) n'existe pas dans l'échelle d'auto-évaluation (\(scaleText))")
            }
        }
    }

    mutating func checkParticipants(organizations: (ids: Set<String>, complete: Bool), scheduled: Schedule) {
        let p = root.at("participants")
        if wb.participants.isEmpty {
            error(p, .missingField, expected: "au moins un participant", found: "une liste vide", "le classeur doit compter au moins un participant")
        }
        _ = checkIds(wb.participants.map(\.id), list: p, path: { p.at($0) }, what: "un participant", scope: "parmi les participants")
        let objectives = Set(wb.course.objectives.map(\.id))
        let objectivesComplete = !wb.course.objectives.isEmpty && !isFailed(root.at("course").at("objectives"))
            && !wb.course.objectives.indices.contains { isFailed(root.at("course").at("objectives").at($0).at("id")) }
        let scale = Set(wb.course.selfAssessmentScale.map(\.value))
        let scaleText = wb.course.selfAssessmentScale.map { String($0.value) }.joined(separator: ", ")
        let halfDaysById = Dictionary(wb.session.halfDays.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let trusted = Set(scheduled.trusted)
        let halfDayIds = wb.session.halfDays.map(\.id).filter { !$0.isEmpty }

        for (i, participant) in wb.participants.enumerated() {
            // Paths are built only when something is reported; dictionaries are walked unordered and what
            // they report is then sorted by path, so the output stays deterministic.
            let pp = p.at(i)
            let mark = diagnostics.count
            if organizations.complete, !organizations.ids.contains(participant.organization) {
                unknownReference(pp.at("organization"), participant.organization, known: organizations.ids, what: "organisation", feminine: true,
                                 in: "« organizations »")
            }
            for (key, a) in participant.attendance {
                guard let h = halfDaysById[key] else {
                    if scheduled.halfDayIdsComplete {
                        unknownReference(pp.at("attendance").at(key), key, known: scheduled.halfDayIds, what: "demi-journée", feminine: true,
                                         in: "« session.halfDays »")
                    }
                    continue
                }
                if let first = a.firstConnection, let last = a.lastDisconnection, last < first {
                    error(pp.at("attendance").at(key).at("lastDisconnection"), .inconsistency,
                          expected: "une heure au plus tôt à la première connexion (\(first))", found: "\"\(last)\"",
                          "la dernière déconnexion (\(last)) précède la première connexion (\(first))")
                }
                guard let minutes = a.minutes else { continue }
                if minutes < 0 {
                    error(pp.at("attendance").at(key).at("minutes"), .outOfRange, expected: "un nombre de minutes ≥ 0", found: String(minutes),
                          "le nombre de minutes de présence ne peut pas être négatif")
                } else if minutes > wb.session.halfDays[h].durationMinutes, trusted.contains(h) {
                    let duration = wb.session.halfDays[h].durationMinutes
                    warning(pp.at("attendance").at(key).at("minutes"), .outOfRange, expected: "au plus la durée prévue (\(duration) min)",
                            found: "\(minutes) min",
                            "\(minutes) minutes de présence pour une demi-journée de \(duration) minutes : seules \(duration) seront comptées")
                }
            }
            if scheduled.halfDayIdsComplete, !isFailed(pp.at("attendance")) {
                let missing = halfDayIds.filter { participant.attendance[$0] == nil }
                if !missing.isEmpty {
                    let list = missing.joined(separator: ", ")
                    warning(pp.at("attendance"), .missingAttendance, expected: "une présence pour chaque demi-journée",
                            found: "sans présence : " + list,
                            "\(participant.fullName.isEmpty ? participant.id : participant.fullName) n'a pas de présence pour \(list) : "
                                + "compté\(missing.count > 1 ? "es" : "e") 0 minute (écrivez \"absent\" si c'est le cas)")
                }
            }
            if let assessment = participant.selfAssessment {
                checkScores(assessment.start, at: pp.at("selfAssessment").at("start"), objectives: objectives, objectivesComplete: objectivesComplete,
                            scale: scale, scaleText: scaleText)
                checkScores(assessment.end, at: pp.at("selfAssessment").at("end"), objectives: objectives, objectivesComplete: objectivesComplete,
                            scale: scale, scaleText: scaleText)
            }
            if objectivesComplete {
                for key in participant.results.keys where !objectives.contains(key) {
                    unknownReference(pp.at("results").at(key), key, known: objectives, what: "objectif pédagogique", in: "« course.objectives »")
                }
            }
            if diagnostics.count - mark > 1 { diagnostics[mark...].sort { $0.path < $1.path } }
        }
    }
}
