import FrenchFormatting
import TrainingWorkbook

/// File-name stems shared by every file of the same organisation, participant or session, claimed by one namer in
/// workbook order (session, organisations, participants): a suffix is given only after checking every file name it
/// makes, so no two files ever get the same name, and the same workbook always gets the same names.
public struct FileNames: Sendable {
    public private(set) var organization: [String: String] = [:]
    public private(set) var participant: [String: String] = [:]
    public let session: String

    public init(_ wb: Workbook) {
        var namer = UniqueNamer()
        session = namer.claimStem(Slug.make(wb.session.reference, maxLength: 30), files: OutputNames.sessionFiles)
        for o in wb.organizations {
            organization[o.id] = namer.claimStem(Slug.make(o.name, maxLength: 50), files: OutputNames.organizationFiles)
        }
        for p in wb.participants {
            participant[p.id] = namer.claimStem(Slug.make(p.fullName, maxLength: 50), files: OutputNames.participantFiles)
        }
    }

    public func organization(_ org: Organization) -> String { organization[org.id] ?? Slug.make(org.id) }
    public func participant(_ p: Participant) -> String { participant[p.id] ?? Slug.make(p.id) }
}
