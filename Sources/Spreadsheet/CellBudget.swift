// The read limit on filled cells, shared by the jobs reading a file's sheets (XLSX parts, the halves of an ODS
// content.xml): all sheets together never hold more than the limit, however the jobs are scheduled.

import Synchronization

final class CellBudget: Sendable {
    private let left: Atomic<Int>
    init(_ cells: Int) { left = Atomic(cells) }
    /// Takes one cell; false once the limit is passed.
    func take() -> Bool { take(1) }
    /// Takes `count` cells (a repeated cell or row); false once the limit is passed.
    func take(_ count: Int) -> Bool { left.wrappingSubtract(count, ordering: .relaxed).newValue >= 0 }
}
