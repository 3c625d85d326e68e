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
        if let halves = ODSContentHalves(bytes),
           let sheets = try readHalves(first: { halves.first.map { .bytes($0) } }, second: { halves.second.map { .bytes($0) } },
                                       part: part, options: options) {
            return sheets
        }
        return try readSheets(bytes, part: part, options: options, budget: CellBudget(options.limits.maxCells))
    }

    /// Reads the two halves of a part as two jobs, the second once `prepareSecond` has run in its job (the rest of a
    /// part being inflated: that job is handed out first and waits for nothing). Nil when a half does not read (the
    /// part is then read whole, which gives the same sheets or the error to report); an error of `prepareSecond` is
    /// the reading's.
    static func readHalves(first: @escaping @Sendable () -> [XMLSAXParser.Piece], second: @escaping @Sendable () -> [XMLSAXParser.Piece],
                           prepareSecond: @escaping @Sendable () throws(ZipError) -> Void = {}, part: String,
                           options: SpreadsheetReadOptions) throws(SpreadsheetReadError) -> [ReadSheet]? {
        let budget = CellBudget(options.limits.maxCells)
        let read = Mutex<(first: [ReadSheet]?, second: [ReadSheet]?, failure: ZipError?)>((nil, nil, nil))
        options.jobs.run(2) { i in
            if i == 0 {
                do throws(ZipError) { try prepareSecond() } catch {
                    read.withLock { $0.failure = error }
                    return
                }
            }
            let sheets = try? readSheets(i == 0 ? second() : first(), part: part, options: options, budget: budget, namedOnly: true)
            read.withLock { if i == 0 { $0.second = sheets } else { $0.first = sheets } }
        }
        let (a, b, failure) = read.withLock { $0 }
        if let failure { throw SpreadsheetReadError(failure.message) }
        guard let a, let b else { return nil }
        return a + b
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
        if let plan,
           let sheets = try readHalves(first: { plan.first.map { piece(inflation, $0) } }, second: { plan.second.map { piece(inflation, $0) } },
                                       prepareSecond: { () throws(ZipError) in try inflation.inflate(upTo: inflation.size) },
                                       part: part, options: options) {
            return sheets
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
