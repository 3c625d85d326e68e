import Foundation
import Documents

/// One run's update of the output folder, all or nothing (README "The output folder").
///
/// The output folder stays an ordinary folder. Beside it, a hidden folder `.<name>.perfsociale/` of ours holds the lock,
/// the stamp of the last manifest, and the run's staging folder `new-PID`, where the new output is built complete:
/// every file, then manifest.json, then a hard link to every file of the user's that the output folder holds (so they
/// stay visible throughout). One renameat2(RENAME_EXCHANGE) then swaps the two folders: before it the output folder is
/// entirely the previous output, after it entirely the new one, whatever kills the process when. The previous folder,
/// now in the staging folder's place, is emptied afterwards: our previous files are deleted, the user's folders are
/// moved back in. A run killed at any point leaves its staging (or previous) folder in the hidden folder, and the next
/// run, holding the lock, disposes of it the same way: nothing of the user's is ever deleted.
public final class OutputUpdate {
    /// The output folder as the user named it (for messages).
    public let folder: String
    /// The output folder, absolute and with symlinks resolved (the swap must rename the real folder, not a link to it).
    let live: String
    /// `.<name>.perfsociale` beside it.
    let holding: String
    /// Where this run builds its output.
    public let staging: String
    let lockPath: String
    private var lock: OutputLock? = nil
    /// The previous output's entries, nil when the output folder does not exist yet.
    private(set) var previous: PreviousOutput? = nil
    /// What the run has to tell the user (entries kept that are not ours, leftovers that could not be disposed of).
    public private(set) var notes: [String] = []

    /// `PERFSOCIALE_STOP_AT=before-switch|after-switch` stops the process (SIGSTOP) at that point: the end-to-end tests
    /// kill it there, to prove the switch safe at its two edges.
    private static let stopAt = ProcessInfo.processInfo.environment["PERFSOCIALE_STOP_AT"]

    /// Locks the output folder `path`, disposes of what killed runs left, reads the previous output (refusing a folder
    /// that is not ours) and makes an empty staging folder.
    public init(_ path: String) throws(EnvironmentError) {
        folder = path
        let located = try OutputUpdate.locate(path)
        live = located.live
        holding = located.parent + "/." + located.name + ".perfsociale"
        lockPath = holding + "/lock"
        staging = holding + "/new-\(getpid())"
        if mkdir(holding, 0o755) != 0 {
            var st = stat()
            guard errno == EEXIST, lstat(holding, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
                throw EnvironmentError("impossible de préparer « \(holding) » à côté du dossier de sortie : \(SystemErrorText.posix(errno))")
            }
        }
        lock = try OutputLock(path: lockPath, folder: path)
        do throws(EnvironmentError) {
            try disposeOfLeftovers()
            var st = stat()
            previous = lstat(live, &st) == 0
                ? try PreviousOutput.judge(live, stamp: readStamp(), refuse: true)
                : nil
            guard mkdir(staging, 0o755) == 0 else {
                throw EnvironmentError("impossible de créer « \(staging) » : \(SystemErrorText.posix(errno))")
            }
        } catch {
            tidyAndUnlock()
            throw error
        }
    }

    /// The real output folder and its parent: an existing path (or symlink to a folder) resolved, a missing one under
    /// its parent (created).
    static func locate(_ path: String) throws(EnvironmentError) -> (live: String, parent: String, name: String) {
        var st = stat()
        let live: String
        if lstat(path, &st) == 0 {
            guard let real = realPath(path), stat(real, &st) == 0 else {
                throw EnvironmentError("« \(path) » est un lien symbolique vers un dossier absent")
            }
            guard st.st_mode & S_IFMT == S_IFDIR else { throw EnvironmentError("« \(path) » existe et n'est pas un dossier") }
            live = real
        } else {
            let (parent, name) = splitPath(path)
            guard !name.isEmpty, name != ".", name != "..", name != "/" else {
                throw EnvironmentError("« \(path) » ne peut pas être un dossier de sortie")
            }
            do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw EnvironmentError("impossible de créer « \(parent) » : \(SystemErrorText.french(error))")
            }
            guard let realParent = realPath(parent) else {
                throw EnvironmentError("impossible de trouver « \(parent) » : \(SystemErrorText.posix(errno))")
            }
            live = (realParent == "/" ? "" : realParent) + "/" + name
        }
        let (parent, name) = splitPath(live)
        guard live != "/", !name.isEmpty else { throw EnvironmentError("« \(path) » ne peut pas être un dossier de sortie") }
        return (live, parent, name)
    }

    /// The parent folder and last name of a path (`.` for a bare name). NSString's path methods are not used: on this
    /// Foundation, `deletingLastPathComponent` of a one-letter name crashes.
    static func splitPath(_ path: String) -> (parent: String, name: String) {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return (".", String(p)) }
        let parent = p[..<slash]
        return (parent.isEmpty ? "/" : String(parent), String(p[p.index(after: slash)...]))
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    // MARK: - Commit

    /// Switches the staged output in: checks the manifest, writes it, carries the user's files over, swaps the folders
    /// (the single step that changes what the output folder shows), then empties the previous folder.
    public func commit(_ manifest: Manifest) throws(EnvironmentError) {
        try Interruption.check()
        try checkUnique(manifest)
        let previous = self.previous ?? PreviousOutput()
        // A name the new output needs is held by something that is not ours: the user decides, nothing is replaced.
        var conflicts: [String] = []
        if !previous.others.isEmpty {
            var needed = Set<String>()
            for f in manifest.files { needed.insert(String(f.path.prefix(while: { $0 != "/" }))) }
            conflicts = previous.others.map(\.name).filter(needed.contains)
        }
        guard conflicts.isEmpty else {
            throw EnvironmentError("« \(folder) » contient \(conflicts.prefix(5).map { "« \($0) »" }.joined(separator: ", "))"
                + (conflicts.count > 5 ? " (et \(conflicts.count - 5) autres)" : "")
                + ", que perfsociale n'a pas écrit ou qui a été modifié depuis, au nom d'un fichier à générer : "
                + "renommez-le ou déplacez-le, puis relancez (rien n'a été modifié)")
        }
        try OutputFolder.writeFile(staging + "/" + Manifest.fileName) { write throws(EnvironmentError) in try manifest.jsonPieces(write) }
        // The user's files and links appear in the new folder too (hard links: the same files, no copy), so that they
        // are in the output folder at every instant; folders and the rest are moved back in after the switch.
        for e in previous.others where e.isRegular || e.isSymlink {
            let from = live + "/" + e.name, to = staging + "/" + e.name
            if e.isRegular { _ = link(from, to) } else if let target = OutputUpdate.readLink(from) { _ = symlink(target, to) }
        }
        try writeStamp()
        // The last moment to give up cleanly: from here on the run completes.
        try Interruption.check()
        OutputUpdate.stop(at: "before-switch")

        let retired: String
        var st = stat()
        if lstat(live, &st) == 0 {
            retired = try swapIn()
        } else {
            guard rename(staging, live) == 0 else {
                throw EnvironmentError("impossible de placer « \(folder) » : \(SystemErrorText.posix(errno))")
            }
            retired = ""
        }
        OutputUpdate.stop(at: "after-switch")
        if !retired.isEmpty { dispose(retired, judged: previous) }
        notes += previous.reportable.isEmpty ? [] : ["conservé dans « \(folder) » (pas écrit par perfsociale) : "
            + previous.reportable.prefix(8).joined(separator: ", ") + (previous.reportable.count > 8 ? "…" : "")]
        lock = nil
    }

    /// Exchanges the staging folder with the output folder; returns where the previous output now is.
    private func swapIn() throws(EnvironmentError) -> String {
        switch OutputUpdate.exchange(staging, live) {
        case 0: return staging
        case EINVAL, ENOSYS, ENOTSUP:
            // A file system without RENAME_EXCHANGE (NFS, FAT): two renames. Between them the output folder is missing
            // for an instant; a run killed there is repaired by the next one, which puts the previous output back.
            let retired = holding + "/old-\(getpid())"
            guard rename(live, retired) == 0 else {
                throw EnvironmentError("impossible de remplacer « \(folder) » : \(SystemErrorText.posix(errno))")
            }
            guard rename(staging, live) == 0 else {
                let reason = SystemErrorText.posix(errno)
                _ = rename(retired, live)
                throw EnvironmentError("impossible de remplacer « \(folder) » : \(reason)")
            }
            return retired
        case let code:
            throw EnvironmentError("impossible de remplacer « \(folder) » : \(SystemErrorText.posix(code))"
                + (code == EBUSY ? " (point de montage ou dossier en cours d'utilisation : choisissez un sous-dossier avec --output)" : ""))
        }
    }

    /// Every path listed once, inside the folder, and not the manifest's own name.
    func checkUnique(_ manifest: Manifest) throws(EnvironmentError) {
        func refuse(_ path: String) -> EnvironmentError {
            EnvironmentError("deux fichiers à écrire s'appellent « \(path) » (ou ce nom est refusé) : rien n'a été modifié")
        }
        // The manifest's files are sorted: a name given twice is given by neighbours (no set of 500,000 names).
        var previous: String? = nil
        var sorted = true
        for f in manifest.files {
            guard OutputFolder.isSafeRelativePath(f.path), f.path != Manifest.fileName, f.path != previous else { throw refuse(f.path) }
            if let p = previous, !Manifest.precedes(p, f.path) { sorted = false }
            previous = f.path
        }
        guard !sorted else { return }
        var seen = Set<String>()
        for f in manifest.files where !seen.insert(f.path).inserted { throw refuse(f.path) }
    }

    /// Empties the staging folder (after the PDF conversion, which needed every document written).
    public func emptyStaging() throws(EnvironmentError) {
        OutputUpdate.removeTree(staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw EnvironmentError("impossible de créer « \(staging) » : \(SystemErrorText.posix(errno))")
        }
    }

    /// Gives up: removes the staging folder (all ours) and, when it serves nothing, the hidden folder too.
    public func abandon() {
        OutputUpdate.removeTree(staging)
        tidyAndUnlock()
    }

    /// Removes the hidden folder when it serves nothing: only the lock in it (no run ever committed here: a refused
    /// folder, a failed first run), or no output folder any more. The lock file may go while another run waits on it:
    /// OutputLock checks that the file it locked is still the one at the path.
    private func tidyAndUnlock() {
        var st = stat()
        let noOutput = lstat(live, &st) != 0
        if let names = try? FileManager.default.contentsOfDirectory(atPath: holding),
           Set(names).isSubset(of: noOutput ? ["lock", "stamp"] : ["lock"]) {
            unlink(holding + "/stamp")
            unlink(lockPath)
            rmdir(holding)
        }
        lock = nil
    }

    // MARK: - Leftovers

    /// What killed runs left in the hidden folder: a staging folder (killed before its switch) or a previous output
    /// (killed after it). Both are disposed of into the output folder; a previous output whose switch was half done
    /// (the two-rename fallback) is put back.
    private func disposeOfLeftovers() throws(EnvironmentError) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: holding) else { return }
        var st = stat()
        var folders = names.sorted().filter { name in
            (name.hasPrefix("new-") || name.hasPrefix("old-")) && lstat(holding + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
        }
        if lstat(live, &st) != 0, let old = folders.first(where: { $0.hasPrefix("old-") }), rename(holding + "/" + old, live) == 0 {
            folders.removeAll { $0 == old }
        }
        for name in folders {
            guard let judged = try? PreviousOutput.judge(holding + "/" + name, stamp: nil, refuse: false) else { continue }
            dispose(holding + "/" + name, judged: judged)
        }
    }

    /// Empties a previous (or dead staging) folder in the hidden folder, then removes it: our files go, the user's are
    /// already in the output folder (the same file) or are moved back into it. What cannot be moved stays, reported.
    func dispose(_ path: String, judged: PreviousOutput) {
        guard let dir = opendir(path) else { return }
        let fd = dirfd(dir)
        let liveFD = open(live, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if liveFD >= 0 { close(liveFD) } }
        var kept: [String] = []
        var names: [String] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names {
            guard let e = PreviousOutput.entry(name, in: fd) else { continue }
            // Ours, exactly as judged (a file changed since is someone's now).
            if e.isRegular, let ours = judged.ours[name] ?? (judged.manifest == nil && OutputNames.isOurs(name) ? e : nil),
               ours.isUnchanged(e) {
                unlinkat(fd, name, 0); continue
            }
            if name == Manifest.fileName, e.isRegular, judged.manifest.map(e.isUnchanged) ?? true { unlinkat(fd, name, 0); continue }
            if !judged.leftovers.isEmpty && judged.leftovers.contains(name) { OutputUpdate.removeTree(path + "/" + name); continue }
            // Already in the output folder: the same file (hard link) or a link to the same place.
            if let there = liveFD >= 0 ? PreviousOutput.entry(name, in: liveFD) : nil {
                let same = (e.isRegular && there.isRegular && e.device == there.device && e.inode == there.inode)
                    || (e.isSymlink && there.isSymlink && OutputUpdate.readLink(path + "/" + name) == OutputUpdate.readLink(live + "/" + name))
                if same { unlinkat(fd, name, 0) } else { kept.append(name) }
                continue
            }
            if rename(path + "/" + name, live + "/" + name) != 0 { kept.append(name) }
        }
        closedir(dir)
        if rmdir(path) != 0 {
            notes.append("« \(path) » garde \(kept.prefix(5).joined(separator: ", ")) (ni écrit par perfsociale, ni replaçable dans « \(folder) ») : "
                + "à trier à la main")
        }
    }

    // MARK: - Helpers

    /// The stamp of the staged manifest, written before the switch (a stamp that matches no manifest only costs hashing).
    private func writeStamp() throws(EnvironmentError) {
        var st = stat()
        guard lstat(staging + "/" + Manifest.fileName, &st) == 0 else { return }
        let e = PreviousOutput.Entry(name: Manifest.fileName, type: st.st_mode & S_IFMT, device: UInt64(st.st_dev),
                                     inode: UInt64(st.st_ino), size: Int(st.st_size), changed: FileTime(st))
        try OutputFolder.writeFile(holding + "/stamp.tmp", Array(ManifestStamp(e).text.utf8))
        guard rename(holding + "/stamp.tmp", holding + "/stamp") == 0 else {
            throw EnvironmentError("impossible d'écrire « \(holding)/stamp » : \(SystemErrorText.posix(errno))")
        }
    }

    private func readStamp() -> ManifestStamp? {
        guard let data = FileManager.default.contents(atPath: holding + "/stamp") else { return nil }
        return ManifestStamp(text: String(decoding: data, as: UTF8.self))
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes a folder of ours and everything in it, never following a symlink.
    static func removeTree(_ path: String) {
        guard let dir = opendir(path) else { unlink(path); return }
        let fd = dirfd(dir)
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name == "." || name == ".." { continue }
            if PreviousOutput.entry(name, in: fd)?.isDirectory == true { removeTree(path + "/" + name) } else { unlinkat(fd, name, 0) }
        }
        closedir(dir)
        rmdir(path)
    }

    /// renameat2(RENAME_EXCHANGE): swaps two names in one step (Linux 3.15, glibc 2.28, looked up at run time because
    /// the Glibc module does not declare it). Returns 0 or the errno.
    static func exchange(_ a: String, _ b: String) -> Int32 {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return ENOSYS }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 ? 0 : errno
        #else
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 ? 0 : errno
        #endif
    }

    static func stop(at point: String) {
        if stopAt == point { raise(SIGSTOP) }
    }
}
