// Reads an OpenDocument spreadsheet (content.xml of an .ods, or a flat .fods) as LibreOffice writes it: repeated
// rows and columns skipped without materialising them when empty (a row repeated to the sheet's millionth line costs
// nothing), covered cells, typed values (`office:value-type`, `office:value`, `office:date-value`, …), the text of
// multi-paragraph cells joined with line breaks and `text:s` turned back into spaces (ODSContentHandler.swift).
// libxml2's SAX2 streaming parser throughout: never the part as a tree.

import Foundation
import OfficePackaging
import Synchronization

public enum ODSReader {
    static let tableURI: StaticString = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let officeURI: StaticString = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let textURI: StaticString = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    public static func read(_ bytes: [UInt8], options: SpreadsheetReadOptions = SpreadsheetReadOptions()) throws(SpreadsheetReadError) -> ReadWorkbook {
        if !bytes.starts(with: [0x50, 0x4B]) { return try readFlat(bytes, options: options) }
        let zip: ZipReader
        do { zip = try ZipReader(bytes: bytes, limits: options.limits.zip) } catch { throw SpreadsheetReadError(error.message) }
        return try read(zip, options: options)
    }

    static func read(_ zip: ZipReader, options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> ReadWorkbook {
        guard let entry = zip.entry(named: "content.xml") else { throw SpreadsheetReadError("partie absente du classeur ODS : content.xml") }
        if entry.size >= ODSContentHalves.minimumSize, let sheets = try readWhileInflating(zip, entry, options: options) {
            return ReadWorkbook(format: .ods, sheets: sheets)
        }
        let content: [UInt8]
        do { content = try zip.read("content.xml") } catch { throw SpreadsheetReadError(error.message) }
        return ReadWorkbook(format: .ods, sheets: try readContent(content, part: "content.xml", options: options))
    }

    /// A flat ODS (`.fods`): the whole document in one XML file.
    static func readFlat(_ bytes: [UInt8], options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> ReadWorkbook {
        ReadWorkbook(format: .fods, sheets: try readContent(bytes, part: "document.fods", options: options))
    }

    /// The repeat count of a row or cell, at least 1.
    static func repeatCount(_ text: String?) -> Int { text.flatMap(Int.init).map { max($0, 1) } ?? 1 }

    /// The same, read in place from an attribute's bytes (digits only; anything else counts 1).
    static func repeatCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard !bytes.isEmpty, bytes.count <= 18 else { return bytes.isEmpty ? 1 : repeatCount(String(decoding: bytes, as: UTF8.self)) }
        var n = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return repeatCount(String(decoding: bytes, as: UTF8.self)) }
            n = n * 10 + Int(b - 0x30)
        }
        return max(n, 1)
    }

    /// The sheets of a content.xml (or a flat ODS): a big part is cut in two between two sheets and the halves are
    /// read as two jobs (ODSContentHalves.swift); a part that cannot be cut, or whose halves do not both read, is
    /// read whole, which gives the same sheets or the error to report.
    static func readContent(_ bytes: [UInt8], part: String, options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> [ReadSheet] {
        if let halves = ODSContentHalves(bytes) {
            let budget = CellBudget(options.limits.maxCells)
            let results = HalfResults()
            options.jobs.run(2) { i in
                do throws(SpreadsheetReadError) {
                    results.set(i, try readSheets(pieces: i == 0 ? halves.first : halves.second, part: part, options: options, budget: budget,
                                                  namedOnly: true))
                } catch { results.set(i, nil) }
            }
            if let sheets = results.sheets() { return sheets }
        }
        return try readSheets(bytes, part: part, options: options, budget: CellBudget(options.limits.maxCells))
    }

    /// A big content.xml read in two halves while it is inflated: its first half (up to a sheet's end past the middle)
    /// is inflated here, then one job reads it while the other inflates the rest and reads the second half. Nil when
    /// the part is too big to be reserved whole (then read as before).
    static func readWhileInflating(_ zip: ZipReader, _ entry: ZipReader.Entry,
                                   options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> [ReadSheet]? {
        let part = "content.xml"
        func zipped<T>(_ body: () throws(ZipError) -> T) throws(SpreadsheetReadError) -> T {
            do { return try body() } catch { throw SpreadsheetReadError(error.message) }
        }
        guard let inflation = try zipped({ () throws(ZipError) in try ZipEntryInflation(zip, entry: entry) }) else { return nil }
        // Past the middle, then by steps until the sheet that ends after the middle is there.
        var plan: ODSContentHalves.Plan? = nil
        var target = entry.size / 2 + 64 * 1024
        while plan == nil && !inflation.isComplete {
            try zipped { () throws(ZipError) in try inflation.inflate(upTo: target) }
            let total = inflation.size
            plan = inflation.bytes(0..<inflation.count).withMemoryRebound(to: UInt8.self) { ODSContentHalves.Plan(ByteScanner($0), total: total) }
            target += 512 * 1024
        }
        if let plan {
            let budget = CellBudget(options.limits.maxCells)
            let results = HalfResults()
            let failure = Mutex<ZipError?>(nil)
            options.jobs.run(2) { i in
                if i == 0 {
                    do throws(ZipError) { try inflation.inflate(upTo: inflation.size) } catch {
                        failure.withLock { $0 = error }
                        return
                    }
                }
                let pieces = (i == 0 ? plan.second : plan.first).map { piece(inflation, $0) }
                do throws(SpreadsheetReadError) {
                    results.set(i == 0 ? 1 : 0, try readSheets(pieces, part: part, options: options, budget: budget, namedOnly: true))
                } catch { }
            }
            if let error = failure.withLock({ $0 }) { throw SpreadsheetReadError(error.message) }
            if let sheets = results.sheets() { return sheets }
        }
        // No cut, or a half that did not read: the whole part, which gives the same sheets or the error to report.
        try zipped { () throws(ZipError) in try inflation.inflate(upTo: inflation.size) }
        return try readSheets([.memory(inflation.bytes(0..<inflation.size))], part: part, options: options,
                              budget: CellBudget(options.limits.maxCells))
    }

    static func piece(_ inflation: ZipEntryInflation, _ p: ODSContentHalves.Plan.Piece) -> XMLSAXParser.Piece {
        switch p {
        case .part(let r): return .memory(inflation.bytes(r))
        case .text(let t): return .bytes(t[...])
        }
    }

    /// The sheets each half read (nil: that half did not read).
    final class HalfResults: @unchecked Sendable {
        private let lock = NSLock()
        private var halves: [[ReadSheet]?] = [nil, nil]
        func set(_ i: Int, _ sheets: [ReadSheet]?) { lock.lock(); halves[i] = sheets; lock.unlock() }
        func sheets() -> [ReadSheet]? {
            lock.lock(); defer { lock.unlock() }
            guard let a = halves[0], let b = halves[1] else { return nil }
            return a + b
        }
    }

    /// `namedOnly`: a sheet without a name is an error (in a half, its default name would not count the sheets of the
    /// other half).
    static func readSheets(_ bytes: [UInt8], part: String, options: SpreadsheetReadOptions, budget: CellBudget,
                           namedOnly: Bool = false) throws(SpreadsheetReadError) -> [ReadSheet] {
        try readSheets(pieces: [bytes[...]], part: part, options: options, budget: budget, namedOnly: namedOnly)
    }

    /// The same, for a document given in pieces (a half of a content.xml).
    static func readSheets(pieces: [ArraySlice<UInt8>], part: String, options: SpreadsheetReadOptions, budget: CellBudget,
                           namedOnly: Bool = false) throws(SpreadsheetReadError) -> [ReadSheet] {
        try readSheets(pieces.map { .bytes($0) }, part: part, options: options, budget: budget, namedOnly: namedOnly)
    }

    /// The sheets of a document in pieces, read by libxml2's SAX2 parser.
    static func readSheets(_ pieces: [XMLSAXParser.Piece], part: String, options: SpreadsheetReadOptions, budget: CellBudget,
                           namedOnly: Bool = false) throws(SpreadsheetReadError) -> [ReadSheet] {
        let handler = ODSContentHandler(options: options, budget: budget, namedOnly: namedOnly)
        do {
            try XMLSAXParser.parse(pieces, part: part, handler: handler)
        } catch {
            throw SpreadsheetReadError("XML illisible dans \(error.description)")
        }
        if let failure = handler.failure { throw failure }
        return handler.sheets
    }
}
