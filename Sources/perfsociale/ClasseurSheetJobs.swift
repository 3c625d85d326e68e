import Dispatch
import PerfSocialeApp
import Spreadsheet

/// The sheets of an XLSX classeur are independent parts: read on every core, through the app's work pool.
/// What a reading has finished with is freed on a background thread while the main one goes on.
let classeurSheetJobs = SpreadsheetJobs({ count, job in _ = WorkPool().map(count) { job($0) } },
                                        dispose: { leftovers in DispatchQueue.global(qos: .utility).async { withExtendedLifetime(leftovers) {} } })
