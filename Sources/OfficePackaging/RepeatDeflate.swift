// The deflate stream of a long document rendered from a template (a thousand attestations, one page each): its pages
// repeat the template's static text with a few values changed. zlib finds that out again byte by byte (hashing every
// position: a fifth of a 10,000-trainee run). This encoder is told which bytes are the template's static text: a
// static run already written less than 32 KB back is a back-reference to that copy, at once; a match then carries on
// through the values that equal the previous page's (the association, the dates), and only what differs (a name) is
// written as literals. Fixed Huffman codes (FixedHuffmanDeflate.swift); the output is of the size of zlib's.

#if canImport(Glibc)
import Glibc
#endif

/// Continues a deflate stream that ends on a byte boundary (the first part of a long document, compressed by zlib).
package final class RepeatDeflate {
    private static let windowSize = 32_768
    private static let mask = windowSize - 1
    /// Static runs shorter than this are written like values (a back-reference costs about 3 bytes).
    package static let staticMinimum = 8

    private var bits: FixedCodeBits
    /// The last 32 KB of the document (what a back-reference may reach), indexed by position & mask.
    private let window = UnsafeMutablePointer<UInt8>.allocate(capacity: RepeatDeflate.windowSize)
    /// Bytes of the document so far (including the part before this encoder).
    private(set) var position: Int
    private(set) var crc: UInt32
    /// Where each static run was last written (by the address of its bytes, which the template holds unchanged).
    private var lastSeen: [UnsafeRawPointer: Int]
    /// The match being extended: its distance, and its bytes not yet written.
    private var distance = 0
    private var matchLength = 0
    /// Recent positions of literal bytes, by hash of the 4 bytes there (checked against the window before use).
    private var recent = [Int](repeating: -1, count: 1 << 12)

    /// `history`: the document's last bytes so far (up to 32 KB), `size` and `crc` those of the whole document so far,
    /// `lastSeen` where the static runs were written in it. `output` is the stream so far, byte-aligned.
    package init(output: [UInt8], history: UnsafeRawBufferPointer, size: Int, crc: UInt32, lastSeen: [UnsafeRawPointer: Int]) {
        self.bits = FixedCodeBits(output)
        self.position = size
        self.crc = crc
        self.lastSeen = lastSeen
        let kept = min(history.count, RepeatDeflate.windowSize)
        for k in 0..<kept { window[(size - kept + k) & RepeatDeflate.mask] = history[history.count - kept + k] }
        bits.put(0b010, 3)                           // BFINAL 0, BTYPE 01: one fixed-Huffman block to the end
    }

    deinit { window.deallocate() }

    /// A run of the template's static text (`identity`: the address of its bytes). It carries on the current match
    /// when it equals the bytes at its distance (the same place on the previous page); otherwise it is a reference
    /// to where it was last written.
    package func appendStatic(_ bytes: UnsafeRawBufferPointer, identity: UnsafeRawPointer) {
        let start = position
        if distance > 0 && equalsWindow(bytes, distance: distance) {
            matchLength += bytes.count
            copyToWindow(bytes)
        } else if bytes.count >= RepeatDeflate.staticMinimum, let previous = lastSeen[identity],
                  start - previous <= RepeatDeflate.windowSize {
            writeMatch()
            distance = start - previous
            matchLength = bytes.count
            copyToWindow(bytes)
        } else {
            appendValue(bytes)
        }
        lastSeen[identity] = start
    }

    /// Bytes the template filled in: the current match goes on while they equal the bytes at its distance; the rest
    /// is matched through a small hash table of the literals' recent positions (a name met again, a repeated
    /// phrase), or written as literals.
    package func appendValue(_ bytes: UnsafeRawBufferPointer) {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return }
        crc = Deflater.crc(bytes, previous: crc)
        let n = bytes.count
        var i = distance > 0 ? extend(p, 0, n) : 0
        while i < n {
            writeMatch()
            if n - i >= 4 {
                let key = UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
                let slot = Int((key &* 2_654_435_761) >> 20)
                let candidate = recent[slot]
                recent[slot] = position
                let d = position - candidate
                if candidate >= 0, d > 0, d <= RepeatDeflate.windowSize, window[candidate & RepeatDeflate.mask] == p[i] {
                    let saved = distance
                    distance = d
                    let matched = extend(p, i, n) - i
                    if matched >= 4 { i += matched; continue }
                    // Too short to pay: those bytes become literals (they are in the window already).
                    matchLength = 0
                    position -= matched
                    distance = saved
                }
            }
            bits.putLiteral(p[i])
            window[position & RepeatDeflate.mask] = p[i]
            position += 1
            i += 1
        }
    }

    /// Extends the current match over `p[i..<n]` while each byte equals the one `distance` back; returns where it
    /// stopped.
    private func extend(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        var k = i
        while k < n && p[k] == window[(position - distance) & RepeatDeflate.mask] {
            window[position & RepeatDeflate.mask] = p[k]
            position += 1
            k += 1
        }
        matchLength += k - i
        return k
    }

    private func equalsWindow(_ bytes: UnsafeRawBufferPointer, distance d: Int) -> Bool {
        guard bytes.count <= d else { return false }     // the run would overlap itself: not worth the case
        var from = (position - d) & RepeatDeflate.mask
        var k = 0
        while k < bytes.count {
            let n = min(bytes.count - k, RepeatDeflate.windowSize - from)
            if memcmp(window + from, bytes.baseAddress! + k, n) != 0 { return false }
            k += n
            from = 0
        }
        return true
    }

    /// Ends the stream (an end-of-block, then an empty final block, on a byte boundary).
    package func finish() -> DeflatedPart {
        writeMatch()
        bits.putSymbol(256)
        bits.put(0b011, 3)                           // BFINAL 1, BTYPE 01
        bits.putSymbol(256)
        bits.padToByte()
        return DeflatedPart(data: bits.output, crc: crc, size: position)
    }

    private func copyToWindow(_ bytes: UnsafeRawBufferPointer) {
        crc = Deflater.crc(bytes, previous: crc)
        guard let base = bytes.baseAddress else { return }
        // Only the last 32 KB can be referred to.
        let skip = max(bytes.count - RepeatDeflate.windowSize, 0)
        var k = skip
        position += skip
        while k < bytes.count {
            let at = position & RepeatDeflate.mask
            let n = min(bytes.count - k, RepeatDeflate.windowSize - at)
            (window + at).update(from: (base + k).assumingMemoryBound(to: UInt8.self), count: n)
            k += n
            position += n
        }
    }

    /// Writes the pending match as back-references of 3 to 258 bytes (one or two leftover bytes as literals).
    private func writeMatch() {
        var left = matchLength
        matchLength = 0
        while left > 0 {
            let length = left > 258 ? (left - 258 < 3 ? left - 3 : 258) : left
            if length >= 3 {
                bits.putLength(length)
                bits.putDistance(distance)
            } else {
                // The match's last bytes, still in the window.
                for k in 0..<length { bits.putLiteral(window[(position - left + k) & RepeatDeflate.mask]) }
            }
            left -= length
        }
    }
}
