// swift-tools-version:6.0
import PackageDescription

// The layers, bottom to top; each target imports only targets above it in this list (the compiler keeps it so):
//   C shims → OfficePackaging → FrenchFormatting → Spreadsheet, ODFTemplates → TrainingWorkbook → Documents
//   → PerfSocialeApp → perfsociale (the command line).
// Spreadsheet and ODFTemplates know nothing of training workbooks: other packages may depend on them.
let package = Package(
    name: "perfsociale",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "perfsociale", targets: ["perfsociale"]),
        .library(name: "Spreadsheet", targets: ["Spreadsheet"]),
        .library(name: "ODFTemplates", targets: ["ODFTemplates"]),
        .library(name: "PerfSocialeApp", targets: ["PerfSocialeApp"]),
    ],
    targets: [
        // System libraries: Debian libxml2-dev and libzip-dev.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        // zlib comes with libzip-dev: we deflate parts ourselves with reused streams and hand libzip the result.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SHA-256 of every output file (manifest.json) with the CPU's SHA instructions: Debian libssl-dev.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // XML writing and reading (libxml2), zip writing and reading (libzip), deflate, SHA-256. Every pointer,
        // Unmanaged and compression thread of the project lives here, behind a safe API.
        .target(name: "OfficePackaging", dependencies: ["CLibXML2", "CLibZip", "CZlib", "CCrypto"]),
        // Civil dates and times, and how French readers write dates, numbers, durations and file names.
        .target(name: "FrenchFormatting"),
        // Sheet model, typed formulas with computed values, XLSX and ODS writers.
        .target(name: "Spreadsheet", dependencies: ["OfficePackaging"]),
        // ODF template engine: compile a text document's XML parts once, render them many times.
        .target(name: "ODFTemplates", dependencies: ["OfficePackaging", "FrenchFormatting"]),
        // The training workbook: model, JSON reader, validation, derived figures (hours, dashboard, SROI, calendar).
        .target(name: "TrainingWorkbook", dependencies: ["FrenchFormatting"]),
        // One file per deliverable and the one registry of document kinds; the shipped templates embedded.
        .target(name: "WorkbookSpreadsheet", dependencies: ["TrainingWorkbook", "Spreadsheet", "FrenchFormatting"]),
        .target(
            name: "Documents",
            dependencies: ["TrainingWorkbook", "Spreadsheet", "ODFTemplates", "OfficePackaging", "FrenchFormatting"],
            plugins: ["EmbedTemplates"]
        ),
        // Generator (the one place that runs work in parallel), output folder, manifest, PDF export.
        .target(name: "PerfSocialeApp", dependencies: ["Documents", "WorkbookSpreadsheet", "TrainingWorkbook", "ODFTemplates", "OfficePackaging", "FrenchFormatting"]),
        .executableTarget(name: "perfsociale", dependencies: ["PerfSocialeApp", "WorkbookSpreadsheet", "Spreadsheet", "Documents", "TrainingWorkbook", "ODFTemplates", "OfficePackaging"]),

        // Build tool: `Templates/` (the editable source) embedded in the binary, so it runs from anywhere.
        .executableTarget(name: "EmbedTemplatesTool", path: "Plugins/EmbedTemplatesTool"),
        .plugin(name: "EmbedTemplates", capability: .buildTool(), dependencies: ["EmbedTemplatesTool"]),

        // Tests mirror the targets; CLITests runs the real binary end to end.
        .target(name: "TestSupport", dependencies: ["PerfSocialeApp", "Documents", "WorkbookSpreadsheet", "TrainingWorkbook", "Spreadsheet", "ODFTemplates",
                                                   "OfficePackaging", "FrenchFormatting"], path: "Tests/TestSupport"),
        .testTarget(name: "OfficePackagingTests", dependencies: ["OfficePackaging", "TestSupport"]),
        .testTarget(name: "FrenchFormattingTests", dependencies: ["FrenchFormatting", "TestSupport"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "TestSupport"]),
        .testTarget(name: "ODFTemplatesTests", dependencies: ["ODFTemplates", "TestSupport"]),
        .testTarget(name: "TrainingWorkbookTests", dependencies: ["TrainingWorkbook", "TestSupport"]),
        .testTarget(name: "WorkbookSpreadsheetTests", dependencies: ["WorkbookSpreadsheet", "TestSupport"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TestSupport"]),
        .testTarget(name: "PerfSocialeAppTests", dependencies: ["PerfSocialeApp", "TestSupport"]),
        // End to end: the real binary (built first as a dependency) on real workbooks.
        .testTarget(name: "CLITests", dependencies: ["PerfSocialeApp", "TestSupport", "perfsociale"]),
    ],
    swiftLanguageModes: [.v6]
)
