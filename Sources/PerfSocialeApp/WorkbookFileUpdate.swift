// Writing an updated workbook file: never half-written. The new bytes go to a temporary file beside the target,
// flushed to disk, then renamed over it (one step: a reader sees the old file or the new one). When the workbook is
// replaced in place, the previous version is kept first as `<file>.bak` (replacing an older `.bak`).

import Foundation

public enum WorkbookFileUpdate {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path` atomically; with `backup`, the file already at `path` is kept as `path.bak` first.
    public static func write(_ bytes: [UInt8], to path: String, keepingBackup backup: Bool) throws(Failure) {
        let fm = FileManager.default
        let temporary = path + ".perfsociale-tmp-\(getpid())"
        func fail(_ what: String, _ error: Error? = nil) -> Failure {
            try? fm.removeItem(atPath: temporary)
            return Failure(description: "écriture de « \(path) » impossible : \(what)" + (error.map { " (\(SystemErrorText.french($0)))" } ?? ""))
        }
        // The new content, complete and on disk, before anything else changes.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw fail("fichier temporaire « \(temporary) » non créé : \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { writeBytes(fd, $0) }
            if n <= 0 { let e = errno; close(fd); throw fail(String(cString: strerror(e))) }
            written += n
        }
        if fsync(fd) != 0 { let e = errno; close(fd); throw fail(String(cString: strerror(e))) }
        close(fd)
        // Keep the permissions of the file it replaces.
        if let attributes = try? fm.attributesOfItem(atPath: path), let mode = attributes[.posixPermissions] as? NSNumber {
            chmod(temporary, mode_t(mode.uint16Value))
        }
        if backup {
            let bak = path + ".bak"
            do {
                let copy = bak + ".perfsociale-tmp-\(getpid())"
                try? fm.removeItem(atPath: copy)
                try fm.copyItem(atPath: path, toPath: copy)
                guard rename(copy, bak) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            } catch { throw fail("copie de sauvegarde « \(bak) » non écrite", error) }
        }
        guard rename(temporary, path) == 0 else { throw fail(String(cString: strerror(errno))) }
    }
}

/// The system's write(2), named apart from `WorkbookFileUpdate.write`.
private func writeBytes(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int { write(fd, buffer.baseAddress, buffer.count) }
