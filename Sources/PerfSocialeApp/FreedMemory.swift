#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap's free pages back to the system. Parsing a large workbook builds a JSON tree about nine times the
/// file's size; once it is decoded the tree is freed, but glibc keeps those pages mapped (100,000 trainees: 555 Mo
/// resident for a 40 Mo workbook), and the documents then grow the heap on top of them.
public enum FreedMemory {
    public static func returnToSystem() {
        #if canImport(Glibc)
        // glibc's `malloc_trim` (malloc.h, which Swift's Glibc module leaves out); looked up so that another C
        // library simply keeps its pages.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
