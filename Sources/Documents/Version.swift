/// The version written into `manifest.json` ("generator": "perfsociale <version>") and into each file's metadata.

import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook
public enum PerfSocialeVersion {
    public static let current = "0.1.0"
    /// `perfsociale/0.1.0`: the application a document's metadata names.
    public static let generator = "perfsociale/" + current
}
