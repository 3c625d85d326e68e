import Documents
import FrenchFormatting
import TrainingWorkbook

/// `report … --update`: what the association typed into its dashboard (values, thresholds, update date, comments,
/// corrective actions, owners, indicators added in spare rows) carried into the training workbook's JSON, so that
/// `generate` rebuilds a dashboard holding all of it. The JSON tree is edited in place (members keep their order, the
/// rest of the workbook is untouched) and the result must decode without error before anything is written.
public enum WorkbookUpdate {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public struct Result: Sendable {
        public var bytes: [UInt8]
        public var organizationID: String
        /// « 84 valeurs, 2 commentaires, 1 action, 1 indicateur ajouté ».
        public var summary: String
    }

    public static func updated(json: [UInt8], filled: FilledDashboard, baseDirectory: String? = nil) throws(Failure) -> Result {
        let root: JSONValue
        do { root = try JSONParser.parse(json) } catch { throw Failure(message: "classeur illisible : \(error.description)") }
        let report = WorkbookLoader.decode(bytes: json, baseDirectory: baseDirectory)
        guard let workbook = report.workbook, report.errors.isEmpty else {
            throw Failure(message: "le classeur a des erreurs (perfsociale validate) : rien n'est reporté")
        }
        let name = filled.organization.name
        guard let orgIndex = workbook.organizations.firstIndex(where: { $0.name == name })
                ?? workbook.organizations.firstIndex(where: { Slug.make($0.name) == Slug.make(name) }) else {
            throw Failure(message: "aucune organisation nommée « \(name) » dans le classeur (organizations[].name)")
        }
        let org = workbook.organizations[orgIndex]
        guard case .array(var organizations)? = root["organizations"], orgIndex < organizations.count else {
            throw Failure(message: "organizations[] introuvable dans le classeur")
        }
        var orgJSON = organizations[orgIndex]

        // The dashboard: the workbook's range when it has one (values outside it cannot be kept), else the file's.
        let fileDashboard = filled.dashboard
        var range = fileDashboard
        var dashboardJSON = orgJSON["dashboard"] ?? .object([])
        if case .null = dashboardJSON { dashboardJSON = .object([]) }
        if let existing = org.dashboard {
            range = existing
        } else {
            dashboardJSON = dashboardJSON.setting("periodicity", .string(fileDashboard.periodicity.rawValue))
                .setting("start", .string(fileDashboard.start.description))
                .setting("periods", .number(Double(fileDashboard.periods)))
        }
        guard range.periodicity == fileDashboard.periodicity else {
            throw Failure(message: "le tableau de bord est \(fileDashboard.periodicity == .monthly ? "mensuel" : "trimestriel") et celui du classeur ne l'est pas : rien n'est reporté")
        }
        dashboardJSON = dashboardJSON.setting("thresholds", .object([
            JSONMember(key: "green", value: .number(fileDashboard.thresholds.green)),
            JSONMember(key: "orange", value: .number(fileDashboard.thresholds.orange)),
        ]))
        var valueMembers: [JSONMember] = []
        var valueCount = 0
        for ind in filled.organization.allIndicators {
            guard let values = fileDashboard.values[ind.id] else { continue }
            var periods: [JSONMember] = []
            for (k, v) in values.enumerated() {
                guard let v else { continue }
                let period = fileDashboard.period(at: k)
                let position = period.ordinal - range.start.ordinal
                guard position >= 0, position < range.periods else {
                    throw Failure(message: "\(ind.id) : la valeur de \(French.periodLabel(period)) est hors de la plage du tableau de bord du classeur (\(range.start) à \(range.period(at: range.periods - 1))) : étendez-la (dashboard.start, dashboard.periods) puis recommencez")
                }
                periods.append(JSONMember(key: period.description, value: .number(v)))
            }
            if !periods.isEmpty { valueMembers.append(JSONMember(key: ind.id, value: .object(periods))); valueCount += periods.count }
        }
        dashboardJSON = dashboardJSON.setting("values", .object(valueMembers))
        var noteMembers: [JSONMember] = []
        var comments = 0, actions = 0
        for ind in filled.organization.allIndicators {
            guard let n = filled.notes[ind.id], n.comment != nil || n.action != nil else { continue }
            var members: [JSONMember] = []
            if let c = n.comment { members.append(JSONMember(key: "comment", value: .string(c))); comments += 1 }
            if let a = n.action { members.append(JSONMember(key: "action", value: .string(a))); actions += 1 }
            noteMembers.append(JSONMember(key: ind.id, value: .object(members)))
        }
        dashboardJSON = dashboardJSON.setting("notes", .object(noteMembers))
        if let d = filled.updated { dashboardJSON = dashboardJSON.setting("updated", .string(d.description)) }
        orgJSON = orgJSON.setting("dashboard", dashboardJSON)

        // Owners and sources typed beside existing indicators; indicators added in spare rows.
        let known = Set(org.allIndicators.map(\.id))
        var added = 0
        guard case .array(var axes)? = orgJSON["axes"] else { throw Failure(message: "organizations[\(orgIndex)].axes introuvable") }
        for (a, axis) in org.axes.enumerated() where a < axes.count {
            guard case .array(var objectives)? = axes[a]["objectives"] else { continue }
            for (o, objective) in axis.objectives.enumerated() where o < objectives.count {
                guard case .array(var indicators)? = objectives[o]["indicators"] else { continue }
                for (i, ind) in objective.indicators.enumerated() where i < indicators.count {
                    if let owner = filled.notes[ind.id]?.owner, owner != ind.owner { indicators[i] = indicators[i].setting("owner", .string(owner)) }
                    if let source = filled.notes[ind.id]?.source, source != ind.source { indicators[i] = indicators[i].setting("source", .string(source)) }
                }
                objectives[o] = objectives[o].setting("indicators", .array(indicators))
            }
            // The indicators added in this axis's spare rows (the file's axes are the workbook's, in order).
            if a < filled.organization.axes.count {
                for fileObjective in filled.organization.axes[a].objectives {
                    for ind in fileObjective.indicators where filled.added.contains(ind.id) && !known.contains(ind.id) {
                        let json = indicatorJSON(ind, notes: filled.notes[ind.id])
                        if let o = axis.objectives.firstIndex(where: { $0.id == fileObjective.id }), case .array(var list)? = objectives[o]["indicators"] {
                            list.append(json)
                            objectives[o] = objectives[o].setting("indicators", .array(list))
                        } else if let o = objectives.firstIndex(where: { if case .string(fileObjective.id)? = $0["id"] { return true }; return false }),
                                  case .array(var list)? = objectives[o]["indicators"] {
                            list.append(json)      // a new objective already created for an earlier added indicator
                            objectives[o] = objectives[o].setting("indicators", .array(list))
                        } else {
                            objectives.append(.object([
                                JSONMember(key: "id", value: .string(fileObjective.id)),
                                JSONMember(key: "statement", value: .string(fileObjective.statement.isEmpty ? ind.name : fileObjective.statement)),
                                JSONMember(key: "indicators", value: .array([json])),
                            ]))
                        }
                        added += 1
                    }
                }
            }
            axes[a] = axes[a].setting("objectives", .array(objectives))
        }
        orgJSON = orgJSON.setting("axes", .array(axes))
        organizations[orgIndex] = orgJSON
        let text = root.setting("organizations", .array(organizations)).serialized()
        let bytes = Array(text.utf8)

        let check = WorkbookLoader.decode(bytes: bytes, baseDirectory: baseDirectory)
        guard check.workbook != nil, check.errors.isEmpty else {
            let first = check.errors.prefix(3).map(\.description).joined(separator: " ; ")
            throw Failure(message: "le classeur mis à jour ne serait pas valide (\(first)) : rien n'est écrit")
        }
        func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n > 1 ? many : one)" }
        let summary = [plural(valueCount, "valeur", "valeurs"), plural(comments, "commentaire", "commentaires"),
                       plural(actions, "action corrective", "actions correctives"), plural(added, "indicateur ajouté", "indicateurs ajoutés")]
            .joined(separator: ", ")
        return Result(bytes: bytes, organizationID: org.id, summary: summary)
    }

    static func indicatorJSON(_ ind: Indicator, notes: FilledDashboard.Notes?) -> JSONValue {
        var m: [JSONMember] = [JSONMember(key: "id", value: .string(ind.id)), JSONMember(key: "name", value: .string(ind.name))]
        if let t = ind.type { m.append(JSONMember(key: "type", value: .string(t.rawValue))) }
        if let s = ind.stakeholder { m.append(JSONMember(key: "stakeholder", value: .string(s.rawValue))) }
        if let u = ind.unit { m.append(JSONMember(key: "unit", value: .string(u))) }
        m.append(JSONMember(key: "baseline", value: ind.baseline.map { .number($0) } ?? .null))
        m.append(JSONMember(key: "target", value: .number(ind.target)))
        m.append(JSONMember(key: "direction", value: .string(ind.direction.rawValue)))
        m.append(JSONMember(key: "aggregation", value: .string(ind.aggregation.rawValue)))
        if let o = notes?.owner { m.append(JSONMember(key: "owner", value: .string(o))) }
        if let s = notes?.source { m.append(JSONMember(key: "source", value: .string(s))) }
        return .object(m)
    }
}
