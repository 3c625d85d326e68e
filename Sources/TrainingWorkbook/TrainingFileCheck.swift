// Rules on the training file's fields (TrainingFile.swift): counts that contradict each other, and the distance
// learning information article D6313-3-1 of the Code du travail requires in the convocation.

import FrenchFormatting

public enum TrainingFileCheck {
    public static func diagnostics(_ wb: Workbook) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func report(_ severity: DiagnosticSeverity, _ code: DiagnosticCode, _ path: [PathComponent], expected: String, found: String, _ message: String) {
            out.append(Diagnostic(severity, code, at: path, expected: expected, found: found, message: message))
        }
        let course: [PathComponent] = [.key("course")]
        if let price = wb.course.description.price, price < 0 {
            report(.error, .outOfRange, course + [.key("price")], expected: "un tarif en euros ≥ 0", found: WorkbookDecoder.formatNumber(price),
                   "le tarif de la formation ne peut pas être négatif")
        }
        for (i, s) in wb.course.description.previousSessions.enumerated() {
            let p = course + [.key("previousSessions"), .index(i)]
            if s.completed > s.trainees {
                report(.error, .inconsistency, p + [.key("completed")], expected: "au plus \(s.trainees) (les stagiaires entrés)",
                       found: String(s.completed), "session précédente « \(s.reference) » : plus de stagiaires ayant terminé (\(s.completed)) que d'entrés (\(s.trainees))")
            }
            if let satisfied = s.satisfied, let respondents = s.respondents, satisfied > respondents {
                report(.error, .inconsistency, p + [.key("satisfied")], expected: "au plus \(respondents) (les répondants)",
                       found: String(satisfied), "session précédente « \(s.reference) » : plus de satisfaits (\(satisfied)) que de répondants (\(respondents))")
            }
            if (s.satisfied == nil) != (s.respondents == nil) {
                report(.warning, .inconsistency, p, expected: "« respondents » et « satisfied » ensemble", found: "un seul des deux",
                       "session précédente « \(s.reference) » : le taux de satisfaction demande le nombre de répondants et celui des satisfaits")
            }
        }
        let session: [PathComponent] = [.key("session")]
        let convocation = wb.session.convocation
        for (i, a) in (convocation?.remoteActivities ?? []).enumerated() {
            if let m = a.minutes, m <= 0 {
                report(.error, .outOfRange, session + [.key("convocation"), .key("remoteActivities"), .index(i), .key("minutes")],
                       expected: "une durée en minutes > 0", found: String(m), "la durée estimée de l'activité « \(a.title) » doit être positive")
            }
        }
        if wb.session.halfDays.contains(where: { $0.modality == .remote }) {
            var missing: [String] = []
            if convocation?.technicalAssistance.map(WorkbookDecoder.isBlank) ?? true { missing.append("l'assistance technique (technicalAssistance)") }
            if convocation?.pedagogicalAssistance.map(WorkbookDecoder.isBlank) ?? true { missing.append("l'assistance pédagogique (pedagogicalAssistance)") }
            if !missing.isEmpty {
                report(.warning, .missingField, session + [.key("convocation")],
                       expected: "pour une formation à distance, l'assistance technique et pédagogique et comment la joindre (article D6313-3-1)",
                       found: "absente", "la convocation des demi-journées à distance doit indiquer " + missing.joined(separator: " et ")
                        + " : la convocation l'annonce « à préciser »")
            }
        }
        return out
    }
}
