import Foundation
import Documents
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

/// A problem with the output folder or the machine: exit code 3.
public struct EnvironmentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writes a run's files atomically into the output folder (docs/workbook-format.md "The output folder"):
/// everything is built in a temporary folder inside it, then the previous run's files are removed and the new ones
/// moved in, manifest last. A failed run leaves the previous output untouched and no temporary file behind.
public struct OutputFolder: Sendable {
    public let path: String
    private var fm: FileManager { .default }

    public init(path: String) { self.path = path }

    /// Names that don't make a folder "ours or empty": the repository's placeholder and a temporary folder of ours.
    static func isIgnorable(_ name: String) -> Bool { name == ".gitkeep" || name.hasPrefix(".perfsociale-tmp-") }

    /// Refuses a folder that is not empty and holds no manifest written by perfsociale. Returns the previous manifest's
    /// file list (paths) when there is one.
    public func checkOwnership() throws(EnvironmentError) -> [String] {
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        guard isDir.boolValue else { throw EnvironmentError("« \(path) » existe et n'est pas un dossier") }
        if OutputFolder.holdsOnlyIgnorable(path) { return [] }
        let manifestPath = path + "/" + Manifest.fileName
        let refusal = EnvironmentError("le dossier « \(path) » n'est pas vide et ne contient pas de manifest.json de perfsociale : "
            + "choisissez un dossier vide ou nouveau avec --output")
        guard let data = fm.contents(atPath: manifestPath), let object = try? JSONParser.parse([UInt8](data)),
              case .string(let generator)? = object["generator"], generator.hasPrefix("perfsociale") else { throw refusal }
        guard case .array(let files)? = object["files"] else { return [] }
        return files.compactMap { f -> String? in
            if case .string(let p)? = f["path"] { return p }
            return nil
        }.filter(OutputFolder.isSafeRelativePath)
    }

    /// True when the folder holds nothing but ignorable names (read with readdir, stopping at the first other name:
    /// a previous run's folder holds thousands of files).
    static func holdsOnlyIgnorable(_ folder: String) -> Bool {
        guard let dir = opendir(folder) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || isIgnorable(name) { continue }
            return false
        }
        return true
    }

    /// A relative path that stays inside the folder: no empty, `.` or `..` component, no leading `/`, no `\` or NUL.
    public static func isSafeRelativePath(_ p: String) -> Bool {
        var componentLength = 0
        var dots = 0
        for c in p.utf8 {
            switch c {
            case UInt8(ascii: "\\"), 0: return false
            case UInt8(ascii: "/"):
                if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0; dots = 0
            case UInt8(ascii: "."):
                componentLength += 1; dots += 1
            default:
                componentLength += 1
            }
        }
        return componentLength > 0 && !(componentLength == dots && dots <= 2)
    }

    /// A fresh temporary folder inside the output folder (created with the output folder if needed).
    public func makeStaging() throws(EnvironmentError) -> String {
        do {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
            let staging = path + "/.perfsociale-tmp-\(ProcessInfo.processInfo.processIdentifier)"
            if fm.fileExists(atPath: staging) { try fm.removeItem(atPath: staging) }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            return staging
        } catch {
            throw EnvironmentError("impossible d'écrire dans « \(path) » : \(SystemErrorText.french(error))")
        }
    }

    /// Writes the files into the staging folder (plain POSIX writes: no per-file fsync or temporary copy, the whole
    /// folder is what is atomic) and hashes them for the manifest, on every core.
    @discardableResult
    public func stage(_ files: [GeneratedFile], in staging: String) throws(EnvironmentError) -> [ManifestEntry] {
        let stride = 16
        let chunks = WorkPool().map((files.count + stride - 1) / stride) { chunk -> Result<[ManifestEntry], EnvironmentError> in
            var entries: [ManifestEntry] = []
            for i in chunk * stride..<min(files.count, (chunk + 1) * stride) {
                do throws(EnvironmentError) { entries.append(try stage(files[i], in: staging)) } catch { return .failure(error) }
            }
            return .success(entries)
        }
        var out: [ManifestEntry] = []
        out.reserveCapacity(files.count)
        for chunk in chunks {
            switch chunk {
            case .success(let e): out.append(contentsOf: e)
            case .failure(let e): throw e
            }
        }
        return out
    }

    /// Writes one file into the staging folder (any thread) and returns its manifest entry.
    public func stage(_ file: GeneratedFile, in staging: String) throws(EnvironmentError) -> ManifestEntry {
        guard OutputFolder.isSafeRelativePath(file.path) else { throw EnvironmentError("nom de fichier refusé : \(file.path)") }
        try OutputFolder.makeParents(of: file.path, in: staging)
        try OutputFolder.writeFile(staging + "/" + file.path, file.bytes)
        return ManifestEntry(file)
    }

    /// Creates the folders of a relative path, one mkdir(2) each: a folder another thread made first is fine.
    static func makeParents(of relative: String, in base: String) throws(EnvironmentError) {
        var dir = base
        for component in relative.split(separator: "/").dropLast() {
            dir += "/" + component
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else {
                throw EnvironmentError("impossible de créer « \(dir) » : \(SystemErrorText.posix(errno))")
            }
        }
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(EnvironmentError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw EnvironmentError("impossible d'écrire « \(path) » : \(SystemErrorText.posix(errno))") }
        defer { close(fd) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buf -> Bool in
            while written < buf.count {
                let n = write(fd, buf.baseAddress! + written, buf.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        guard ok else { throw EnvironmentError("impossible d'écrire « \(path) » : \(SystemErrorText.posix(errno))") }
    }

    /// Replaces the previous run's files with the staged ones and writes the manifest last.
    public func commit(staging: String, manifest: Manifest, previous: [String]) throws(EnvironmentError) {
        do {
            try OutputFolder.writeFile(staging + "/" + Manifest.fileName, manifest.jsonBytes())
            let newPaths = Set(manifest.files.map(\.path))
            for old in previous where !newPaths.contains(old) {
                unlink(path + "/" + old)
                removeEmptyParents(of: old)
            }
            var madeDirs: Set<Substring> = []
            for entry in manifest.files {
                let target = path + "/" + entry.path
                if let slash = entry.path.lastIndex(of: "/") {
                    let dir = entry.path[..<slash]
                    if !madeDirs.contains(dir) {
                        try fm.createDirectory(atPath: path + "/" + dir, withIntermediateDirectories: true)
                        madeDirs.insert(dir)
                    }
                }
                // rename(2) replaces a previous file of the same name atomically.
                guard rename(staging + "/" + entry.path, target) == 0 else {
                    throw EnvironmentError("impossible de placer « \(entry.path) » : \(SystemErrorText.posix(errno))")
                }
            }
            guard rename(staging + "/" + Manifest.fileName, path + "/" + Manifest.fileName) == 0 else {
                throw EnvironmentError("impossible d'écrire manifest.json dans « \(path) »")
            }
            try fm.removeItem(atPath: staging)
        } catch let e as EnvironmentError {
            discard(staging: staging)
            throw e
        } catch {
            discard(staging: staging)
            throw EnvironmentError("impossible de mettre à jour « \(path) » : \(SystemErrorText.french(error))")
        }
    }

    /// Removes the staging folder (after a failure).
    public func discard(staging: String) {
        try? fm.removeItem(atPath: staging)
    }

    private func removeEmptyParents(of relative: String) {
        var parts = relative.split(separator: "/").dropLast()
        while !parts.isEmpty {
            let dir = path + "/" + parts.joined(separator: "/")
            guard let c = try? fm.contentsOfDirectory(atPath: dir), c.isEmpty else { return }
            try? fm.removeItem(atPath: dir)
            parts = parts.dropLast()
        }
    }
}
