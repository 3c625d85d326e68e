// `perfsociale init` writes a starter workbook whose names are placeholders (« Prénom Nom », « Nom de votre organisme
// de formation »). Left as they are, they would print on attestations and certificates: each one still there is an
// error, at its JSON path, so that `validate` and `generate` stop until the real names are typed.

enum StarterPlaceholders {
    /// The placeholders of Templates/starter-workbook.json, by the value that shows them.
    static let providerName = "Nom de votre organisme de formation"
    static let personName = "Prénom Nom"
    static let trainerName = "Prénom Nom du formateur"
    static let organizationName = "Nom de l'association"
    static let firstName = "Prénom"
    static let lastName = "Nom"
    static let courseTitle = "Intitulé de la formation"

    static func diagnostics(_ wb: Workbook) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func report(_ path: [PathComponent], _ value: String, _ what: String) {
            out.append(Diagnostic(.error, .placeholder, at: path, expected: what, found: "« \(value) »",
                                  message: "« \(value) » est le texte d'exemple du classeur de départ : écrivez \(what) (il figure sur les documents officiels)"))
        }
        if same(wb.provider.name, providerName) { report([.key("provider"), .key("name")], wb.provider.name, "la raison sociale de l'organisme") }
        if same(wb.provider.signatory.name, personName) {
            report([.key("provider"), .key("signatory"), .key("name")], wb.provider.signatory.name, "le nom du signataire")
        }
        if same(wb.course.title, courseTitle) { report([.key("course"), .key("title")], wb.course.title, "l'intitulé de la formation") }
        for (i, t) in wb.session.trainers.enumerated() where same(t.name, trainerName) || same(t.name, personName) {
            report([.key("session"), .key("trainers"), .index(i), .key("name")], t.name, "le nom du formateur")
        }
        for (i, o) in wb.organizations.enumerated() where same(o.name, organizationName) {
            report([.key("organizations"), .index(i), .key("name")], o.name, "le nom de l'association")
        }
        for (i, p) in wb.participants.enumerated() {
            if let first = p.firstName, same(first, firstName) {
                report([.key("participants"), .index(i), .key("firstName")], first, "le prénom du participant")
            }
            if same(p.lastName, lastName) { report([.key("participants"), .index(i), .key("lastName")], p.lastName, "le nom du participant") }
        }
        return out
    }

    /// Equal once surrounding spaces are trimmed.
    static func same(_ value: String, _ placeholder: String) -> Bool {
        value.utf8.count < placeholder.utf8.count + 8 && value.trimmingSpaces == placeholder
    }
}

private extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
