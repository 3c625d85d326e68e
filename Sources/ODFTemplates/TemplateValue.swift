// The data a template is filled with: a tree the document generators build. The engine knows nothing about
// participants or organisations, only about these values.

import FrenchFormatting
import OfficePackaging

public indirect enum TemplateValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(LocalDate)
    /// Minutes, shown by the `duration` formatter as « 13 h 55 ».
    case minutes(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case null

    /// Truthiness for conditions: false, null, "", empty list and empty object are false; everything else true.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .object(let o): return !o.isEmpty
        case .number, .date, .minutes: return true
        }
    }

    public subscript(key: String) -> TemplateValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral,
                         ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// nil → `.null`, so optional model fields map directly.
    public init(_ s: String?) { self = s.map { .string($0) } ?? .null }
    public init(_ d: Double?) { self = d.map { .number($0) } ?? .null }
    public init(_ d: LocalDate?) { self = d.map { .date($0) } ?? .null }
}
