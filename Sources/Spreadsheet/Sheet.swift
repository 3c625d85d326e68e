// The sheet model: cells with values, formulas (and the values the generator computed for them) and styles; merged
// ranges, column widths, validations, conditional formats, protection, print setup, frozen panes and charts.
// Knows nothing about XML: `XLSXWriter` and `ODSWriter` write it.
//
// Rows can be materialised (`SheetRows.rows`) or produced on demand while the file is being zipped
// (`SheetRows.generated`), so a 10,000-row sheet never sits in memory as XML.

import OfficePackaging

/// What a formula cell shows: the value the generator computed, equal to what a spreadsheet computes on recalculation.
public enum CachedValue: Hashable, Sendable {
    case number(Double)
    case text(String)
    case bool(Bool)
    /// The empty string `""` (a formula that shows nothing).
    case empty

    /// A number, or `""` when nil.
    public static func number(_ v: Double?) -> CachedValue { v.map { .number($0) } ?? .empty }
}

/// The content of one cell.
public enum CellContent: Sendable {
    case empty
    case number(Double)
    case text(String)
    case bool(Bool)
    case date(SheetDate)
    /// A time of day, in minutes after midnight (`09:30` = 570), shown with the `.time` format.
    case time(minutes: Int)
    /// A formula registered with `Sheet.formula(_:)`, and its computed value.
    case formula(FormulaID, CachedValue)
}

/// A formula registered on a sheet (compiled once by each writer, reused by every cell that names it).
public struct FormulaID: Hashable, Sendable {
    public let index: Int
}

public struct SheetCell: Sendable {
    public var column: Int
    public var style: CellStyleID
    public var content: CellContent
    public init(column: Int, style: CellStyleID = .default, _ content: CellContent) {
        self.column = column; self.style = style; self.content = content
    }
}

public struct SheetRow: Sendable {
    /// 0-based row index.
    public var index: Int
    /// Points; nil = automatic height.
    public var height: Double?
    /// Cells in ascending column order.
    public var cells: [SheetCell]

    public init(index: Int, height: Double? = nil, cells: [SheetCell] = []) {
        self.index = index; self.height = height; self.cells = cells
    }

    /// Appends a cell (columns must ascend).
    public mutating func add(_ column: Int, _ content: CellContent, style: CellStyleID = .default) {
        cells.append(SheetCell(column: column, style: style, content))
    }

    /// Empties the row for reuse, keeping its storage.
    public mutating func reset(index: Int, height: Double? = nil) {
        self.index = index
        self.height = height
        cells.removeAll(keepingCapacity: true)
    }
}

/// The rows of a sheet, in ascending order. A generator fills a reused row buffer, so producing a row allocates
/// nothing once the buffer has grown; writers call `makeIterator()` once per pass.
public struct SheetRows {
    let makeProducer: () -> (inout SheetRow) -> Bool

    /// Materialised rows (sorted by index).
    public static func rows(_ rows: [SheetRow]) -> SheetRows {
        let sorted = rows.sorted { $0.index < $1.index }
        return SheetRows {
            var i = 0
            return { (row: inout SheetRow) -> Bool in
                guard i < sorted.count else { return false }
                row = sorted[i]
                i += 1
                return true
            }
        }
    }

    /// `count` rows produced on demand: `fill(k, &row)` fills the k-th (0-based) row of this block; it must set
    /// `row.index` (with `row.reset(index:)`) to ascending values.
    public static func generated(count: Int, _ fill: @escaping (Int, inout SheetRow) -> Void) -> SheetRows {
        SheetRows {
            var k = 0
            return { (row: inout SheetRow) -> Bool in
                guard k < count else { return false }
                fill(k, &row)
                k += 1
                return true
            }
        }
    }

    /// The blocks one after the other (their row indices must keep ascending).
    public static func concatenated(_ parts: [SheetRows]) -> SheetRows {
        SheetRows {
            var producers = parts.map { $0.makeProducer() }
            var i = 0
            return { (row: inout SheetRow) -> Bool in
                while i < producers.count {
                    if producers[i](&row) { return true }
                    i += 1
                }
                producers.removeAll()
                return false
            }
        }
    }

    public static var none: SheetRows { .rows([]) }

    /// A fresh pass over the rows.
    func makeIterator() -> (inout SheetRow) -> Bool { makeProducer() }
}

/// Width (in characters of the default font) and defaults of a run of columns.
public struct SheetColumn: Sendable {
    public var columns: ClosedRange<Int>
    public var width: Double
    public var hidden: Bool
    /// Style of the cells of these columns that no row writes.
    public var style: CellStyleID?
    public init(_ columns: ClosedRange<Int>, width: Double, hidden: Bool = false, style: CellStyleID? = nil) {
        self.columns = columns; self.width = width; self.hidden = hidden; self.style = style
    }
    public init(_ column: Int, width: Double, hidden: Bool = false, style: CellStyleID? = nil) {
        self.init(column...column, width: width, hidden: hidden, style: style)
    }
}

public struct DataValidation: Sendable {
    public enum Rule: Sendable {
        /// A decimal number, optionally bounded (both bounds included).
        case decimal(minimum: Double?, maximum: Double?)
        case wholeNumber(minimum: Double?, maximum: Double?)
        /// One of these texts (keep the joined list under 255 characters: Excel repairs longer ones).
        case list([String])
        /// A date, optionally bounded.
        case date(minimum: SheetDate?, maximum: SheetDate?)
    }
    public var ranges: [CellRange]
    public var rule: Rule
    public var allowBlank: Bool
    public var promptTitle: String?
    public var prompt: String?
    public var errorTitle: String?
    public var error: String?
    public init(ranges: [CellRange], rule: Rule, allowBlank: Bool = true, promptTitle: String? = nil, prompt: String? = nil,
                errorTitle: String? = nil, error: String? = nil) {
        self.ranges = ranges; self.rule = rule; self.allowBlank = allowBlank; self.promptTitle = promptTitle
        self.prompt = prompt; self.errorTitle = errorTitle; self.error = error
    }
}

public struct ConditionalFormat: Sendable {
    public enum Condition: Sendable {
        case equal(Formula)
        case greaterOrEqual(Formula)
        case less(Formula)
        case between(Formula, Formula)
        /// True for the cell: references with `.relative` rows are relative to the first cell of `ranges[0]`.
        case formula(Formula)
    }
    public struct Rule: Sendable {
        public var condition: Condition
        public var style: DifferentialStyle
        public init(_ condition: Condition, _ style: DifferentialStyle) { self.condition = condition; self.style = style }
    }
    public var ranges: [CellRange]
    /// First matching rule wins.
    public var rules: [Rule]
    public init(ranges: [CellRange], rules: [Rule]) { self.ranges = ranges; self.rules = rules }
}

public struct PrintSetup: Sendable {
    public var landscape: Bool
    /// Scale the sheet down so its columns fit the page width (as many pages tall as needed).
    public var fitToWidth: Bool
    /// Rows repeated at the top of every printed page (0-based).
    public var repeatRows: ClosedRange<Int>?
    /// Columns repeated at the left of every printed page (0-based), for a sheet printed over several pages wide.
    public var repeatColumns: ClosedRange<Int>?
    /// Print at `PrintSetup.readableScale` over as many pages as needed instead of fitting the width (a wide sheet
    /// fitted to one page prints unreadably small text). Ignored when `fitToWidth` is true.
    public var readableScale: Bool
    /// Fit the sheet on one page, wide and tall (a summary meant to be handed out as one sheet). Needs `fitToWidth`.
    public var onePage: Bool
    /// The scale of `readableScale`: 10-point text prints at 7 points.
    public static let readableScalePercent = 70
    public init(landscape: Bool = false, fitToWidth: Bool = true, repeatRows: ClosedRange<Int>? = nil,
                repeatColumns: ClosedRange<Int>? = nil, readableScale: Bool = false, onePage: Bool = false) {
        self.landscape = landscape; self.fitToWidth = fitToWidth; self.repeatRows = repeatRows
        self.repeatColumns = repeatColumns; self.readableScale = readableScale; self.onePage = onePage
    }
}

/// A bar chart drawn over the cells `anchor` covers.
public struct SheetChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        /// Cell holding the name, so the legend follows it.
        public var nameCell: CellAddress?
        /// One row or one column of values on `dataSheet`.
        public var values: CellRange
        /// The values as the generator computed them (what a viewer shows without recalculating).
        public var cachedValues: [Double?]
        public var color: RGBColor
        public init(name: String, nameCell: CellAddress? = nil, values: CellRange, cachedValues: [Double?], color: RGBColor) {
            self.name = name; self.nameCell = nameCell; self.values = values; self.cachedValues = cachedValues; self.color = color
        }
    }
    public var title: String?
    /// Horizontal bars (true) or vertical columns (false).
    public var horizontal: Bool
    public var stacked: Bool
    /// Sheet holding categories and values; nil = the chart's own sheet.
    public var dataSheet: String?
    public var categories: CellRange
    public var cachedCategories: [String]
    public var series: [Series]
    public var valueAxisTitle: String?
    /// Step between value-axis graduations; nil = automatic (1 suits small counts).
    public var valueAxisMajorUnit: Double?
    /// Lowest value of the value axis; nil = automatic (which may not start at 0).
    public var valueAxisMinimum: Double?
    /// Highest value of the value axis; nil = automatic (a rate chart ends at 100 %, not 125 %).
    public var valueAxisMaximum: Double?
    /// Value-axis labels as percentages (« 50 % » for 0.5) instead of whole numbers.
    public var valueAxisPercent = false
    /// Top-left and bottom-right cells the chart covers.
    public var anchor: CellRange

    public init(title: String? = nil, horizontal: Bool = false, stacked: Bool = false, dataSheet: String? = nil,
                categories: CellRange, cachedCategories: [String], series: [Series], valueAxisTitle: String? = nil,
                valueAxisMajorUnit: Double? = nil, valueAxisMinimum: Double? = nil, anchor: CellRange) {
        self.title = title; self.horizontal = horizontal; self.stacked = stacked; self.dataSheet = dataSheet
        self.categories = categories; self.cachedCategories = cachedCategories; self.series = series
        self.valueAxisTitle = valueAxisTitle; self.valueAxisMajorUnit = valueAxisMajorUnit
        self.valueAxisMinimum = valueAxisMinimum; self.anchor = anchor
    }
}

public struct Sheet {
    public var name: String
    public var columns: [SheetColumn] = []
    public var rows: SheetRows = .none
    /// The last row and column holding a cell (0-based; drawings do not count), known to the caller because rows may
    /// be generated while the file is written: the XLSX `dimension` (`A1:…`, readers size the sheet from it) and the
    /// column count in ODS. Left at 0, the dimension is `A1`.
    public var lastRow: Int = 0
    public var lastColumn: Int = 0
    public var merges: [CellRange] = []
    public var validations: [DataValidation] = []
    public var conditionalFormats: [ConditionalFormat] = []
    /// Protected without a password: locked cells cannot be edited, unlocked (input) cells can.
    public var isProtected = false
    /// First cell of the scrolling pane: rows above and columns left of it stay in view.
    public var freezeAt: CellAddress?
    public var print = PrintSetup()
    public var charts: [SheetChart] = []
    public var tabColor: RGBColor?
    /// Formulas the cells name by `FormulaID`.
    public private(set) var formulas: [Formula] = []
    /// Per formula: an array formula (XLSX `t="array"`, ODS `table:number-matrix-…`), computed over whole ranges.
    public private(set) var isArrayFormula: [Bool] = []
    /// Column blocks where every row uses the same row-relative formula: XLSX writes them as one shared formula.
    public private(set) var formulaBlocks: [FormulaBlock] = []

    public struct FormulaBlock: Sendable {
        public var formula: FormulaID
        public var column: Int
        public var rows: ClosedRange<Int>
    }

    public init(name: String) { self.name = name }

    /// Registers a formula; cells refer to it with `.formula(id, cached)`.
    public mutating func formula(_ f: Formula) -> FormulaID {
        formulas.append(f)
        isArrayFormula.append(false)
        return FormulaID(index: formulas.count - 1)
    }

    /// Registers a one-cell array formula: its ranges are computed element by element (`MAX(ISNUMBER(L8:O8)*…)`)
    /// in every engine. Without it, Excel, LibreOffice and Gnumeric each read such a formula their own way.
    public mutating func arrayFormula(_ f: Formula) -> FormulaID {
        formulas.append(f)
        isArrayFormula.append(true)
        return FormulaID(index: formulas.count - 1)
    }

    /// Promises that the cells of `column` on `rows` all use formula `id` (it must be row-relative to be worth it):
    /// XLSX then stores the text once. Array formulas cannot be shared: each cell keeps its own.
    public mutating func shareFormula(_ id: FormulaID, column: Int, rows: ClosedRange<Int>) {
        guard rows.count > 1, !isArrayFormula[id.index] else { return }
        formulaBlocks.append(FormulaBlock(formula: id, column: column, rows: rows))
    }
}

/// Document properties (docProps / meta.xml), from the workbook, never the clock.
public struct SpreadsheetProperties: Sendable {
    public var title: String
    public var creator: String
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var created: String
    /// The application named in the file's metadata (`perfsociale/0.1.0`).
    public var generator: String
    public init(title: String, creator: String, created: String, generator: String) {
        self.title = title; self.creator = creator; self.created = created; self.generator = generator
    }
}

/// A whole spreadsheet: sheets sharing one style table.
public struct SpreadsheetDocument {
    public var sheets: [Sheet] = []
    public var styles = CellStyleTable()
    public var properties: SpreadsheetProperties
    /// Sheet shown first when the file opens.
    public var activeSheet: Int = 0
    /// Default font of every cell.
    public var fontName = "Arial"
    public var fontSize = 10.0

    public init(properties: SpreadsheetProperties) { self.properties = properties }

    /// Registers a style.
    public mutating func style(_ s: CellStyle) -> CellStyleID { styles.id(s) }
}
