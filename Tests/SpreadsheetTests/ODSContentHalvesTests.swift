// An ODS content.xml read as two halves on two cores (ODSContentHalves) gives the same sheets as read whole, and a
// part that is not well-formed is still refused, whatever falls in the half that hides it.

import Foundation
import OfficePackaging
import Testing
@testable import Spreadsheet

@Suite struct ODSContentHalvesTests {
    /// A sheet of `rows` rows: text, numbers, a date, a repeated cell, a paragraph with spaces.
    static func sheet(_ name: String, rows: Int) -> String {
        var s = "<table:table table:name=\"\(name)\"><table:table-column table:number-columns-repeated=\"4\"/>"
        for r in 0..<rows {
            s += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>\(name) <text:s text:c=\"2\"/>\(r)</text:p></table:table-cell>"
            s += "<table:table-cell office:value-type=\"float\" office:value=\"\(r)\" table:number-columns-repeated=\"2\"><text:p>\(r)</text:p></table:table-cell>"
            s += "<table:table-cell office:value-type=\"date\" office:date-value=\"2026-03-\(10 + r % 20)\"/></table:table-row>"
        }
        return s + "</table:table>"
    }

    static func content(_ sheets: [String], between: String = "\n  ") -> [UInt8] {
        Array(ODSReaderTests.content(sheets.joined(separator: between)).utf8)
    }

    static let sheets = [sheet("Mode d'emploi", rows: 3), sheet("Participants", rows: 400), sheet("Présences", rows: 300),
                         sheet("Associations", rows: 5)]

    static func whole(_ bytes: [UInt8]) throws -> [ReadSheet] {
        try ODSReader.readSheets(bytes, part: "content.xml", options: SpreadsheetReadOptions(), budget: CellBudget(1_000_000))
    }

    static func half(_ pieces: [ArraySlice<UInt8>]) -> [UInt8] { pieces.flatMap { Array($0) } }

    @Test func theHalvesReadTheSameSheetsAsTheWhole() throws {
        let bytes = Self.content(Self.sheets)
        let halves = try #require(ODSContentHalves(bytes, minimumSize: 0))
        let first = try Self.whole(Self.half(halves.first)), second = try Self.whole(Self.half(halves.second))
        // Cut at a sheet's end near the middle: both halves hold sheets.
        #expect(!first.isEmpty && !second.isEmpty)
        #expect(first + second == (try Self.whole(bytes)))
        #expect((first + second).map(\.name) == ["Mode d'emploi", "Participants", "Présences", "Associations"])
        // The halves are documents of their own: the second starts like the whole.
        #expect(Self.half(halves.second).starts(with: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content".utf8)))
        #expect(String(decoding: Self.half(halves.first).suffix(100), as: UTF8.self).hasSuffix("</office:spreadsheet></office:body></office:document-content>"))
    }

    @Test func aBigPartIsReadInHalvesWithTheSameResult() throws {
        let big = (0..<6).map { Self.sheet("F\($0)", rows: 500) }
        let bytes = Self.content(big)
        #expect(bytes.count >= ODSContentHalves.minimumSize)
        #expect(ODSContentHalves(bytes) != nil)
        let jobs = SpreadsheetJobs { count, job in DispatchQueue.concurrentPerform(iterations: count) { job($0) } }
        let read = try ODSReader.readContent(bytes, part: "content.xml", options: SpreadsheetReadOptions(jobs: jobs))
        #expect(read == (try Self.whole(bytes)))
        // The cell limit holds for both halves together.
        let limited = SpreadsheetReadOptions(limits: SpreadsheetReadLimits(maxCells: 10_000), jobs: jobs)
        #expect(throws: SpreadsheetReadError.self) { try ODSReader.readContent(bytes, part: "content.xml", options: limited) }
    }

    /// Junk between two sheets falls in one half or the other: either way the file is refused, as when read whole.
    @Test(arguments: ["<table:foo>", "</office:spreadsheet>", "<!-- </table:table> -->", "< x"])
    func aPartThatIsNotWellFormedIsRefused(_ junk: String) throws {
        let sheets = (0..<6).map { Self.sheet("F\($0)", rows: 500) }
        for k in 1..<sheets.count {
            var bytes = Array(ODSReaderTests.content(sheets[..<k].joined() + junk + sheets[k...].joined()).utf8)
            if junk.hasPrefix("<!--") {
                // A comment is well-formed: the part reads, and gives the six sheets.
                #expect(try ODSReader.readContent(bytes, part: "content.xml", options: SpreadsheetReadOptions()).count == 6)
                continue
            }
            #expect(throws: SpreadsheetReadError.self) { try ODSReader.readContent(bytes, part: "content.xml", options: SpreadsheetReadOptions()) }
            bytes.removeAll()
        }
    }

    /// A sheet without a name gets « Feuille4 » from the sheets before it, which a half does not see: that part is
    /// read whole.
    @Test func aSheetWithoutANameKeepsItsDefaultName() throws {
        var sheets = (0..<6).map { Self.sheet("F\($0)", rows: 500) }
        sheets[3] = sheets[3].replacingOccurrences(of: "<table:table table:name=\"F3\">", with: "<table:table>")
        let bytes = Self.content(sheets)
        let read = try ODSReader.readContent(bytes, part: "content.xml", options: SpreadsheetReadOptions())
        #expect(read.map(\.name) == ["F0", "F1", "F2", "Feuille4", "F4", "F5"])
        #expect(read == (try Self.whole(bytes)))
    }

    @Test func partsOfAnotherShapeAreReadWhole() {
        let named = Self.sheets
        // A comment or a DOCTYPE before the root; another encoding.
        let plain = String(decoding: Self.content(named), as: UTF8.self)
        #expect(ODSContentHalves(Self.content(named), minimumSize: 0) != nil)
        #expect(ODSContentHalves(Array(plain.replacingOccurrences(of: "?><office:document-content", with: "?><!-- x --><office:document-content").utf8), minimumSize: 0) == nil)
        #expect(ODSContentHalves(Array(plain.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"").utf8), minimumSize: 0) == nil)
        // One sheet: nowhere to cut.
        #expect(ODSContentHalves(Self.content([named[1]]), minimumSize: 0) == nil)
        // Small parts are read whole.
        #expect(ODSContentHalves(Self.content(named)) == nil)
    }

    // MARK: read while inflating (an .ods file: content.xml's first half read before its second is inflated)

    static func ods(_ content: [UInt8]) throws -> [UInt8] {
        let zip = try ZipWriter()
        try zip.add("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8), compression: .store)
        try zip.add("content.xml", content)
        return try zip.finish()
    }

    static let jobs = SpreadsheetJobs { count, job in DispatchQueue.concurrentPerform(iterations: count) { job($0) } }

    @Test(arguments: [false, true])
    func anODSFileReadWhileInflatingGivesTheSameSheets(concurrent: Bool) throws {
        let content = Self.content((0..<6).map { Self.sheet("F\($0)", rows: 500) })
        #expect(content.count >= ODSContentHalves.minimumSize)
        let options = SpreadsheetReadOptions(jobs: concurrent ? Self.jobs : .sequential)
        let book = try ODSReader.read(try Self.ods(content), options: options)
        #expect(book.sheets == (try Self.whole(content)))
        // A sheet without a name: the halves refuse it, the part is read whole and the sheet keeps its default name.
        var sheets = (0..<6).map { Self.sheet("F\($0)", rows: 500) }
        sheets[4] = sheets[4].replacingOccurrences(of: "<table:table table:name=\"F4\">", with: "<table:table>")
        let unnamed = try ODSReader.read(try Self.ods(Self.content(sheets)), options: options)
        #expect(unnamed.sheets.map(\.name) == ["F0", "F1", "F2", "F3", "Feuille5", "F5"])
        // The cell limit holds for both halves together.
        let limited = SpreadsheetReadOptions(limits: SpreadsheetReadLimits(maxCells: 10_000), jobs: options.jobs)
        #expect(throws: SpreadsheetReadError.self) { try ODSReader.read(try Self.ods(content), options: limited) }
    }

    @Test func anODSFileNotWellFormedOrDamagedIsRefused() throws {
        let sheets = (0..<6).map { Self.sheet("F\($0)", rows: 500) }
        let junk = Array(ODSReaderTests.content(sheets[..<4].joined() + "<table:foo>" + sheets[4...].joined()).utf8)
        #expect(throws: SpreadsheetReadError.self) { try ODSReader.read(try Self.ods(junk), options: SpreadsheetReadOptions(jobs: Self.jobs)) }
        // A byte of the second half's compressed data changed: the inflating job's error is the file's.
        var damaged = try Self.ods(Self.content(sheets))
        damaged[damaged.count * 3 / 4] ^= 0x5A
        let e = #expect(throws: SpreadsheetReadError.self) { try ODSReader.read(damaged, options: SpreadsheetReadOptions(jobs: Self.jobs)) }
        #expect(e?.message.contains("content.xml") == true, "\(e?.message ?? "")")
    }
}
