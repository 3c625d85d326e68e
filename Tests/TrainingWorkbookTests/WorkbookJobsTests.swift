// A long participant list decoded in two parts at once, and the rules run beside the satisfaction check: the same
// workbook and the same diagnostics, in the same order, as decoding everything in order on one thread.

import Dispatch
import Foundation
import Testing
@testable import TrainingWorkbook
import TestSupport

@Suite struct WorkbookJobsTests {
    static let concurrent: WorkbookJobs = { count, job in DispatchQueue.concurrentPerform(iterations: count, execute: job) }

    /// The built-in example with `count` trainees, and a mistake of each kind in both halves of the list.
    static func workbook(_ count: Int, mistakes: Bool) throws -> [UInt8] {
        let data = try Data(contentsOf: URL(fileURLWithPath: WorkbookFixtures.templates + "/example-workbook.json"))
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(root["participants"] as? [[String: Any]])
        var people: [[String: Any]] = []
        for n in 0..<count {
            var p = model[n % model.count]
            p["id"] = "p\(n + 1)"
            p["lastName"] = "Stagiaire \(n + 1)"
            if mistakes && n % 150 == 7 {
                p["civility"] = "Docteur"                                  // not an allowed value (decoder)
                p["organization"] = "inconnue"                             // unknown reference (rules)
                p["satisfaction"] = ["endOfCourse": ["global": 9]]          // off the scale (satisfaction check)
                p["attendance"] = ["j1am": ["status": "remote", "minutes": -5]]
            }
            people.append(p)
        }
        root["participants"] = people
        return [UInt8](try JSONSerialization.data(withJSONObject: root))
    }

    @Test(arguments: [false, true])
    func theSameReportWithJobs(mistakes: Bool) throws {
        let bytes = try Self.workbook(600, mistakes: mistakes)
        let inOrder = WorkbookLoader.decode(bytes: bytes)
        let inParts = WorkbookLoader.decode(bytes: bytes, jobs: Self.concurrent)
        #expect(inParts.diagnostics.map(\.description) == inOrder.diagnostics.map(\.description))
        #expect(inParts.workbook == inOrder.workbook)
        if mistakes {
            // Mistakes in both halves (trainees 8 and 308 and 458…), each reported once.
            #expect(inOrder.errors.contains { $0.path == "participants[7].civility" })
            #expect(inOrder.errors.contains { $0.path == "participants[457].civility" })
            #expect(inOrder.diagnostics.contains { $0.path.hasPrefix("participants[307].satisfaction") })
            #expect(inOrder.workbook == nil)
        } else {
            #expect(inOrder.workbook?.participants.count == 600)
        }
    }
}
