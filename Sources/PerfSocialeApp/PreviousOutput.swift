import Foundation
import Documents
import OfficePackaging
import TrainingWorkbook

/// What a folder of ours holds, judged with its manifest.json as untrusted input: a file counts as ours only when it
/// is a regular file directly in the folder (never through a symlink), named as we name files (OutputNames), and listed
/// with its size and SHA-256. Hashing is skipped only when the manifest is the very one the last run put there (same
/// inode and change time as recorded in the stamp) and the file has not changed since it (its change time is earlier
/// than the manifest's: change times tick every few milliseconds, so a file edited in the manifest's own tick looks
/// unchanged and is hashed). Everything else is someone else's: kept and reported.
struct PreviousOutput {
    /// One name directly in the folder, as lstat(2) saw it.
    struct Entry: Equatable {
        var name: String
        var type: mode_t
        var device: UInt64
        var inode: UInt64
        var size: Int
        var changed: FileTime

        var isRegular: Bool { type == S_IFREG }
        /// The same file, unchanged: same inode, type, size and change time (the name aside).
        func isUnchanged(_ other: Entry) -> Bool {
            inode == other.inode && device == other.device && type == other.type && size == other.size && changed == other.changed
        }
        var isDirectory: Bool { type == S_IFDIR }
        var isSymlink: Bool { type == S_IFLNK }
    }

    /// Our files, by name.
    var ours: [String: Entry] = [:]
    /// The manifest, when the folder holds one of ours.
    var manifest: Entry?
    /// Folders `.perfsociale-tmp-PID` that a killed run of an earlier version left inside, holding only our files.
    var leftovers: [String] = []
    /// Everything else: kept.
    var others: [Entry] = []
    /// Names listed in the manifest that are present but not ours (another kind of file, or changed since): kept.
    var listedButChanged: [String] = []

    /// The names that are not ours, worth telling the user about (`.gitkeep` is the repository's placeholder).
    var reportable: [String] { others.map(\.name).filter { $0 != ".gitkeep" }.sorted() }

    /// Reads `folder`. `stamp`: the manifest the last run committed (nil: hash every listed file). With `refuse`, a
    /// folder that holds something but no manifest of ours is an error (the contract: we never take over a folder).
    static func judge(_ folder: String, stamp: ManifestStamp?, refuse: Bool) throws(EnvironmentError) -> PreviousOutput {
        var out = PreviousOutput()
        var entries: [String: Entry] = [:]
        guard let dir = opendir(folder) else {
            throw EnvironmentError("impossible de lire « \(folder) » : \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if let entry = Self.entry(name, in: fd) { entries[name] = entry }
        }

        var listed: [(path: String, bytes: Int, sha256: String)] = []
        if let m = entries[Manifest.fileName], m.isRegular, let bytes = Self.contents(of: Manifest.fileName, in: fd),
           let object = try? JSONParser.parse(bytes), case .string(let generator)? = object["generator"],
           generator.hasPrefix("perfsociale") {
            out.manifest = m
            if case .array(let files)? = object["files"] {
                for f in files {
                    guard case .string(let p)? = f["path"], case .number(let n)? = f["bytes"], case .string(let h)? = f["sha256"],
                          n >= 0, n < 1e15 else { continue }
                    listed.append((p, Int(n), h))
                }
            }
        } else if refuse && entries.values.contains(where: { !Self.isPlaceholder($0, in: folder) }) {
            throw EnvironmentError("le dossier « \(folder) » n'est pas vide et ne contient pas de manifest.json de perfsociale : "
                + "choisissez un dossier vide ou nouveau avec --output")
        }

        let trusted = out.manifest.map { m in stamp?.matches(m) == true } ?? false
        for f in listed {
            // Only plain names we could have written: a path through a folder (or a symlink) is never followed.
            guard !f.path.utf8.contains(UInt8(ascii: "/")), OutputNames.isOurs(f.path), let e = entries[f.path],
                  out.ours[f.path] == nil else { continue }
            if e.isRegular && e.size == f.bytes,
               let m = out.manifest, trusted && e.changed < m.changed || Self.sha256(f.path, in: fd) == f.sha256 {
                out.ours[f.path] = e
            } else {
                out.listedButChanged.append(f.path)
            }
        }
        for (name, e) in entries where name != Manifest.fileName && out.ours[name] == nil {
            if Self.isLeftoverStaging(e, in: folder) { out.leftovers.append(name) } else { out.others.append(e) }
        }
        if out.manifest == nil, let m = entries[Manifest.fileName] { out.others.append(m) }
        out.others.sort { $0.name < $1.name }
        out.listedButChanged = Array(Set(out.listedButChanged)).sorted()
        out.leftovers.sort()
        return out
    }

    /// `.gitkeep`, or a leftover temporary folder of ours: they don't make a folder "not empty".
    static func isPlaceholder(_ e: Entry, in folder: String) -> Bool {
        e.name == ".gitkeep" || isLeftoverStaging(e, in: folder)
    }

    /// A temporary folder `.perfsociale-tmp-PID` that earlier versions built inside the output folder, whose process is
    /// gone and which holds nothing but our files (and manifests).
    static func isLeftoverStaging(_ e: Entry, in folder: String) -> Bool {
        let prefix = ".perfsociale-tmp-"
        guard e.isDirectory, e.name.hasPrefix(prefix), let pid = pid_t(e.name.dropFirst(prefix.count)), pid > 0,
              kill(pid, 0) != 0, errno == ESRCH else { return false }
        return holdsOnlyOurFiles(folder + "/" + e.name)
    }

    /// True when every entry of `folder` is a regular file named as we name files (or a manifest).
    static func holdsOnlyOurFiles(_ folder: String) -> Bool {
        guard let dir = opendir(folder) else { return false }
        defer { closedir(dir) }
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            guard let entry = entry(name, in: dirfd(dir)), entry.isRegular,
                  name == Manifest.fileName || OutputNames.isOurs(name) else { return false }
        }
        return true
    }

    static func entry(_ name: String, in dirFD: Int32) -> Entry? {
        var st = stat()
        guard fstatat(dirFD, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return Entry(name: name, type: st.st_mode & S_IFMT, device: UInt64(st.st_dev), inode: UInt64(st.st_ino),
                     size: Int(st.st_size), changed: FileTime(st))
    }

    /// The bytes of a regular file directly in the folder (nil through a symlink or for anything else).
    static func contents(of name: String, in dirFD: Int32) -> [UInt8]? {
        let fd = openat(dirFD, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    static func sha256(_ name: String, in dirFD: Int32) -> String? {
        contents(of: name, in: dirFD).map(SHA256.hex)
    }
}

/// A file's change time (ctime): set by the kernel on every write, chmod, link or rename, never by a user's tool.
struct FileTime: Comparable, Equatable, CustomStringConvertible {
    var seconds: Int
    var nanoseconds: Int
    init(seconds: Int, nanoseconds: Int) { self.seconds = seconds; self.nanoseconds = nanoseconds }
    init(_ st: stat) {
        #if os(Linux)
        seconds = Int(st.st_ctim.tv_sec); nanoseconds = Int(st.st_ctim.tv_nsec)
        #else
        seconds = Int(st.st_ctimespec.tv_sec); nanoseconds = Int(st.st_ctimespec.tv_nsec)
        #endif
    }
    static func < (a: FileTime, b: FileTime) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
    var description: String { "\(seconds).\(nanoseconds)" }
}

/// What identifies the manifest the last run committed (device, inode, size, change time), kept beside the output
/// folder: a manifest that was replaced, edited or planted since no longer matches, and its files are then hashed.
struct ManifestStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var changed: FileTime

    init(_ e: PreviousOutput.Entry) { device = e.device; inode = e.inode; size = e.size; changed = e.changed }

    func matches(_ e: PreviousOutput.Entry) -> Bool { self == ManifestStamp(e) }

    var text: String { "\(device) \(inode) \(size) \(changed.seconds) \(changed.nanoseconds)\n" }

    init?(text: String) {
        let f = text.split(whereSeparator: \.isWhitespace)
        guard f.count == 5, let d = UInt64(f[0]), let i = UInt64(f[1]), let s = Int(f[2]), let cs = Int(f[3]), let cn = Int(f[4])
        else { return nil }
        device = d; inode = i; size = s; changed = FileTime(seconds: cs, nanoseconds: cn)
    }
}
