import CZlib
import Foundation

/// Raw deflate (as zip entries hold it) with zlib. A stream is expensive to create (deflateInit allocates and touches
/// about 260 KB) and free to reset, so streams are pooled and reused across parts and files.
final class Deflater {
    private var stream = z_stream()
    let level: Int32

    init?(level: Int32) {
        self.level = level
        guard ps_deflateInitRaw(&stream, level) == Z_OK else { return nil }
    }

    deinit { deflateEnd(&stream); scratch.deallocate() }

    /// Output scratch, reused across calls (grows to the largest bound seen).
    private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private var scratchSize = 0

    /// Compresses `input` and appends the deflate data to `output`. `finish` ends the stream (and resets it for reuse);
    /// otherwise the output ends on a byte boundary (sync flush) so the next call continues the same stream.
    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], finish: Bool) {
        compress(input, into: &output, flush: finish ? Z_FINISH : Z_SYNC_FLUSH)
        if finish { reset() }
    }

    /// Compresses `input` as the next piece of the stream, without flushing: matches may reach back into earlier
    /// pieces, and the stream ends with `compress(…, finish: true)`.
    func compressMore(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        compress(input, into: &output, flush: Z_NO_FLUSH)
    }

    private func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], flush: Int32) {
        let total = input.count
        let bound = Int(deflateBound(&stream, uLong(total))) + 64
        if scratchSize < bound {
            scratch.deallocate()
            scratchSize = max(bound, 65_536)
            scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchSize)
        }
        stream.next_in = total > 0 ? UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self)) : nil
        stream.avail_in = uInt(total)
        repeat {
            stream.next_out = scratch
            stream.avail_out = uInt(scratchSize)
            _ = deflate(&stream, flush)
            output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: scratchSize - Int(stream.avail_out)))
        } while stream.avail_out == 0     // a full buffer may hide more output
    }

    /// Compresses `input` as a stand-alone segment (see DeflateSegments.swift): byte-aligned, not final, referring to
    /// nothing before it; the stream is reset for the next use.
    func compressSegment(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        compress(input, into: &output, finish: false)
        reset()
    }

    /// Forgets the stream (for the pool's next user).
    func reset() { deflateReset(&stream) }

    static func crc(_ input: UnsafeRawBufferPointer, previous: UInt32 = 0) -> UInt32 {
        guard let base = input.baseAddress, input.count > 0 else { return previous }
        return UInt32(crc32_z(uLong(previous), base.assumingMemoryBound(to: Bytef.self), Int(input.count)))
    }
}

/// Reusable deflate streams, shared by every thread (a stream is used by one thread at a time).
enum DeflaterPool {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var free: [Int32: [Deflater]] = [:]

    static func with<R>(level: Int32, _ body: (Deflater) -> R) -> R {
        lock.lock()
        let d = free[level]?.popLast()
        lock.unlock()
        guard let deflater = d ?? Deflater(level: level) else { fatalError("zlib: deflateInit failed (out of memory)") }
        let r = body(deflater)
        lock.lock()
        free[level, default: []].append(deflater)
        lock.unlock()
        return r
    }
}

/// A part compressed ahead of time: what libzip copies as is.
package struct DeflatedPart: Sendable {
    package var data: [UInt8]
    package var crc: UInt32
    package var size: Int

    package static func make(_ bytes: [UInt8], level: Int32) -> DeflatedPart {
        bytes.withUnsafeBytes { raw in
            var out: [UInt8] = []
            out.reserveCapacity(raw.count / 4 + 64)
            DeflaterPool.with(level: level) { $0.compress(raw, into: &out, finish: true) }
            return DeflatedPart(data: out, crc: Deflater.crc(raw), size: raw.count)
        }
    }
}
