// An ODS content.xml cut in two between two sheets, so that two cores read it: an ODS file keeps all its sheets in
// this one part, which a single libxml2 reader goes through alone (issue 15: a classeur of 1,000 trainees, 5.5 MB).
//
// The first half is the document up to the end of a sheet, closed by the end tags of the spreadsheet, the body and
// the root. The second is the document's start up to the root's start tag, the body's and the spreadsheet's start
// tags (copied as written, with any namespace declarations), then the rest of the document. Each half is parsed
// whole by libxml2. If both are well-formed, the elements open at the cut were exactly root > body > spreadsheet, so
// the whole part is well-formed too and every byte of it is read by one half, in the same namespaces. A part that
// does not have that plain shape (a DOCTYPE, a comment before the root, an encoding other than UTF-8, a sheet
// without a name, a cut that does not parse) is read whole on one core, as before.

import Foundation

struct ODSContentHalves: Sendable {
    /// Each half in pieces of the part (no copy) and the few end or start tags added.
    let first: [ArraySlice<UInt8>]
    let second: [ArraySlice<UInt8>]

    /// Below this size one reader is quicker than two (the second one repeats the document's start).
    static let minimumSize = 256 * 1024

    static let officeURI = Array("urn:oasis:names:tc:opendocument:xmlns:office:1.0".utf8)
    static let tableURI = Array("urn:oasis:names:tc:opendocument:xmlns:table:1.0".utf8)

    init?(_ bytes: [UInt8], minimumSize: Int = ODSContentHalves.minimumSize) {
        guard bytes.count >= minimumSize, let plan = bytes.withUnsafeBufferPointer({ Plan(ByteScanner($0)) }) else { return nil }
        func slices(_ pieces: [Plan.Piece]) -> [ArraySlice<UInt8>] {
            pieces.map { p in
                switch p {
                case .part(let r): return bytes[r]
                case .text(let t): return t[...]
                }
            }
        }
        first = slices(plan.first)
        second = slices(plan.second)
    }

    /// The halves as ranges of the part and the tags added: for a part still being inflated, whose bytes are not an
    /// array yet.
    struct Plan: Sendable {
        enum Piece: Sendable {
            case part(Range<Int>)
            case text([UInt8])
        }
        let first: [Piece]
        let second: [Piece]

        /// `total`: the part's size when `s` is only its beginning (nil: `s` is the whole part). A beginning too short
        /// to hold the cut gives nil too.
        init?(_ s: ByteScanner, total: Int? = nil) {
            guard let cut = Cut(s, total: total) else { return nil }
            let closing = Array("</".utf8) + cut.office + Array(":spreadsheet></".utf8) + cut.office + Array(":body></".utf8)
                + cut.rootName + Array(">".utf8)
            let end = total ?? s.count
            first = [.part(0..<cut.position), .text(closing)]
            second = [.part(0..<cut.rootTag.upperBound), .part(cut.bodyTag), .part(cut.spreadsheetTag), .part(cut.position..<end)]
        }
    }

    /// Where the part is cut, and what the halves need to be documents of their own.
    struct Cut {
        var rootName: [UInt8] = []
        var rootTag: Range<Int> = 0..<0
        var office: [UInt8] = []
        var bodyTag: Range<Int> = 0..<0
        var spreadsheetTag: Range<Int> = 0..<0
        var position = 0

        init?(_ s: ByteScanner, total: Int? = nil) {
            // The prolog: a BOM, the XML declaration (UTF-8 only), processing instructions, white space.
            var i = s.starts(with: [0xEF, 0xBB, 0xBF], at: 0) ? 3 : 0
            while true {
                i = s.skipSpace(i)
                guard i < s.count, s[i] == UInt8(ascii: "<") else { return nil }
                if s.starts(with: Array("<?".utf8), at: i) {
                    guard let end = s.find(Array("?>".utf8), from: i) else { return nil }
                    if let e = s.find(Array("encoding".utf8), from: i), e < end {
                        guard let value = s.quotedValue(after: e, before: end),
                              String(decoding: value, as: UTF8.self).lowercased() == "utf-8" else { return nil }
                    }
                    i = end + 2
                    continue
                }
                if s.starts(with: Array("<!".utf8), at: i) { return nil }      // DOCTYPE or comment: not the plain shape
                break
            }
            // The root's start tag and the prefixes it declares for the office and table namespaces.
            let nameEnd = s.nameEnd(i + 1)
            guard nameEnd > i + 1, let rootEnd = s.tagEnd(i), s[rootEnd - 1] != UInt8(ascii: "/") else { return nil }
            rootName = s.bytes(i + 1..<nameEnd)
            rootTag = i..<(rootEnd + 1)
            guard let office = s.prefix(declaring: ODSContentHalves.officeURI, in: rootTag),
                  let table = s.prefix(declaring: ODSContentHalves.tableURI, in: rootTag) else { return nil }
            self.office = office
            // The body, then the spreadsheet in it.
            guard let body = s.startTag(office + Array(":body".utf8), from: rootTag.upperBound),
                  let sheetsTag = s.startTag(office + Array(":spreadsheet".utf8), from: body.upperBound) else { return nil }
            bodyTag = body
            spreadsheetTag = sheetsTag
            // The cut goes at the end of the sheet nearest the middle, where another sheet starts. (Each half must
            // name its sheets: a sheet's default name depends on the sheets before it; the reader checks.)
            let tableStart = Array("<".utf8) + table + Array(":table".utf8)
            let tableEnd = Array("</".utf8) + table + Array(":table>".utf8)
            let middle = (sheetsTag.upperBound + (total ?? s.count)) / 2
            var best: Int? = nil
            var passed = false
            var at = sheetsTag.upperBound
            while let e = s.find(tableEnd, from: at) {
                let end = e + tableEnd.count
                at = end
                let next = s.skipSpace(end)
                guard s.starts(with: tableStart, at: next), s.isNameEnd(next + tableStart.count) else { continue }
                if best.map({ abs($0 - middle) > abs(end - middle) }) ?? true { best = end }
                if end > middle { passed = true; break }
            }
            // Only the beginning of the part: the sheets after the middle are not all there yet.
            if total != nil && !passed { return nil }
            guard let best else { return nil }
            position = best
        }
    }
}

/// The little byte scanning the cut needs, over the part's bytes.
struct ByteScanner {
    let p: UnsafeBufferPointer<UInt8>
    init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }
    var count: Int { p.count }
    subscript(_ i: Int) -> UInt8 { p[i] }
    func bytes(_ r: Range<Int>) -> [UInt8] { Array(p[r]) }

    func starts(with needle: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + needle.count <= p.count else { return false }
        for k in needle.indices where p[i + k] != needle[k] { return false }
        return true
    }

    /// glibc's memmem (not in Swift's Glibc module), looked up once; without it, memchr to the first byte and a compare.
    typealias MemMem = @convention(c) (UnsafeRawPointer?, Int, UnsafeRawPointer?, Int) -> UnsafeMutableRawPointer?
    static let memmem: MemMem? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memmem")
        .map { unsafeBitCast($0, to: MemMem.self) }

    /// The first occurrence of `needle` at or after `from`.
    func find(_ needle: [UInt8], from: Int) -> Int? {
        guard from >= 0, from < p.count, !needle.isEmpty, let base = p.baseAddress else { return nil }
        if let memmem = ByteScanner.memmem {
            return needle.withUnsafeBytes { n -> Int? in
                guard let hit = memmem(base + from, p.count - from, n.baseAddress, n.count) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            }
        }
        var at = from
        while at + needle.count <= p.count {
            guard let hit = memchr(base + at, Int32(needle[0]), p.count - at) else { return nil }
            let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if starts(with: needle, at: i) { return i }
            at = i + 1
        }
        return nil
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < p.count, ByteScanner.isSpace(p[i]) { i += 1 }
        return i
    }

    /// True when the name that ends at `i` really ends there (white space, `>` or `/` follows).
    func isNameEnd(_ i: Int) -> Bool { i < p.count && (ByteScanner.isSpace(p[i]) || p[i] == UInt8(ascii: ">") || p[i] == UInt8(ascii: "/")) }

    func nameEnd(_ i: Int) -> Int {
        var i = i
        while i < p.count, !isNameEnd(i) { i += 1 }
        return i
    }

    /// The `>` ending the tag that starts at `i` (quoted attribute values may hold `>`).
    func tagEnd(_ i: Int) -> Int? {
        var quote: UInt8? = nil
        var k = i + 1
        while k < p.count {
            let c = p[k]
            if let q = quote { if c == q { quote = nil } }
            else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
            else if c == UInt8(ascii: ">") { return k }
            else if c == UInt8(ascii: "<") { return nil }
            k += 1
        }
        return nil
    }

    /// The start tag `<name …>` (not empty) first found at or after `from`.
    func startTag(_ name: [UInt8], from: Int) -> Range<Int>? {
        let open = Array("<".utf8) + name
        var at = from
        while let b = find(open, from: at) {
            at = b + open.count
            guard isNameEnd(at) else { continue }
            guard let end = tagEnd(b), p[end - 1] != UInt8(ascii: "/") else { return nil }
            return b..<(end + 1)
        }
        return nil
    }

    /// The value in quotes after `at` (an attribute's `= "…"`), before `limit`.
    func quotedValue(after at: Int, before limit: Int) -> [UInt8]? {
        var i = at
        while i < limit, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "'") { i += 1 }
        guard i < limit else { return nil }
        let q = p[i]
        var k = i + 1
        while k < limit, p[k] != q { k += 1 }
        return k < limit ? Array(p[(i + 1)..<k]) : nil
    }

    /// The prefix a start tag binds to `uri` (`xmlns:table="…"`), nil when it binds none.
    func prefix(declaring uri: [UInt8], in tag: Range<Int>) -> [UInt8]? {
        let xmlns = Array("xmlns:".utf8)
        var at = tag.lowerBound
        while let x = find(xmlns, from: at), x < tag.upperBound {
            at = x + xmlns.count
            guard x > 0, ByteScanner.isSpace(p[x - 1]) else { continue }
            var e = at
            while e < tag.upperBound, p[e] != UInt8(ascii: "="), !ByteScanner.isSpace(p[e]) { e += 1 }
            guard let value = quotedValue(after: e, before: tag.upperBound) else { return nil }
            if value == uri { return Array(p[at..<e]) }
        }
        return nil
    }
}
