import FrenchFormatting
import TrainingWorkbook

/// File-name stems, unique in workbook order, shared by every file of the same organisation or participant and by
/// the session's combined files.
public struct FileNames: Sendable {
    public private(set) var organization: [String: String] = [:]
    public private(set) var participant: [String: String] = [:]
    public let session: String

    public init(_ wb: Workbook) {
        session = Slug.make(wb.session.reference, maxLength: 30)
        var used: [String: Int] = [:]
        func unique(_ base: String) -> String {
            let n = (used[base] ?? 0) + 1
            used[base] = n
            return n == 1 ? base : "\(base)-\(n)"
        }
        for o in wb.organizations { organization[o.id] = unique(Slug.make(o.name, maxLength: 50)) }
        used = [:]
        for p in wb.participants { participant[p.id] = unique(Slug.make(p.fullName, maxLength: 50)) }
    }

    public func organization(_ org: Organization) -> String { organization[org.id] ?? Slug.make(org.id) }
    public func participant(_ p: Participant) -> String { participant[p.id] ?? Slug.make(p.id) }
}
