#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
import OfficePackaging
#endif

// `xl/sharedStrings.xml`: every text cell points into one table. Filled while the worksheets stream, written after
// them (the zip writes parts in order, so the table is complete when its part is produced).

final class XLSXSharedStrings {
    /// A string compared and hashed by its UTF-8 bytes: the table deduplicates identical texts, and byte hashing skips
    /// the Unicode normalisation String's own == and hash do for non-ASCII text.
    struct Key: Hashable {
        let string: String
        func hash(into h: inout Hasher) {
            var s = string
            s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        static func == (a: Key, b: Key) -> Bool { XLSXSharedStrings.sameBytes(a.string, b.string) }
    }

    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        if a.utf8.count != b.utf8.count { return false }
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0 } }
    }

    private(set) var strings: [String] = []
    private var index: [Key: Int] = [:]
    /// Number of text cells (the `count` attribute).
    private(set) var references = 0
    /// Last string seen per column: rows repeat the same text column after column (axis, unit, owner…), and comparing
    /// with the previous one is cheaper than hashing.
    private var lastByColumn: [(String, Int)?] = []

    @inline(__always)
    func id(_ s: String, column: Int) -> Int {
        references += 1
        if column < lastByColumn.count, let last = lastByColumn[column], XLSXSharedStrings.sameBytes(last.0, s) { return last.1 }
        let key = Key(string: s)
        let i: Int
        if let found = index[key] { i = found } else {
            strings.append(s)
            i = strings.count - 1
            index[key] = i
        }
        if column >= lastByColumn.count {
            lastByColumn.append(contentsOf: repeatElement(nil, count: column - lastByColumn.count + 1))
        }
        lastByColumn[column] = (s, i)
        return i
    }

    /// The part, produced in chunks.
    func stream() -> () -> [UInt8]? {
        var next = 0
        var headerDone = false
        var footerDone = false
        return { [self] in
            if footerDone { return nil }
            let sink = ByteSink(capacity: 1 << 16)
            if !headerDone {
                sink.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
                sink.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"")
                sink.int(references); sink.raw("\" uniqueCount=\""); sink.int(strings.count); sink.raw("\">")
                headerDone = true
            }
            while next < strings.count && sink.count < 60_000 {
                let s = strings[next]
                if XMLText.needsPreserve(s) { sink.raw("<si><t xml:space=\"preserve\">") } else { sink.raw("<si><t>") }
                sink.text(s)
                sink.raw("</t></si>")
                next += 1
            }
            if next == strings.count {
                sink.raw("</sst>")
                footerDone = true
            }
            return sink.bytes
        }
    }
}
