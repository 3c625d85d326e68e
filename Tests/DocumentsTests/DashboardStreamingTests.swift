import Foundation
import Testing
@testable import OfficePackaging
@testable import Spreadsheet
@testable import TrainingWorkbook
@testable import Documents
import TestSupport

@Suite struct DashboardStreamingTests {
    @Test func largeDashboardStreamsInBoundedMemory() throws {
        let before = Self.maxResidentMiB()
        let org = DashboardTestSupport.benchOrganization(axes: 20, objectives: 10, indicators: 50, periods: 120)
        #expect(org.allIndicators.count == 10_000)
        let wb = DashboardTestSupport.benchWorkbook(base: try DashboardTestSupport.exampleWorkbook())
        let xlsx = try DashboardWorkbook.xlsx(organization: org, workbook: wb)
        let after = Self.maxResidentMiB()
        #expect(after - before < 256, "peak RSS grew by \(after - before) MiB")
        let zip = try ZipReader(bytes: xlsx)
        let sheet = try #require(zip.entries.first { $0.name == "xl/worksheets/sheet2.xml" })
        #expect(sheet.size > 30_000_000)          // the sheet XML itself is far bigger than what was held at once
        #expect(xlsx.count < 16_000_000)
    }

    static func maxResidentMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
