// Cell styles of the sheet model: what a cell looks like and whether it is locked. The document keeps one table of
// styles; cells carry a `CellStyleID`. Each writer turns the table into its own form (XLSX cellXfs, ODS automatic styles).

import OfficePackaging

/// An sRGB colour.
public struct RGBColor: Hashable, Sendable {
    public var red: UInt8, green: UInt8, blue: UInt8
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) { self.red = red; self.green = green; self.blue = blue }
    /// `0xFFF2CC`.
    public init(hex: UInt32) { self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF)) }

    private static let digits = Array("0123456789ABCDEF".utf8)
    /// `FFF2CC` (upper case, XLSX).
    public var hexUpper: String {
        String(decoding: [red >> 4, red & 15, green >> 4, green & 15, blue >> 4, blue & 15].map { RGBColor.digits[Int($0)] }, as: UTF8.self)
    }
    /// `#fff2cc` (ODF).
    public var css: String { "#" + hexUpper.lowercased() }

    public static let black = RGBColor(hex: 0x000000)
    public static let white = RGBColor(hex: 0xFFFFFF)
}

/// How numbers show. Grouping and the decimal mark follow the reader's locale in XLSX; ODS styles say French.
public enum CellNumberFormat: Hashable, Sendable {
    case general
    /// `# ##0` (grouping) or `0`, with `decimals` places and an optional literal suffix (« € », « : 1 »).
    case number(decimals: Int, grouping: Bool, suffix: String)
    /// `0 %` with `decimals` places.
    case percent(decimals: Int)
    /// `dd/mm/yyyy`.
    case date
    /// `hh:mm` (24 h).
    case time
    /// A number shown after a literal prefix (« Année 1 »).
    case prefixed(String, decimals: Int)
    /// Text, typed values stay text (`@`).
    case text

    public static let integer = CellNumberFormat.number(decimals: 0, grouping: true, suffix: "")
    public static let oneDecimal = CellNumberFormat.number(decimals: 1, grouping: true, suffix: "")
    public static let percent = CellNumberFormat.percent(decimals: 0)

    var isPercent: Bool { if case .percent = self { return true }; return false }
    var isDate: Bool { if case .date = self { return true }; return false }
}

public enum CellHorizontalAlignment: String, Hashable, Sendable { case left, center, right }
public enum CellVerticalAlignment: String, Hashable, Sendable { case top, center, bottom }

/// Cell borders: none, or thin lines of one colour on the chosen sides.
public struct CellBorders: Hashable, Sendable {
    public var top = false, bottom = false, left = false, right = false
    public var color = RGBColor(hex: 0xBFBFBF)
    public init(top: Bool = false, bottom: Bool = false, left: Bool = false, right: Bool = false, color: RGBColor = RGBColor(hex: 0xBFBFBF)) {
        self.top = top; self.bottom = bottom; self.left = left; self.right = right; self.color = color
    }
    public static let none = CellBorders()
    public static let all = CellBorders(top: true, bottom: true, left: true, right: true)
    public var isEmpty: Bool { !(top || bottom || left || right) }
}

public struct CellStyle: Hashable, Sendable {
    public var numberFormat: CellNumberFormat
    public var bold: Bool
    public var italic: Bool
    /// Points; nil = the document's default size.
    public var fontSize: Double?
    public var fontColor: RGBColor?
    public var fill: RGBColor?
    public var horizontal: CellHorizontalAlignment?
    public var vertical: CellVerticalAlignment?
    public var wrap: Bool
    public var borders: CellBorders
    /// Locked cells cannot be edited once the sheet is protected; input cells are unlocked.
    public var locked: Bool

    public init(numberFormat: CellNumberFormat = .general, bold: Bool = false, italic: Bool = false, fontSize: Double? = nil,
                fontColor: RGBColor? = nil, fill: RGBColor? = nil, horizontal: CellHorizontalAlignment? = nil,
                vertical: CellVerticalAlignment? = nil, wrap: Bool = false, borders: CellBorders = .none, locked: Bool = true) {
        self.numberFormat = numberFormat; self.bold = bold; self.italic = italic; self.fontSize = fontSize
        self.fontColor = fontColor; self.fill = fill; self.horizontal = horizontal; self.vertical = vertical
        self.wrap = wrap; self.borders = borders; self.locked = locked
    }

    public static let plain = CellStyle()
}

/// A style registered in a `CellStyleTable`. `CellStyleID.default` (0) is the plain, locked, General style.
public struct CellStyleID: Hashable, Sendable {
    public let index: Int
    init(_ index: Int) { self.index = index }
    public static let `default` = CellStyleID(0)
}

/// The styles of one spreadsheet document, in registration order (deterministic output).
public struct CellStyleTable: Sendable {
    public private(set) var styles: [CellStyle] = [.plain]
    private var lookup: [CellStyle: Int] = [.plain: 0]

    public init() {}

    /// The id of `style`, registering it on first use.
    public mutating func id(_ style: CellStyle) -> CellStyleID {
        if let i = lookup[style] { return CellStyleID(i) }
        styles.append(style)
        lookup[style] = styles.count - 1
        return CellStyleID(styles.count - 1)
    }

    public subscript(id: CellStyleID) -> CellStyle { styles[id.index] }
    public var count: Int { styles.count }
}

/// The look a conditional-format rule applies on top of the cell's own style.
public struct DifferentialStyle: Hashable, Sendable {
    /// Shown in LibreOffice's style list (ODS); letters, digits and spaces.
    public var name: String
    public var fill: RGBColor?
    public var fontColor: RGBColor?
    public var bold: Bool
    public init(name: String, fill: RGBColor? = nil, fontColor: RGBColor? = nil, bold: Bool = false) {
        self.name = name; self.fill = fill; self.fontColor = fontColor; self.bold = bold
    }
}
