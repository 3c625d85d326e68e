// Real files from other writers for the reader tests: openpyxl scripts and LibreOffice conversions (with a
// throw-away profile, so parallel engineers' soffice runs never share one). Tests skip with a message when the tool
// is missing.

import Foundation
import Testing

package enum OfficeConversion {
    package static var hasSoffice: Bool { TestPaths.which("soffice") != nil }
    package static let hasOpenpyxl: Bool = {
        guard TestPaths.which("python3") != nil else { return false }
        return (try? TestProcess.run("python3", ["-c", "import openpyxl"]).status) == 0
    }()

    /// Runs a python3 script with arguments; throws with its output when it fails.
    package static func python(_ script: String, _ arguments: [String] = []) throws {
        let dir = TestScratch.directory("py")
        let path = dir + "/script.py"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try TestProcess.run("python3", [path] + arguments, mergeOutput: true)
        guard r.status == 0 else { throw ConversionFailure(message: "python3 : \(r.stdout)") }
    }

    package struct ConversionFailure: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Converts `file` with LibreOffice to `format` (`ods`, `xlsx`, `fods`, `pdf`, or a filter spec such as
    /// `xlsx:Calc MS Excel 2007 XML`) into `directory`; returns the new file's path.
    package static func soffice(_ file: String, to format: String, extension ext: String? = nil, directory: String) throws -> String {
        let profile = TestScratch.directory("lo-profile")
        let r = try TestProcess.run("timeout", ["180", "soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                                                "--convert-to", format, "--outdir", directory, file], mergeOutput: true)
        try? FileManager.default.removeItem(atPath: profile)
        let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let out = directory + "/" + base + "." + (ext ?? String(format.prefix { $0 != ":" }))
        guard r.status == 0, FileManager.default.fileExists(atPath: out) else {
            throw ConversionFailure(message: "soffice --convert-to \(format) \(file) : \(r.stdout)")
        }
        return out
    }

    package static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
}
