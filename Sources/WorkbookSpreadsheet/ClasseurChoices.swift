// The French labels of the format's enumerations, as the classeur's drop-down lists show them. The values are
// the workbook format's (docs/workbook-format.md); a test checks each list against its enumeration.

enum ClasseurChoices {
    static let nature = ClasseurChoice(options: [("actionDeFormation", "Action de formation"), ("bilanDeCompetences", "Bilan de compétences"),
                                                 ("vae", "VAE"), ("apprentissage", "Apprentissage")])
    static let courseModality = ClasseurChoice(options: [("onsite", "Présentiel"), ("remote", "À distance"), ("mixed", "Mixte")])
    static let halfDayModality = ClasseurChoice(options: [("onsite", "Présentiel"), ("remote", "À distance")])
    static let moduleKind = ClasseurChoice(options: [("theory", "Apports"), ("practice", "Mise en pratique")])
    static let dayPart = ClasseurChoice(options: [("morning", "Matin"), ("afternoon", "Après-midi")])
    static let civility = ClasseurChoice(options: [("Mme", "Mme"), ("M.", "M.")])
    static let participantStatus = ClasseurChoice(options: [("employee", "Salarié·e"), ("volunteer", "Bénévole"),
                                                            ("boardMember", "Administrateur·rice")])
    static let stakeholder = ClasseurChoice(options: [("beneficiaries", "Bénéficiaires"), ("organization", "Organisation"),
                                                      ("partners", "Partenaires")])
    static let indicatorType = ClasseurChoice(options: [("activity", "Activité"), ("perceivedQuality", "Qualité perçue"),
                                                        ("impact", "Impact")])
    static let indicatorNature = ClasseurChoice(options: [("quantitative", "Quantitatif"), ("qualitative", "Qualitatif")])
    static let direction = ClasseurChoice(options: [("increase", "À la hausse"), ("decrease", "À la baisse")])
    static let aggregation = ClasseurChoice(options: [("sum", "Somme"), ("last", "Dernière valeur"), ("average", "Moyenne")])
    static let measureFrequency = ClasseurChoice(options: [("monthly", "Mensuelle"), ("quarterly", "Trimestrielle"),
                                                           ("semiannual", "Semestrielle"), ("annual", "Annuelle")])
    static let ritualKind = ClasseurChoice(options: [("teamReview", "Revue d'équipe"), ("collectiveDashboard", "Tableau de bord collectif"),
                                                     ("adjustment", "Temps d'ajustement"), ("other", "Autre")])
    static let ritualFrequency = ClasseurChoice(options: [("weekly", "Hebdomadaire"), ("monthly", "Mensuelle"), ("quarterly", "Trimestrielle"),
                                                          ("semiannual", "Semestrielle"), ("annual", "Annuelle")])
    static let governanceBody = ClasseurChoice(options: [("board", "Conseil d'administration"), ("generalAssembly", "Assemblée générale"),
                                                         ("activityReport", "Rapport d'activité"), ("other", "Autre")])
    static let periodicity = ClasseurChoice(options: [("monthly", "Mensuelle"), ("quarterly", "Trimestrielle")])
    static let learningResult = ClasseurChoice(options: [("acquired", "Acquis"), ("inProgress", "En cours d'acquisition"),
                                                         ("notAcquired", "Non acquis")])
    static let production = ClasseurChoice(options: [("objectives", "Fiche objectifs"), ("indicators", "Grille d'indicateurs"),
                                                     ("plan", "Plan de démarche partagée"), ("dashboard", "Tableau de bord")])
}
