import Foundation
import Documents
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

/// Converts generated documents to PDF with LibreOffice headless, in one batch, with a private profile (so it
/// neither touches nor waits for the user's own LibreOffice).
public enum PDFExporter {
    public static let installHint = "LibreOffice est nécessaire pour --pdf : apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui"

    /// The `soffice` executable on the PATH, or nil.
    public static func findSoffice() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["soffice", "libreoffice"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Converts `files` (paths relative to `folder`) and returns, for each source, the PDF's bytes.
    public static func convert(files: [String], in folder: String) throws(EnvironmentError) -> [String: [UInt8]] {
        guard !files.isEmpty else { return [:] }
        guard let soffice = findSoffice() else { throw EnvironmentError(installHint) }
        let fm = FileManager.default
        let work = NSTemporaryDirectory() + "perfsociale-pdf-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: work)
        defer { try? fm.removeItem(atPath: work) }
        var results: [String: [UInt8]] = [:]
        // Group by folder so each batch writes next to a distinct out dir; names are unique within a run.
        var byDir: [String: [String]] = [:]
        for f in files { byDir[split(f).folder, default: []].append(f) }
        for (dir, group) in byDir.sorted(by: { $0.key < $1.key }) {
            let outDir = work + "/out/" + dir
            do { try fm.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
                throw EnvironmentError("dossier temporaire impossible : \(SystemErrorText.french(error))")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: soffice)
            process.arguments = ["-env:UserInstallation=file://\(work)/profile", "--headless", "--norestore", "--nologo",
                                 "--convert-to", "pdf", "--outdir", outDir] + group.map { folder + "/" + $0 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { throw EnvironmentError("LibreOffice n'a pas pu démarrer : \(SystemErrorText.french(error))") }
            process.waitUntilExit()
            for f in group {
                let base = split(f).stem
                guard let data = fm.contents(atPath: outDir + "/" + base + ".pdf"), !data.isEmpty else {
                    throw EnvironmentError("LibreOffice n'a pas converti « \(f) » en PDF")
                }
                results[f] = [UInt8](data)
            }
        }
        return results
    }

    /// `a/b/c.odt` → (`a/b`, `c`); `c.odt` → (``, `c`). Plain string work: no path API that could trap on odd input.
    public static func split(_ relative: String) -> (folder: String, stem: String) {
        let slash = relative.lastIndex(of: "/")
        let folder = slash.map { String(relative[..<$0]) } ?? ""
        let name = slash.map { String(relative[relative.index(after: $0)...]) } ?? relative
        let dot = name.lastIndex(of: ".")
        return (folder, dot.map { $0 == name.startIndex ? name : String(name[..<$0]) } ?? name)
    }
}
