// The deliverables' contexts mix our wording and the workbook's text: both go to print through the same French
// typography (`French.typeset`), applied once to the finished context rather than at every field.

import FrenchFormatting
import ODFTemplates

extension TemplateValue {
    /// This value with every string set in French typography (no-break spaces, non-breaking hyphens in codes).
    func typesetFrench() -> TemplateValue {
        switch self {
        case .string(let s): return .string(French.typeset(s))
        case .list(let items): return .list(items.map { $0.typesetFrench() })
        // Each item set as it is made.
        case .lazyList(let l): return .lazyList(LazyItems(count: l.count) { l.item($0).typesetFrench() })
        case .object(let fields): return .object(fields.mapValues { $0.typesetFrench() })
        case .number, .bool, .date, .minutes, .null: return self
        }
    }
}
