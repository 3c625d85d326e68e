import Foundation

/// The fixed parts of generated spreadsheets (theme, style frames, page layouts), loaded from a template folder such
/// as `Templates/dashboard/` (see its README). `{{token}}` markers are filled by the writers.
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

    static let files = ["xlsx-theme.xml", "xlsx-styles.xml", "xlsx-header-footer.xml", "ods-styles.xml",
                        "ods-header-footer.xml", "ods-header-footer-styles.xml"]

    /// Loads the six parts from `directory`.
    public static func load(directory: String) throws(LoadError) -> SpreadsheetTemplate {
        var texts: [String] = []
        for name in files {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw LoadError(path: path) }
            var s = String(decoding: data, as: UTF8.self)
            while let last = s.last, last == "\n" || last == "\r" { s.removeLast() }
            texts.append(s)
        }
        return SpreadsheetTemplate(xlsxTheme: Array(texts[0].utf8), xlsxStyles: texts[1], xlsxHeaderFooter: texts[2],
                                   odsStyles: texts[3], odsHeaderFooter: texts[4], odsHeaderFooterStyles: texts[5])
    }

    /// The template shipped in `Templates/dashboard/`, found through `ResourceLocator` (read once per process).
    public static func dashboard() throws -> SpreadsheetTemplate {
        if let cached = cache.value { return cached }
        let t = try load(directory: try ResourceLocator.templatePath("dashboard"))
        cache.value = t
        return t
    }

    private static let cache = OnceCache<SpreadsheetTemplate>()

    /// Replaces `{{name}}` markers by the given texts (inserted as is: callers escape).
    static func fill(_ text: String, _ values: [(String, String)]) -> String {
        var out = text
        for (k, v) in values { out = SheetText.replace(out, "{{" + k + "}}", v) }
        return out
    }
}
