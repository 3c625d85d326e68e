import Foundation
import Testing
@testable import PerfSociale

@Test func dashboardDevDump() throws {
    let wb = try DashboardTestSupport.exampleWorkbook()
    for org in wb.organizations {
        try DashboardTestSupport.write(try DashboardWorkbook.xlsx(organization: org, workbook: wb), to: "/tmp/dash/\(org.id).xlsx")
        try DashboardTestSupport.write(try DashboardWorkbook.ods(organization: org, workbook: wb), to: "/tmp/dash/\(org.id).ods")
    }
    let bench = DashboardTestSupport.benchWorkbook(base: wb)
    try DashboardTestSupport.write(try DashboardWorkbook.xlsx(organization: bench.organizations[0], workbook: bench), to: "/tmp/dash/bench.xlsx")
    try DashboardTestSupport.write(try DashboardWorkbook.ods(organization: bench.organizations[0], workbook: bench), to: "/tmp/dash/bench.ods")
}
