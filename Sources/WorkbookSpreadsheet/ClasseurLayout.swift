// The classeur's sheets, in the order they appear: one per part of the workbook format (docs/classeur.md).
// Every field of the format has a column (or a row of a record sheet); fields it does not know go to the
// « Autres champs (JSON) » column of their row or to the « Autres champs » sheet, so a conversion loses nothing.

import TrainingWorkbook

enum ClasseurLayout {
    typealias C = ClasseurColumn
    typealias S = ClasseurSheet
    static let ch = ClasseurChoices.self

    static var sheets: [ClasseurSheet] {
        [organisme, formation, courseObjectives, modules, scale, previousSessions, session, remoteActivities, trainers, halfDays,
         participants, attendance, selfAssessment, associations, objectives, indicators, rituals, roles, governance, principles,
         dashboards, values, notes, sroi, sroiInputs, sroiOutcomes, productions, others]
    }

    // MARK: record sheets

    static let organismeFields: [C] = [
        C("Nom de l'organisme", "provider.name", width: 34), C("Adresse", "provider.address", .longText), C("SIRET", "provider.siret"),
        C("N° de déclaration d'activité", "provider.activityDeclaration.number"),
        C("Région de la déclaration", "provider.activityDeclaration.region"),
        C("Signataire : civilité", "provider.signatory.civility", .choice(ch.civility)),
        C("Signataire : nom", "provider.signatory.name"), C("Signataire : fonction", "provider.signatory.title"),
        C("Durée de conservation (ans)", "provider.recordRetentionYears", .integer),
        C("Logo (chemin d'image)", "provider.logo"), C("Signature (chemin d'image)", "provider.signatureImage"),
        C("Contact : nom", "provider.contact.name"), C("Contact : e-mail", "provider.contact.email"),
        C("Contact : téléphone", "provider.contact.phone"),
        C("Référent handicap : nom", "provider.disabilityReferent.name"),
        C("Référent handicap : e-mail", "provider.disabilityReferent.email"),
        C("Référent handicap : téléphone", "provider.disabilityReferent.phone"),
    ]
    static let organisme = record("Organisme", "L'organisme de formation : il signe les attestations et les certificats.", organismeFields)

    static let formationFields: [C] = [
        C("Version du format", "formatVersion", .integer), C("Langue", "language"),
        C("Intitulé de la formation", "course.title", .longText), C("Nature (art. L6313-1)", "course.nature", .choice(ch.nature)),
        C("Modalité", "course.modality", .choice(ch.courseModality)), C("Durée prévue (heures)", "course.plannedHours", .number),
        C("Évaluation des acquis prévue", "course.evaluationPlanned", .yesNo), C("Public", "course.audience", .longText),
        C("Prérequis", "course.prerequisites", .longText), C("Méthodes pédagogiques", "course.teachingMethods", .longText),
        C("Modalités d'évaluation", "course.evaluationMethods", .longText), C("Accessibilité", "course.accessibility", .longText),
        C("Délai d'accès", "course.accessDelay", .longText), C("Prix (€)", "course.price", .number),
        C("Précision sur le prix", "course.priceNote", .longText),
    ]
    static let formation = record("Formation", "La formation : intitulé, nature, durée, et ce que publie le programme.", formationFields)

    static let sessionFields: [C] = [
        C("Référence de la session", "session.reference"), C("Lieu (présentiel)", "session.location", .longText),
        C("Outil de visioconférence", "session.remoteTool"), C("Fuseau horaire (ex. Europe/Paris)", "session.timeZone"), C("Attestations : lieu", "session.certificates.place"),
        C("Attestations : date", "session.certificates.date", .date), C("Financeur : nom", "session.funder.name"),
        C("Financeur : n° de dossier", "session.funder.fileNumber"), C("Convocation : accès", "session.convocation.access", .longText),
        C("Convocation : à apporter (un par ligne)", "session.convocation.bring", .textList),
        C("Convocation : lien de connexion", "session.convocation.remoteLink", .longText),
        C("Assistance technique", "session.convocation.technicalAssistance", .longText),
        C("Assistance pédagogique", "session.convocation.pedagogicalAssistance", .longText),
    ]
    static let session = record("Session", "La session : référence, lieu, outil à distance, financeur, convocation.", sessionFields)

    static func record(_ name: String, _ help: String, _ fields: [C]) -> S {
        S(name: name, help: help, layout: .record, columns: fields,
          write: { root in [fields.map { $0.cell(S.value(root, $0.key)) }] },
          read: { builder, rows in
              guard let row = rows.rows.first else { return }
              S.fill(builder.root, at: [], from: row, of: rows, columns: fields, first: 0, builder: builder)
          })
    }

    /// Paths of the objects the record sheets cover, with the keys other sheets fill: their other keys are « autres ».
    static let recordObjects: [(path: [String], handled: Set<String>)] = [
        ([], ["formatVersion", "language", "provider", "course", "session", "organizations", "participants"]),
        (["provider"], []), (["provider", "activityDeclaration"], []), (["provider", "signatory"], []),
        (["provider", "contact"], []), (["provider", "disabilityReferent"], []),
        (["course"], ["objectives", "modules", "selfAssessmentScale", "previousSessions"]),
        (["session"], ["trainers", "halfDays"]), (["session", "certificates"], []), (["session", "funder"], []),
        (["session", "convocation"], ["remoteActivities"]),
    ]

    // MARK: course and session tables

    static let courseObjectivesColumns: [C] = [C("Id", "id", .id), C("Objectif pédagogique", "text", .longText, width: 70)]
    static let courseObjectives = simpleTable("Objectifs pédagogiques", "Ce que les stagiaires sauront faire (évalués en fin de formation).",
                                              ["course", "objectives"], courseObjectivesColumns)
    static let modules = simpleTable("Modules", "Les séquences du programme.", ["course", "modules"],
                                     [C("Id", "id", .id), C("Titre", "title", .longText), C("Type", "kind", .choice(ch.moduleKind)),
                                      C("Contenu (un point par ligne)", "content", .textList, width: 50)])
    static let scale = simpleTable("Échelle d'auto-évaluation", "Les niveaux de l'auto-évaluation (valeur entière et libellé).",
                                   ["course", "selfAssessmentScale"], [C("Valeur", "value", .integer), C("Libellé", "label", .longText)])
    static let previousSessions = simpleTable("Sessions précédentes", "Résultats des sessions passées, publiés par le programme.",
                                              ["course", "previousSessions"],
                                              [C("Référence", "reference"), C("Stagiaires", "trainees", .integer),
                                               C("Ayant terminé", "completed", .integer), C("Répondants", "respondents", .integer),
                                               C("Satisfaits", "satisfied", .integer)])
    static let remoteActivities = simpleTable("Activités à distance", "Activités à faire à distance (art. D6313-3-1) et leur durée.",
                                              ["session", "convocation", "remoteActivities"],
                                              [C("Activité", "title", .longText, width: 50), C("Durée (minutes)", "minutes", .integer)])
    static let trainers = simpleTable("Formateurs", "Les formateurs et formatrices de la session.", ["session", "trainers"],
                                      [C("Id", "id", .id), C("Nom", "name", width: 30), C("Civilité", "civility", .choice(ch.civility))])
    static let halfDays = simpleTable("Demi-journées", "Une ligne par demi-journée : date, horaires, modalité, modules, formateur.",
                                      ["session", "halfDays"],
                                      [C("Id", "id", .id), C("Date", "date", .date), C("Moment", "part", .choice(ch.dayPart)),
                                       C("Début", "start", .time), C("Fin", "end", .time), C("Modalité", "modality", .choice(ch.halfDayModality)),
                                       C("Modules (ids)", "modules", .idList), C("Formateur (id)", "trainer", .id)],
                                      onRow: { builder, object in
                                          if case .value(.string(let id))? = object["id"] { builder.halfDayIds.append(id) }
                                      })

    /// A table whose rows are the elements of one array at `path` (objects on the way are made when absent).
    static func simpleTable(_ name: String, _ help: String, _ path: [String], _ fields: [C],
                            onRow: (@Sendable (ClasseurBuilder, MutableObject) -> Void)? = nil) -> S {
        let columns = fields + [S.extras]
        let known = Set(fields.compactMap(\.key.first))
        return S(name: name, help: help, layout: .table, columns: columns,
                 write: { root in S.array(S.value(root, path)).map { S.cells($0, columns, extrasExcept: known) } },
                 read: { builder, rows in
                     guard !rows.rows.isEmpty else { return }
                     var parent = builder.root
                     for k in path.dropLast() { parent = parent.object(k) }
                     let parentPath = path.dropLast().map { PathComponent.key($0) }
                     for row in rows.rows {
                         let (o, p) = builder.append(to: parent, Array(parentPath), path[path.count - 1], at: rows.location(row, 0))
                         S.fill(o, at: p, from: row, of: rows, columns: columns, first: 0, builder: builder)
                         onRow?(builder, o)
                     }
                 })
    }
}
