#if canImport(Glibc)
import Glibc
#endif

/// How the process gives memory back to the system (glibc's malloc; elsewhere these do nothing).
public enum FreedMemory {
    /// Gives the heap's free pages back to the system. Parsing a large workbook builds a JSON tree about nine times
    /// the file's size; once it is decoded the tree is freed, but glibc keeps those pages mapped, and the documents
    /// then grow the heap on top of them.
    public static func returnToSystem() {
        #if canImport(Glibc)
        // glibc's `malloc_trim` (malloc.h, which Swift's Glibc module leaves out); looked up so that another C
        // library simply keeps its pages.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// From here on, blocks of 128 KB or more get their own mapping, unmapped when freed (glibc otherwise raises that
    /// threshold to the largest block freed so far, up to 32 MB, and serves them from the heaps of the worker
    /// threads, which keep the pages). For large sessions: 100,000 trainees peak at 0.80 GB instead of 0.86–0.96,
    /// for the same CPU time; small runs keep glibc's default (a dashboard's 128 KB segments would each be mapped).
    public static func mapLargeBlocksApart() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let M_MMAP_THRESHOLD: Int32 = -3     // malloc.h
        _ = unsafeBitCast(symbol, to: Mallopt.self)(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }

    /// The opposite, for a phase that allocates and frees many big arrays on one thread (reading a classeur for
    /// `validate`): blocks up to 32 MB come from the heap, and one freed is reused by the next; the heap grows 32 MB at
    /// a time. glibc at first maps each block of 128 KB or more apart and unmaps it when freed, so every big array —
    /// a sheet's cells, its rows, the cells' notes — faulted its pages in anew (about 2 µs a page here): reading a
    /// 1,000-trainee classeur took 4,000 faults on the main thread, and this saves it 3 to 5 ms of its 55.
    public static func reuseLargeBlocks() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let M_MMAP_THRESHOLD: Int32 = -3     // malloc.h
        _ = unsafeBitCast(symbol, to: Mallopt.self)(M_MMAP_THRESHOLD, 32 << 20)
        let M_TOP_PAD: Int32 = -2
        _ = unsafeBitCast(symbol, to: Mallopt.self)(M_TOP_PAD, 32 << 20)
        #endif
    }
}
