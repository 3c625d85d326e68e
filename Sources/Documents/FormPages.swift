// The pages of a paper form handed out at the session (satisfaction, self-assessment): the name and association
// printed on each trainee's page, and the blank page for someone not on the list.

import ODFTemplates
import TrainingWorkbook

enum FormPages {
    /// What a blank page shows where the name and the association go.
    static let blank = "……………………………………"
    static let blankPage: [String: TemplateValue] = ["name": .string(blank), "organization": .string(blank)]

    /// A trainee's name and association, as their page shows them (`organizationNames`: typeset names by id).
    static func page(_ p: Participant, organizationNames: [String: String]) -> [String: TemplateValue] {
        ["name": .string(Wording.civilityName(p)),
         "organization": .string(organizationNames[p.organization] ?? Wording.typo(p.organization))]
    }

    /// A page per trainee, in the order of the session's documents, then a blank one: each page made when the loop
    /// reaches it (a session of 100,000 never holds them all).
    static func all(_ participants: [Participant], organizationNames: [String: String]) -> TemplateValue {
        let order = ParticipantOrder.sortedIndices(participants)
        return .lazyList(LazyItems(count: order.count + 1) { i in
            .object(i < order.count ? page(participants[order[i]], organizationNames: organizationNames) : blankPage)
        })
    }
}
