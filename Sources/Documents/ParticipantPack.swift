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

        public func assemble(from files: [GeneratedFile], context: DocumentContext) throws(DocumentError) -> [GeneratedFile] {
            var byParticipant: [String: [GeneratedFile]] = [:]
            var byOrganization: [String: [GeneratedFile]] = [:]
            var session: [GeneratedFile] = []
            for f in files where !f.combined && f.format != .zip {
                if Spec.sessionKinds.contains(f.kind) { session.append(f) }
                else if Spec.participantKinds.contains(f.kind), let p = f.participant { byParticipant[p, default: []].append(f) }
                else if Spec.associationKinds.contains(f.kind), let o = f.organization { byOrganization[o, default: []].append(f) }
            }
            var out: [GeneratedFile] = []
            for p in context.workbook.participants {
                let mine = ((byParticipant[p.id] ?? []) + (byOrganization[p.organization] ?? []) + session).sorted { $0.path < $1.path }
                do {
                    let zip = try ZipWriter()
                    // Office files are already compressed; PDFs a little.
                    for f in mine { try zip.add(f.path, f.bytes, compression: f.format == .pdf ? .deflate(level: 1) : .store) }
                    out.append(GeneratedFile(path: "pack-\(context.names.participant(p)).zip", kind: .pack, format: .zip,
                                             organization: p.organization, participant: p.id, bytes: try zip.finish()))
                } catch { throw .package(error.description) }
            }
            return out
        }
    }
}
