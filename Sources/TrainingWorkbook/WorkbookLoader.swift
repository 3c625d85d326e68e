// The way in: a workbook file (or its bytes) → parsed, decoded and validated, with every diagnostic.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
import FrenchFormatting
#endif

public enum WorkbookLoadError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read (missing, a folder, no permission…).
    case unreadable(path: String, reason: String)
    /// The file was read but holds errors (JSON syntax or validation); warnings are included.
    case invalid(diagnostics: [Diagnostic])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "impossible de lire le classeur « \(path) » : \(reason)"
        case .invalid(let diagnostics):
            let errors = diagnostics.filter(\.isError)
            let header = errors.count == 1 ? "le classeur contient 1 erreur" : "le classeur contient \(errors.count) erreurs"
            return ([header + " :"] + diagnostics.map { "  " + $0.description }).joined(separator: "\n")
        }
    }
}

public enum WorkbookLoader {
    /// Reads, decodes and validates `path`. Throws when the file cannot be read or holds any error;
    /// otherwise returns the workbook and its warnings.
    public static func load(path: String) throws(WorkbookLoadError) -> (workbook: Workbook, warnings: [Diagnostic]) {
        let report = try validate(path: path)
        guard let workbook = report.workbook else { throw .invalid(diagnostics: report.diagnostics) }
        return (workbook, report.warnings)
    }

    /// Reads and checks `path`, reporting every problem; throws only when the file cannot be read.
    public static func validate(path: String) throws(WorkbookLoadError) -> ValidationReport {
        let bytes = try WorkbookFiles.readAll(path)
        return decode(bytes: bytes, baseDirectory: WorkbookFiles.directory(of: path))
    }

    /// The bytes of a workbook file: a regular file only (a FIFO or a device would block), at most 1 GiB.
    public static func readFile(_ path: String) throws(WorkbookLoadError) -> [UInt8] { try WorkbookFiles.readAll(path) }

    /// Parses, decodes and validates UTF-8 JSON. `baseDirectory` resolves the provider's images.
    public static func decode(bytes: [UInt8], baseDirectory: String? = nil, jobs: WorkbookJobs? = nil) -> ValidationReport {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            let d = Diagnostic(.error, .syntax, at: [], expected: "", found: "", message: error.message,
                               position: error.position)
            return ValidationReport(workbook: nil, diagnostics: [d])
        }
        return decode(root, baseDirectory: baseDirectory, jobs: jobs)
    }

    public static func decode(json: String, baseDirectory: String? = nil) -> ValidationReport {
        decode(bytes: Array(json.utf8), baseDirectory: baseDirectory)
    }

    /// Decodes and validates an already parsed tree.
    public static func decode(_ root: JSONValue, baseDirectory: String? = nil, jobs: WorkbookJobs? = nil) -> ValidationReport {
        var decoder = WorkbookDecoder()
        decoder.jobs = jobs
        let draft = decoder.workbook(root, baseDirectory: baseDirectory)
        var diagnostics = decoder.diagnostics + WorkbookValidator.validate(draft, skipping: decoder.failed, jobs: jobs)
        // The decoder located key-level problems; the others are found by walking their path in the tree.
        for i in diagnostics.indices where diagnostics[i].position == nil {
            diagnostics[i].position = PathComponent.locate(diagnostics[i].components, in: root)
        }
        // File order, stable: what comes first in the file is reported first.
        diagnostics = diagnostics.enumerated().sorted { a, b in
            switch (a.element.position, b.element.position) {
            case let (pa?, pb?) where pa != pb: return pa < pb
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        let hasError = diagnostics.contains(where: \.isError)
        return ValidationReport(workbook: hasError ? nil : draft, diagnostics: diagnostics)
    }
}

/// Runs `count` independent jobs, each given its index, and returns when all are done: the app passes its work pool
/// (the one place that decides to use several cores); without it, everything is decoded in order on this thread.
public typealias WorkbookJobs = @Sendable (_ count: Int, _ job: @escaping @Sendable (Int) -> Void) -> Void

/// The little file access the workbook needs: the workbook itself and the first bytes of its images.
package enum WorkbookFiles {
    /// The largest file read whole: a workbook of 100,000 participants is about 60 MB; an image, a few hundred KB.
    package static let maxFileSize = 1 << 30

    /// Opens a regular file for reading. A FIFO or a device named as a workbook or a logo would block the run (or
    /// never end): the path's type is checked before opening, and the open itself never waits.
    package static func openRegular(_ path: String) throws(WorkbookLoadError) -> Int32 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable(path: path, reason: "c'est un dossier, pas un fichier")
        default: throw .unreadable(path: path, reason: "ce n'est pas un fichier ordinaire (tube, périphérique ou socket)")
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        // Replaced between the two calls? Check what was opened.
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .unreadable(path: path, reason: "ce n'est pas un fichier ordinaire")
        }
        return fd
    }

    package static func readAll(_ path: String, limit: Int = maxFileSize) throws(WorkbookLoadError) -> [UInt8] {
        let fd = try openRegular(path)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        guard Int(info.st_size) <= limit else {
            throw .unreadable(path: path, reason: "fichier de \(Int(info.st_size) / 1_000_000) Mo, au-delà de la limite de \(limit >> 20) Mo")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: reason(errno))
            }
            if n == 0 { break }
            guard bytes.count + n <= limit else { throw .unreadable(path: path, reason: "fichier au-delà de la limite de \(limit >> 20) Mo") }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Up to `count` first bytes of a regular file.
    package static func prefix(_ path: String, count: Int) throws(WorkbookLoadError) -> [UInt8] {
        let fd = try openRegular(path)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, count) }
        guard n >= 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        return Array(buffer[0..<n])
    }

    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The folder holding `path`, made absolute so that later changes of directory do not matter.
    static func directory(of path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            if getcwd(&buffer, buffer.count) != nil {
                let cwd = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                absolute = cwd + "/" + path
            }
        }
        guard let slash = absolute.lastIndex(of: "/") else { return "." }
        return slash == absolute.startIndex ? "/" : String(absolute[..<slash])
    }

    /// `file` relative to `base` (absolute paths kept); nil when relative and no base is known.
    package static func resolve(_ file: String, base: String?) -> String? {
        if file.hasPrefix("/") { return file }
        guard let base else { return nil }
        return base.hasSuffix("/") ? base + file : base + "/" + file
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "fichier introuvable"
        case EACCES, EPERM: return "accès refusé"
        case EISDIR: return "c'est un dossier, pas un fichier"
        case ENOTDIR: return "un élément du chemin n'est pas un dossier"
        case ENAMETOOLONG: return "chemin trop long"
        case ELOOP: return "trop de liens symboliques"
        case EIO: return "erreur de lecture du disque"
        case ENOMEM: return "mémoire insuffisante"
        case EMFILE, ENFILE: return "trop de fichiers ouverts"
        default: return "erreur système n° \(code)"
        }
    }
}
