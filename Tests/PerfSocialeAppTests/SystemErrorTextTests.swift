import Foundation
import Testing
@testable import PerfSocialeApp

/// System errors reach the user in French, never as « Error Domain=NSCocoaErrorDomain Code=4 … ».
@Suite("System errors in French")
struct SystemErrorTextTests {
    @Test func foundationFileErrorsAreTranslated() throws {
        var caught: Error? = nil
        do { try Data([1]).write(to: URL(fileURLWithPath: "/nonexistent-folder-perfsociale/x.bin")) } catch { caught = error }
        let error = try #require(caught)
        let text = SystemErrorText.french(error)
        #expect(text == "fichier ou dossier introuvable", "\(text)")
        #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("Error Domain"))
    }

    @Test func cocoaCodesAndPOSIXCodes() {
        #expect(SystemErrorText.french(NSError(domain: NSCocoaErrorDomain, code: NSFileWriteUnknownError)) == "écriture impossible")
        #expect(SystemErrorText.french(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))) == "plus de place sur le disque")
        #expect(SystemErrorText.posix(EACCES) == "accès refusé")
    }
}
