// Stage 4, the compiled form of a part: static byte chunks and holes. Rendering walks this tree, appending bytes
// and escaped values; it never touches XML. Immutable, so one template can render on several threads at once.

import FrenchFormatting
import OfficePackaging

struct ValueHole: Sendable {
    var path: TemplatePath
    var formatters: [Formatter]
    var source: String
    var context: String
}

struct SectionHole: Sendable {
    enum Kind: Sendable { case loop, condition, inverted }
    var kind: Kind
    var path: TemplatePath
    var source: String
    var context: String
    var body: [ProgramNode]
}

/// A table cell typed `float` / `percentage` whose only content is a value marker: its `office:value-type` and
/// `office:value` attributes come from the raw value (text type when the value is not a number).
struct CellHole: Sendable {
    var valueType: String
    var path: TemplatePath
    var formatters: [Formatter]
}

/// Static text long enough to be worth compressing once (see DeflateSegments.swift): its bytes, and the same bytes
/// deflated on their own for documents rendered straight into a deflate stream.
struct StaticChunk: Sendable {
    var bytes: [UInt8]
    var deflated: DeflatedSegment
}

indirect enum ProgramNode: Sendable {
    case bytes([UInt8])
    case chunk(StaticChunk)
    case value(ValueHole)
    case cell(CellHole)
    case section(SectionHole)
    /// Bytes that differ between the first item of a `|pages` loop and the others (the page-break style).
    case firstItem(loopDepth: Int, first: [UInt8], other: [UInt8])
}

package struct CompiledPart: Sendable {
    var name: String
    var nodes: [ProgramNode]
    /// Size of the static chunks, to size the output buffer.
    var staticSize: Int

    /// The part's bytes when it has no hole at all (rendered once, at load).
    var staticBytes: [UInt8]? {
        if nodes.isEmpty { return [] }
        if nodes.count == 1, case .bytes(let b) = nodes[0] { return b }
        if nodes.count == 1, case .chunk(let c) = nodes[0] { return c.bytes }
        return nil
    }

    /// Renders into one deflate stream as it goes, compressing what a loop has produced each time it passes 256 KB:
    /// a document of a thousand pages never sits whole in memory, and its bytes are compressed while still in the
    /// cache. The same bytes as deflating `render`'s output in one piece.
    func renderStreaming(_ context: TemplateValue, level: Int32) throws(TemplateError) -> DeflatedPart {
        let result = StreamingDeflate.withSink(level: level) { sink -> Result<DeflatedPart, TemplateError> in
            var renderer = Renderer(part: name, root: context)
            renderer.out.reserveCapacity(min(Renderer.streamingFlushSize, staticSize + staticSize / 2 + 256) + 65_536)
            renderer.streaming = sink
            do throws(TemplateError) { try renderer.run(nodes) } catch {
                _ = renderer.streaming?.finish(with: [])     // leaves the pooled stream reset for its next user
                return .failure(error)
            }
            return .success(renderer.streaming!.finish(with: renderer.out))
        }
        return try result.get()
    }

    /// Renders straight into a deflate stream: static chunks are copied already compressed, only what the context
    /// fills in is compressed here. Smaller documents pay for a fraction of the compression work.
    func renderDeflated(_ context: TemplateValue, level: Int32) throws(TemplateError) -> DeflatedPart {
        var renderer = Renderer(part: name, root: context)
        renderer.out.reserveCapacity(4096)
        renderer.deflated = SegmentedDeflate(level: level, capacity: staticSize / 3 + 1024)
        try renderer.run(nodes)
        renderer.flushToDeflated()
        return renderer.deflated!.finish()
    }

    package func render(_ context: TemplateValue) throws(TemplateError) -> [UInt8] {
        var renderer = Renderer(part: name, root: context)
        renderer.out.reserveCapacity(staticSize + staticSize / 2 + 256)
        try renderer.run(nodes)
        return renderer.out
    }
}

struct Renderer {
    struct Frame {
        var value: TemplateValue
        var index: Int
        var count: Int
    }
    let part: String
    /// The rendered bytes; when `deflated` is set, only those since the last static chunk.
    var out: [UInt8] = []
    /// Set when rendering into a deflate stream (`CompiledPart.renderDeflated`).
    var deflated: SegmentedDeflate? = nil
    /// Set when rendering a long document into one deflate stream (`CompiledPart.renderStreaming`).
    var streaming: StreamingDeflate.Sink? = nil
    static let streamingFlushSize = 256 * 1024
    /// Scopes, outermost first; `frames[0]` is the context. Only loops push frames.
    var frames: [Frame]

    /// Loop repetitions a render may make before its output is compared with its data: a template must not turn a
    /// few items into millions of pages (nested loops over the same list). Past `freeIterations`, the repetitions
    /// may not exceed `iterationsPerItem` per list item of the context.
    static let freeIterations = 1_000_000
    static let iterationsPerItem = 64
    /// Bytes held in memory by a render that is not streamed.
    static let maxBufferedBytes = 256 << 20
    var iterations = 0
    var iterationLimit: Int? = nil

    init(part: String, root: TemplateValue) {
        self.part = part
        frames = [Frame(value: root, index: 0, count: 1)]
    }

    mutating func run(_ nodes: [ProgramNode]) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .bytes(let b):
                if streaming != nil { appendStatic(b) } else { out.append(contentsOf: b) }
            case .chunk(let c):
                if deflated != nil {
                    flushToDeflated()
                    deflated?.append(c.deflated)
                } else if streaming != nil {
                    appendStatic(c.bytes)
                } else {
                    out.append(contentsOf: c.bytes)
                }
            case .value(let hole): try writeValue(hole)
            case .cell(let hole): writeCell(hole)
            case .firstItem(let depth, let first, let other):
                out.append(contentsOf: depth < frames.count && frames[depth].index == 0 ? first : other)
            case .section(let s): try runSection(s)
            }
        }
    }

    /// A static run of the template into the streamed document: noted (where it starts) while zlib compresses, then
    /// handed to the repeat encoder as such, after the values rendered before it (RepeatDeflate.swift).
    mutating func appendStatic(_ b: [UInt8]) {
        guard let sink = streaming, b.count >= RepeatDeflate.staticMinimum else { out.append(contentsOf: b); return }
        b.withUnsafeBytes { raw in
            guard let identity = raw.baseAddress else { return }
            if sink.isRepeating {
                if !out.isEmpty { sink.compress(out); out.removeAll(keepingCapacity: true) }
                sink.appendStatic(raw, identity: identity)
            } else {
                sink.noteStatic(identity, offset: out.count)
                out.append(contentsOf: raw)
            }
        }
    }

    /// Moves the bytes rendered since the last static chunk into the deflate stream.
    mutating func flushToDeflated() {
        guard deflated != nil, !out.isEmpty else { return }
        deflated?.append(raw: out)
        out.removeAll(keepingCapacity: true)
    }

    mutating func runSection(_ s: SectionHole) throws(TemplateError) {
        let v = lookup(s.path)
        switch s.kind {
        case .condition:
            if v?.isTruthy == true { try run(s.body) }
        case .inverted:
            if v?.isTruthy != true { try run(s.body) }
        case .loop:
            guard let v else {
                throw TemplateError(.missingValue, marker: s.source, part: part, context: s.context,
                                    message: "aucune donnée « \(s.path) » à parcourir ; vérifiez son nom (perfsociale fields liste les données disponibles)")
            }
            switch v {
            case .list(let items): try runLoop(s, count: items.count) { items[$0] }
            case .lazyList(let items): try runLoop(s, count: items.count, items.item)
            case .object:
                frames.append(Frame(value: v, index: 0, count: 1))
                try run(s.body)
                frames.removeLast()
            default:
                guard v.isTruthy else { return }
                frames.append(Frame(value: frames[frames.count - 1].value, index: 0, count: 1))
                try run(s.body)
                frames.removeLast()
            }
        }
    }

    /// A loop's body once per item (`item(i)` made when the loop reaches it), compressing what it has produced each
    /// time it passes the streaming size.
    mutating func runLoop(_ s: SectionHole, count n: Int, _ item: (Int) -> TemplateValue) throws(TemplateError) {
        for i in 0..<n {
            iterations += 1
            if iterations > Renderer.freeIterations || out.count > Renderer.maxBufferedBytes { try checkGrowth(s) }
            frames.append(Frame(value: item(i), index: i, count: n))
            try run(s.body)
            frames.removeLast()
            if out.count >= Renderer.streamingFlushSize, let sink = streaming {
                sink.compress(out)
                out.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Past a million repetitions: the template's output must stay proportionate to the data (computed once, lazily,
    /// so the common render never walks its context).
    mutating func checkGrowth(_ s: SectionHole) throws(TemplateError) {
        if iterationLimit == nil, iterations > Renderer.freeIterations {
            iterationLimit = Renderer.freeIterations + Renderer.iterationsPerItem * Renderer.listItems(frames[0].value)
        }
        if let limit = iterationLimit, iterations > limit {
            throw TemplateError(.structure, marker: s.source, part: part, context: s.context,
                                message: "le modèle répète ses boucles plus de \(limit) fois pour ces données (boucles imbriquées sur la même liste ?) : limite du moteur")
        }
        if out.count > Renderer.maxBufferedBytes {
            throw TemplateError(.structure, marker: s.source, part: part, context: s.context,
                                message: "le document dépasse \(Renderer.maxBufferedBytes >> 20) Mo : limite du moteur")
        }
    }

    static func listItems(_ v: TemplateValue) -> Int {
        switch v {
        case .list(let items): return items.count + items.reduce(0) { $0 + listItems($1) }
        // Items of one shape: the first one's lists, as many times as there are items.
        case .lazyList(let l): return l.count > 0 ? l.count + l.count * listItems(l.item(0)) : 0
        case .object(let o): return o.values.reduce(0) { $0 + listItems($1) }
        default: return 0
        }
    }

    /// Resolves a path: the first key on the innermost scope that has it, then outer scopes. nil = absent.
    func lookup(_ path: TemplatePath) -> TemplateValue? {
        switch path {
        case .current: return frames[frames.count - 1].value
        case .index: return frames.count > 1 ? .number(Double(frames[frames.count - 1].index + 1)) : nil
        case .first: return frames.count > 1 ? .bool(frames[frames.count - 1].index == 0) : nil
        case .last:
            guard frames.count > 1 else { return nil }
            let f = frames[frames.count - 1]
            return .bool(f.index == f.count - 1)
        case .keys(let keys):
            var i = frames.count - 1
            while i >= 0 {
                if case .object(let o) = frames[i].value, var v = o[keys[0]] {
                    for k in keys.dropFirst() {
                        guard case .object(let inner) = v, let next = inner[k] else { return nil }
                        v = next
                    }
                    return v
                }
                i -= 1
            }
            return nil
        }
    }

    mutating func writeValue(_ hole: ValueHole) throws(TemplateError) {
        try Renderer.writeValue(hole, lookup(hole.path), part: part, to: &out)
    }

    /// A value hole filled with `raw` (nil = absent): formatted, escaped, appended.
    static func writeValue(_ hole: ValueHole, _ raw: TemplateValue?, part: String, to out: inout [UInt8]) throws(TemplateError) {
        var v = raw ?? .null
        do {
            for f in hole.formatters { v = try f.apply(v) }
        } catch {
            throw TemplateError(.badFormatter, marker: hole.source, part: part, context: hole.context, message: error.message)
        }
        if case .null = v {
            throw TemplateError(.missingValue, marker: hole.source, part: part, context: hole.context,
                                message: "aucune donnée « \(hole.path) » ; complétez le classeur, ou prévoyez un texte de remplacement : {\(hole.path)|default:\"—\"}")
        }
        if case .string(let s) = v { ValueText.append(s, to: &out); return }
        do {
            ValueText.append(try Formatter.text(v), to: &out)
        } catch {
            throw TemplateError(.wrongType, marker: hole.source, part: part, context: hole.context, message: error.message)
        }
    }

    mutating func writeCell(_ hole: CellHole) {
        Renderer.writeCell(hole, lookup(hole.path), to: &out)
    }

    /// A typed cell's value attributes for `raw` (nil = absent).
    static func writeCell(_ hole: CellHole, _ raw: TemplateValue?, to out: inout [UInt8]) {
        var number: Double? = nil
        switch raw {
        case .number(let x)?: number = x.isFinite ? x : nil
        case .minutes(let m)?: number = Double(m)
        default: break
        }
        if let number {
            out.append(contentsOf: Array(" office:value-type=\"\(hole.valueType)\" office:value=\"".utf8))
            out.append(contentsOf: Array(XMLWriter.format(number).utf8))
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: Array(" office:value-type=\"string\"".utf8))
        }
    }
}

/// Writing a value inside a paragraph: escaped, newlines as `text:line-break`, tabs as `text:tab`, runs of spaces
/// as `text:s`; characters XML forbids are dropped.
enum ValueText {
    static let lineBreak = Array("<text:line-break/>".utf8)
    static let tab = Array("<text:tab/>".utf8)
    static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)

    static func append(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buf in
            let n = buf.count
            var i = 0
            var run = 0
            while i < n {
                let c = buf[i]
                if c == 0xEF, i + 2 < n, buf[i + 1] == 0xBF, buf[i + 2] == 0xBE || buf[i + 2] == 0xBF {
                    i += 3; continue                   // U+FFFE / U+FFFF: not XML characters
                }
                // Fast path: copy plain bytes up to the next special one.
                if c > 0x20, c != 0x26, c != 0x3C, c != 0x3E {
                    var j = i + 1
                    while j < n {
                        let d = buf[j]
                        if d <= 0x20 || d == 0x26 || d == 0x3C || d == 0x3E || d == 0xEF { break }
                        j += 1
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                    i = j
                    continue
                }
                switch c {
                case 0x20:
                    run = 1
                    var j = i + 1
                    while j < n, buf[j] == 0x20 { run += 1; j += 1 }
                    out.append(0x20)
                    if run == 2 { out.append(contentsOf: Array("<text:s/>".utf8)) }
                    else if run > 2 { out.append(contentsOf: Array("<text:s text:c=\"\(run - 1)\"/>".utf8)) }
                    i = j
                    continue
                case 0x26: out.append(contentsOf: amp)
                case 0x3C: out.append(contentsOf: lt)
                case 0x3E: out.append(contentsOf: gt)
                case 0x0A: out.append(contentsOf: lineBreak)
                case 0x0D:
                    if !(i + 1 < n && buf[i + 1] == 0x0A) { out.append(contentsOf: lineBreak) }
                case 0x09: out.append(contentsOf: tab)
                default: break                          // other C0 controls: not XML characters
                }
                i += 1
            }
        }
    }
}
