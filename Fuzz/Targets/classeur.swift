// libFuzzer target: a classeur file from a user (XLSX, ODS or flat ODS), read by the streaming spreadsheet reader,
// turned into a workbook tree and validated, with every diagnostic's cell located.
import TrainingWorkbook
@testable import WorkbookSpreadsheet

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClasseur(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let report = WorkbookSource.decode(bytes: bytes, baseDirectory: nil)
    for d in report.diagnostics { _ = d.description }
    _ = WorkbookSource.tree(bytes: bytes)
    return 0
}
