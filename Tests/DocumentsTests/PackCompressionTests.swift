import Testing
@testable import OfficePackaging
@testable import ODFTemplates
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

/// A file made once and copied into many packs is compressed at the best level; few copies keep the fast level.
@Suite("Files copied into many packs")
struct PackCompressionTests {
    /// The example's participants, repeated until `count` of them belong to the first association.
    static func workbook(traineesOfFirstAssociation count: Int) -> Workbook {
        var wb = HoursFixtures.example
        let first = wb.participants[0]
        wb.participants = (0..<count).map { i in
            var p = first
            p.id = "p\(i)"
            p.lastName = "Stagiaire \(i)"
            return p
        }
        return wb
    }

    @Test func manyCopiesAreCompressedHarderOnlyWhenPacksAreMade() throws {
        let many = Self.workbook(traineesOfFirstAssociation: DocumentContext.copiesForBestCompression)
        let org = many.participants[0].organization
        #expect(DocumentContext(workbook: many).compressesHarder(organization: org))
        #expect(DocumentContext(workbook: many).compressesHarder(organization: nil))      // the programme: every pack
        #expect(!DocumentContext(workbook: many, requested: [.dashboard]).compressesHarder(organization: org))
        #expect(DocumentContext(workbook: many, requested: [.dashboard, .pack]).compressesHarder(organization: org))
        let few = Self.workbook(traineesOfFirstAssociation: DocumentContext.copiesForBestCompression - 1)
        #expect(!DocumentContext(workbook: few).compressesHarder(organization: org))
        #expect(!DocumentContext(workbook: many).compressesHarder(organization: "une-autre"))
    }

    @Test func theDashboardCopiedIntoManyPacksIsSmallerWithTheSameParts() throws {
        let wb = Self.workbook(traineesOfFirstAssociation: 64)
        let org = try #require(wb.organizations.first { $0.id == wb.participants[0].organization })
        for (fast, best) in [(try DashboardWorkbook.xlsx(organization: org, workbook: wb),
                              try DashboardWorkbook.xlsx(organization: org, workbook: wb, bestCompression: true)),
                             (try DashboardWorkbook.ods(organization: org, workbook: wb),
                              try DashboardWorkbook.ods(organization: org, workbook: wb, bestCompression: true))] {
            #expect(best.count < fast.count)
            let a = try ZipReader(bytes: fast), b = try ZipReader(bytes: best)
            #expect(a.entries.map(\.name) == b.entries.map(\.name))
            for e in a.entries { #expect(try a.read(e.name) == b.read(e.name), "\(e.name)") }
        }
    }

    /// In a pack, the association's files and the programme, copied into 64 packs or more, are deflated once and
    /// copied as they are (libzip takes their CRC as given); a trainee's own files stay stored. Every member unpacks
    /// to the very bytes of the file it copies (libzip checks each CRC).
    @Test func filesCopiedIntoManyPacksAreDeflatedOnceAndUnpackAsMade() throws {
        for (count, often) in [(DocumentContext.copiesForBestCompression, true), (3, false)] {
            let wb = Self.workbook(traineesOfFirstAssociation: count)
            let context = DocumentContext(workbook: wb, requested: [.pack])
            var files: [GeneratedFile] = []
            for spec in DocumentRegistry.all where ParticipantPack.spec.assembledFrom.contains(spec.kind) {
                files += try spec.jobs(context).flatMap { try $0.make() }
            }
            let packs = try ParticipantPack.spec.assemblyJobs(from: files, context: context, contents: { $0.bytes }).flatMap { try $0.make() }
            #expect(packs.count == count)
            let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            for pack in [packs[0], packs[count - 1]] {
                let zip = try ZipReader(bytes: pack.bytes)
                #expect(zip.entries.count >= 8)
                for e in zip.entries {
                    let original = try #require(byPath[e.name], "\(e.name)")
                    #expect(try zip.read(e.name) == original.bytes, "\(e.name)")
                    let shared = original.participant == nil
                    #expect(e.isStored == !(shared && often), "\(e.name) : \(e.isStored ? "stored" : "deflated")")
                }
            }
        }
    }
}

