import Foundation

/// Finds the repository's `Templates/` folder (shipped templates, schema, built-in example) at run time.
/// Order: `$PERFSOCIALE_TEMPLATES`, then the folders above the running executable (`.build/debug/perfsociale` lives
/// two levels under the checkout), then the current directory.
public enum ResourceLocator {
    public struct NotFound: Error, CustomStringConvertible {
        public var description: String {
            "dossier Templates/ introuvable : lancez perfsociale depuis le dépôt, ou définissez PERFSOCIALE_TEMPLATES"
        }
    }

    /// Marker file that identifies our Templates folder.
    static let marker = "workbook.schema.json"

    public static func templatesDirectory() throws(NotFound) -> String {
        if let cached = cache.value { return cached }
        let found = search()
        guard let found else { throw NotFound() }
        cache.value = found
        return found
    }

    public static func templatePath(_ relative: String) throws(NotFound) -> String {
        try templatesDirectory() + "/" + relative
    }

    private static func search() -> String? {
        let fm = FileManager.default
        func ok(_ dir: String) -> Bool { fm.fileExists(atPath: dir + "/" + marker) }
        if let env = ProcessInfo.processInfo.environment["PERFSOCIALE_TEMPLATES"], ok(env) { return env }
        var candidates: [String] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") { candidates.append(exe) }
        candidates.append(CommandLine.arguments.first ?? "")
        for start in candidates where !start.isEmpty {
            var dir = (start as NSString).deletingLastPathComponent
            for _ in 0..<8 {
                if ok(dir + "/Templates") { return dir + "/Templates" }
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir { break }
                dir = parent
            }
        }
        let cwd = fm.currentDirectoryPath + "/Templates"
        return ok(cwd) ? cwd : nil
    }

    private static let cache = OnceCache<String>()
}
