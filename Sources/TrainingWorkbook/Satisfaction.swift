// The satisfaction survey (Qualiopi indicator 30): an end-of-course form (« à chaud ») and a follow-up form three
// months later (« à froid »), the same questions for every trainee, and each trainee's answers. The questions come
// from `course.satisfaction`, or the built-in ones below when the workbook gives none; the answers from
// `participants[].satisfaction`. Scale questions use one fixed four-level scale, so that every form, the results
// spreadsheet and the programme's published rate read « satisfied » the same way (3 or 4).

/// The two forms of the survey.
public enum SatisfactionForm: String, Sendable, Equatable, Hashable, CaseIterable {
    /// « À chaud »: on the last day of the course.
    case endOfCourse
    /// « À froid »: three months after the course.
    case followUp

    /// « à chaud », « à froid ».
    public var label: String { self == .endOfCourse ? "à chaud" : "à froid" }
}

/// How a question is answered.
public enum SatisfactionQuestionType: String, Sendable, Equatable, Hashable, CaseIterable {
    /// One of the four levels of `SatisfactionScale`.
    case scale
    /// Oui / non.
    case yesNo
    /// Free text.
    case comment
}

public struct SatisfactionQuestion: Sendable, Equatable {
    public var id: String
    public var text: String
    public var type: SatisfactionQuestionType
    public init(id: String, text: String, type: SatisfactionQuestionType = .scale) { self.id = id; self.text = text; self.type = type }
}

/// The four levels of a scale answer: 4 « Très satisfait », 3 « Satisfait », 2 « Peu satisfait »,
/// 1 « Pas du tout satisfait ». 3 and 4 count as satisfied.
public enum SatisfactionScale {
    public static let levels: [(value: Int, label: String)] = [
        (4, "Très satisfait"), (3, "Satisfait"), (2, "Peu satisfait"), (1, "Pas du tout satisfait"),
    ]
    public static let range = 1...4
    /// The lowest level that counts as satisfied.
    public static let satisfiedFrom = 3

    public static func label(_ value: Int) -> String? { levels.first { $0.value == value }?.label }

    /// The level a label designates (« Très satisfait », « très satisfaite », « satisfait·e »), or nil.
    public static func value(ofLabel text: String) -> Int? {
        let t = folded(text)
        return foldedLabels.first { $0.forms.contains(t) }?.value
    }

    /// Each level's label folded, with its feminine forms (made once: a classeur asks for every answer).
    private static let foldedLabels: [(value: Int, forms: [String])] = levels.map { level in
        let base = folded(level.label)
        return (level.value, [base, base + "e", base + "(e)"])
    }

    /// Lower case, without white space, « · » or « . » (plain ASCII, the usual answer, without Unicode tables).
    static func folded(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.lowercased().filter { !$0.isWhitespace && $0 != "·" && $0 != "." } }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 where b != 0x20 && !(0x09...0x0D).contains(b) && b != 0x2E {
            bytes.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The questions of both forms (`course.satisfaction`).
public struct SatisfactionSurvey: Sendable, Equatable {
    /// Empty: the built-in questions of that form.
    public var endOfCourse: [SatisfactionQuestion]
    public var followUp: [SatisfactionQuestion]
    public init(endOfCourse: [SatisfactionQuestion] = [], followUp: [SatisfactionQuestion] = []) {
        self.endOfCourse = endOfCourse; self.followUp = followUp
    }

    /// The questions of a form: the workbook's, or the built-in ones.
    public func questions(_ form: SatisfactionForm) -> [SatisfactionQuestion] {
        switch form {
        case .endOfCourse: return endOfCourse.isEmpty ? Self.defaultEndOfCourse : endOfCourse
        case .followUp: return followUp.isEmpty ? Self.defaultFollowUp : followUp
        }
    }

    /// The questions of a form in print order: scale questions, then yes/no, then comments, each in the order given.
    /// The forms and the results spreadsheet number them in this order.
    public func printed(_ form: SatisfactionForm) -> [SatisfactionQuestion] {
        let questions = questions(form)
        return SatisfactionQuestionType.allCases.flatMap { type in questions.filter { $0.type == type } }
    }

    public static let defaultEndOfCourse: [SatisfactionQuestion] = [
        .init(id: "global", text: "Votre satisfaction globale sur la formation"),
        .init(id: "objectifs", text: "L’atteinte des objectifs annoncés dans le programme"),
        .init(id: "contenu", text: "L’adéquation du contenu à vos besoins et à ceux de votre association"),
        .init(id: "animation", text: "L’animation et les méthodes pédagogiques"),
        .init(id: "organisation", text: "L’organisation : accueil, lieu, horaires, outils à distance"),
        .init(id: "recommandation", text: "Recommanderiez-vous cette formation à une autre association ?", type: .yesNo),
        .init(id: "commentaire", text: "Vos remarques et suggestions", type: .comment),
    ]

    public static let defaultFollowUp: [SatisfactionQuestion] = [
        .init(id: "utilite", text: "L’utilité de la formation pour votre association, trois mois après"),
        .init(id: "mise-en-oeuvre", text: "La mise en œuvre des productions : objectifs, indicateurs, plan, tableau de bord"),
        .init(id: "pratique", text: "Avez-vous mis en pratique ce que vous avez appris ?", type: .yesNo),
        .init(id: "tableau-de-bord", text: "Le tableau de bord est-il renseigné régulièrement ?", type: .yesNo),
        .init(id: "commentaire", text: "Ce qui a changé depuis la formation, ce qui vous manque encore", type: .comment),
    ]
}

/// One answer as the workbook holds it; what it means depends on its question's type (`resolved(for:)`).
public enum SatisfactionAnswer: Sendable, Equatable {
    case number(Double)
    case bool(Bool)
    case text(String)

    /// What a question of `type` reads in this answer, or nil when it cannot: a level 1–4 (a number or a level's
    /// label) for a scale, oui/non (true/false or « oui »/« non ») for yes/no, any text for a comment.
    public func resolved(for type: SatisfactionQuestionType) -> Resolved? {
        switch (type, self) {
        case (.scale, .number(let x)):
            guard x == x.rounded(), SatisfactionScale.range.contains(Int(exactly: x) ?? 0) else { return nil }
            return .level(Int(x))
        case (.scale, .text(let s)): return SatisfactionScale.value(ofLabel: s).map(Resolved.level)
        case (.yesNo, .bool(let b)): return .yes(b)
        case (.yesNo, .text(let s)):
            switch s.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() {
            case "oui": return .yes(true)
            case "non": return .yes(false)
            default: return nil
            }
        case (.comment, .text(let s)): return .comment(s)
        default: return nil
        }
    }

    public enum Resolved: Sendable, Equatable {
        case level(Int)
        case yes(Bool)
        case comment(String)
    }
}

/// A trainee's answers: form → question id → answer (an unanswered question is absent).
public typealias SatisfactionAnswers = [SatisfactionForm: [String: SatisfactionAnswer]]
