import Foundation
import Testing
@testable import Documents
@testable import PerfSocialeApp

@Suite("manifest.json")
struct ManifestTests {
    @Test func manifestJSONIsSortedAndComplete() {
        let files = [GeneratedFile(path: "b.odt", kind: .objectives, format: .odt, organization: "o1", bytes: [1, 2]),
                     GeneratedFile(path: "a.odt", kind: .attestation, format: .odt, participant: "p\"1", combined: false, bytes: []),
                     GeneratedFile(path: "all.odt", kind: .attestation, format: .odt, combined: true, bytes: [0])]
        let m = Manifest(workbookSha256: "abc", files: files.map(ManifestEntry.init))
        #expect(m.files.map(\.path) == ["a.odt", "all.odt", "b.odt"])
        let json = m.json()
        #expect(json.contains("\"generator\": \"perfsociale \(PerfSocialeVersion.current)\""))
        #expect(json.contains("\"participant\": \"p\\\"1\""))
        #expect(json.contains("\"combined\": true"))
        #expect(json.contains("\"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""))
    }
}
