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
    /// A list whose items are made one at a time, when a loop reaches them: a combined document of 100,000 pages
    /// never holds every page's data at once.
    case lazyList(LazyItems)
    case object([String: TemplateValue])
    case null

    /// Truthiness for conditions: false, null, "", empty list and empty object are false; everything else true.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .lazyList(let l): return l.count > 0
        case .object(let o): return !o.isEmpty
        case .number, .date, .minutes: return true
        }
    }

    public subscript(key: String) -> TemplateValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The items of a list, lazy or not (a lazy list's are all made here: for formatters, not for loops).
    var listItems: [TemplateValue]? {
        switch self {
        case .list(let items): return items
        case .lazyList(let l): return (0..<l.count).map(l.item)
        default: return nil
        }
    }
}

/// The items of a lazy list: how many, and how to make the i-th.
public final class LazyItems: Sendable, Equatable {
    public let count: Int
    private let make: @Sendable (Int) -> TemplateValue

    public init(count: Int, _ make: @escaping @Sendable (Int) -> TemplateValue) {
        self.count = max(0, count)
        self.make = make
    }

    public func item(_ i: Int) -> TemplateValue { make(i) }

    /// Two lazy lists are the same list only when they are the same object (their items are not compared).
    public static func == (a: LazyItems, b: LazyItems) -> Bool { a === b }
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
