// Decoding of the training file's optional fields (TrainingFile.swift): contacts, funders, the convocation's
// details, the programme's description and the previous sessions' results.

extension WorkbookDecoder {
    /// `{name, email?, phone?}` at `key`, or nil when absent.
    mutating func contact(_ f: JSONFields, _ key: String) -> Contact? {
        guard let o = object(f, key, .contact) else { return nil }
        return at(key) { d in Contact(name: d.text(o, "name"), email: d.string(o, "email"), phone: d.string(o, "phone")) }
    }

    /// `{name, fileNumber?}` at `key`, or nil when absent.
    mutating func funder(_ f: JSONFields, _ key: String) -> Funder? {
        guard let o = object(f, key, .funder) else { return nil }
        return at(key) { d in Funder(name: d.text(o, "name"), fileNumber: d.string(o, "fileNumber")) }
    }

    /// `session.convocation`, or nil when absent.
    mutating func convocation(_ f: JSONFields) -> Convocation? {
        guard let o = object(f, "convocation", .convocation) else { return nil }
        return at("convocation") { d in
            let activities = d.array(o, "remoteActivities", what: "activités à distance { title, minutes }") { d, v -> Convocation.RemoteActivity in
                guard let a = d.object(v, .remoteActivity, .required) else { return .init(title: "") }
                return .init(title: d.text(a, "title"), minutes: d.integer(a, "minutes"))
            }
            return Convocation(access: d.string(o, "access"), bring: d.texts(o, "bring"), remoteLink: d.string(o, "remoteLink"),
                               technicalAssistance: d.string(o, "technicalAssistance"),
                               pedagogicalAssistance: d.string(o, "pedagogicalAssistance"), remoteActivities: activities)
        }
    }

    /// The programme's fields of `course`.
    mutating func courseDescription(_ f: JSONFields) -> CourseDescription {
        let previous = array(f, "previousSessions", what: "sessions précédentes { reference, trainees, completed }") { d, v -> PreviousSession in
            guard let o = d.object(v, .previousSession, .required) else { return .init(reference: "", trainees: 0, completed: 0) }
            return .init(reference: d.text(o, "reference"), trainees: d.integer(o, "trainees", .required) ?? 0,
                         completed: d.integer(o, "completed", .required) ?? 0,
                         respondents: d.integer(o, "respondents"), satisfied: d.integer(o, "satisfied"))
        }
        return CourseDescription(audience: string(f, "audience"), prerequisites: string(f, "prerequisites"),
                                 teachingMethods: string(f, "teachingMethods"), evaluationMethods: string(f, "evaluationMethods"),
                                 accessibility: string(f, "accessibility"), accessDelay: string(f, "accessDelay"),
                                 price: number(f, "price"), priceNote: string(f, "priceNote"), previousSessions: previous)
    }

    /// `organizations[].productions`: {objectives|indicators|plan|dashboard: {level, comment?}}.
    mutating func productions(_ f: JSONFields) -> [ProductionKind: ProductionAssessment] {
        guard let o = object(f, "productions", .productions) else { return [:] }
        var out: [ProductionKind: ProductionAssessment] = [:]
        at("productions") { d in
            for kind in ProductionKind.allCases {
                guard let a = d.object(o, kind.rawValue, .productionAssessment) else { continue }
                d.at(kind.rawValue) { d in
                    if let level = d.enumeration(a, "level", .required, as: LearningResult.self) {
                        out[kind] = ProductionAssessment(level: level, comment: d.string(a, "comment"))
                    }
                }
            }
        }
        return out
    }
}
