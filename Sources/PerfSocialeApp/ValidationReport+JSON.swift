// `perfsociale validate --format json`: the report as JSON, for editors and scripts.

import FrenchFormatting
import TrainingWorkbook

extension ValidationReport {
    /// `{"valid": …, "errors": [{path, expected, found, message, code, line, column}], "warnings": […]}`.
    public func jsonReport() -> String {
        func entry(_ d: Diagnostic) -> String {
            var fields = ["\"path\": \(Manifest.quote(d.path))", "\"code\": \(Manifest.quote(d.code.rawValue))",
                          "\"expected\": \(Manifest.quote(d.expected))", "\"found\": \(Manifest.quote(d.found))",
                          "\"message\": \(Manifest.quote(d.message))"]
            if let p = d.position { fields.append("\"line\": \(p.line)"); fields.append("\"column\": \(p.column)") }
            return "    {" + fields.joined(separator: ", ") + "}"
        }
        func list(_ ds: [Diagnostic]) -> String { ds.isEmpty ? "[]" : "[\n" + ds.map(entry).joined(separator: ",\n") + "\n  ]" }
        return "{\n  \"valid\": \(isValid),\n  \"errors\": \(list(errors)),\n  \"warnings\": \(list(warnings))\n}"
    }
}
