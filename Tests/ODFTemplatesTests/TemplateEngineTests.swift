import Foundation
import Testing
@testable import FrenchFormatting
@testable import OfficePackaging
@testable import ODFTemplates
import TestSupport

private typealias T = TemplateTestSupport

@Suite("Template engine: markers")
struct TemplateMarkerTests {
    @Test func valueAndNestedPath() throws {
        let out = try T.body("<text:p>Bonjour {name}, de {org.name}.</text:p>", ["name": "Léa", "org": ["name": "Panier & Co"]])
        #expect(out == "<text:p>Bonjour Léa, de Panier &amp; Co.</text:p>")
    }

    @Test func markerSplitAcrossSpansStillWorks() throws {
        // LibreOffice: half of the marker in bold, autocorrect span in the middle.
        let body = #"<text:p>Nom : {<text:span text:style-name="T1">partic</text:span>ipant.<text:span text:style-name="T2">name</text:span>} !</text:p>"#
        let out = try T.body(body, ["participant": ["name": "Aïcha"]])
        #expect(out == #"<text:p>Nom : <text:span text:style-name="T1">Aïcha</text:span>ipant.<text:span text:style-name="T2"></text:span> !</text:p>"#
                || !out.contains("{"))
        #expect(out.contains("Aïcha"))
        #expect(!out.contains("partic") && !out.contains("ipant") && !out.contains("}"))
    }

    @Test func markerStartingInsideSpanKeepsThatSpanStyle() throws {
        let out = try T.body(#"<text:p>A <text:span text:style-name="B">{x</text:span>} Z</text:p>"#, ["x": "1"])
        #expect(out == #"<text:p>A <text:span text:style-name="B">1</text:span> Z</text:p>"#)
    }

    @Test func literalBracesAreText() throws {
        let out = try T.body("<text:p>{ } et {\"json\": 1} restent</text:p>", [:])
        #expect(out.contains("{ } et {\"json\": 1} restent"))
    }

    @Test func valuesEscapeAndKeepLineBreaksTabsAndSpaces() throws {
        let out = try T.body("<text:p>{v}</text:p>", ["v": "a<b>&c\nd\te   f\u{1}g"])
        #expect(out == "<text:p>a&lt;b&gt;&amp;c<text:line-break/>d<text:tab/>e <text:s text:c=\"2\"/>fg</text:p>")
        let two = try T.body("<text:p>{v}</text:p>", ["v": "a  b\r\nc"])
        #expect(two == "<text:p>a <text:s/>b<text:line-break/>c</text:p>")
    }

    @Test func defaultTextsOfValueTypes() throws {
        let ctx: TemplateValue = ["n": 1234.5, "b": true, "d": .date(LocalDate(year: 2026, month: 3, day: 9)),
                                  "m": .minutes(835), "l": ["a", "b"]]
        let out = try T.body("<text:p>{n}|{b}|{d}|{m}|{l}</text:p>", ctx)
        #expect(out == "<text:p>1\u{202F}234,5|oui|9 mars 2026|13\u{A0}h\u{A0}55|a, b</text:p>")
    }

    @Test func currentItemIndexFirstLast() throws {
        let out = try T.body("<text:p>{#l}{@index}:{.}{?@first}(premier){/@first}{^@last}, {/@last}{/l}</text:p>", ["l": ["x", "y", "z"]])
        #expect(out == "<text:p>1:x(premier), 2:y, 3:z</text:p>")
    }

    @Test func pathsResolveOnItemThenOuterScopes() throws {
        let ctx: TemplateValue = ["org": "Panier", "name": "dehors", "items": [["name": "a"], ["other": 1]]]
        let out = try T.body("<text:p>{#items}{name}/{org};{/items}</text:p>", ctx)
        #expect(out == "<text:p>a/Panier;dehors/Panier;</text:p>")
    }

    @Test func conditionsAndInvertedConditions() throws {
        let body = "<text:p>{?on}oui{/on}{^on}non{/}</text:p>"
        #expect(try T.body(body, ["on": true]) == "<text:p>oui</text:p>")
        #expect(try T.body(body, ["on": false]) == "<text:p>non</text:p>")
        #expect(try T.body(body, [:]) == "<text:p>non</text:p>")
        #expect(try T.body(body, ["on": ""]) == "<text:p>non</text:p>")
        #expect(try T.body(body, ["on": []]) == "<text:p>non</text:p>")
        #expect(try T.body(body, ["on": .null]) == "<text:p>non</text:p>")
        #expect(try T.body(body, ["on": 0]) == "<text:p>oui</text:p>")
    }

    @Test func loopOverObjectRunsOnceWithItsScope() throws {
        #expect(try T.body("<text:p>{#o}{a}{/o}</text:p>", ["o": ["a": "x"]]) == "<text:p>x</text:p>")
    }

    /// A combined document's pages: a lazy list renders what the same list would, each item made when reached.
    @Test func lazyListRendersLikeTheListMakingOneItemAtATime() throws {
        final class Made: @unchecked Sendable { var count = 0 }
        let made = Made()
        let names = ["Léa", "Rémi", "Zoé"]
        let lazy = TemplateValue.lazyList(LazyItems(count: 3) { i in
            made.count += 1
            return ["name": .string(names[i])]
        })
        let eager: TemplateValue = .list(names.map { ["name": .string($0)] })
        let body = "<text:p>{#l}{@index}:{name}{?@last}.{/@last}{^@last}, {/@last}{/l}{?l} (plein){/l}</text:p>"
        #expect(try T.body(body, ["l": lazy]) == "<text:p>1:Léa, 2:Rémi, 3:Zoé. (plein)</text:p>")
        #expect(made.count == 3)
        #expect(try T.body(body, ["l": lazy]) == (try T.body(body, ["l": eager])))
        let empty = TemplateValue.lazyList(LazyItems(count: 0) { _ in .null })
        #expect(try T.body("<text:p>{?l}plein{/l}{^l}vide{/l}</text:p>", ["l": empty]) == "<text:p>vide</text:p>")
    }
}

@Suite("Template engine: formatters")
struct TemplateFormatterTests {
    let d = TemplateValue.date(LocalDate(year: 2026, month: 3, day: 9))

    func one(_ marker: String, _ value: TemplateValue) throws -> String {
        let out = try T.body("<text:p>\(marker)</text:p>", ["v": value])
        return String(out.dropFirst("<text:p>".count).dropLast("</text:p>".count))
    }

    @Test func dates() throws {
        #expect(try one("{v|date}", d) == "9 mars 2026")
        #expect(try one("{v|shortdate}", d) == "09/03/2026")
        #expect(try one("{v|date}", "2026-03-01") == "1er mars 2026")
    }

    @Test func numbersAndPercents() throws {
        #expect(try one("{v|number}", 1234.5) == "1\u{202F}234,5")
        #expect(try one("{v|number:1}", 1234.54) == "1\u{202F}234,5")
        #expect(try one("{v|number:0}", 52000) == "52\u{202F}000")
        #expect(try one("{v|percent}", 0.85) == "85\u{202F}%")
        #expect(try one("{v|percent:1}", 0.8333) == "83,3\u{202F}%")
    }

    @Test func durations() throws {
        #expect(try one("{v|duration}", .minutes(835)) == "13\u{A0}h\u{A0}55")
        #expect(try one("{v|duration}", 45) == "0\u{A0}h\u{A0}45")
    }

    @Test func caseJoinDefaultAndChains() throws {
        #expect(try one("{v|upper}", "Léa") == "LÉA")
        #expect(try one("{v|lower}", "LÉA") == "léa")
        #expect(try one("{v|join}", ["a", "b"]) == "a, b")
        #expect(try one("{v|join:\" / \"}", ["a", "b"]) == "a / b")
        #expect(try one("{v|default:\"—\"}", .null) == "—")
        #expect(try one("{absent|default:\"—\"}", 1) == "—")
        #expect(try one("{v|upper|default:\"—\"}", .null) == "—")
        #expect(try one("{v|upper|default:\"—\"}", "x") == "X")
        #expect(try one("{v|default:\"—\"}", "") == "—")
        // LibreOffice's autocorrect turns the quotes into « » with no-break spaces, or “ ”.
        #expect(try one("{v|default:«\u{A0}—\u{A0}»}", .null) == "—")
        #expect(try one("{v|default:“n/a”}", .null) == "n/a")
        #expect(try one("{ v | number:1 }", 2) == "2,0")
    }

    @Test func formatterOnWrongValueIsAnError() {
        let e = T.renderError("<text:p>{v|date}</text:p>", ["v": 3])
        #expect(e?.kind == .badFormatter)
        #expect(e?.marker == "{v|date}")
    }
}

@Suite("Template engine: structure")
struct TemplateStructureTests {
    @Test func loopInTableRowRepeatsTheRow() throws {
        let body = """
        <table:table table:name="T"><table:table-column/><table:table-column/>\
        <table:table-row><table:table-cell><text:p>Nom</text:p></table:table-cell><table:table-cell><text:p>Rôle</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell><text:p>{#people}{name}</text:p></table:table-cell><table:table-cell><text:p>{role}{/people}</text:p></table:table-cell></table:table-row>\
        </table:table>
        """
        let out = try T.body(body, ["people": [["name": "A", "role": "r1"], ["name": "B", "role": "r2"]]])
        #expect(out.components(separatedBy: "<table:table-row>").count - 1 == 3)
        #expect(out.contains("<table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell><text:p>r1</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>B</text:p></table:table-cell><table:table-cell><text:p>r2</text:p></table:table-cell></table:table-row>"))
        let empty = try T.body(body, ["people": []])
        #expect(empty.components(separatedBy: "<table:table-row>").count - 1 == 1)
    }

    @Test func markersAloneInParagraphsRepeatEverythingBetweenWithoutStrayParagraphs() throws {
        let body = """
        <text:p>avant</text:p><text:p>{#items}</text:p><text:h text:outline-level="2">{title}</text:h>\
        <table:table><table:table-column/><table:table-row><table:table-cell><text:p>{title}</text:p></table:table-cell></table:table-row></table:table>\
        <text:p> {/items} </text:p><text:p>après</text:p>
        """
        let out = try T.body(body, ["items": [["title": "Un"], ["title": "Deux"]]])
        #expect(out == """
        <text:p>avant</text:p><text:h text:outline-level="2">Un</text:h>\
        <table:table><table:table-column/><table:table-row><table:table-cell><text:p>Un</text:p></table:table-cell></table:table-row></table:table>\
        <text:h text:outline-level="2">Deux</text:h>\
        <table:table><table:table-column/><table:table-row><table:table-cell><text:p>Deux</text:p></table:table-cell></table:table-row></table:table>\
        <text:p>après</text:p>
        """)
    }

    @Test func conditionHidesParagraphsWithoutLeavingAnEmptyOne() throws {
        let body = "<text:p>a</text:p><text:p>{?show}</text:p><text:p>caché ?</text:p><text:p>{/show}</text:p><text:p>b</text:p>"
        #expect(try T.body(body, ["show": false]) == "<text:p>a</text:p><text:p>b</text:p>")
        #expect(try T.body(body, ["show": true]) == "<text:p>a</text:p><text:p>caché ?</text:p><text:p>b</text:p>")
    }

    @Test func sectionFillingAListItemRepeatsTheListItem() throws {
        let body = #"<text:list text:style-name="L1"><text:list-item><text:p>{#l}{.}{/l}</text:p></text:list-item></text:list>"#
        let out = try T.body(body, ["l": ["a", "b"]])
        #expect(out == #"<text:list text:style-name="L1"><text:list-item><text:p>a</text:p></text:list-item><text:list-item><text:p>b</text:p></text:list-item></text:list>"#)
    }

    @Test func inlineLoopInsideListItemWithOtherTextStaysInline() throws {
        let body = #"<text:list><text:list-item><text:p>Objectifs : {#l}{.}{^@last}, {/@last}{/l}</text:p></text:list-item></text:list>"#
        #expect(try T.body(body, ["l": ["a", "b"]]) == #"<text:list><text:list-item><text:p>Objectifs : a, b</text:p></text:list-item></text:list>"#)
    }

    @Test func nestedLoopsBuildNestedLists() throws {
        let body = """
        <text:list><text:list-item><text:p>{#axes}{title}</text:p>\
        <text:list><text:list-item><text:p>{#objectives}{id} {statement}{/objectives}</text:p></text:list-item></text:list>\
        <text:p>{/axes}</text:p></text:list-item></text:list>
        """
        let ctx: TemplateValue = ["axes": [["title": "A1", "objectives": [["id": "O1", "statement": "s1"], ["id": "O2", "statement": "s2"]]],
                                           ["title": "A2", "objectives": [["id": "O3", "statement": "s3"]]]]]
        let out = try T.body(body, ctx)
        #expect(out == """
        <text:list><text:list-item><text:p>A1</text:p>\
        <text:list><text:list-item><text:p>O1 s1</text:p></text:list-item><text:list-item><text:p>O2 s2</text:p></text:list-item></text:list>\
        </text:list-item>\
        <text:list-item><text:p>A2</text:p>\
        <text:list><text:list-item><text:p>O3 s3</text:p></text:list-item></text:list>\
        </text:list-item></text:list>
        """)
    }

    @Test func markersAloneInTheirRowsRepeatTheRowsBetween() throws {
        let body = """
        <table:table><table:table-column table:number-columns-repeated="2"/>\
        <table:table-header-rows><table:table-row><table:table-cell><text:p>Code</text:p></table:table-cell><table:table-cell><text:p>Nom</text:p></table:table-cell></table:table-row></table:table-header-rows>\
        <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>{#groups}</text:p></table:table-cell><table:covered-table-cell/></table:table-row>\
        <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Groupe {title}</text:p></table:table-cell><table:covered-table-cell/></table:table-row>\
        <table:table-row><table:table-cell><text:p>{#rows}{code}</text:p></table:table-cell><table:table-cell><text:p>{name}{/rows}</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell><text:p>{/groups}</text:p></table:table-cell><table:table-cell><text:p/></table:table-cell></table:table-row>\
        </table:table>
        """
        let ctx: TemplateValue = ["groups": [["title": "G1", "rows": [["code": "a", "name": "A"], ["code": "b", "name": "B"]]],
                                             ["title": "G2", "rows": [["code": "c", "name": "C"]]]]]
        let out = try T.body(body, ctx)
        #expect(out.components(separatedBy: "<table:table-row>").count - 1 == 1 + 2 + 3)
        #expect(!out.contains("{") && !out.contains("groups"))
        let order = ["Groupe G1", ">a<", ">b<", "Groupe G2", ">c<"].map { out.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test func pagesLoopBreaksBeforeEveryItemButTheFirst() throws {
        let styles = #"<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"><style:text-properties fo:font-weight="bold"/></style:style>"#
        let body = #"<text:p>{#people|pages}</text:p><text:p text:style-name="P1">{name}</text:p><text:p>fin de page</text:p><text:p>{/people}</text:p>"#
        let t = try T.template(body, automaticStyles: styles)
        let xml = String(decoding: try t.renderContent(["people": [["name": "A"], ["name": "B"], ["name": "C"]]]), as: UTF8.self)
        let out = T.officeText(xml)
        #expect(out == #"<text:p text:style-name="P1">A</text:p><text:p>fin de page</text:p><text:p text:style-name="PSPageBreak1">B</text:p><text:p>fin de page</text:p><text:p text:style-name="PSPageBreak1">C</text:p><text:p>fin de page</text:p>"#)
        let autos = T.automaticStyles(xml)
        #expect(autos.contains(#"<style:style style:name="PSPageBreak1" style:family="paragraph" style:parent-style-name="Title"><style:paragraph-properties fo:break-before="page"/><style:text-properties fo:font-weight="bold"/></style:style>"#))
        // A paragraph without style derives a new automatic style from the default one.
        let t2 = try T.template(#"<text:p>{#l|pages}</text:p><text:p>{.}</text:p><text:p>{/l}</text:p>"#)
        let xml2 = String(decoding: try t2.renderContent(["l": ["x", "y"]]), as: UTF8.self)
        #expect(T.officeText(xml2) == #"<text:p>x</text:p><text:p text:style-name="PSPageBreak1">y</text:p>"#)
        #expect(T.automaticStyles(xml2).contains(#"<style:style style:name="PSPageBreak1" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>"#))
        // Common style: derived, not copied.
        let t3 = try T.template(#"<text:p>{#l|pages}</text:p><text:p text:style-name="Heading_20_1">{.}</text:p><text:p>{/l}</text:p>"#)
        let xml3 = String(decoding: try t3.renderContent(["l": ["x", "y"]]), as: UTF8.self)
        #expect(T.automaticStyles(xml3).contains(#"style:parent-style-name="Heading_20_1"><style:paragraph-properties fo:break-before="page"/>"#))
    }

    @Test func numericCellsCarryTheirValue() throws {
        let body = """
        <table:table><table:table-column/><table:table-row>\
        <table:table-cell office:value-type="float" office:value="0"><text:p>{n|number:1}</text:p></table:table-cell>\
        <table:table-cell office:value-type="percentage" office:value="0"><text:p>{p|percent}</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="0"><text:p>{missing|default:"à établir"}</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="0"><text:p>total {n}</text:p></table:table-cell>\
        </table:table-row></table:table>
        """
        let out = try T.body(body, ["n": 1234.5, "p": 0.85])
        #expect(out.contains(#"<table:table-cell office:value-type="float" office:value="1234.5"><text:p>1\#u{202F}234,5</text:p>"#))
        #expect(out.contains(#"<table:table-cell office:value-type="percentage" office:value="0.85"><text:p>85\#u{202F}%</text:p>"#))
        #expect(out.contains(#"<table:table-cell office:value-type="string"><text:p>à établir</text:p>"#))
        // Not a lone marker: the template's attributes stay.
        #expect(out.contains(#"<table:table-cell office:value-type="float" office:value="0"><text:p>total 1\#u{202F}234,5</text:p>"#))
    }

    @Test func headersAndFootersInStylesAreFilled() throws {
        let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles \(T.namespaces) office:version="1.3"><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">\
        <style:header><text:p>{provider.name}</text:p></style:header></style:master-page></office:master-styles></office:document-styles>
        """
        let t = try T.template("<text:p>x</text:p>", styles: styles)
        let out = String(decoding: try t.renderStyles(["provider": ["name": "Cap Utilité"]])!, as: UTF8.self)
        #expect(out.contains("<style:header><text:p>Cap Utilité</text:p></style:header>"))
    }

    @Test func commentsAndTrackedChangesAreLeftAlone() throws {
        let body = """
        <text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>{#old}</text:p></text:deletion></text:changed-region></text:tracked-changes>\
        <text:p>{?on}<office:annotation><text:p>{à revoir}</text:p></office:annotation></text:p><text:p>oui</text:p><text:p>{/on}</text:p>
        """
        #expect(try T.body(body, ["on": true]).hasSuffix("<text:p>oui</text:p>"))
        #expect(!(try T.body(body, ["on": false])).contains("oui"))
    }

    @Test func repeatedContentDropsItsXMLIds() throws {
        let body = #"<text:p>{#l}</text:p><text:list xml:id="list1"><text:list-item><text:p>{.}</text:p></text:list-item></text:list><text:p>{/l}</text:p><text:list text:continue-list="list1"><text:list-item><text:p>z</text:p></text:list-item></text:list>"#
        let out = try T.body(body, ["l": ["a", "b"]])
        #expect(!out.contains("xml:id") && !out.contains("continue-list"))
    }

    @Test func renderingIsDeterministicAndReusable() throws {
        let t = try T.template("<text:p>{#l}{.}{/l}</text:p>")
        let a = try t.render(["l": ["x"]])
        let b = try t.render(["l": ["x"]])
        #expect(a == b)
        let c = try t.renderContent(["l": ["y", "z"]])
        #expect(String(decoding: c, as: UTF8.self).contains("<text:p>yz</text:p>"))
    }
}

@Suite("Template engine: errors")
struct TemplateErrorTests {
    @Test func unclosedLoop() throws {
        let e = try #require(T.loadError("<text:p>{#people}</text:p><text:p>{name}</text:p>"))
        #expect(e.kind == .unclosedSection)
        #expect(e.marker == "{#people}")
        #expect(e.part == "content.xml")
        #expect(e.description.contains("{/people}"))
    }

    @Test func closeWithoutOpenAndMismatchedClose() throws {
        #expect(T.loadError("<text:p>{/people}</text:p>")?.kind == .unexpectedClose)
        let e = try #require(T.loadError("<text:p>{#a}{#b}{/a}{/b}</text:p>"))
        #expect(e.kind == .unexpectedClose)
        #expect(e.marker == "{/a}")
    }

    @Test func unknownFormatterSuggestsTheNearestOne() throws {
        let e = try #require(T.loadError("<text:p>Le {d|dat} prochain</text:p>"))
        #expect(e.kind == .unknownFormatter)
        #expect(e.marker == "{d|dat}")
        #expect(e.context.contains("Le {d|dat} prochain"))
        #expect(e.message.contains("« date »"))
    }

    @Test func badFormatterArguments() {
        #expect(T.loadError("<text:p>{n|number:x}</text:p>")?.kind == .badFormatter)
        #expect(T.loadError("<text:p>{n|upper:x}</text:p>")?.kind == .badFormatter)
        #expect(T.loadError("<text:p>{#l|date}{/l}</text:p>")?.kind == .badFormatter)
        #expect(T.loadError("<text:p>{n|pages}</text:p>")?.kind == .badFormatter)
    }

    @Test func unclosedBraceAndBadPath() {
        #expect(T.loadError("<text:p>{name</text:p>")?.kind == .syntax)
        #expect(T.loadError("<text:p>{na me}</text:p>")?.kind == .syntax)
        #expect(T.loadError("<text:p>{#}{/}</text:p>")?.kind == .syntax)
    }

    @Test func loopClosedInAnotherRow() throws {
        let body = """
        <table:table><table:table-column/><table:table-row><table:table-cell><text:p>{#l} {a}</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell><text:p>{b} {/l}</text:p></table:table-cell></table:table-row></table:table>
        """
        let e = try #require(T.loadError(body))
        #expect(e.kind == .structure)
        #expect(e.marker == "{#l}")
        #expect(e.message.contains("lignes"))
    }

    @Test func loopClosedInsideAnotherTable() throws {
        let body = "<text:p>{#l}</text:p><table:table><table:table-column/><table:table-row><table:table-cell><text:p>{/l}</text:p></table:table-cell><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>"
        let e = try #require(T.loadError(body))
        #expect(e.kind == .structure)
    }

    @Test func markerNotAloneAcrossParagraphs() throws {
        let e = try #require(T.loadError("<text:p>Liste : {#l}</text:p><text:p>{.}</text:p><text:p>{/l}</text:p>"))
        #expect(e.kind == .structure)
        #expect(e.message.contains("seul dans son paragraphe"))
    }

    @Test func errorsAreCollectedTogether() throws {
        let e = try #require(T.loadError("<text:p>{a|nope}</text:p><text:p>{b|zut}</text:p><text:p>{/c}</text:p>"))
        #expect(e.all.count == 2)   // lexing errors first; pairing runs once the markers read
        #expect(e.description.split(separator: "\n").count == 2)
    }

    @Test func missingValueNamesTheMarkerAndPart() throws {
        let e = try #require(T.renderError("<text:p>Bonjour {person.name} !</text:p>", ["person": [:]]))
        #expect(e.kind == .missingValue)
        #expect(e.marker == "{person.name}")
        #expect(e.part == "content.xml")
        #expect(e.context == "Bonjour {person.name} !")
        #expect(e.description.contains("default"))
        #expect(T.renderError("<text:p>{x}</text:p>", ["x": .null])?.kind == .missingValue)
        #expect(T.renderError("<text:p>{#absent}{/absent}</text:p>", [:])?.kind == .missingValue)
    }

    @Test func objectWhereTextIsExpected() {
        #expect(T.renderError("<text:p>{o}</text:p>", ["o": ["a": 1]])?.kind == .wrongType)
    }

    @Test func indexOutsideLoop() {
        #expect(T.loadError("<text:p>{@index}</text:p>")?.kind == .structure)
    }

    @Test func malformedPartsAndPackages() throws {
        #expect(T.loadError("<text:p>oops</text:span>")?.kind == .package)
        do { _ = try DocumentTemplate.load(odt: [1, 2, 3], name: "x.odt"); Issue.record("expected an error") } catch {
            #expect(error.kind == .package)
        }
        do { _ = try DocumentTemplate.load(folder: "/nonexistent", name: "objectives"); Issue.record("expected an error") } catch {
            #expect(error.kind == .package)
        }
    }
}

@Suite("Template engine: errors stop before anything is written")
struct TemplateErrorOutputTests {
    @Test func errorInAFooterNamesStylesXML() throws {
        let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles \(T.namespaces) office:version="1.3"><office:master-styles><style:master-page style:name="S" style:page-layout-name="p">\
        <style:footer><text:p>page {#oops}</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>
        """
        do { _ = try T.template("<text:p>{a|nope}</text:p>", styles: styles); Issue.record("expected an error") } catch {
            #expect(error.all.map(\.part) == ["content.xml", "styles.xml"])
            #expect(error.all.map(\.kind) == [.unknownFormatter, .unclosedSection])
            #expect(error.description.contains("styles.xml : marqueur {#oops}"))
        }
    }

    /// The way a generator writes: render first, write only the bytes it got. An error leaves no file behind.
    @Test func aRenderErrorLeavesNoFile() throws {
        let dir = TemplateTestSupport.temporaryDirectory("noop")
        defer { TemplateTestSupport.cleanUp(dir) }
        let t = try T.template("<text:p>{#people}{name}{/people}</text:p><text:p>{missing}</text:p>")
        let path = dir + "/out.odt"
        do {
            let bytes = try t.render(["people": [["name": "A"]]])
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            Issue.record("expected an error")
        } catch let e as TemplateError {
            #expect(e.kind == .missingValue && e.marker == "{missing}")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func everyErrorKindHasAFrenchMessageWithMarkerAndContext() {
        let cases: [(String, TemplateValue, TemplateError.Kind)] = [
            ("<text:p>Avant {#l} après</text:p>", [:], .unclosedSection),
            ("<text:p>Avant {/l} après</text:p>", [:], .unexpectedClose),
            ("<text:p>Avant {x|dat} après</text:p>", [:], .unknownFormatter),
            ("<text:p>Avant {x|number:z} après</text:p>", [:], .badFormatter),
            ("<text:p>Avant {x après</text:p>", [:], .syntax),
            ("<text:p>Avant {x} après</text:p>", [:], .missingValue),
            ("<text:p>Avant {x} après</text:p>", ["x": ["a": 1]], .wrongType),
            ("<text:p>Avant {#l}</text:p><table:table><table:table-row><table:table-cell><text:p>{/l}</text:p></table:table-cell><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row></table:table>", [:], .structure),
        ]
        for (body, ctx, kind) in cases {
            let e = T.loadError(body) ?? T.renderError(body, ctx)
            #expect(e?.kind == kind, "\(body)")
            #expect(e?.part == "content.xml")
            #expect(e?.marker.hasPrefix("{") == true)
            #expect(e?.context.contains("Avant") == true, "\(body): \(e?.context ?? "")")
            #expect((e?.message.count ?? 0) > 20)
        }
    }
}

@Suite("Template engine: package")
struct TemplatePackageTests {
    @Test func extraPartsAreAddedAndListed() throws {
        let t = try T.template(#"<text:p>{?logo}<draw:frame draw:name="logo" text:anchor-type="as-char" svg:width="1cm" svg:height="1cm"><draw:image xlink:href="Pictures/logo.png"/></draw:frame>{/logo}</text:p>"#)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]
        let odt = try t.render(["logo": true], extraParts: ["Pictures/logo.png": png, "content.xml": [1]])
        let zip = try ZipReader(bytes: odt)
        #expect(zip.entries.map(\.name) == ["mimetype", "META-INF/manifest.xml", "content.xml", "Pictures/logo.png"])
        #expect(try zip.read("Pictures/logo.png") == png)
        // Deflated like every part: a "picture" that is in fact megabytes of zeros must not be copied as is.
        #expect(zip.entries.first { $0.name == "Pictures/logo.png" }?.isStored == false)
        let manifest = String(decoding: try zip.read("META-INF/manifest.xml"), as: UTF8.self)
        #expect(manifest.contains(#"manifest:full-path="Pictures/logo.png" manifest:media-type="image/png""#))
        #expect(String(decoding: try zip.read("content.xml"), as: UTF8.self).contains("Pictures/logo.png"))
        let plain = try ZipReader(bytes: try t.render(["logo": false]))
        #expect(!String(decoding: try plain.read("META-INF/manifest.xml"), as: UTF8.self).contains("Pictures"))
    }

    @Test func mimetypeFirstAndStored() throws {
        let zip = try ZipReader(bytes: try T.template("<text:p>x</text:p>").render([:]))
        #expect(zip.entries.first?.name == "mimetype" && zip.entries.first?.isStored == true)
        #expect(String(decoding: try zip.read("mimetype"), as: UTF8.self) == "application/vnd.oasis.opendocument.text")
    }
}
