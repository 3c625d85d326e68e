// The session summary's figures (« bilan » for the admin and the bilan pédagogique et financier): per trainee the
// planned and realised minutes on site and remote, the half-days of absence, the funder; totals in trainee-hours by
// status and by funder. The realised minutes are HoursRealised's, the very ones the certificates print.

public struct SessionSummaryFigures: Sendable {
    public struct Row: Sendable {
        public var participant: Participant
        public var funder: Funder?
        public var plannedOnsite: Int, realisedOnsite: Int, plannedRemote: Int, realisedRemote: Int
        /// Half-days marked absent or not recorded.
        public var absentHalfDays: Int
        public var planned: Int { plannedOnsite + plannedRemote }
        public var realised: Int { realisedOnsite + realisedRemote }
        /// Realised ÷ planned; nil when nothing was planned.
        public var attendanceRate: Double? { planned > 0 ? Double(realised) / Double(planned) : nil }
    }
    public struct Total: Sendable, Equatable {
        public var label: String
        public var trainees: Int
        public var plannedMinutes: Int
        public var realisedMinutes: Int
    }

    public var rows: [Row]
    public var byStatus: [Total]
    public var byFunder: [Total]

    /// « Sans financeur » when neither the participant nor the session names one.
    public static let noFunder = "Sans financeur"

    public static func statusLabel(_ s: ParticipantStatus?) -> String {
        switch s {
        case .employee: return "Salarié·e"
        case .volunteer: return "Bénévole"
        case .boardMember: return "Membre du CA"
        case nil: return "Statut non précisé"
        }
    }

    public init(workbook wb: Workbook) {
        let halfDays = wb.session.halfDays
        let rows: [Row] = ParticipantOrder.sorted(wb.participants).map { p in
            var r = Row(participant: p, funder: p.funder ?? wb.session.funder, plannedOnsite: 0, realisedOnsite: 0,
                        plannedRemote: 0, realisedRemote: 0, absentHalfDays: 0)
            for h in halfDays {
                let realised = HoursRealised.minutes(p.attendance[h.id], scheduled: h.durationMinutes)
                if h.modality == .onsite { r.plannedOnsite += h.durationMinutes; r.realisedOnsite += realised }
                else { r.plannedRemote += h.durationMinutes; r.realisedRemote += realised }
                if p.attendance[h.id] == nil || p.attendance[h.id]?.status == .absent { r.absentHalfDays += 1 }
            }
            return r
        }
        // One pass over the rows, read in place: a row holds its trainee, and filtering per label copied every row.
        func totals(_ key: (Row) -> String, order: [String]) -> [Total] {
            var result = order.map { Total(label: $0, trainees: 0, plannedMinutes: 0, realisedMinutes: 0) }
            let slot = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            rows.withUnsafeBufferPointer { buf in
                for i in buf.indices {
                    guard let k = slot[key(buf[i])] else { continue }
                    result[k].trainees += 1
                    result[k].plannedMinutes += buf[i].planned
                    result[k].realisedMinutes += buf[i].realised
                }
            }
            return result
        }
        let statuses = [ParticipantStatus.employee, .volunteer, .boardMember].map(Self.statusLabel)
            + (rows.contains { $0.participant.status == nil } ? [Self.statusLabel(nil)] : [])
        self.rows = rows
        byStatus = totals({ Self.statusLabel($0.participant.status) }, order: statuses)
        // Funders in order of first appearance (a set: as many funders as trainees stays linear).
        var funders: [String] = [], seen = Set<String>()
        for i in rows.indices {
            let name = rows[i].funder?.name ?? Self.noFunder
            if seen.insert(name).inserted { funders.append(name) }
        }
        byFunder = totals({ $0.funder?.name ?? Self.noFunder }, order: funders)
    }
}
