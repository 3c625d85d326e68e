import FrenchFormatting
import Spreadsheet
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

extension LocalDate {
    /// The same day as a spreadsheet cell's date.
    var sheetDate: SheetDate { SheetDate(year: year, month: month, day: day) }
}
