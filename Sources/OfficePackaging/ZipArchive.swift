import CLibZip
import Foundation

/// A zip error from libzip, with the entry it concerns.
public struct ZipError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "zip : \(message)" }
}

/// Writes a zip archive in memory through libzip. Entries keep the order they were added in; every entry gets the
/// same fixed timestamp, so the same entries always give the same bytes, whatever the clock or the time zone.
public final class ZipWriter {
    public enum Compression: Sendable { case store, deflate(level: UInt32) }
    /// Deflate level for our parts. Level 3 is zlib's fastest strategy with its best ratio: on office XML it deflates
    /// about twice as fast as the default 6 for files 5–10 % larger (measured on 1,000 certificates).
    public static let defaultCompression = Compression.deflate(level: 3)
    /// For bytes compressed once and copied into many files (a template's fixed parts and static runs): the best
    /// ratio costs nothing per file, and saves about 7 % of each certificate.
    public static let onceCompression = Compression.deflate(level: 9)
    /// 1980-01-01 00:00, the zip epoch, as MS-DOS date and time (set without going through the local time zone).
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    static let dosTime: UInt16 = 0

    private let buffer: OpaquePointer
    private let archive: OpaquePointer
    private var closed = false

    public init() throws(ZipError) {
        var err = zip_error_t()
        zip_error_init(&err)
        guard let src = zip_source_buffer_create(nil, 0, 0, &err) else { throw ZipError(message: "mémoire insuffisante") }
        guard let za = zip_open_from_source(src, ZIP_TRUNCATE, &err) else {
            zip_source_free(src)
            throw ZipError(message: "ouverture de l'archive impossible")
        }
        zip_source_keep(src)
        buffer = src
        archive = za
    }

    deinit {
        if !closed { zip_discard(archive) }
        zip_source_free(buffer)
    }

    /// Adds an entry from bytes. Deflated entries are compressed here with a pooled zlib stream and handed to libzip
    /// ready-made (libzip would set up a new compressor for every entry, which costs more than deflating a small part).
    public func add(_ name: String, _ bytes: [UInt8], compression: Compression = ZipWriter.defaultCompression) throws(ZipError) {
        switch compression {
        case .deflate(let level):
            try addPrecompressed(name, DeflatedPart.make(bytes, level: Int32(level)))
        case .store:
            // Read by libzip from the array itself when the archive is written (no copy: a pack stores 100 KB of
            // documents 100,000 times); libzip computes the CRC as it reads.
            try addSource(name, ReadySource(stored: bytes), compression: .store)
        }
    }

    public func add(_ name: String, _ text: String, compression: Compression = ZipWriter.defaultCompression) throws(ZipError) {
        try add(name, Array(text.utf8), compression: compression)
    }

    /// Adds an entry whose bytes are produced chunk by chunk (the whole part never sits in memory uncompressed): the
    /// chunks are deflated as they come, on a second thread, so producing and compressing overlap. `next` returns nil
    /// when the entry is complete.
    public func addStreaming(_ name: String, compression: Compression = ZipWriter.defaultCompression,
                             next: @escaping () -> [UInt8]?) throws(ZipError) {
        let level: Int32
        switch compression {
        case .deflate(let l): level = Int32(l)
        case .store:
            var all: [UInt8] = []
            while let c = next() { all.append(contentsOf: c) }
            try add(name, all, compression: .store)
            return
        }
        try addPrecompressed(name, StreamingDeflate.run(level: level, next: next))
    }

    /// Adds a part prepared once (compressed ahead of time) for many archives.
    public func add(_ name: String, prepared: PreparedPart) throws(ZipError) {
        switch prepared.storage {
        case .deflated(let part): try addPrecompressed(name, part)
        case .stored(let bytes): try add(name, bytes, compression: .store)
        }
    }

    /// Adds data deflated ahead of time: libzip copies it as is (its stat says "deflate", with size and CRC).
    package func addPrecompressed(_ name: String, _ part: DeflatedPart) throws(ZipError) {
        try addSource(name, ReadySource(deflated: part), compression: nil)
    }

    /// Adds an entry read from `ready` through libzip's source callback; `compression` nil keeps the source's own.
    private func addSource(_ name: String, _ ready: ReadySource, compression: Compression?) throws(ZipError) {
        let box = Unmanaged.passRetained(ready).toOpaque()
        guard let src = zip_source_function(archive, readySourceCallback, box) else {
            Unmanaged<ReadySource>.fromOpaque(box).release()
            throw ZipError(message: "entrée \(name) : source impossible")
        }
        let idx = zip_file_add(archive, name, src, zip_flags_t(ZIP_FL_ENC_UTF_8))
        guard idx >= 0 else {
            zip_source_free(src)
            throw ZipError(message: "entrée \(name) : ajout impossible (\(String(cString: zip_strerror(archive))))")
        }
        switch compression {
        case .store?: zip_set_file_compression(archive, zip_uint64_t(idx), ZIP_CM_STORE, 0)
        case .deflate(let level)?: zip_set_file_compression(archive, zip_uint64_t(idx), ZIP_CM_DEFLATE, level)
        case nil: break
        }
        zip_file_set_dostime(archive, zip_uint64_t(idx), ZipWriter.dosTime, ZipWriter.dosDate, 0)
    }

    /// Writes the archive and returns its bytes.
    public func finish() throws(ZipError) -> [UInt8] {
        guard !closed else { throw ZipError(message: "archive déjà fermée") }
        closed = true
        guard zip_close(archive) == 0 else {
            let msg = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw ZipError(message: "écriture impossible (\(msg))")
        }
        guard zip_source_open(buffer) == 0 else { throw ZipError(message: "relecture impossible") }
        defer { zip_source_close(buffer) }
        var st = zip_stat_t()
        zip_stat_init(&st)
        guard zip_source_stat(buffer, &st) == 0 else { throw ZipError(message: "taille inconnue") }
        let size = Int(st.size)
        // Read straight into the array's storage (no zero-filling first: a pack of 100 KB is written 100,000 times).
        var read: zip_int64_t = -1
        let out = [UInt8](unsafeUninitializedCapacity: size) { storage, count in
            read = zip_source_read(buffer, storage.baseAddress, zip_uint64_t(size))
            count = read == size ? size : 0
        }
        guard read == size else { throw ZipError(message: "relecture incomplète") }
        return out
    }
}

/// A part compressed once and added to many archives (a template's fixed parts: styles, meta, pictures).
public struct PreparedPart: Sendable {
    enum Storage: Sendable { case deflated(DeflatedPart), stored([UInt8]) }
    let storage: Storage
    public init(_ bytes: [UInt8], compression: ZipWriter.Compression) {
        switch compression {
        case .store: storage = .stored(bytes)
        case .deflate(let level): storage = .deflated(DeflatedPart.make(bytes, level: Int32(level)))
        }
    }
}

/// An entry's bytes handed to libzip's callback as they are: ready-deflated (with their size and CRC), or stored.
private final class ReadySource {
    let data: [UInt8]
    let size: Int
    /// nil: stored bytes, whose CRC libzip computes as it reads them.
    let crc: UInt32?
    var offset = 0
    init(deflated part: DeflatedPart) { data = part.data; size = part.size; crc = part.crc }
    init(stored bytes: [UInt8]) { data = bytes; size = bytes.count; crc = nil }
}

private func readySourceCallback(_ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?, _ len: zip_uint64_t,
                                 _ cmd: zip_source_cmd_t) -> zip_int64_t {
    guard let userdata else { return -1 }
    let box = Unmanaged<ReadySource>.fromOpaque(userdata).takeUnretainedValue()
    switch cmd {
    case ZIP_SOURCE_OPEN:
        box.offset = 0
        return 0
    case ZIP_SOURCE_READ:
        guard let data else { return -1 }
        let n = min(Int(len), box.data.count - box.offset)
        if n > 0 {
            box.data.withUnsafeBytes { src in data.copyMemory(from: src.baseAddress! + box.offset, byteCount: n) }
            box.offset += n
        }
        return zip_int64_t(n)
    case ZIP_SOURCE_CLOSE:
        return 0
    case ZIP_SOURCE_STAT:
        guard let data, Int(len) >= MemoryLayout<zip_stat_t>.size else { return -1 }
        let st = data.assumingMemoryBound(to: zip_stat_t.self)
        zip_stat_init(st)
        st.pointee.size = zip_uint64_t(box.size)
        st.pointee.comp_size = zip_uint64_t(box.data.count)
        st.pointee.comp_method = zip_uint16_t(box.crc == nil ? ZIP_CM_STORE : ZIP_CM_DEFLATE)
        st.pointee.encryption_method = zip_uint16_t(ZIP_EM_NONE)
        var valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD
        if let crc = box.crc {
            st.pointee.crc = crc
            valid |= ZIP_STAT_CRC
        }
        st.pointee.valid = zip_uint64_t(valid)
        return zip_int64_t(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
        // We never fail a read, so the error is always "none": two zeroed ints.
        guard let data, Int(len) >= 2 * MemoryLayout<Int32>.size else { return -1 }
        data.storeBytes(of: Int32(0), as: Int32.self)
        (data + MemoryLayout<Int32>.size).storeBytes(of: Int32(0), as: Int32.self)
        return zip_int64_t(2 * MemoryLayout<Int32>.size)
    case ZIP_SOURCE_FREE:
        Unmanaged<ReadySource>.fromOpaque(userdata).release()
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap_readable()
    default:
        return -1
    }
}

/// Deflates a part produced chunk by chunk: this thread produces, a second one compresses, with at most a few
/// blocks in flight (memory stays bounded whatever the part's size).
package enum StreamingDeflate {
    /// Runs `body` with a sink on a pooled deflate stream; `body` must `finish` the sink (the stream is then reset for
    /// its next user).
    package static func withSink<R>(level: Int32, _ body: (Sink) -> R) -> R {
        DeflaterPool.with(level: level) { body(Sink(deflater: $0)) }
    }

    /// One deflate stream fed piece by piece on the calling thread (a long document rendered a few pages at a time).
    /// zlib compresses the first piece; the rest of a document that long goes to a `RepeatDeflate`, told which bytes
    /// are the template's static text (`appendStatic`) and which were filled in (`compress`).
    package final class Sink {
        private let deflater: Deflater
        private var data: [UInt8] = []
        private var crc: UInt32 = 0
        private var size = 0
        /// Where the static runs were written while zlib compressed (for the repeat encoder's first references).
        private var lastSeen: [UnsafeRawPointer: Int] = [:]
        private var repeater: RepeatDeflate? = nil
        init(deflater: Deflater) { self.deflater = deflater }

        /// Whether static runs go to `appendStatic` (after the first piece) rather than into the next piece.
        package var isRepeating: Bool { repeater != nil }

        /// Notes where a static run starts in the document (`offset`: its place in the piece being made).
        package func noteStatic(_ identity: UnsafeRawPointer, offset: Int) { lastSeen[identity] = size + offset }

        /// A static run of the template, once repeating (`identity`: the address of its bytes, held unchanged).
        package func appendStatic(_ bytes: UnsafeRawBufferPointer, identity: UnsafeRawPointer) {
            repeater?.appendStatic(bytes, identity: identity)
        }

        package func compress(_ piece: [UInt8]) {
            if let repeater {
                piece.withUnsafeBytes { repeater.appendValue($0) }
                return
            }
            piece.withUnsafeBytes { raw in
                crc = Deflater.crc(raw, previous: crc)
                deflater.compressMore(raw, into: &data)
            }
            size += piece.count
            // The document is long: zlib's stream ends on a byte boundary and the repeat encoder carries on.
            deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), into: &data, finish: false)
            repeater = piece.withUnsafeBytes { RepeatDeflate(output: data, history: $0, size: size, crc: crc, lastSeen: lastSeen) }
            data = []
            lastSeen = [:]
        }

        /// Compresses the last piece and ends the stream (which resets the pooled deflater).
        package func finish(with last: [UInt8]) -> DeflatedPart {
            if let repeater {
                deflater.reset()
                last.withUnsafeBytes { repeater.appendValue($0) }
                return repeater.finish()
            }
            last.withUnsafeBytes { raw in
                crc = Deflater.crc(raw, previous: crc)
                deflater.compress(raw, into: &data, finish: true)
            }
            size += last.count
            return DeflatedPart(data: data, crc: crc, size: size)
        }
    }

    /// A block is compressed on its own (a segment, see DeflateSegments.swift): blocks compress in parallel, and the
    /// first one starts as soon as this much is produced. Starting over the window every 128 KB costs about 0.1 % of size.
    static let blockSize = 128 * 1024

    /// Deflates what `next` produces (on the calling thread) while a second thread compresses the finished blocks;
    /// once production ends the calling thread compresses too, so the tail of a big part takes both cores. The
    /// segments are joined in order with their CRCs combined.
    static func run(level: Int32, next: () -> [UInt8]?) -> DeflatedPart {
        final class Blocks: @unchecked Sendable {
            let lock = NSCondition()
            var waiting: [(index: Int, bytes: [UInt8])] = []
            var closed = false
            var compressed: [Int: DeflatedSegment] = [:]
            var running = 0
            /// Compresses queued blocks until the queue is empty and closed.
            func work(level: Int32) {
                while true {
                    lock.lock()
                    while waiting.isEmpty && !closed { lock.wait() }
                    guard !waiting.isEmpty else { running -= 1; lock.broadcast(); lock.unlock(); return }
                    let (index, bytes) = waiting.removeFirst()
                    lock.broadcast()   // a producer may wait for room
                    lock.unlock()
                    let segment = DeflatedSegment(bytes, level: level)
                    lock.lock(); compressed[index] = segment; lock.unlock()
                }
            }
        }
        let blocks = Blocks()
        blocks.running = 2   // the helper thread and, at the end, this one
        Thread.detachNewThread { blocks.work(level: level) }
        var count = 0
        func hand(_ bytes: [UInt8]) {
            blocks.lock.lock()
            // Room for a few blocks: production never runs far ahead of compression (memory stays bounded).
            while blocks.waiting.count >= 4 { blocks.lock.wait() }
            blocks.waiting.append((count, bytes))
            count += 1
            blocks.lock.broadcast()
            blocks.lock.unlock()
        }
        var pending: [UInt8] = []
        pending.reserveCapacity(blockSize + 65_536)
        while let c = next() {
            pending.append(contentsOf: c)
            if pending.count >= blockSize {
                hand(pending)
                pending = []
                pending.reserveCapacity(blockSize + 65_536)
            }
        }
        if !pending.isEmpty { hand(pending) }
        blocks.lock.lock(); blocks.closed = true; blocks.lock.broadcast(); blocks.lock.unlock()
        blocks.work(level: level)
        blocks.lock.lock()
        while blocks.running > 0 { blocks.lock.wait() }
        blocks.lock.unlock()
        var part = SegmentedDeflate(level: level, capacity: blocks.compressed.values.reduce(2) { $0 + $1.data.count })
        for i in 0..<count {
            guard let segment = blocks.compressed[i] else { preconditionFailure("block \(i) handed but never compressed") }
            part.append(segment)
        }
        return part.finish()
    }
}

private func zip_source_make_command_bitmap_readable() -> zip_int64_t {
    func bit(_ c: zip_source_cmd_t) -> zip_int64_t { zip_int64_t(1) << zip_int64_t(c.rawValue) }
    return bit(ZIP_SOURCE_OPEN) | bit(ZIP_SOURCE_READ) | bit(ZIP_SOURCE_CLOSE) | bit(ZIP_SOURCE_STAT)
        | bit(ZIP_SOURCE_ERROR) | bit(ZIP_SOURCE_FREE) | bit(ZIP_SOURCE_SUPPORTS)
}

/// What a zip read from outside (a user's template) may hold. Whatever its headers announce, no entry is read past
/// these limits: a 5 KB file claiming a 1 TiB entry is refused after reading at most `maxTotalSize` bytes.
public struct ZipLimits: Sendable, Equatable {
    /// Entries in the archive (a LibreOffice text document has about 10 to 30).
    public var maxEntries: Int
    /// Bytes once unpacked, all entries together.
    public var maxTotalSize: Int
    /// Unpacked ÷ packed size above which an entry larger than `ratioFloor` is refused (a zip bomb).
    public var maxRatio: Int
    /// Entries smaller than this are never refused for their ratio (small XML parts compress very well).
    public var ratioFloor: Int

    public init(maxEntries: Int = 1_000, maxTotalSize: Int = 64 << 20, maxRatio: Int = 200, ratioFloor: Int = 1 << 20) {
        self.maxEntries = maxEntries; self.maxTotalSize = maxTotalSize; self.maxRatio = maxRatio; self.ratioFloor = ratioFloor
    }

    public static let template = ZipLimits()
    /// Our own output read back (tests, packs): only the total is capped, generously.
    public static let trusted = ZipLimits(maxEntries: 1_000_000, maxTotalSize: Int.max, maxRatio: Int.max, ratioFloor: Int.max)

    static func megabytes(_ n: Int) -> String { n % (1 << 20) == 0 ? "\(n >> 20) Mo" : "\(n) octets" }
}

/// Reads a zip archive held in memory through libzip (user templates, tests, packs). Entry names are checked when
/// the archive is opened: a name with `..`, a leading `/`, a backslash, a drive letter or a control character, and a
/// name given twice, are refused (they would be copied into every generated document, and whoever unzips one of those
/// gets a path traversal). Reads never trust the sizes the headers announce.
public final class ZipReader {
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var name: String
        /// As announced by the archive (never used to allocate).
        public var size: Int
        public var compressedSize: Int
        public var isStored: Bool
        public var isEncrypted: Bool
    }

    let archive: OpaquePointer
    private let storage: UnsafeMutableRawPointer
    public let limits: ZipLimits
    public let entries: [Entry]
    private let byName: [String: Int]
    /// Bytes unpacked so far, all reads together (checked against `limits.maxTotalSize`).
    private var unpacked = 0

    public init(bytes: [UInt8], limits: ZipLimits = .trusted) throws(ZipError) {
        guard !bytes.isEmpty else { throw ZipError(message: "le fichier est vide (0 octet)") }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { storage.copyMemory(from: b, byteCount: bytes.count) } }
        var err = zip_error_t()
        zip_error_init(&err)
        guard let src = zip_source_buffer_create(storage, zip_uint64_t(bytes.count), 0, &err) else {
            storage.deallocate()
            throw ZipError(message: "archive illisible")
        }
        guard let za = zip_open_from_source(src, Int32(ZIP_RDONLY) | Int32(ZIP_CHECKCONS), &err) else {
            zip_source_free(src)
            storage.deallocate()
            throw ZipError(message: "ce fichier n'est pas une archive zip valide (\(ZipReader.frenchReason(zip_error_code_zip(&err))))")
        }
        let count = zip_get_num_entries(za, 0)
        guard count >= 0, count <= Int64(limits.maxEntries) else {
            zip_discard(za)
            storage.deallocate()
            throw ZipError(message: "l'archive annonce \(count) entrées, plus que la limite de \(limits.maxEntries)")
        }
        var list: [Entry] = []
        var byName: [String: Int] = [:]
        for i in 0..<count {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(za, zip_uint64_t(i), 0, &st) == 0, let cName = st.name else {
                zip_discard(za)
                storage.deallocate()
                throw ZipError(message: "entrée n° \(i + 1) illisible")
            }
            let name = String(decoding: UnsafeRawBufferPointer(start: cName, count: strlen(cName)), as: UTF8.self)
            if let problem = ZipReader.unsafeNameProblem(name) {
                zip_discard(za)
                storage.deallocate()
                throw ZipError(message: "entrée « \(ZipReader.shown(name)) » refusée : \(problem)")
            }
            guard byName[name] == nil else {
                zip_discard(za)
                storage.deallocate()
                throw ZipError(message: "entrée « \(ZipReader.shown(name)) » présente deux fois")
            }
            byName[name] = list.count
            list.append(Entry(index: Int(i), name: name, size: Int(clamping: st.size), compressedSize: Int(clamping: st.comp_size),
                              isStored: st.comp_method == UInt16(ZIP_CM_STORE),
                              isEncrypted: st.encryption_method != UInt16(ZIP_EM_NONE)))
        }
        self.storage = storage
        self.limits = limits
        self.archive = za
        self.entries = list
        self.byName = byName
    }

    deinit {
        zip_discard(archive)
        storage.deallocate()
    }

    /// libzip's reason for refusing an archive, in French.
    static func frenchReason(_ code: Int32) -> String {
        switch code {
        case ZIP_ER_NOZIP: return "pas de répertoire central zip"
        case ZIP_ER_INCONS: return "archive incohérente : en-têtes contradictoires ou entrée en double"
        case ZIP_ER_CRC: return "somme de contrôle fausse"
        case ZIP_ER_EXISTS: return "entrée en double (deux entrées du même nom)"
        case ZIP_ER_MEMORY: return "mémoire insuffisante"
        case ZIP_ER_MULTIDISK: return "archive en plusieurs volumes"
        case ZIP_ER_COMPNOTSUPP, ZIP_ER_ENCRNOTSUPP: return "méthode de compression ou de chiffrement non prise en charge"
        default: return "archive endommagée, code libzip \(code)"
        }
    }

    /// A name as quoted in a message: at most 80 characters (a hostile archive may hold a name of 64 KB).
    static func shown(_ name: String) -> String { name.count <= 80 ? name : String(name.prefix(80)) + "…" }

    /// Why an entry name may not be copied into a package, nil when it is a plain relative path.
    public static func unsafeNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "nom vide" }
        if name.hasPrefix("/") { return "chemin absolu" }
        if name.contains("\\") { return "barre oblique inversée (\\) dans le nom" }
        let scalars = Array(name.unicodeScalars.prefix(2))
        if scalars.count == 2, scalars[1] == ":", scalars[0].isASCII, scalars[0].properties.isAlphabetic { return "lettre de lecteur" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "caractère de contrôle dans le nom" }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains("..") { return "« .. » dans le chemin" }
        if components.dropLast().contains(where: { $0.isEmpty || $0 == "." }) { return "chemin mal formé" }
        return nil
    }

    public func entry(named name: String) -> Entry? { byName[name].map { entries[$0] } }

    public func read(_ name: String) throws(ZipError) -> [UInt8] {
        guard let i = byName[name] else { throw ZipError(message: "entrée absente : \(name)") }
        return try read(entries[i])
    }

    public func read(index: Int) throws(ZipError) -> [UInt8] {
        guard let e = entries.first(where: { $0.index == index }) else { throw ZipError(message: "entrée \(index) absente") }
        return try read(e)
    }

    /// Reads an entry in blocks, stopping as soon as it passes a limit (never allocating what the header claims).
    public func read(_ entry: Entry) throws(ZipError) -> [UInt8] {
        let f = try open(entry)
        defer { zip_fclose(f) }
        let block = 64 * 1024
        var out: [UInt8] = []
        // Room for the announced size up to 16 MB (a lying header costs at most that much untouched address space):
        // a 5 MB content.xml grown block by block was copied and paged in again at each doubling.
        out.reserveCapacity(min(max(entry.size, 0), 16 << 20))
        var chunk = [UInt8](repeating: 0, count: block)
        while true {
            let n = chunk.withUnsafeMutableBytes { zip_fread(f, $0.baseAddress!, zip_uint64_t(block)) }
            if n < 0 { throw unreadable(entry, f) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<Int(n)])
            try account(Int(n), entry: entry, read: out.count)
        }
        try checkSize(entry, read: out.count)
        return out
    }

    /// Counts `n` more bytes of `entry` unpacked (`read` of it so far): past the archive's limit or the entry's ratio,
    /// the read stops.
    func account(_ n: Int, entry: Entry, read: Int) throws(ZipError) {
        unpacked += n
        if unpacked > limits.maxTotalSize {
            throw ZipError(message: "« \(entry.name) » : le contenu décompressé dépasse la limite de \(ZipLimits.megabytes(limits.maxTotalSize))")
        }
        if read > limits.ratioFloor, read / max(entry.compressedSize, 1) > limits.maxRatio {
            throw ZipError(message: "« \(entry.name) » : taux de compression supérieur à \(limits.maxRatio) pour 1 (bombe de décompression ?)")
        }
    }

    /// Why libzip could not inflate more of an entry open as `file`.
    func unreadable(_ entry: Entry, _ file: OpaquePointer) -> ZipError {
        ZipError(message: "« \(entry.name) » illisible ou corrompu (\(String(cString: zip_file_strerror(file))))")
    }

    /// Headers that lie about the size (a few KB announced as 1 TiB): the archive is damaged or forged.
    func checkSize(_ entry: Entry, read: Int) throws(ZipError) {
        guard read == entry.size else {
            throw ZipError(message: "« \(entry.name) » : taille annoncée \(entry.size) octets, contenu réel \(read) octets (archive endommagée ou falsifiée)")
        }
    }

    /// Opens an entry for reading (an encrypted one is refused, with the reason in French).
    func open(_ entry: Entry) throws(ZipError) -> OpaquePointer {
        if entry.isEncrypted { throw ZipError(message: "« \(entry.name) » est chiffré (document protégé par un mot de passe)") }
        guard let f = zip_fopen_index(archive, zip_uint64_t(entry.index), 0) else {
            let code = zip_error_code_zip(zip_get_error(archive))
            if code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP {
                throw ZipError(message: "« \(entry.name) » est chiffré (document protégé par un mot de passe)")
            }
            throw ZipError(message: "« \(entry.name) » illisible (\(String(cString: zip_strerror(archive))))")
        }
        return f
    }
}
