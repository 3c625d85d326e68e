// The associations and their four deliverables: objectives by axis, indicators, the shared approach (rituals,
// roles, governance, principles), the dashboard's settings and values, the SROI and the trainer's assessment.
// Rows name their association (and objective) by id, so they may come in any order.

import TrainingWorkbook

enum PeriodText {
    /// `2026-03` or `2026-Q1`.
    static func isWellFormed(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"), u[0..<4].allSatisfy({ (48...57).contains($0) }) else { return false }
        if u[5] == UInt8(ascii: "Q") { return (49...52).contains(u[6]) }
        guard (48...49).contains(u[5]), (48...57).contains(u[6]) else { return false }
        let m = Int(u[5] - 48) * 10 + Int(u[6] - 48)
        return (1...12).contains(m)
    }
}

extension ClasseurLayout {
    static let association = C("Association (id)", "organization", .id)

    static let associationFields: [C] = [C("Id", "id", .id), C("Nom", "name", width: 34), C("Mission", "mission", .longText, width: 50)]
    static let associations: S = {
        let columns = associationFields + [S.extras]
        let known: Set<String> = ["id", "name", "mission", "axes", "sharedApproach", "dashboard", "sroi", "productions"]
        return S(name: "Associations", help: "Une ligne par association accompagnée ; son id sert dans les autres feuilles.",
                 layout: .table, columns: columns,
                 write: { root in S.array(root["organizations"]).map { S.cells($0, columns, extrasExcept: known) } },
                 read: { builder, rows in
                     for row in rows.rows {
                         let (o, p) = builder.append(to: builder.root, [], "organizations", at: rows.location(row, 0))
                         S.fill(o, at: p, from: row, of: rows, columns: columns, first: 0, builder: builder)
                         if case .value(.string(let id))? = o["id"], builder.organizations[id] == nil { builder.organizations[id] = (o, p) }
                     }
                 })
    }()

    /// The association a row names, or a problem on its cell.
    static func organization(_ builder: ClasseurBuilder, _ rows: ClasseurRows,
                             _ row: (index: Int, cells: [ClasseurCell], columns: [Int?])) -> (MutableObject, [PathComponent], String)? {
        let id = ClasseurColumn.text(row.cells[0])
        if let (o, p) = builder.organizations[id] { return (o, p, id) }
        builder.problem(rows.location(row, 0), ClasseurProblem(
            expected: "l'id d'une association de la feuille « Associations »", found: row.cells[0].shown,
            message: id.isEmpty ? "association manquante" : "association inconnue « \(id) »"))
        return nil
    }

    /// Rows of `(association id, element)` for an array inside each organisation.
    static func perOrganization(_ root: JSONValue, _ path: [String]) -> [(String?, JSONValue)] {
        S.array(root["organizations"]).flatMap { org in S.array(S.value(org, path)).map { (S.id(org["id"]), $0) } }
    }

    /// A table of the elements of an array inside each organisation (`sharedApproach.rituals`…).
    static func organizationTable(_ name: String, _ help: String, _ path: [String], _ fields: [C]) -> S {
        let columns = [association] + fields + [S.extras]
        let known = Set(fields.compactMap(\.key.first))
        return S(name: name, help: help, layout: .table, columns: columns,
                 write: { root in perOrganization(root, path).map { [$0.0.map { .text($0) } ?? .empty] + S.cells($0.1, Array(columns.dropFirst()), extrasExcept: known) } },
                 read: { builder, rows in
                     for row in rows.rows {
                         guard let (org, orgPath, _) = organization(builder, rows, row) else { continue }
                         var parent = org, parentPath = orgPath
                         for k in path.dropLast() { parent = parent.object(k); parentPath.append(.key(k)) }
                         let (o, p) = builder.append(to: parent, parentPath, path[path.count - 1], at: rows.location(row, 0))
                         S.fill(o, at: p, from: row, of: rows, columns: columns, first: 1, builder: builder)
                     }
                 })
    }

    // MARK: objectives and indicators

    static let objectiveFields: [C] = [
        C("Objectif (id)", "id", .id), C("Énoncé SMART", "statement", .longText, width: 50),
        C("Partie prenante", "stakeholder", .choice(ch.stakeholder)),
        C("Résultats attendus : bénéficiaires", "expectedResults.beneficiaries", .longText),
        C("Résultats attendus : organisation", "expectedResults.organization", .longText),
        C("Résultats attendus : partenaires", "expectedResults.partners", .longText),
        C("Responsable", "owner"), C("Moyens", "resources", .longText), C("Échéance", "deadline", .date),
    ]
    static let objectives: S = {
        let axisID = C("Axe (id)", "axis", .id), axisTitle = C("Axe : intitulé", "axisTitle", .longText, width: 30)
        let columns = [association, axisID, axisTitle] + objectiveFields + [S.extras]
        let known = Set(objectiveFields.compactMap(\.key.first)).union(["indicators"])
        return S(name: "Objectifs", help: "Une ligne par objectif, rattaché à son axe (un axe sans objectif : laissez l'objectif vide).",
                 layout: .table, columns: columns,
                 write: { root in
                     var rows: [[ClasseurCell]] = []
                     for org in S.array(root["organizations"]) {
                         let orgID: ClasseurCell = S.id(org["id"]).map { .text($0) } ?? .empty
                         for axis in S.array(org["axes"]) {
                             let head: [ClasseurCell] = [orgID, axisID.cell(axis["id"]), axisTitle.cell(axis["title"])]
                             let objectives = S.array(axis["objectives"])
                             if objectives.isEmpty { rows.append(head + Array(repeating: .empty, count: objectiveFields.count + 1)) }
                             for o in objectives { rows.append(head + S.cells(o, objectiveFields + [S.extras], extrasExcept: known)) }
                         }
                     }
                     return rows
                 },
                 read: { builder, rows in
                     for row in rows.rows {
                         guard let (org, orgPath, orgID) = organization(builder, rows, row) else { continue }
                         let axisKey = ClasseurColumn.text(row.cells[1])
                         let key = orgID + "\u{0}" + axisKey
                         let axis: (MutableObject, [PathComponent])
                         if let a = builder.axes[key] { axis = a } else {
                             axis = builder.append(to: org, orgPath, "axes", at: rows.location(row, 1))
                             if !axisKey.isEmpty { axis.0.set("id", .string(axisKey)) }
                             builder.note(axis.1 + [.key("id")], rows.location(row, 1))
                             builder.axes[key] = axis
                         }
                         let title = ClasseurColumn.text(row.cells[2])
                         if axis.0["title"] == nil && !title.isEmpty {
                             axis.0.set("title", .string(title)); builder.note(axis.1 + [.key("title")], rows.location(row, 2))
                         }
                         // An axis alone: no objective on this row.
                         guard (3..<row.cells.count).contains(where: { !row.cells[$0].isEmpty }) else { _ = axis.0.array("objectives"); continue }
                         let (o, p) = builder.append(to: axis.0, axis.1, "objectives", at: rows.location(row, 3))
                         S.fill(o, at: p, from: row, of: rows, columns: columns, first: 3, builder: builder)
                         if case .value(.string(let id))? = o["id"] { builder.objectives[orgID + "\u{0}" + id] = (o, p) }
                     }
                 })
    }()

    static let indicatorFields: [C] = [
        C("Indicateur (id)", "id", .id), C("Nom", "name", .longText, width: 34), C("Famille", "type", .choice(ch.indicatorType)),
        C("Nature", "nature", .choice(ch.indicatorNature)), C("Échelle (qualitatif)", "scale", .longText),
        C("Définition", "definition", .longText), C("Unité", "unit"), C("Valeur de référence", "baseline", .number),
        C("Cible", "target", .number), C("Sens", "direction", .choice(ch.direction)), C("Cumul", "aggregation", .choice(ch.aggregation)),
        C("Fréquence", "frequency", .choice(ch.measureFrequency)), C("Source", "source", .longText),
        C("Collecte", "collection", .longText), C("Responsable", "owner"), C("Partie prenante", "stakeholder", .choice(ch.stakeholder)),
    ]
    static let indicators: S = {
        let objectiveID = C("Objectif (id)", "objective", .id)
        let columns = [association, objectiveID] + indicatorFields + [S.extras]
        let known = Set(indicatorFields.compactMap(\.key.first))
        return S(name: "Indicateurs", help: "Une ligne par indicateur, rattaché à un objectif de la feuille « Objectifs ».",
                 layout: .table, columns: columns,
                 write: { root in
                     var rows: [[ClasseurCell]] = []
                     for org in S.array(root["organizations"]) {
                         for axis in S.array(org["axes"]) {
                             for o in S.array(axis["objectives"]) {
                                 for i in S.array(o["indicators"]) {
                                     rows.append([S.id(org["id"]).map { .text($0) } ?? .empty, objectiveID.cell(o["id"])]
                                                 + S.cells(i, indicatorFields + [S.extras], extrasExcept: known))
                                 }
                             }
                         }
                     }
                     return rows
                 },
                 read: { builder, rows in
                     for row in rows.rows {
                         guard let (_, _, orgID) = organization(builder, rows, row) else { continue }
                         let objective = ClasseurColumn.text(row.cells[1])
                         guard let (o, p) = builder.objectives[orgID + "\u{0}" + objective] else {
                             builder.problem(rows.location(row, 1), ClasseurProblem(
                                 expected: "l'id d'un objectif de l'association « \(orgID) » (feuille « Objectifs »)", found: row.cells[1].shown,
                                 message: objective.isEmpty ? "objectif manquant" : "objectif inconnu « \(objective) »"))
                             continue
                         }
                         let (indicator, path) = builder.append(to: o, p, "indicators", at: rows.location(row, 2))
                         S.fill(indicator, at: path, from: row, of: rows, columns: columns, first: 2, builder: builder)
                     }
                 })
    }()

    // MARK: shared approach

    static let rituals = organizationTable("Rituels", "Les temps collectifs de suivi : revues d'équipe, tableau de bord partagé, ajustements.",
                                           ["sharedApproach", "rituals"],
                                           [C("Id", "id", .id), C("Nom", "name", .longText), C("Type", "kind", .choice(ch.ritualKind)),
                                            C("Fréquence", "frequency", .choice(ch.ritualFrequency)), C("Durée (minutes)", "durationMinutes", .integer),
                                            C("Participants", "participants", .longText), C("Supports (un par ligne)", "supports", .textList),
                                            C("Animation", "facilitator")])
    static let roles = organizationTable("Rôles", "Qui fait quoi dans la démarche (une responsabilité par ligne de la cellule).",
                                         ["sharedApproach", "roles"],
                                         [C("Qui", "who", width: 28), C("Responsabilités (une par ligne)", "responsibilities", .textList, width: 60)])
    static let governance = organizationTable("Instances", "Restitution aux instances : conseil d'administration, assemblée générale, rapport d'activité.",
                                              ["sharedApproach", "governance"],
                                              [C("Instance", "body", .choice(ch.governanceBody)), C("Date", "date", .date),
                                               C("Sujet", "topic", .longText, width: 50), C("Présenté par", "presenter")])
    static let principles = S(
        name: "Principes", help: "Les principes de la démarche partagée, un par ligne.", layout: .table,
        columns: [association, C("Principe", "principle", .longText, width: 80)],
        write: { root in perOrganization(root, ["sharedApproach", "principles"]).map { [$0.0.map { .text($0) } ?? .empty, C("", "", .longText).cell($0.1)] } },
        read: { builder, rows in
            for row in rows.rows {
                guard let (org, orgPath, _) = organization(builder, rows, row) else { continue }
                let list = org.object("sharedApproach").array("principles")
                builder.note(orgPath + [.key("sharedApproach"), .key("principles"), .index(list.items.count)], rows.location(row, 1))
                list.append(.value(.string(ClasseurColumn.text(row.cells[1]))))
            }
        })

    // MARK: dashboard

    static let dashboardFields: [C] = [
        C("Périodicité", "periodicity", .choice(ch.periodicity)), C("Début (AAAA-MM ou AAAA-Qn)", "start"),
        C("Nombre de périodes", "periods", .integer), C("Seuil vert (0,9 = 90 %)", "thresholds.green", .number),
        C("Seuil orange", "thresholds.orange", .number), C("Date de mise à jour", "updated", .date),
    ]
    static let dashboards: S = {
        let known: Set<String> = ["periodicity", "start", "periods", "thresholds", "updated", "values", "notes"]
        let columns = [association] + dashboardFields + [S.extras]
        return S(name: "Tableau de bord", help: "Réglages du tableau de bord de chaque association ; les valeurs sont dans « Valeurs ».",
                 layout: .table, columns: columns,
                 write: { root in
                     S.array(root["organizations"]).compactMap { org in
                         guard let d = org["dashboard"] else { return nil }
                         return [S.id(org["id"]).map { .text($0) } ?? .empty] + S.cells(d, dashboardFields + [S.extras], extrasExcept: known)
                     }
                 },
                 read: { builder, rows in
                     for row in rows.rows {
                         guard let (org, orgPath, _) = organization(builder, rows, row) else { continue }
                         S.fill(org.object("dashboard"), at: orgPath + [.key("dashboard")], from: row, of: rows, columns: columns, first: 1,
                                builder: builder)
                     }
                 })
    }()

    static let valueColumns: [C] = [association, C("Indicateur (id)", "indicator", .id), C("Période (AAAA-MM ou AAAA-Qn)", "period"),
                                    C("Valeur", "value", .number)]
    static let values = S(
        name: "Valeurs", help: "Les valeurs déjà connues du tableau de bord : une ligne par indicateur et période.",
        layout: .table, columns: valueColumns,
        write: { root in
            var rows: [[ClasseurCell]] = []
            for org in S.array(root["organizations"]) {
                guard case .object(let indicators)? = org["dashboard"]?["values"] else { continue }
                for i in indicators {
                    guard case .object(let periods) = i.value else {
                        rows.append([S.id(org["id"]).map { .text($0) } ?? .empty, .text(i.key), .empty, .text(JSONText.compact(i.value))])
                        continue
                    }
                    for p in periods {
                        rows.append([S.id(org["id"]).map { .text($0) } ?? .empty, .text(i.key), .text(p.key), valueColumns[3].cell(p.value)])
                    }
                }
            }
            return rows
        },
        read: { builder, rows in
            for row in rows.rows {
                guard let (org, orgPath, _) = organization(builder, rows, row) else { continue }
                let indicator = ClasseurColumn.text(row.cells[1]), period = ClasseurColumn.text(row.cells[2])
                let values = org.object("dashboard").object("values").object(indicator)
                let path = orgPath + [.key("dashboard"), .key("values"), .key(indicator), .key(period)]
                builder.note(orgPath + [.key("dashboard"), .key("values"), .key(indicator)], rows.location(row, 1))
                // A period the format cannot read is the period cell's fault, anything else the value's.
                builder.note(path, rows.location(row, PeriodText.isWellFormed(period) ? 3 : 2))
                switch valueColumns[3].json(row.cells[3]) {
                case .success(let v): values.set(period, v ?? .null)
                case .failure(let p): builder.problem(rows.location(row, 3), p)
                }
            }
        })

    static let noteColumns: [C] = [association, C("Indicateur (id)", "indicator", .id), C("Commentaire / analyse", "comment", .longText, width: 50),
                                   C("Action corrective", "action", .longText, width: 50)]
    static let notes = S(
        name: "Commentaires", help: "Commentaires et actions correctives saisis dans le tableau de bord, par indicateur.",
        layout: .table, columns: noteColumns,
        write: { root in
            var rows: [[ClasseurCell]] = []
            for org in S.array(root["organizations"]) {
                guard case .object(let indicators)? = org["dashboard"]?["notes"] else { continue }
                for i in indicators {
                    rows.append([S.id(org["id"]).map { .text($0) } ?? .empty, .text(i.key), noteColumns[2].cell(i.value["comment"]),
                                 noteColumns[3].cell(i.value["action"])])
                }
            }
            return rows
        },
        read: { builder, rows in
            for row in rows.rows {
                guard let (org, orgPath, _) = organization(builder, rows, row) else { continue }
                let indicator = ClasseurColumn.text(row.cells[1])
                let path = orgPath + [.key("dashboard"), .key("notes"), .key(indicator)]
                builder.note(path, rows.location(row, 1))
                S.fill(org.object("dashboard").object("notes").object(indicator), at: path, from: row, of: rows, columns: noteColumns,
                       first: 2, builder: builder)
            }
        })

    // MARK: SROI and productions

    static let sroiFields: [C] = [C("Monnaie", "currency"), C("Taux d'actualisation (0,035 = 3,5 %)", "discountRate", .number)]
    static let sroi: S = {
        let columns = [association] + sroiFields
        return S(name: "SROI", help: "Le retour social sur investissement, pour les associations qui le calculent.",
                 layout: .table, columns: columns,
                 write: { root in
                     S.array(root["organizations"]).compactMap { org in
                         guard let s = org["sroi"] else { return nil }
                         return [S.id(org["id"]).map { .text($0) } ?? .empty] + sroiFields.map { $0.cell(S.value(s, $0.key)) }
                     }
                 },
                 read: { builder, rows in
                     for row in rows.rows {
                         guard let (org, orgPath, _) = organization(builder, rows, row) else { continue }
                         S.fill(org.object("sroi"), at: orgPath + [.key("sroi")], from: row, of: rows, columns: columns, first: 1, builder: builder)
                     }
                 })
    }()
    static let sroiInputs = organizationTable("SROI apports", "Les apports (ressources investies), en euros.", ["sroi", "inputs"],
                                              [C("Apport", "label", .longText), C("Montant", "value", .number)])
    static let sroiOutcomes = organizationTable("SROI effets", "Les effets valorisés (fractions : 0,2 = 20 %).", ["sroi", "outcomes"],
                                                [C("Effet", "label", .longText), C("Partie prenante", "stakeholder"),
                                                 C("Quantité", "quantity", .number), C("Valeur unitaire (proxy)", "proxy", .number),
                                                 C("Source du proxy", "proxySource", .longText), C("Effet d'aubaine", "deadweight", .number),
                                                 C("Déplacement", "displacement", .number), C("Attribution", "attribution", .number),
                                                 C("Dégressivité", "dropOff", .number), C("Durée (années)", "durationYears", .integer)])

    static let productionColumns: [C] = [association, C("Production", "kind", .choice(ch.production)),
                                         C("Niveau", "level", .choice(ch.learningResult)), C("Commentaire", "comment", .longText, width: 60)]
    static let productions = S(
        name: "Productions", help: "L'évaluation par le formateur des quatre productions de chaque association.",
        layout: .table, columns: productionColumns,
        write: { root in
            var rows: [[ClasseurCell]] = []
            for org in S.array(root["organizations"]) {
                guard case .object(let kinds)? = org["productions"] else { continue }
                for k in kinds {
                    rows.append([S.id(org["id"]).map { .text($0) } ?? .empty, productionColumns[1].cell(.string(k.key)),
                                 productionColumns[2].cell(k.value["level"]), productionColumns[3].cell(k.value["comment"])])
                }
            }
            return rows
        },
        read: { builder, rows in
            for row in rows.rows {
                guard let (org, orgPath, _) = organization(builder, rows, row) else { continue }
                guard case .success(.string(let kind)?) = productionColumns[1].json(row.cells[1]) else {
                    builder.problem(rows.location(row, 1), ClasseurProblem(expected: "une des quatre productions", found: "vide",
                                                                           message: "production manquante"))
                    continue
                }
                let o = org.object("productions").object(kind)
                S.fill(o, at: orgPath + [.key("productions"), .key(kind)], from: row, of: rows,
                       columns: [association, C("", "kind", .id), productionColumns[2], productionColumns[3]], first: 2, builder: builder)
            }
        })

    // MARK: the rest

    static let others = S(
        name: "Autres champs", help: "Champs du format sans place ailleurs dans ce classeur (chemin JSON et valeur JSON).",
        layout: .table, columns: [C("Chemin", "path", width: 34), C("Valeur (JSON)", "value", .json, width: 80)],
        write: { root in
            var rows: [[ClasseurCell]] = []
            for (path, handled) in recordObjects {
                guard case .object(let members)? = S.value(root, path) else { continue }
                let covered = Set(formationFields.map(\.key) + organismeFields.map(\.key) + sessionFields.map(\.key))
                for m in members where !handled.contains(m.key) && !WorkbookKeysIgnored.contains(m.key) {
                    let full = path + [m.key]
                    if covered.contains(full) { continue }
                    // An object a record sheet spreads over its rows is not « other ».
                    if recordObjects.contains(where: { $0.path == full }) { continue }
                    rows.append([.text(full.joined(separator: ".")), .text(JSONText.compact(m.value))])
                }
            }
            return rows
        },
        read: { builder, rows in
            for row in rows.rows {
                let path = ClasseurColumn.text(row.cells[0]).split(separator: ".").map(String.init)
                guard !path.isEmpty else { continue }
                switch C("", "", .json).json(row.cells[1]) {
                case .success(let v): builder.root.set(path: path, v ?? .null); builder.note(path.map { .key($0) }, rows.location(row, 1))
                case .failure(let p): builder.problem(rows.location(row, 1), p)
                }
            }
        })
}
