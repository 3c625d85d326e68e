import CLibXML2
import FrenchFormatting
import OfficePackaging

// Compiles one XML part (content.xml or styles.xml) of a template, once, at load:
//   1. lex    — join each paragraph's text across spans, find `{…}` markers, lex them, and replace each by one
//               marker node (in the span where it starts), however LibreOffice split it;
//   2. parse  — pair section markers (`{#x}`, `{?x}`, `{^x}` with `{/x}`), outermost first;
//   3. expand — find the structure each section covers (inline run, table row, list item, or the blocks between
//               two marker paragraphs/rows) and mark it with begin/end sentinels, removing marker paragraphs;
//   4. compile — serialise the tree into static byte chunks and holes (`ProgramNode`).
// Rendering then never touches XML.

package final class PartCompiler {
    struct MarkerInfo {
        var marker: Marker
        var context: String
        var node: NodePtr
    }
    struct Section {
        var open: Int       // marker ids
        var close: Int
        var begin: NodePtr? = nil
        var end: NodePtr? = nil
        var loopDepth = 0
    }

    let part: String
    let document: XMLDocument
    var doc: xmlDocPtr { document.doc }
    var errors: [TemplateError] = []
    var markers: [MarkerInfo] = []
    var markerOf: [NodePtr: Int] = [:]
    var sections: [Section] = []
    /// Sentinel node → (section index, is begin).
    var sentinelOf: [NodePtr: (Int, Bool)] = [:]
    /// Element → the `|pages` switch for its style attribute: (section, attribute as written, original value, new value).
    var pageBreakTargets: [NodePtr: (section: Int, attribute: String, original: String?, replacement: String)] = [:]
    /// `xml:id` values inside repeated content: dropped (they must stay unique), with references to them.
    var repeatedIDs: Set<String> = []

    /// What one template may ask of us (a template is untrusted input: it may come from the internet).
    enum Limits {
        /// Bytes of one XML part: a LibreOffice content.xml of fifty pages is about 1 MB; 8 MB of empty paragraphs
        /// already make a million XML nodes.
        static let partSize = 8 << 20
        /// Loops inside loops: the shipped templates use two; twelve nested loops over a few items is an explosion.
        static let loopNesting = 6
        /// Sections (loops and conditions) inside one another.
        static let sectionNesting = 32
    }

    /// The root element each part must have (a template whose content.xml is `<html>` makes invalid documents).
    static let expectedRoots = ["content.xml": "office:document-content", "styles.xml": "office:document-styles"]

    let options: TemplateLoadOptions

    package init(bytes: [UInt8], part: String, options: TemplateLoadOptions = TemplateLoadOptions()) throws(TemplateError) {
        self.part = part
        self.options = options
        guard bytes.count <= Limits.partSize else {
            throw TemplateError(.package, part: part, message: "partie de \(bytes.count / 1_000_000) Mo, au-delà de la limite de \(Limits.partSize >> 20) Mo par partie XML")
        }
        do {
            document = try XMLDocument(bytes: bytes, part: part)
        } catch {
            throw TemplateError(.package, part: part, message: "XML mal formé, ligne \(error.line) : \(error.message)")
        }
    }

    package func compile() throws(TemplateError) -> CompiledPart {
        guard let root = document.root else { throw TemplateError(.package, part: part, message: "partie vide") }
        if let expected = PartCompiler.expectedRoots[part] {
            let uri = root.pointee.ns?.pointee.href.map { String(cString: $0) }
            if ODFMarkup.name(root) != expected {
                throw TemplateError(.package, part: part, message: "l'élément racine est <\(ShortText.cut(ODFMarkup.name(root), 60))>, "
                                    + "<\(expected)> attendu : ce n'est pas un document texte OpenDocument")
            }
            if uri != ODFMarkup.officeNS {
                throw TemplateError(.package, part: part, message: "l'espace de noms de <\(expected)> est « \(ShortText.cut(uri ?? "", 80)) », "
                                    + "« \(ODFMarkup.officeNS) » attendu : ce n'est pas un document OpenDocument")
            }
        }
        findParagraphs(in: root)
        try throwIfErrors()
        pairSections(root)
        try throwIfErrors()
        for i in sections.indices { expand(i) }
        try throwIfErrors()
        preparePageBreaks()
        collectRepeatedIDs(root)
        var emitter = Emitter(compiler: self)
        emitter.emitDocument(root)
        try throwIfErrors()
        return emitter.finish()
    }

    func throwIfErrors() throws(TemplateError) {
        guard var first = errors.first else { return }
        first.others = Array(errors.dropFirst())
        throw first
    }

    func error(_ kind: TemplateError.Kind, _ m: MarkerInfo, _ message: String) {
        errors.append(TemplateError(kind, marker: m.marker.source, part: part, context: m.context, message: message))
    }

    // MARK: 1. lex

    func findParagraphs(in node: NodePtr) {
        for child in ODFMarkup.children(node) where ODFMarkup.isElement(child) {
            switch ODFMarkup.role(child) {
            case .paragraph: lexParagraph(child)
            case .skip: continue
            default: findParagraphs(in: child)
            }
        }
    }

    private struct Segment { var node: NodePtr; var start: Int; var count: Int }

    func lexParagraph(_ p: NodePtr) {
        var scalars: [Unicode.Scalar] = []
        var barrier: [Bool] = []
        var segments: [Segment] = []
        var nested: [NodePtr] = []
        func walk(_ n: NodePtr) {
            for child in ODFMarkup.children(n) {
                if ODFMarkup.isText(child) {
                    let s = Array(ODFMarkup.text(child).unicodeScalars)
                    segments.append(Segment(node: child, start: scalars.count, count: s.count))
                    scalars.append(contentsOf: s)
                    barrier.append(contentsOf: repeatElement(false, count: s.count))
                } else if ODFMarkup.isElement(child) {
                    switch ODFMarkup.role(child) {
                    case .inline: walk(child)
                    case .ignorable: continue
                    case .skip:
                        scalars.append(" "); barrier.append(true)
                    default:
                        // A tab, a field, a frame…: stands for one character no marker may span; paragraphs inside
                        // (text boxes, notes) are searched on their own.
                        scalars.append(ODFMarkup.name(child) == "text:s" ? " " : "\u{FFFC}"); barrier.append(true)
                        nested.append(child)
                    }
                }
            }
        }
        walk(p)
        if scalars.contains("{") {
            switch MarkerScanner.scan(scalars, barrier: { barrier[$0] }) {
            case .failure(.unclosed(let start)):
                let text = contextText(scalars, around: start)
                errors.append(TemplateError(.syntax, marker: String(String.UnicodeScalarView(scalars[start..<min(scalars.count, start + 30)])),
                                            part: part, context: text,
                                            message: "accolade ouvrante sans accolade fermante dans le même paragraphe (un marqueur ne peut pas contenir de tabulation ni de retour à la ligne)"))
            case .success(let found):
                for f in found.reversed() {
                    let context = contextText(scalars, around: f.start)
                    do {
                        let m = try MarkerLexer.lex(f.text)
                        insertMarker(f, segments: segments, info: MarkerInfo(marker: m, context: context, node: p))
                    } catch {
                        var e = error
                        e.part = part; e.context = context
                        errors.append(e)
                    }
                }
            }
        }
        for n in nested {
            if ODFMarkup.role(n) == .paragraph { lexParagraph(n) } else { findParagraphs(in: n) }
        }
    }

    func contextText(_ scalars: [Unicode.Scalar], around index: Int) -> String {
        var view = String.UnicodeScalarView()
        let lo = max(0, index - 50), hi = min(scalars.count, index + 60)
        for s in scalars[lo..<hi] { view.append(s == "\u{FFFC}" ? " " : s) }
        var t = String(view).trimmingCharacters(in: .whitespacesAndNewlines)
        if lo > 0 { t = "…" + t }
        if hi < scalars.count { t += "…" }
        return t
    }

    private func insertMarker(_ f: MarkerScanner.Found, segments: [Segment], info: MarkerInfo) {
        let covered = segments.filter { $0.count > 0 && $0.start < f.end && $0.start + $0.count > f.start }
        guard let first = covered.first, let last = covered.last else { return }
        let node = xmlNewDocNode(doc, nil, "perfsociale-marker", nil)!
        var info = info
        info.node = node
        markerOf[node] = markers.count
        markers.append(info)

        let firstScalars = Array(ODFMarkup.text(first.node).unicodeScalars)
        let a = f.start - first.start
        let prefix = String(String.UnicodeScalarView(firstScalars[..<min(a, firstScalars.count)]))
        if first.node == last.node {
            let b = f.end - first.start
            let suffix = String(String.UnicodeScalarView(firstScalars[min(b, firstScalars.count)...]))
            xmlNodeSetContent(first.node, prefix)
            xmlAddNextSibling(first.node, node)
            if !suffix.isEmpty { xmlAddNextSibling(node, xmlNewDocText(doc, suffix)) }
        } else {
            xmlNodeSetContent(first.node, prefix)
            xmlAddNextSibling(first.node, node)
            for mid in covered.dropFirst().dropLast() { xmlNodeSetContent(mid.node, "") }
            let lastScalars = Array(ODFMarkup.text(last.node).unicodeScalars)
            let b = f.end - last.start
            xmlNodeSetContent(last.node, String(String.UnicodeScalarView(lastScalars[min(b, lastScalars.count)...])))
        }
    }

    // MARK: 2. parse

    /// Marker ids in document order.
    func markersInOrder(_ node: NodePtr) -> [Int] {
        var out: [Int] = []
        func walk(_ n: NodePtr) {
            for c in ODFMarkup.children(n) where ODFMarkup.isElement(c) {
                if let id = markerOf[c] { out.append(id) } else { walk(c) }
            }
        }
        walk(node)
        return out
    }

    func pairSections(_ root: NodePtr) {
        var stack: [Int] = []
        var found: [Section] = []
        for id in markersInOrder(root) {
            let m = markers[id]
            if m.marker.isOpening {
                stack.append(id)
            } else if m.marker.kind == .close {
                guard let top = stack.last else {
                    error(.unexpectedClose, m, "cette fermeture ne correspond à aucune boucle ni condition ouverte avant elle")
                    continue
                }
                let open = markers[top]
                if let p = m.marker.path, p != open.marker.path {
                    error(.unexpectedClose, m, "ferme « \(p) » alors que la section ouverte est \(open.marker.source) ; fermez d'abord {/\(open.marker.path!)}")
                    // Recover when the name matches a section further out: the inner ones are unclosed.
                    if let k = stack.lastIndex(where: { markers[$0].marker.path == p }) {
                        for u in stack[(k + 1)...] { error(.unclosedSection, markers[u], "section ouverte mais jamais fermée : ajoutez {/\(markers[u].marker.path!)}") }
                        found.append(Section(open: stack[k], close: id))
                        stack.removeSubrange(k...)
                    }
                    continue
                }
                found.append(Section(open: top, close: id))
                stack.removeLast()
            }
        }
        for u in stack { error(.unclosedSection, markers[u], "section ouverte mais jamais fermée : ajoutez {/\(markers[u].marker.path!)} là où elle doit finir") }
        // Outermost first: an inner section's sentinels then land inside the outer one's.
        let position = Dictionary(uniqueKeysWithValues: markersInOrder(root).enumerated().map { ($1, $0) })
        sections = found.sorted { position[$0.open]! < position[$1.open]! }
    }

    // MARK: 3. expand

    func parent(_ n: NodePtr) -> NodePtr? {
        guard let p = n.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return p
    }

    func ancestors(_ n: NodePtr) -> [NodePtr] {
        var out: [NodePtr] = []
        var c = parent(n)
        while let x = c { out.append(x); c = parent(x) }
        return out
    }

    func paragraph(of n: NodePtr) -> NodePtr? { ancestors(n).first { ODFMarkup.role($0) == .paragraph } }

    func commonAncestor(_ a: NodePtr, _ b: NodePtr) -> NodePtr? {
        let chain = [a] + ancestors(a)
        let set = Set(chain)
        if set.contains(b) { return b }
        return ancestors(b).first { set.contains($0) }
    }

    /// The items of a paragraph: text, markers, other elements (in order, through inline wrappers).
    enum Item { case text(String), marker(NodePtr), element }
    func items(_ p: NodePtr) -> [Item] {
        var out: [Item] = []
        func walk(_ n: NodePtr) {
            for c in ODFMarkup.children(n) {
                if ODFMarkup.isText(c) { out.append(.text(ODFMarkup.text(c))) }
                else if ODFMarkup.isElement(c) {
                    if markerOf[c] != nil || sentinelOf[c] != nil { out.append(.marker(c)); continue }
                    switch ODFMarkup.role(c) {
                    case .inline: walk(c)
                    case .ignorable, .skip: continue
                    default: out.append(ODFMarkup.name(c) == "text:s" ? .text(" ") : .element)
                    }
                }
            }
        }
        walk(p)
        return out
    }

    /// True when the paragraph holds nothing but the marker (and white space).
    func isAlone(_ marker: NodePtr, in p: NodePtr) -> Bool {
        var seen = false
        for item in items(p) {
            switch item {
            case .text(let t): if !ODFMarkup.isBlank(t) { return false }
            case .marker(let m): if m == marker { seen = true } else { return false }
            case .element: return false
            }
        }
        return seen
    }

    /// True when the element has no text and no content other than empty paragraphs (an empty table cell).
    func isEmpty(_ n: NodePtr) -> Bool {
        for c in ODFMarkup.children(n) {
            if ODFMarkup.isText(c) { if !ODFMarkup.isBlank(ODFMarkup.text(c)) { return false }; continue }
            guard ODFMarkup.isElement(c) else { continue }
            if markerOf[c] != nil || sentinelOf[c] != nil { return false }
            switch ODFMarkup.role(c) {
            case .paragraph, .inline, .list, .listItem, .tableCell: if !isEmpty(c) { return false }
            case .ignorable, .skip: continue
            default: return false
            }
        }
        return true
    }

    /// `container` has `child` and otherwise only white space or empty siblings.
    func holdsOnly(_ container: NodePtr, _ child: NodePtr) -> Bool {
        for c in ODFMarkup.children(container) where c != child {
            if ODFMarkup.isText(c) { if !ODFMarkup.isBlank(ODFMarkup.text(c)) { return false }; continue }
            guard ODFMarkup.isElement(c) else { continue }
            if ODFMarkup.role(c) == .ignorable || ODFMarkup.role(c) == .skip { continue }
            if ODFMarkup.role(c) == .tableCell, isEmpty(c) { continue }
            if ODFMarkup.role(c) == .paragraph, isEmpty(c) { continue }
            return false
        }
        return true
    }

    /// The block a lone marker paragraph stands for, climbing while it is alone in its list item, list, table
    /// cell or table row (so a marker alone in its row stands for the row), never above `limit`.
    func markerUnit(_ p: NodePtr, below limit: NodePtr) -> NodePtr {
        var u = p
        while let up = parent(u), up != limit {
            switch ODFMarkup.role(up) {
            case .listItem, .list, .tableCell, .tableRow:
                guard holdsOnly(up, u) else { return u }
                u = up
            default: return u
            }
        }
        return u
    }

    func newSentinel(_ section: Int, begin: Bool) -> NodePtr {
        let n = xmlNewDocNode(doc, nil, begin ? "perfsociale-begin" : "perfsociale-end", nil)!
        sentinelOf[n] = (section, begin)
        if begin { sections[section].begin = n } else { sections[section].end = n }
        return n
    }

    func remove(_ n: NodePtr) {
        markerOf[n] = nil
        xmlUnlinkNode(n)
        xmlFreeNode(n)
    }

    /// Removes a section marker from a repeated row or list item; a paragraph holding only the marker goes too,
    /// unless it is the last paragraph of its cell or list item (which must keep one).
    func removeMarker(_ m: NodePtr) {
        if let p = paragraph(of: m), isAlone(m, in: p), let up = parent(p),
           ODFMarkup.children(up).contains(where: { $0 != p && ODFMarkup.isElement($0) && ODFMarkup.role($0) != .ignorable }) {
            markerOf[m] = nil
            xmlUnlinkNode(p); xmlFreeNode(p)
            return
        }
        remove(m)
    }

    /// Moves `n` up until its parent is `limit`, splitting each wrapper it leaves (a span becomes two spans).
    func lift(_ n: NodePtr, to limit: NodePtr) {
        while let p = parent(n), p != limit {
            if n.pointee.next != nil {
                let copy = xmlCopyNode(p, 2)!        // same element and attributes, no children
                while let sib = n.pointee.next {
                    xmlUnlinkNode(sib)
                    xmlAddChild(copy, sib)
                }
                xmlAddNextSibling(p, copy)
            }
            xmlUnlinkNode(n)
            xmlAddNextSibling(p, n)
            if p.pointee.children == nil { xmlUnlinkNode(p); xmlFreeNode(p) }
        }
    }

    func expand(_ index: Int) {
        let openInfo = markers[sections[index].open], closeInfo = markers[sections[index].close]
        let o = openInfo.node, c = closeInfo.node
        guard let po = paragraph(of: o), let pc = paragraph(of: c) else { return }

        func wrap(_ block: NodePtr) {
            xmlAddPrevSibling(block, newSentinel(index, begin: true))
            xmlAddNextSibling(block, newSentinel(index, begin: false))
            removeMarker(o); removeMarker(c)
        }

        if po == pc {
            // A section making up a whole list item repeats (or hides) the list item.
            if let li = parent(po), ODFMarkup.role(li) == .listItem, holdsOnly(li, po), coversWholeParagraph(po, o, c) {
                wrap(li)
                return
            }
            // Otherwise: inline, the content between the two markers.
            guard let l = commonAncestor(o, c) else { return }
            lift(o, to: l); lift(c, to: l)
            markerOf[o] = nil; markerOf[c] = nil
            sentinelOf[o] = (index, true); sentinelOf[c] = (index, false)
            sections[index].begin = o; sections[index].end = c
            return
        }

        guard let l = commonAncestor(po, pc) else { return }
        switch ODFMarkup.role(l) {
        case .tableRow, .listItem:
            // Both markers in one row (different cells), or in one list item: repeat that row / list item.
            wrap(l)
            return
        default: break
        }
        let name = openInfo.marker.path.map { "\($0)" } ?? ""
        let uo = markerUnit(po, below: l), uc = markerUnit(pc, below: l)
        let crossesRows = (ancestors(po) + ancestors(pc)).contains { a in
            ODFMarkup.role(a) == .tableRow && !ancestors(l).contains(a) && a != l
        }
        guard parent(uo) == l, parent(uc) == l else {
            let m = crossesRows
                ? "la section s'ouvre et se ferme dans des lignes ou des tableaux différents : mettez \(openInfo.marker.source) et \(closeInfo.marker.source) dans deux cellules d'une même ligne (la ligne est répétée), ou chacun seul dans sa propre ligne (les lignes entre les deux sont répétées)"
                : "la section s'ouvre et se ferme dans des blocs différents (tableau, liste, cadre, en-tête) : placez \(openInfo.marker.source) et {/\(name)} au même niveau"
            error(.structure, openInfo, m)
            return
        }
        guard isAlone(o, in: po) else {
            error(.structure, openInfo, crossesRows
                  ? "pour répéter des lignes, \(openInfo.marker.source) doit être seul dans sa ligne ; sinon mettez ouverture et fermeture dans la même ligne"
                  : "\(openInfo.marker.source) doit être seul dans son paragraphe quand la section se ferme dans un autre paragraphe (ou bien ouvrez et fermez dans le même paragraphe)")
            return
        }
        guard isAlone(c, in: pc) else {
            error(.structure, closeInfo, crossesRows
                  ? "pour répéter des lignes, \(closeInfo.marker.source) doit être seul dans sa ligne ; sinon mettez ouverture et fermeture dans la même ligne"
                  : "\(closeInfo.marker.source) doit être seul dans son paragraphe, puisque la section s'ouvre dans un autre paragraphe")
            return
        }
        // Everything between the two marker blocks; the marker blocks themselves go.
        xmlAddPrevSibling(uo, newSentinel(index, begin: true))
        xmlAddNextSibling(uc, newSentinel(index, begin: false))
        markerOf[o] = nil; markerOf[c] = nil
        xmlUnlinkNode(uo); xmlFreeNode(uo)
        xmlUnlinkNode(uc); xmlFreeNode(uc)
    }

    /// The paragraph holds only the section: nothing but white space before its opening and after its closing.
    func coversWholeParagraph(_ p: NodePtr, _ o: NodePtr, _ c: NodePtr) -> Bool {
        var state = 0   // 0 before open, 1 inside, 2 after close
        for item in items(p) {
            switch item {
            case .marker(let m):
                if m == o { state = 1 } else if m == c { state = 2 } else if state != 1 { return false }
            case .text(let t): if state != 1 && !ODFMarkup.isBlank(t) { return false }
            case .element: if state != 1 { return false }
            }
        }
        return state == 2
    }

    // MARK: page breaks for `|pages` loops

    func preparePageBreaks() {
        for (i, s) in sections.enumerated() where markers[s.open].marker.pages {
            guard let begin = s.begin, let end = s.end else { continue }
            guard let target = firstBlock(from: begin, to: end) else {
                error(.structure, markers[s.open], "« |pages » met un saut de page avant chaque élément sauf le premier : la boucle doit contenir un paragraphe, un tableau ou une ligne de tableau")
                continue
            }
            let name = ODFMarkup.name(target)
            let carrier = ODFMarkup.pageBreakCarriers[name]!
            let attributeName = carrier.styleAttribute
            var written = attributeName
            var original: String? = nil
            var a = target.pointee.properties
            while let attr = a {
                if ODFMarkup.attributeName(attr) == attributeName { written = ODFMarkup.writtenName(attr); original = ODFMarkup.attributeValue(attr) }
                a = attr.pointee.next
            }
            if original == nil, let ns = target.pointee.ns, let p = ns.pointee.prefix {
                written = String(cString: p) + ":" + (attributeName.split(separator: ":").last.map(String.init) ?? "style-name")
            }
            let replacement = pageBreakStyle(original: original, family: carrier.family, properties: carrier.properties)
            pageBreakTargets[target] = (i, written, original, replacement)
        }
    }

    /// The first paragraph, heading, table or table row of a section's body, not inside a nested section.
    func firstBlock(from begin: NodePtr, to end: NodePtr) -> NodePtr? {
        var depth = 0
        func search(_ n: NodePtr) -> NodePtr? {
            if let (_, isBegin) = sentinelOf[n] { depth += isBegin ? 1 : -1; return nil }
            guard ODFMarkup.isElement(n) else { return nil }
            if depth == 0, ODFMarkup.pageBreakCarriers[ODFMarkup.name(n)] != nil { return n }
            for c in ODFMarkup.children(n) { if let f = search(c) { return f } }
            return nil
        }
        var n = begin.pointee.next
        while let x = n, x != end {
            if let f = search(x) { return f }
            n = x.pointee.next
        }
        return nil
    }

    var breakStyles: [String: String] = [:]

    /// An automatic style like `original` (or deriving from the common style `original`) with a page break before.
    func pageBreakStyle(original: String?, family: String, properties: String) -> String {
        let key = family + "\u{0}" + (original ?? "")
        if let s = breakStyles[key] { return s }
        guard let root = document.root else { return original ?? "" }
        // Without room for the style (namespaces that cannot be declared), the page keeps its own style.
        guard let styleNS = namespace(ODFMarkup.styleNS, prefix: "style", on: root),
              let foNS = namespace(ODFMarkup.foNS, prefix: "fo", on: root),
              let autos = automaticStyles(root) else { return original ?? "" }
        var existing = Set<String>()
        var copyFrom: NodePtr? = nil
        for s in ODFMarkup.children(autos) where ODFMarkup.isElement(s) {
            guard let n = ODFMarkup.attribute(s, "style:name") else { continue }
            existing.insert(n)
            if n == original, ODFMarkup.attribute(s, "style:family") == family { copyFrom = s }
        }
        var k = breakStyles.count + 1
        var name = "PSPageBreak\(k)"
        while existing.contains(name) { k += 1; name = "PSPageBreak\(k)" }
        let style: NodePtr
        if let copyFrom {
            style = xmlCopyNode(copyFrom, 1)
            xmlSetNsProp(style, styleNS, "name", name)
        } else {
            style = xmlNewDocNode(doc, styleNS, "style", nil)
            xmlNewNsProp(style, styleNS, "name", name)
            xmlNewNsProp(style, styleNS, "family", family)
            if let original { xmlNewNsProp(style, styleNS, "parent-style-name", original) }
        }
        var props = ODFMarkup.children(style).first { ODFMarkup.name($0) == "style:" + properties }
        if props == nil {
            guard let p = xmlNewDocNode(doc, styleNS, properties, nil) else { return original ?? "" }
            if let firstChild = style.pointee.children { xmlAddPrevSibling(firstChild, p) } else { xmlAddChild(style, p) }
            props = p
        }
        xmlSetNsProp(props!, foNS, "break-before", "page")
        xmlAddChild(autos, style)
        breakStyles[key] = name
        return name
    }

    /// The namespace `uri` as declared on `root`, declared there when missing. Its usual prefix may already name
    /// another namespace (a damaged or hand-written part): a numbered one is tried then; nil when none is free.
    func namespace(_ uri: String, prefix: String, on root: NodePtr) -> xmlNsPtr? {
        if let ns = xmlSearchNsByHref(doc, root, uri) { return ns }
        if let ns = xmlNewNs(root, uri, prefix) { return ns }
        for k in 1...8 { if let ns = xmlNewNs(root, uri, prefix + "\(k)") { return ns } }
        return nil
    }

    /// `office:automatic-styles`, created before the body / master styles when the part has none.
    func automaticStyles(_ root: NodePtr) -> NodePtr? {
        if let a = ODFMarkup.children(root).first(where: { ODFMarkup.name($0) == "office:automatic-styles" }) { return a }
        guard let office = namespace(ODFMarkup.officeNS, prefix: "office", on: root),
              let a = xmlNewDocNode(doc, office, "automatic-styles", nil) else { return nil }
        if let anchor = ODFMarkup.children(root).first(where: { ["office:body", "office:master-styles"].contains(ODFMarkup.name($0)) }) {
            xmlAddPrevSibling(anchor, a)
        } else {
            xmlAddChild(root, a)
        }
        return a
    }

    // MARK: ids in repeated content

    func collectRepeatedIDs(_ root: NodePtr) {
        var loops = 0
        func walk(_ n: NodePtr) {
            for c in ODFMarkup.children(n) where ODFMarkup.isElement(c) {
                if let (s, isBegin) = sentinelOf[c] {
                    if markers[sections[s].open].marker.kind == .loop { loops += isBegin ? 1 : -1 }
                    continue
                }
                if loops > 0, let id = ODFMarkup.attribute(c, "xml:id") { repeatedIDs.insert(id) }
                walk(c)
            }
        }
        walk(root)
    }
}

// MARK: 4. compile

/// Serialises the prepared tree into a program: static bytes, with holes where values, cells and sections go.
struct Emitter {
    let compiler: PartCompiler
    var stack: [[ProgramNode]] = [[]]
    var sectionStack: [Int] = []
    var loopDepth = 0
    var buffer: [UInt8] = []
    var staticSize = 0
    var namespaceScope: [String: String] = [:]
    /// Depth of `text:p` / `text:h` elements: white space outside them has no meaning in ODF.
    var paragraphDepth = 0
    /// The picture of the `draw:frame` being written (its `draw:image` takes the picture's part name).
    var framePicture: TemplatePicture? = nil

    init(compiler: PartCompiler) { self.compiler = compiler }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        staticSize += buffer.count
        stack[stack.count - 1].append(.bytes(buffer))
        buffer = []
    }

    mutating func hole(_ node: ProgramNode) {
        flush()
        stack[stack.count - 1].append(node)
    }

    mutating func raw(_ s: String) { buffer.append(contentsOf: s.utf8) }

    mutating func emitDocument(_ root: NodePtr) {
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        emit(root)
    }

    mutating func finish() -> CompiledPart {
        flush()
        return CompiledPart(name: compiler.part, nodes: stack[0], staticSize: staticSize)
    }

    mutating func emit(_ n: NodePtr) {
        switch n.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            let text = ODFMarkup.text(n)
            if compiler.options.compactWhitespace, paragraphDepth == 0, ODFMarkup.isBlank(text) { return }
            escape(text, attribute: false)
        case XML_ELEMENT_NODE:
            emitElement(n)
        default:
            break   // comments, processing instructions: dropped
        }
    }

    mutating func emitElement(_ n: NodePtr) {
        if let id = compiler.markerOf[n] {
            emitValue(compiler.markers[id])
            return
        }
        if let (s, isBegin) = compiler.sentinelOf[n] {
            if isBegin { openSection(s) } else { closeSection(s) }
            return
        }
        let qname = ODFMarkup.name(n)
        if ODFMarkup.dropped.contains(qname) { return }
        let written = ODFMarkup.writtenName(n)
        raw("<" + written)
        // Namespace declarations, minus those an ancestor already makes (copied nodes carry their own).
        var ns = n.pointee.nsDef
        let savedScope = namespaceScope
        while let d = ns {
            ns = d.pointee.next
            let prefix = d.pointee.prefix.map { String(cString: $0) } ?? ""
            let href = d.pointee.href.map { String(cString: $0) } ?? ""
            if namespaceScope[prefix] == href { continue }
            namespaceScope[prefix] = href
            raw(" xmlns")
            if !prefix.isEmpty { raw(":" + prefix) }
            raw("=\"")
            escape(href, attribute: true)
            raw("\"")
        }
        defer { namespaceScope = savedScope }
        let numericCell = qname == "table:table-cell" ? numericCellHole(n) : nil
        let pageBreak = compiler.pageBreakTargets[n]
        // A picture frame named in the options takes the picture's size, and its image the picture's part.
        let savedFrame = framePicture
        defer { framePicture = savedFrame }
        var replaced: [String: String] = [:]
        if qname == "draw:frame" {
            framePicture = ODFMarkup.attribute(n, "draw:name").flatMap { compiler.options.pictureFrames[$0] }
            if let picture = framePicture { replaced = ["svg:width": picture.width, "svg:height": picture.height] }
        } else if qname == "draw:image", let picture = framePicture {
            replaced = ["xlink:href": picture.part]
        }
        let isParagraph = qname == "text:p" || qname == "text:h"
        if isParagraph { paragraphDepth += 1 }
        defer { if isParagraph { paragraphDepth -= 1 } }
        var a = n.pointee.properties
        while let attr = a {
            a = attr.pointee.next
            let name = ODFMarkup.attributeName(attr)
            let value = replaced.removeValue(forKey: name) ?? ODFMarkup.attributeValue(attr)
            if numericCell != nil, name == "office:value-type" || name == "office:value" || name == "calcext:value-type" { continue }
            if let pb = pageBreak, name == ODFMarkup.pageBreakCarriers[qname]?.styleAttribute { _ = pb; continue }
            if name == "xml:id", compiler.repeatedIDs.contains(value) { continue }
            if name == "text:continue-list", compiler.repeatedIDs.contains(value) { continue }
            if value.contains("{") { reportMarkers(inAttribute: name, of: qname, value: value) }
            raw(" " + ODFMarkup.writtenName(attr) + "=\"")
            escape(value, attribute: true)
            raw("\"")
        }
        for (name, value) in replaced.sorted(by: { $0.key < $1.key }) {
            raw(" " + name + "=\"")
            escape(value, attribute: true)
            raw("\"")
        }
        if let cell = numericCell { hole(.cell(cell)) }
        if let pb = pageBreak {
            var first: [UInt8] = []
            if let o = pb.original { first = Array(" \(pb.attribute)=\"\(XMLWriter.escapeAttribute(o))\"".utf8) }
            let other = Array(" \(pb.attribute)=\"\(XMLWriter.escapeAttribute(pb.replacement))\"".utf8)
            hole(.firstItem(loopDepth: compiler.sections[pb.section].loopDepth, first: first, other: other))
        }
        guard n.pointee.children != nil else { raw("/>"); return }
        raw(">")
        var c = n.pointee.children
        while let child = c { emit(child); c = child.pointee.next }
        raw("</" + written + ">")
    }

    /// The engine fills text, not attributes: a marker typed in an attribute (a link, a picture's name) would stay
    /// as written in every document, so it is reported.
    func reportMarkers(inAttribute name: String, of element: String, value: String) {
        let scalars = Array(value.unicodeScalars)
        guard case .success(let found) = MarkerScanner.scan(scalars, barrier: { _ in false }) else { return }
        for f in found where (try? MarkerLexer.lex(f.text)) != nil {
            compiler.errors.append(TemplateError(.structure, marker: ShortText.cut(f.text, 60), part: compiler.part,
                                                 context: ShortText.cut(value, 60),
                                                 message: "marqueur dans l'attribut \(name) de <\(element)> : seul le texte des paragraphes est rempli ; écrivez le marqueur dans le texte"))
        }
    }

    mutating func openSection(_ s: Int) {
        flush()
        let m = compiler.markers[compiler.sections[s].open].marker
        if m.kind == .loop { loopDepth += 1; compiler.sections[s].loopDepth = loopDepth }
        if m.kind == .loop, loopDepth == PartCompiler.Limits.loopNesting + 1 {
            compiler.error(.structure, compiler.markers[compiler.sections[s].open],
                           "plus de \(PartCompiler.Limits.loopNesting) boucles imbriquées (limite du moteur)")
        } else if sectionStack.count == PartCompiler.Limits.sectionNesting {
            compiler.error(.structure, compiler.markers[compiler.sections[s].open],
                           "plus de \(PartCompiler.Limits.sectionNesting) sections imbriquées (limite du moteur)")
        }
        sectionStack.append(s)
        stack.append([])
    }

    mutating func closeSection(_ s: Int) {
        flush()
        guard sectionStack.last == s else {
            let info = compiler.markers[compiler.sections[s].open]
            compiler.error(.structure, info, "cette section chevauche une autre section : fermez d'abord la section ouverte en dernier")
            return
        }
        sectionStack.removeLast()
        let body = stack.removeLast()
        let info = compiler.markers[compiler.sections[s].open]
        let m = info.marker
        let kind: SectionHole.Kind
        switch m.kind {
        case .loop: kind = .loop; loopDepth -= 1
        case .inverted: kind = .inverted
        default: kind = .condition
        }
        stack[stack.count - 1].append(.section(SectionHole(kind: kind, path: m.path!, source: m.source, context: info.context, body: body)))
    }

    mutating func emitValue(_ info: PartCompiler.MarkerInfo) {
        let m = info.marker
        guard m.kind == .value, let path = m.path else { return }
        switch path {
        case .index, .first, .last:
            if loopDepth == 0 {
                compiler.error(.structure, info, "« \(path) » n'a de sens qu'à l'intérieur d'une boucle {#…}")
                return
            }
        default: break
        }
        hole(.value(ValueHole(path: path, formatters: m.formatters, source: m.source, context: info.context)))
    }

    /// A cell typed float/percentage whose content is exactly one value marker.
    func numericCellHole(_ cell: NodePtr) -> CellHole? {
        guard let type = ODFMarkup.attribute(cell, "office:value-type"), ODFMarkup.numericCellTypes.contains(type) else { return nil }
        var found: PartCompiler.MarkerInfo? = nil
        var ok = true
        func walk(_ n: NodePtr) {
            for c in ODFMarkup.children(n) where ok {
                if ODFMarkup.isText(c) { if !ODFMarkup.isBlank(ODFMarkup.text(c)) { ok = false }; continue }
                guard ODFMarkup.isElement(c) else { continue }
                if let id = compiler.markerOf[c] {
                    if found != nil || compiler.markers[id].marker.kind != .value { ok = false } else { found = compiler.markers[id] }
                    continue
                }
                if compiler.sentinelOf[c] != nil { ok = false; continue }
                switch ODFMarkup.role(c) {
                case .paragraph, .inline: walk(c)
                case .ignorable: continue
                default: ok = false
                }
            }
        }
        walk(cell)
        guard ok, let m = found, let path = m.marker.path else { return nil }
        return CellHole(valueType: type, path: path, formatters: m.marker.formatters)
    }

    mutating func escape(_ s: String, attribute: Bool) {
        XMLEscape.scan(s, attribute: attribute) { buffer.append(contentsOf: $0) }
    }
}
