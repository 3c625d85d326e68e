import PerfSocialeApp
import Spreadsheet

/// The sheets of an XLSX classeur are independent parts: read on every core, through the app's work pool.
let classeurSheetJobs = SpreadsheetJobs { count, job in _ = WorkPool().map(count) { job($0) } }
