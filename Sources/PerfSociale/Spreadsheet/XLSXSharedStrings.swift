// `xl/sharedStrings.xml`: every text cell points into one table. Filled while the worksheets stream, written after
// them (the zip writes parts in order, so the table is complete when its part is produced).

final class XLSXSharedStrings {
    private(set) var strings: [String] = []
    private var index: [String: Int] = [:]
    /// Number of text cells (the `count` attribute).
    private(set) var references = 0
    /// Last string seen per column: rows repeat the same text column after column (axis, unit, owner…), and comparing
    /// with the previous one is cheaper than hashing.
    private var lastByColumn: [(String, Int)?] = []

    @inline(__always)
    func id(_ s: String, column: Int) -> Int {
        references += 1
        if column < lastByColumn.count, let last = lastByColumn[column], last.0 == s { return last.1 }
        let i: Int
        if let found = index[s] { i = found } else {
            strings.append(s)
            i = strings.count - 1
            index[s] = i
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
            var sink = ByteSink(capacity: 1 << 16)
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
