// libFuzzer target: the template compiler and renderer. The input is a content.xml; it is compiled, then rendered
// with a small context holding values, a list and flags (what a user's template can reach).
import ODFTemplates

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let template = try? DocumentTemplate(name: "fuzz", parts: [("content.xml", bytes, nil)]) else { return 0 }
    let item: TemplateValue = .object(["name": .string("Léa {x} <b>&"), "n": .number(3.5), "ok": .bool(true)])
    let context: TemplateValue = .object([
        "a": .string("valeur\tavec  espaces\n"), "n": .number(1234.5), "flag": .bool(true), "none": .null,
        "items": .list([item, item, item]),
        // The same items made one at a time, as the combined documents' pages are.
        "pages": .lazyList(LazyItems(count: 3) { _ in item }),
        "nested": .object(["items": .list([item]), "title": .string("T")]),
    ])
    _ = try? template.render(context)
    return 0
}
