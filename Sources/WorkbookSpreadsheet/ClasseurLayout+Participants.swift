// The trainees: one row each, their attendance as a grid (one column per half-day), their self-assessment and
// results one row per course objective.

import FrenchFormatting
import TrainingWorkbook

extension ClasseurLayout {
    static let participantFields: [C] = [
        C("Id", "id", .id), C("Civilité", "civility", .choice(ch.civility)), C("Prénom", "firstName"), C("Nom", "lastName"),
        C("Association (id)", "organization", .id), C("Fonction", "role"), C("Statut", "status", .choice(ch.participantStatus)),
        C("E-mail", "email", width: 28), C("Financeur : nom", "funder.name"), C("Financeur : n° de dossier", "funder.fileNumber"),
    ]
    static let participants: S = {
        let columns = participantFields + [S.extras]
        let known = Set(participantFields.compactMap(\.key.first)).union(["attendance", "selfAssessment", "results"])
        return S(name: "Participants", help: "Une ligne par stagiaire ; l'association est son id dans la feuille « Associations ».",
                 layout: .table, columns: columns,
                 write: { root in S.array(root["participants"]).map { S.cells($0, columns, extrasExcept: known) } },
                 read: { builder, rows in
                     for row in rows.rows {
                         let (o, p) = builder.append(to: builder.root, [], "participants", at: rows.location(row, 0))
                         S.fill(o, at: p, from: row, of: rows, columns: columns, first: 0, builder: builder)
                         if case .value(.string(let id))? = o["id"], builder.participants[id] == nil { builder.participants[id] = (o, p) }
                     }
                 })
    }()

    // MARK: attendance grid

    /// « présent », « absent », « distance », « présent 150 » (minutes), « distance 170 », a number of minutes alone
    /// (present), or a JSON object for anything richer.
    static func attendanceCell(_ v: JSONValue) -> ClasseurCell {
        switch v {
        case .string("present"): return .text("présent")
        case .string("absent"): return .text("absent")
        case .string("remote"): return .text("distance")
        case .object(let members):
            let keys = Set(members.map(\.key))
            if keys == ["status", "minutes"], case .string(let s)? = v["status"], case .number(let m)? = v["minutes"],
               m == m.rounded(), s == "present" || s == "remote" {
                return .text((s == "present" ? "présent " : "distance ") + String(Int(m)))
            }
            // From a videoconference report: « distance 165 (09:27-12:34) ».
            if keys == ["status", "minutes", "firstConnection", "lastDisconnection"], case .string("remote")? = v["status"],
               case .number(let m)? = v["minutes"], m == m.rounded(), case .string(let first)? = v["firstConnection"],
               case .string(let last)? = v["lastDisconnection"], LocalTime(hhmm: first) != nil, LocalTime(hhmm: last) != nil {
                return .text("distance \(Int(m)) (\(first)-\(last))")
            }
            return .text(JSONText.compact(v))
        case .null: return .empty
        default: return .text(JSONText.compact(v))
        }
    }

    static func attendanceValue(_ cell: ClasseurCell) -> Result<JSONValue?, ClasseurProblem> {
        if cell.isEmpty { return .success(nil) }
        if case .number(let n) = cell { return .success(.object([JSONMember(key: "status", value: .string("present")), JSONMember(key: "minutes", value: .number(n))])) }
        let text = ClasseurColumn.text(cell)
        // The grid's own words, as the writer writes them.
        switch text {
        case "présent": return .success(.string("present"))
        case "absent": return .success(.string("absent"))
        case "distance": return .success(.string("remote"))
        default: break
        }
        // « présent 150 », « distance 170 », as the writer writes them, without folding and splitting the text.
        for (prefix, status) in minutesPrefixes where text.hasPrefix(prefix) {
            let digits = text.utf8.dropFirst(prefix.utf8.count)
            if !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let minutes = Int(Substring(digits)) {
                return .success(.object([JSONMember(key: "status", value: .string(status)), JSONMember(key: "minutes", value: .number(Double(minutes)))]))
            }
        }
        if text.hasPrefix("{") { return ClasseurColumn("", "", .json).json(cell) }
        // « distance 165 (09:27-12:34) »: the connection times of a videoconference report.
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let times = inside.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingSpaces }
            guard times.count == 2, let first = ClasseurColumn.frenchTime(times[0]), let last = ClasseurColumn.frenchTime(times[1]),
                  case .success(let base?) = attendanceValue(.text(String(text[..<open]).trimmingSpaces)),
                  case .object(var members) = base, base["status"] == .string("remote") else {
                return .failure(ClasseurProblem(expected: "« distance 165 (09:27-12:34) » : minutes, première connexion, dernière déconnexion",
                                                found: cell.shown, message: "présence illisible"))
            }
            members.append(JSONMember(key: "firstConnection", value: .string(ClasseurColumn.hhmm(first))))
            members.append(JSONMember(key: "lastDisconnection", value: .string(ClasseurColumn.hhmm(last))))
            return .success(.object(members))
        }
        let words = ClasseurChoice.fold(text).split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).map(String.init)
        var status: String? = nil, minutes: Double? = nil
        for w in words {
            switch w {
            case "present", "presente", "p", "sur", "site": status = status ?? "present"
            case "absent", "absente", "a", "abs": status = "absent"
            case "distance", "a distance", "remote", "d", "visio", "distanciel": status = "remote"
            case "min", "minutes", "mn", "a_": break
            default:
                if let n = French.parseNumber(w) { minutes = n } else if w == "à" || w == "a" { break } else {
                    return .failure(ClasseurProblem(expected: "présent, absent, distance, ou des minutes (« distance 180 »)", found: cell.shown,
                                                    message: "présence illisible"))
                }
            }
        }
        let s = status ?? (minutes != nil ? "present" : nil)
        guard let s else {
            return .failure(ClasseurProblem(expected: "présent, absent, distance, ou des minutes (« distance 180 »)", found: cell.shown,
                                            message: "présence illisible"))
        }
        guard let minutes, s != "absent" else { return .success(.string(s)) }
        return .success(.object([JSONMember(key: "status", value: .string(s)), JSONMember(key: "minutes", value: .number(minutes))]))
    }

    /// The grid's words before minutes, and the status they stand for.
    static let minutesPrefixes = [("présent ", "present"), ("distance ", "remote")]

    static let attendanceHelp = "Une ligne par stagiaire, une colonne par demi-journée (son id) : présent, absent, distance, "
        + "ou les minutes suivies (« présent 150 », « distance 180 »)."

    /// Its columns depend on the half-days: built for each workbook (see `ClasseurWriter`); read by header.
    static let attendance = S(
        name: "Présences", help: attendanceHelp, layout: .table,
        columns: [C("Participant (id)", "id", .id), C("Nom", "name", width: 26)],
        write: { root in
            let halfDays = S.array(root["session"]?["halfDays"]).compactMap { S.id($0["id"]) }
            return S.array(root["participants"]).map { p in
                let name = [S.id(p["firstName"]), S.id(p["lastName"])].compactMap { $0 }.joined(separator: " ")
                var row: [ClasseurCell] = [S.id(p["id"]).map { .text($0) } ?? .empty, .text(name)]
                let attendance = p["attendance"]
                for h in halfDays { row.append(attendance?[h].map(attendanceCell) ?? .empty) }
                // Half-days the session does not list (a mistake the validator reports) keep a column of their own.
                if case .object(let members)? = attendance {
                    for m in members where !halfDays.contains(m.key) { row.append(.text(m.key + " = " + JSONText.compact(m.value))) }
                }
                return row
            }
        },
        readTable: readAttendance)   // the whole sheet: its header names the half-days

    static func readAttendance(_ table: ClasseurTable, _ builder: ClasseurBuilder) {
        guard table.rows.count > 1 else { return }
        let header = table.rows[1].map(ClasseurColumn.text)
        let noteKeys = header.map { ["attendance", $0] }     // made once per column, not once per cell
        let listed = header.map { builder.halfDayIds.isEmpty || builder.halfDayIds.contains($0) }
        var unknownColumns: Set<Int> = []
        for r in 2..<table.rows.count {
            let id = ClasseurColumn.text(table.cell(r, 0))
            guard !id.isEmpty else { continue }
            let location = CellLocation(sheet: table.name, row: r, column: 0)
            guard let (participant, path) = builder.participants[id] else {
                if (2..<header.count).contains(where: { !table.cell(r, $0).isEmpty }) {
                    builder.problem(location, ClasseurProblem(expected: "l'id d'un stagiaire de la feuille « Participants »", found: "« \(id) »",
                                                              message: "stagiaire inconnu « \(id) »"))
                }
                continue
            }
            let attendance = participant.object("attendance")
            builder.note(path + [.key("attendance")], location)
            for c in 2..<header.count {
                let cell = table.cell(r, c)
                let loc = CellLocation(sheet: table.name, row: r, column: c)
                var halfDay = header[c]
                var value = cell
                // A column for a half-day the session does not list: « j9am = "present" ».
                if halfDay.isEmpty, case .text(let t) = cell, let eq = t.range(of: " = ") {
                    halfDay = String(t[..<eq.lowerBound]); value = .text(String(t[eq.upperBound...]))
                    if case .success(let v?) = ClasseurColumn("", "", .json).json(value) {
                        attendance.set(halfDay, v); builder.note(path + [.key("attendance"), .key(halfDay)], loc)
                    }
                    continue
                }
                guard !halfDay.isEmpty, !cell.isEmpty else { continue }
                if !listed[c] {
                    // Once per column, not once per trainee.
                    guard !unknownColumns.contains(c) else { continue }
                    unknownColumns.insert(c)
                    builder.problem(CellLocation(sheet: table.name, row: 1, column: c),
                                    ClasseurProblem(expected: "l'id d'une demi-journée de la feuille « Demi-journées »", found: "« \(halfDay) »",
                                                    message: "demi-journée inconnue « \(halfDay) » en tête de colonne"))
                    continue
                }
                switch attendanceValue(value) {
                case .success(let v?):
                    attendance.set(halfDay, v)
                    builder.note(path, keys: noteKeys[c], loc)
                case .success(nil): break
                case .failure(let p): builder.problem(loc, p)
                }
            }
        }
    }

    // MARK: self-assessment and results

    static let selfAssessmentColumns: [C] = [
        C("Participant (id)", "participant", .id), C("Objectif pédagogique (id)", "objective", .id),
        C("Auto-évaluation : début", "start", .integer), C("Auto-évaluation : fin", "end", .integer),
        C("Résultat de l'évaluation", "result", .choice(ch.learningResult)),
    ]
    static let selfAssessment = S(
        name: "Auto-évaluation", help: "Une ligne par stagiaire et objectif pédagogique : niveaux de début et de fin (échelle), résultat.",
        layout: .table, columns: selfAssessmentColumns,
        write: { root in
            var rows: [[ClasseurCell]] = []
            for p in S.array(root["participants"]) {
                let start = p["selfAssessment"]?["start"], end = p["selfAssessment"]?["end"], results = p["results"]
                var objectives: [String] = []
                for source in [start, end, results] {
                    if case .object(let members)? = source { for m in members where !objectives.contains(m.key) { objectives.append(m.key) } }
                }
                for o in objectives {
                    rows.append([S.id(p["id"]).map { .text($0) } ?? .empty, .text(o), selfAssessmentColumns[2].cell(start?[o]),
                                 selfAssessmentColumns[3].cell(end?[o]), selfAssessmentColumns[4].cell(results?[o])])
                }
            }
            return rows
        },
        read: { builder, rows in
            // Where each level goes, and the note keys under the participant for each objective (made once per
            // objective, not three times per row).
            let targets: [(column: Int, keys: [String])] = [(2, ["selfAssessment", "start"]), (3, ["selfAssessment", "end"]), (4, ["results"])]
            var noteKeys: [String: [[String]]] = [:]
            // The three objects of the last participant met (a participant's rows usually follow each other): not
            // looked up again, key by key, for each of its rows.
            var last: (id: String, objects: [MutableObject?])? = nil
            for row in rows.rows {
                let id = ClasseurColumn.text(row.cells[0]), objective = ClasseurColumn.text(row.cells[1])
                guard let (participant, path) = builder.participants[id] else {
                    builder.problem(rows.location(row, 0), ClasseurProblem(expected: "l'id d'un stagiaire de la feuille « Participants »",
                                                                           found: row.cells[0].shown, message: "stagiaire inconnu « \(id) »"))
                    continue
                }
                guard !objective.isEmpty else {
                    builder.problem(rows.location(row, 1), ClasseurProblem(expected: "l'id d'un objectif pédagogique", found: "vide",
                                                                           message: "objectif pédagogique manquant"))
                    continue
                }
                let keysOf = noteKeys[objective] ?? {
                    let made = targets.map { $0.keys + [objective] }
                    noteKeys[objective] = made
                    return made
                }()
                for (t, (i, keys)) in targets.enumerated() {
                    switch selfAssessmentColumns[i].json(row.cells[i]) {
                    case .success(let v?):
                        if last?.id != id { last = (id, [nil, nil, nil]) }
                        // Found or made when the participant's first value for it comes (none made for an empty cell).
                        let o: MutableObject
                        if let cached = last?.objects[t] { o = cached } else {
                            var walk = participant
                            for k in keys { walk = walk.object(k) }
                            o = walk
                            last?.objects[t] = o
                        }
                        o.set(objective, v)
                        builder.note(path, keys: keysOf[t], rows.location(row, i))
                    case .success(nil): break
                    case .failure(let p): builder.problem(rows.location(row, i), p)
                    }
                }
            }
        })
}
