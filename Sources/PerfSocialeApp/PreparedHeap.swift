#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Heap made ready before a phase that allocates much on one thread (reading a classeur for `validate`).
public enum PreparedHeap {
    /// Makes `bytes` of heap ready before they are needed: the heap is extended by that much at once and another
    /// core maps its pages in (madvise MADV_POPULATE_WRITE, which maps without writing: safe while this thread
    /// already allocates in them). Each page first touched otherwise costs this thread a fault (about 2 µs here):
    /// reading a 1,000-trainee classeur touched 4,000 pages on the main thread. Large blocks come from that heap too.
    public static func prepare(_ bytes: Int) {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        typealias Sbrk = @convention(c) (Int) -> UnsafeMutableRawPointer?
        guard let mallopt = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt").map({ unsafeBitCast($0, to: Mallopt.self) }),
              let sbrk = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sbrk").map({ unsafeBitCast($0, to: Sbrk.self) }),
              let start = sbrk(0) else { return }
        let M_TOP_PAD: Int32 = -2, M_MMAP_THRESHOLD: Int32 = -3     // malloc.h
        let size = Int32(clamping: min(bytes, 512 << 20))
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TOP_PAD, size)
        free(malloc(1 << 20))        // more than the top of the heap holds: it grows now, by the pad
        guard let end = sbrk(0), end > start else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let from = Int(bitPattern: start) & ~(page - 1)
        let length = Int(bitPattern: end) - from
        let MADV_POPULATE_WRITE: Int32 = 23      // Linux 5.14; older kernels refuse it and fault as before
        let region = (from, length)
        DispatchQueue.global(qos: .userInitiated).async {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: region.0), region.1, MADV_POPULATE_WRITE)
        }
        #endif
    }
}
