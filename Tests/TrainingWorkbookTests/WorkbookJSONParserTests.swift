import Foundation
import Testing
@testable import FrenchFormatting
@testable import TrainingWorkbook
import TestSupport

@Suite("Workbook · JSONParser")
struct WorkbookJSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    /// The syntax error of `text`, or a failure when it parses.
    func syntaxError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            Issue.record("analysé sans erreur : \(text)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    func syntaxError(bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("analysé sans erreur", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func scalarsArraysAndObjectsKeepOrder() throws {
        let v = try parse(#" { "z": [1, true, false, null, "x"], "a": {}, "m": [] } "#)
        guard case .object(let members) = v else { Issue.record("objet attendu"); return }
        #expect(members.map(\.key) == ["z", "a", "m"])
        #expect(members[0].value == .array([.number(1), .bool(true), .bool(false), .null, .string("x")]))
        #expect(members[1].value == .object([]))
        #expect(members[2].value == .array([]))
        #expect(v["a"] == .object([]))
        #expect(v["nope"] == nil)
    }

    @Test func duplicateKeysAreKept() throws {
        guard case .object(let members) = try parse(#"{"a": 1, "a": 2}"#) else { Issue.record("objet attendu"); return }
        #expect(members.count == 2)
    }

    @Test func memberPositionsAreLinesAndScalarColumns() throws {
        let v = try parse("{\n  \"é\": 1, \"b\":\n    2,\n\t\"c\": 3}")
        guard case .object(let members) = v else { Issue.record("objet attendu"); return }
        #expect(members.map(\.position) == [JSONPosition(line: 2, column: 3), JSONPosition(line: 2, column: 11),
                                             JSONPosition(line: 4, column: 2)])
    }

    @Test func escapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try parse(#""caf\u00e9 \u00C9""#) == .string("café É"))
        #expect(try parse(#""\ud83d\ude00!""#) == .string("😀!"))
        #expect(try parse(#""é\n😀""#) == .string("é\n😀"))
        #expect(try parse("\"Léa N'Diaye « ok »\"") == .string("Léa N'Diaye « ok »"))
    }

    @Test func badEscapesAreRejected() {
        #expect(syntaxError(#""\ud83d""#)?.message.contains("surrogate") == true)
        #expect(syntaxError(#""\ud83dx""#)?.message.contains("surrogate") == true)
        #expect(syntaxError(#""\ude00""#)?.message.contains("isolé") == true)
        #expect(syntaxError(#""\ud83d\u0041""#)?.message.contains("surrogate") == true)
        #expect(syntaxError(#""\u12G4""#)?.message.contains("4 chiffres hexadécimaux") == true)
        #expect(syntaxError(#""\x41""#)?.message.contains("échappement invalide") == true)
    }

    @Test func controlCharactersAndInvalidUTF8AreRejected() {
        let newline = syntaxError("{\"a\": \"ligne 1\nligne 2\"}")
        #expect(newline?.line == 1)
        #expect(newline?.column == 7)
        #expect(newline?.message.contains("\\n") == true)
        #expect(syntaxError("\"a\tb\"")?.message.contains("tabulation") == true)
        #expect(syntaxError("\"a\u{1}b\"")?.message.contains("U+0001") == true)
        // Latin-1 « é » (0xE9) inside a string, overlong encoding, truncated sequence, encoded surrogate.
        for bad: [UInt8] in [[0x22, 0x63, 0x61, 0x66, 0xE9, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xE2, 0x82, 0x22],
                             [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            let e = syntaxError(bytes: bad)
            #expect(e?.message.contains("UTF-8") == true)
        }
        #expect(syntaxError(bytes: [0x22, 0x63, 0x61, 0x66, 0xE9, 0x22])?.column == 5)
        #expect(syntaxError(bytes: [0xFF, 0xFE, 0x7B, 0x00])?.message.contains("UTF-16") == true)
    }

    @Test func numbers() throws {
        let cases: [(String, Double)] = [("0", 0), ("12", 12), ("-3.5", -3.5), ("1e3", 1000), ("1.5E-2", 0.015), ("0.83", 0.83),
                                         ("4655", 4655), ("0.1", 0.1), ("2.5e+2", 250), ("1e-400", 0), ("-0.000123", -0.000123)]
        for (text, expected) in cases {
            #expect(try parse(text) == .number(expected), "\(text)")
        }
        // Long mantissas take the slow path: Swift's own correctly rounded parser is the reference.
        for text in ["123456789012345678901234", "9007199254740993", "0.30000000000000004", "3.14159265358979323846",
                     "1.7976931348623157e308", "4.9e-324", "123456.789e-30", "0.000000000000000000000000001"] {
            #expect(try parse(text) == Double(text).map(JSONValue.number), "\(text)")
        }
        guard case .number(let negativeZero) = try parse("-0") else { Issue.record("nombre attendu"); return }
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
    }

    @Test func badNumbersAreRejected() {
        #expect(syntaxError("012")?.message.contains("zéro initial") == true)
        #expect(syntaxError("1.")?.message.contains("après le point") == true)
        #expect(syntaxError("-")?.message.contains("signe moins") == true)
        #expect(syntaxError("1e")?.message.contains("exposant") == true)
        #expect(syntaxError(".5")?.message.contains("nombre invalide") == true)
        #expect(syntaxError("+1")?.message.contains("nombre invalide") == true)
        #expect(syntaxError(#"{"h": 12px}"#)?.message.contains("« 12px »") == true)
        #expect(syntaxError("[1.2.3]")?.message.contains("« 1.2.3 »") == true)
        #expect(syntaxError("1e400")?.message.contains("trop grand") == true)
    }

    @Test func missingCommaGivesLineAndColumn() {
        let text = """
        {
          "a": 1,
          "b": 2
          "c": 3
        }
        """
        let e = syntaxError(text)
        #expect(e?.line == 4)
        #expect(e?.column == 3)
        #expect(e?.description.hasPrefix("ligne 4, colonne 3 : virgule ou accolade fermante attendue") == true)
        #expect(e?.message.contains("virgule oubliée") == true)
        #expect(syntaxError("[1 2]")?.description.hasPrefix("ligne 1, colonne 4 : virgule ou crochet fermant attendu") == true)
    }

    @Test func commonMistakesHaveClearMessages() {
        #expect(syntaxError(#"{"a": 1,}"#)?.message.contains("virgule en trop") == true)
        #expect(syntaxError("[1, 2, ]")?.message.contains("virgule en trop") == true)
        #expect(syntaxError("{'a': 1}")?.message.contains("guillemets doubles") == true)
        #expect(syntaxError(#"{"a": 'x'}"#)?.message.contains("guillemets doubles") == true)
        #expect(syntaxError("{\"a\": 1 // note\n}")?.message.contains("$comment") == true)
        #expect(syntaxError(#"{"a": True}"#)?.message.contains("« True »") == true)
        #expect(syntaxError(#"{"a": présent}"#)?.message.contains("« présent »") == true)
        #expect(syntaxError(#"{"a" 1}"#)?.message.contains("deux-points") == true)
        #expect(syntaxError(#"{a: 1}"#)?.message.contains("nom de clé entre guillemets") == true)
        #expect(syntaxError("{\"a\": \"x}")?.message.contains("non terminée") == true)
        let unclosed = syntaxError("{\n  \"a\": [1, 2\n")
        #expect(unclosed?.message.contains("fin de fichier") == true)
        #expect(unclosed?.message.contains("ligne 2, colonne 8") == true)
        #expect(syntaxError("")?.message.contains("vide") == true)
        #expect(syntaxError("   \n ")?.message.contains("vide") == true)
        #expect(syntaxError("{} {}")?.message.contains("après la fin du document") == true)
        #expect(syntaxError("nul")?.message.contains("« nul »") == true)
    }

    @Test func columnsCountCharactersNotBytes() {
        // « é » is two bytes, one column.
        let e = syntaxError(#"{"é": "à", x}"#)
        #expect(e?.line == 1)
        #expect(e?.column == 12)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let v = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
        #expect(v["a"] == .number(1))
        #expect(syntaxError(bytes: [0xEF, 0xBB, 0xBF] + Array("{,}".utf8))?.column == 2)
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(syntaxError(deep)?.message.contains("imbrication trop profonde") == true)
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func agreesWithFoundationOnTheSharedExample() throws {
        let path = try WorkbookFixtures.sharedExample()
        let bytes = try WorkbookFixtures.bytes(path)
        let ours = try JSONParser.parse(bytes)
        let theirs = try JSONSerialization.jsonObject(with: Data(bytes))
        #expect(Self.same(ours, theirs))
    }

    /// Structural equality with Foundation's tree (order-insensitive for objects, which Foundation loses).
    static func same(_ a: JSONValue, _ b: Any) -> Bool {
        switch a {
        case .null: return b is NSNull
        case .bool(let x): return (b as? Bool) == x
        case .number(let x): return (b as? NSNumber)?.doubleValue == x
        case .string(let x): return b as? String == x
        case .array(let xs):
            guard let ys = b as? [Any], ys.count == xs.count else { return false }
            return zip(xs, ys).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let dict = b as? [String: Any], dict.count == members.count else { return false }
            return members.allSatisfy { m in dict[m.key].map { same(m.value, $0) } ?? false }
        }
    }
}
