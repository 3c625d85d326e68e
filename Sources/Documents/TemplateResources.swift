import Foundation
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import Spreadsheet
import TrainingWorkbook

/// The shipped templates, the JSON schema and the example workbooks: the files of the repository's `Templates/`,
/// embedded in the binary at build time (so a copied binary runs from any folder), or read from the folder
/// `PERFSOCIALE_TEMPLATES` names (to try a changed template without rebuilding).
public enum TemplateResources {
    public struct Missing: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var description: String {
            if let folder = TemplateResources.overrideFolder {
                return "fichier « \(path) » introuvable ou illisible dans \(folder) (PERFSOCIALE_TEMPLATES)"
            }
            return "fichier « \(path) » absent des modèles intégrés"
        }
    }

    /// `PERFSOCIALE_TEMPLATES`, when set and not empty.
    public static let overrideFolder: String? = {
        guard let v = ProcessInfo.processInfo.environment["PERFSOCIALE_TEMPLATES"], !v.isEmpty else { return nil }
        return v
    }()

    /// One file, by its path relative to `Templates/` (`"objectives/content.xml"`, `"workbook.schema.json"`).
    public static func file(_ path: String) throws(Missing) -> [UInt8] {
        if let folder = overrideFolder {
            guard let data = FileManager.default.contents(atPath: folder + "/" + path) else { throw Missing(path: path) }
            return [UInt8](data)
        }
        guard let encoded = EmbeddedTemplates.files[path], let data = Data(base64Encoded: encoded) else {
            throw Missing(path: path)
        }
        return [UInt8](data)
    }

    /// Every file under `folder` (relative to `Templates/`), paths relative to `folder`, sorted; hidden files left out.
    public static func files(under folder: String) throws(Missing) -> [(path: String, bytes: [UInt8])] {
        let prefix = folder + "/"
        var paths: [String]
        if let root = overrideFolder {
            let dir = root + "/" + folder
            guard let walker = FileManager.default.enumerator(atPath: dir) else { throw Missing(path: folder) }
            paths = []
            while let rel = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                paths.append(rel)
            }
        } else {
            paths = EmbeddedTemplates.files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
        paths = paths.filter { !$0.split(separator: "/").contains(where: { $0.hasPrefix(".") }) }.sorted()
        guard !paths.isEmpty else { throw Missing(path: folder) }
        var out: [(path: String, bytes: [UInt8])] = []
        for p in paths { out.append((p, try file(prefix + p))) }
        return out
    }
}
