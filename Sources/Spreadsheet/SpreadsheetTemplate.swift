/// The fixed parts of generated spreadsheets (theme, style frames, page layouts), such as the files of
/// `Templates/dashboard/` (see its README). `{{token}}` markers are filled by the writers.

import OfficePackaging
public struct SpreadsheetTemplate: Sendable {
    public var xlsxTheme: [UInt8]
    public var xlsxStyles: String
    public var xlsxHeaderFooter: String
    public var odsStyles: String
    public var odsHeaderFooter: String
    public var odsHeaderFooterStyles: String

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var description: String { "modèle de tableur incomplet : \(path) est introuvable ou illisible" }
    }

    public static let files = ["xlsx-theme.xml", "xlsx-styles.xml", "xlsx-header-footer.xml", "ods-styles.xml",
                        "ods-header-footer.xml", "ods-header-footer-styles.xml"]

    /// The six parts, by file name (`xlsx-theme.xml`, …); `read` returns nil for a missing part.
    public static func load(_ read: (String) -> [UInt8]?) throws(LoadError) -> SpreadsheetTemplate {
        var texts: [String] = []
        for name in files {
            guard let data = read(name) else { throw LoadError(path: name) }
            var s = String(decoding: data, as: UTF8.self)
            while let last = s.last, last == "\n" || last == "\r" { s.removeLast() }
            texts.append(s)
        }
        return SpreadsheetTemplate(xlsxTheme: Array(texts[0].utf8), xlsxStyles: texts[1], xlsxHeaderFooter: texts[2],
                                   odsStyles: texts[3], odsHeaderFooter: texts[4], odsHeaderFooterStyles: texts[5])
    }

    /// Replaces `{{name}}` markers by the given texts (inserted as is: callers escape).
    static func fill(_ text: String, _ values: [(String, String)]) -> String {
        var out = text
        for (k, v) in values { out = SheetText.replace(out, "{{" + k + "}}", v) }
        return out
    }
}
