import Foundation
import OfficePackaging

extension DocumentKind {
    public static let pack = DocumentKind("pack")
}

/// One zip per participant, ready to e-mail: their attestation and certificate, their convocation and satisfaction
/// forms (à chaud, à froid), the programme, their association's four
/// deliverables, and the PDFs of those when made. Never another participant's data.
public enum ParticipantPack {
    public static let spec = Spec()

    public struct Spec: DocumentSpec {
        public var kind: DocumentKind { .pack }
        public var title: String { "Dossier du participant" }
        public var fileNames: [String] { ["pack-<participant>.zip"] }
        /// Per-participant files are the participant's; per-association files their association's.
        static let participantKinds: Set<DocumentKind> = [.attestation, .realisation, .convocation, .satisfaction]
        static let associationKinds: Set<DocumentKind> = [.objectives, .indicators, .plan, .dashboard, .productions]
        /// The session's programme goes to every trainee.
        static let sessionKinds: Set<DocumentKind> = [.programme]
        public var assembledFrom: [DocumentKind] {
            [.objectives, .indicators, .plan, .productions, .dashboard, .attestation, .realisation, .convocation, .programme, .satisfaction]
        }

        public func assemblyJobs(from files: [GeneratedFile], context: DocumentContext,
                                 contents: @escaping FileContents) throws(DocumentError) -> [DocumentJob] {
            var byParticipant: [String: [GeneratedFile]] = [:]
            var byOrganization: [String: [GeneratedFile]] = [:]
            var session: [GeneratedFile] = []
            for f in files where !f.combined && f.format != .zip {
                if Spec.sessionKinds.contains(f.kind) { session.append(f) }
                else if Spec.participantKinds.contains(f.kind), let p = f.participant { byParticipant[p, default: []].append(f) }
                else if Spec.associationKinds.contains(f.kind), let o = f.organization { byOrganization[o, default: []].append(f) }
            }
            let participants = context.workbook.participants
            let names = context.names
            let (mine, theirs, everyone) = (byParticipant, byOrganization, session)
            // The files copied into many packs, compressed once for every job (SharedMembers).
            var often = Set<String>()
            for f in byOrganization.values.joined() where context.compressesHarder(organization: f.organization) { often.insert(f.path) }
            if context.compressesHarder(organization: nil) { for f in session { often.insert(f.path) } }
            let copiedOften = often
            let sharedMembers = SharedMembers()
            // Slices of at most 64 packs: a job's packs (100 KB each) are held until it ends.
            return DocumentJob.slices(participants.count, into: 8, largest: 64).map { range in
                DocumentJob {
                    // The association's and the session's files go into many packs: read once per job.
                    var shared: [String: [UInt8]] = [:]
                    func bytes(_ f: GeneratedFile, sharedByOthers: Bool) throws -> [UInt8] {
                        guard sharedByOthers else { return try contents(f) }
                        if let b = shared[f.path] { return b }
                        let b = try contents(f)
                        shared[f.path] = b
                        return b
                    }
                    return try range.map { i throws -> GeneratedFile in
                        let p = participants[i]
                        let own = mine[p.id] ?? []
                        let members = (own.map { ($0, false) } + (theirs[p.organization] ?? []).map { ($0, true) } + everyone.map { ($0, true) })
                            .sorted { $0.0.path < $1.0.path }
                        do {
                            let zip = try ZipWriter()
                            // Office files are already compressed; PDFs a little.
                            for (f, sharedByOthers) in members {
                                if copiedOften.contains(f.path) {
                                    try zip.add(f.path, prepared: try sharedMembers.part(f.path) { try contents(f) })
                                } else {
                                    try zip.add(f.path, try bytes(f, sharedByOthers: sharedByOthers),
                                                compression: f.format == .pdf ? .deflate(level: 1) : .store)
                                }
                            }
                            return GeneratedFile(path: "pack-\(names.participant(p)).zip", kind: .pack, format: .zip,
                                                 organization: p.organization, participant: p.id, bytes: try zip.finish())
                        } catch let error as ZipError { throw DocumentError.package(error.description) }
                    }
                }
            }
        }
    }
}

/// The files of an association, or of the session, that go into many packs (DocumentContext.compressesHarder):
/// deflated once for all the packs' jobs, then copied into each pack as they are. libzip computes the CRC of every
/// stored entry it writes (6.7 GB of members at 100,000 trainees) but takes a deflated entry's CRC as given, and an
/// office file still deflates by 3–8 % (its zip headers, names and small parts).
final class SharedMembers: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String: PreparedPart] = [:]

    /// The member at `path`, deflated the first time it is asked for (`bytes` reads it).
    func part(_ path: String, _ bytes: () throws -> [UInt8]) throws -> PreparedPart {
        lock.lock()
        let kept = parts[path]
        lock.unlock()
        if let kept { return kept }
        // Read and deflated outside the lock: two jobs may both do it once, never more.
        let made = PreparedPart(try bytes(), compression: ZipWriter.onceCompression)
        lock.lock()
        defer { lock.unlock() }
        if let first = parts[path] { return first }
        parts[path] = made
        return made
    }
}
