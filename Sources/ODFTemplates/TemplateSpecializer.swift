// Partial evaluation of a compiled part for a batch of renders that share most of their context (a session's
// thousand certificates share the provider, the course and the dates; only the participant changes). Every hole
// that can only be filled from the shared values is filled once, here, and becomes static text; conditions on them
// are decided once. The result renders the same bytes as the original for every context that holds these shared
// values, and its long static runs can then be compressed once (`chunked`).

import FrenchFormatting
import OfficePackaging

struct TemplateSpecializer {
    /// The values every render shares (the context's top level, without what changes from one render to the next).
    let shared: [String: TemplateValue]
    /// Names a hole may find somewhere else than in `shared`: the top-level keys set per render, and every key of
    /// every nested object (a loop's item may hold one and hide the shared value). Holes starting with one of these
    /// stay holes.
    let varying: Set<String>
    let part: String

    enum Resolution { case known(TemplateValue?), unknown }

    /// The value a path resolves to at render time, when it can only come from `shared` (nil = absent).
    func resolve(_ path: TemplatePath) -> Resolution {
        guard case .keys(let keys) = path, let first = keys.first, !varying.contains(first) else { return .unknown }
        guard var v = shared[first] else { return .known(nil) }
        for k in keys.dropFirst() {
            guard case .object(let inner) = v, let next = inner[k] else { return .known(nil) }
            v = next
        }
        return .known(v)
    }

    func specialize(_ nodes: [ProgramNode]) -> [ProgramNode] {
        var out = StaticMerger()
        for node in nodes {
            switch node {
            case .bytes(let b): out.append(b)
            case .chunk(let c): out.append(c.bytes)
            case .value(let hole):
                // A value that would fail (absent, wrong type) stays a hole, so the render reports it as before.
                if case .known(let v) = resolve(hole.path) {
                    var bytes: [UInt8] = []
                    if (try? Renderer.writeValue(hole, v, part: part, to: &bytes)) != nil {
                        out.append(bytes)
                        continue
                    }
                }
                out.append(node)
            case .cell(let hole):
                if case .known(let v) = resolve(hole.path) {
                    var bytes: [UInt8] = []
                    Renderer.writeCell(hole, v, to: &bytes)
                    out.append(bytes)
                } else {
                    out.append(node)
                }
            case .section(let s):
                switch (s.kind, resolve(s.path)) {
                case (.condition, .known(let v)):
                    if v?.isTruthy == true { out.append(contentsOf: specialize(s.body)) }
                case (.inverted, .known(let v)):
                    if v?.isTruthy != true { out.append(contentsOf: specialize(s.body)) }
                default:
                    var copy = s
                    copy.body = specialize(s.body)
                    out.append(.section(copy))
                }
            case .firstItem:
                out.append(node)
            }
        }
        return out.result
    }

    /// Every key of every object below the top level of `context` (list items, nested objects).
    static func nestedKeys(_ context: TemplateValue) -> Set<String> {
        var keys: Set<String> = []
        func walk(_ v: TemplateValue, top: Bool) {
            switch v {
            case .object(let o):
                if !top { keys.formUnion(o.keys) }
                for child in o.values { walk(child, top: false) }
            case .list(let items):
                for item in items { walk(item, top: false) }
            case .lazyList(let l):
                // Every item has the same shape: the first tells the keys.
                if l.count > 0 { walk(l.item(0), top: false) }
            default: break
            }
        }
        walk(context, top: true)
        return keys
    }

    /// Static runs of at least `minimum` bytes become chunks compressed once.
    static func chunked(_ nodes: [ProgramNode], level: Int32, minimum: Int) -> [ProgramNode] {
        nodes.map { node in
            switch node {
            case .bytes(let b) where b.count >= minimum:
                return .chunk(StaticChunk(bytes: b, deflated: DeflatedSegment(b, level: level)))
            case .section(var s):
                s.body = chunked(s.body, level: level, minimum: minimum)
                return .section(s)
            default:
                return node
            }
        }
    }

    /// Static bytes, holes excluded, at every depth (to size output buffers).
    static func staticSize(_ nodes: [ProgramNode]) -> Int {
        nodes.reduce(0) { sum, node in
            switch node {
            case .bytes(let b): return sum + b.count
            case .chunk(let c): return sum + c.bytes.count
            case .section(let s): return sum + staticSize(s.body)
            case .firstItem(_, let first, _): return sum + first.count
            case .value, .cell: return sum
            }
        }
    }
}

/// Appends program nodes, merging adjacent static bytes into one node.
private struct StaticMerger {
    private var nodes: [ProgramNode] = []
    private var pending: [UInt8] = []

    mutating func append(_ bytes: [UInt8]) { pending.append(contentsOf: bytes) }

    mutating func append(_ node: ProgramNode) {
        flush()
        nodes.append(node)
    }

    mutating func append(contentsOf list: [ProgramNode]) {
        for node in list {
            if case .bytes(let b) = node { append(b) } else { append(node) }
        }
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        nodes.append(.bytes(pending))
        pending = []
    }

    var result: [ProgramNode] {
        mutating get { flush(); return nodes }
    }
}

extension CompiledPart {
    /// This part with every hole that only `shared` can fill filled in (see `TemplateSpecializer`), and static runs
    /// of at least `chunkMinimum` bytes compressed once at `level` for `renderDeflated`.
    func specialized(shared: [String: TemplateValue], varying: Set<String>, level: Int32, chunkMinimum: Int = 256) -> CompiledPart {
        let specializer = TemplateSpecializer(shared: shared, varying: varying, part: name)
        let nodes = TemplateSpecializer.chunked(specializer.specialize(nodes), level: level, minimum: chunkMinimum)
        return CompiledPart(name: name, nodes: nodes, staticSize: TemplateSpecializer.staticSize(nodes))
    }
}
