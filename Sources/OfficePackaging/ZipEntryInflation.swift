import CLibZip

/// One zip entry inflated in steps into memory of its announced size: the part inflated so far can be parsed on one
/// core while the rest is inflated on another (an ODS classeur's 5 MB content.xml: the first half is being read
/// while the second is still being inflated). The caller keeps the bytes it hands out apart from the bytes still
/// being written; one thread inflates at a time.
public final class ZipEntryInflation: @unchecked Sendable {
    /// The largest entry inflated this way (its size is reserved at once; a larger one is read whole as before).
    public static let maxSize = 64 << 20

    private let zip: ZipReader
    private let entry: ZipReader.Entry
    private let file: OpaquePointer
    private let memory: UnsafeMutableRawBufferPointer
    /// Bytes inflated so far.
    public private(set) var count = 0
    /// The announced size, which the entry must have.
    public var size: Int { entry.size }
    /// The entry's end was reached and checked.
    public private(set) var isComplete = false

    /// Nil when the entry is too large to be reserved whole (read it with `ZipReader.read`).
    public init?(_ zip: ZipReader, entry: ZipReader.Entry) throws(ZipError) {
        guard entry.size > 0, entry.size <= Self.maxSize else { return nil }
        file = try zip.open(entry)
        self.zip = zip
        self.entry = entry
        memory = UnsafeMutableRawBufferPointer.allocate(byteCount: entry.size, alignment: 16)
    }

    deinit {
        zip_fclose(file)
        memory.deallocate()
    }

    /// Inflates until at least `target` bytes are there, or to the entry's end (checked against its announced size,
    /// the archive's limits and its CRC).
    public func inflate(upTo target: Int) throws(ZipError) {
        let goal = min(target, entry.size)
        while !isComplete && count < goal {
            guard let base = memory.baseAddress else { return }
            let n = zip_fread(file, base + count, zip_uint64_t(min(entry.size - count, 256 * 1024)))
            if n < 0 { throw zip.unreadable(entry, file) }
            if n == 0 {
                // Shorter than announced: the header lied.
                isComplete = true
                try zip.checkSize(entry, read: count)
                return
            }
            count += Int(n)
            try zip.account(Int(n), entry: entry, read: count)
            if count == entry.size {
                // The end: one more read must find nothing (else the header lied) and makes libzip check the CRC.
                var extra: UInt8 = 0
                let more = zip_fread(file, &extra, 1)
                if more < 0 { throw zip.unreadable(entry, file) }
                if more > 0 { try zip.checkSize(entry, read: count + Int(more)) }
                isComplete = true
            }
        }
    }

    /// Bytes already inflated (`range` within `count`), valid while this object lives.
    public func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        precondition(range.lowerBound >= 0 && range.upperBound <= entry.size, "bytes outside the entry")
        guard let base = memory.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}
