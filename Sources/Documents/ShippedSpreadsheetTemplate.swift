import Spreadsheet
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

extension SpreadsheetTemplate {
    /// The template shipped in `Templates/dashboard/`, read once per process (the dashboard and every results sheet).
    public static func dashboard() throws(SpreadsheetTemplate.LoadError) -> SpreadsheetTemplate {
        try shippedDashboard.get()
    }

    private static let shippedDashboard: Result<SpreadsheetTemplate, SpreadsheetTemplate.LoadError> = Result {
        () throws(SpreadsheetTemplate.LoadError) in
        try SpreadsheetTemplate.load { name in try? TemplateResources.file("dashboard/" + name) }
    }
}
