// libFuzzer target: a classeur file from a user (XLSX, ODS or flat ODS), read by the streaming spreadsheet reader,
// turned into a workbook tree and validated, with every diagnostic's cell located.
import OfficePackaging
import TrainingWorkbook
@testable import Spreadsheet
@testable import WorkbookSpreadsheet

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClasseur(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let report = WorkbookSource.decode(bytes: bytes, baseDirectory: nil)
    for d in report.diagnostics { _ = d.description }
    _ = WorkbookSource.tree(bytes: bytes)
    // The cut of an ODS content.xml in two halves (ODSReader cuts only parts of 256 KB or more: here any size), and
    // each half read as the reader reads them.
    if let halves = ODSContentHalves(bytes, minimumSize: 0) {
        for half in [halves.first, halves.second] {
            _ = try? ODSReader.readSheets(pieces: half, part: "content.xml", options: SpreadsheetReadOptions(),
                                          budget: CellBudget(100_000), namedOnly: true)
        }
    }
    // An ODS content.xml read while it is inflated, its first half before its second is inflated (ODSReader does it
    // for parts of 256 KB or more: here any size).
    if bytes.starts(with: [0x50, 0x4B]), let zip = try? ZipReader(bytes: bytes, limits: SpreadsheetReadLimits().zip),
       let entry = zip.entry(named: "content.xml") {
        _ = try? ODSReader.readWhileInflating(zip, entry, options: SpreadsheetReadOptions())
    }
    return 0
}
