import Foundation
import Documents
import FrenchFormatting
import ODFTemplates
import OfficePackaging
import TrainingWorkbook

/// A problem with the output folder or the machine: exit code 3.
public struct EnvironmentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The signal that stopped the run (Ctrl-C, SIGTERM), when that is what happened.
    public var signal: Int32?
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// The reason of a failed system call, in French for the ones a user meets (a full disk above all).
    static func interrupted(_ signal: Int32) -> EnvironmentError {
        var e = EnvironmentError("interrompu (signal \(signal)) : la sortie précédente reste intacte")
        e.signal = signal
        return e
    }
}

/// Writing files into a run's staging folder (OutputUpdate makes it, and switches it in when the run succeeds).
public struct OutputFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

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

    /// Writes the files into the staging folder (plain POSIX writes: no per-file fsync or temporary copy, the whole
    /// folder is what is atomic) and hashes them for the manifest, on every core.
    @discardableResult
    public func stage(_ files: [GeneratedFile], in staging: String) throws(EnvironmentError) -> [ManifestEntry] {
        let stride = 16
        let chunks = WorkPool().map((files.count + stride - 1) / stride) { chunk -> Result<[ManifestEntry], EnvironmentError> in
            var entries: [ManifestEntry] = []
            for i in chunk * stride..<min(files.count, (chunk + 1) * stride) {
                do throws(EnvironmentError) { entries.append(ManifestEntry(files[i], try stage(files[i], in: staging))) }
                catch { return .failure(error) }
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

    /// Writes one file into the staging folder (any thread) and returns its size and digest.
    public func stage(_ file: GeneratedFile, in staging: String) throws(EnvironmentError) -> StagedFile {
        try Interruption.check()
        guard OutputFolder.isSafeRelativePath(file.path) else { throw EnvironmentError("nom de fichier refusé : \(file.path)") }
        try OutputFolder.makeParents(of: file.path, in: staging)
        try OutputFolder.writeFile(staging + "/" + file.path, file.bytes)
        return StagedFile(file.bytes)
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

    /// Reads back a file this run wrote (a pack's member).
    static func readFile(_ path: String) throws(EnvironmentError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw EnvironmentError("impossible de relire « \(path) » : \(SystemErrorText.posix(errno))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw EnvironmentError("impossible de relire « \(path) » : \(SystemErrorText.posix(errno))") }
        let size = Int(st.st_size)
        var failure: Int32? = nil
        // Read straight into the array's storage (no zero-filling first: packs read 400,000 files back).
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var done = 0
            while done < size {
                let n = read(fd, buf.baseAddress! + done, size - done)
                if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                if n == 0 { failure = EIO; break }
                done += n
            }
            count = failure == nil ? size : 0
        }
        if let failure { throw EnvironmentError("impossible de relire « \(path) » : \(SystemErrorText.posix(failure))") }
        return bytes
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(EnvironmentError) {
        try writeFile(path) { (write: ([UInt8]) throws(EnvironmentError) -> Void) throws(EnvironmentError) in try write(bytes) }
    }

    /// Writes a file whose bytes `produce` hands over piece by piece (a 500,000-file manifest is 120 MB: it never
    /// sits whole in memory).
    static func writeFile(_ path: String,
                          _ produce: (_ write: ([UInt8]) throws(EnvironmentError) -> Void) throws(EnvironmentError) -> Void) throws(EnvironmentError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw EnvironmentError("impossible d'écrire « \(path) » : \(SystemErrorText.posix(errno))") }
        defer { close(fd) }
        try produce { (bytes: [UInt8]) throws(EnvironmentError) in
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
    }
}
