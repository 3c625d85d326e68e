// What a trainer types into a cell, read as the workbook format's value.

import Testing
import FrenchFormatting
import TrainingWorkbook
@testable import WorkbookSpreadsheet

@Suite struct ClasseurCellTests {
    func attendance(_ cell: ClasseurCell) -> JSONValue? {
        if case .success(let v) = ClasseurLayout.attendanceValue(cell) { return v }
        return nil
    }
    func detail(_ status: String, _ minutes: Double) -> JSONValue {
        .object([JSONMember(key: "status", value: .string(status)), JSONMember(key: "minutes", value: .number(minutes))])
    }

    @Test func attendanceCellsInFrench() {
        #expect(attendance(.text("présent")) == .string("present"))
        #expect(attendance(.text("Présente")) == .string("present"))
        #expect(attendance(.text("absent")) == .string("absent"))
        #expect(attendance(.text("à distance")) == .string("remote"))
        #expect(attendance(.text("distance 180")) == detail("remote", 180))
        #expect(attendance(.text("présent 150 min")) == detail("present", 150))
        #expect(attendance(.number(120)) == detail("present", 120))
        #expect(attendance(.empty) == nil)
        let imported = JSONValue.object([JSONMember(key: "status", value: .string("remote")), JSONMember(key: "minutes", value: .number(165)),
                                         JSONMember(key: "firstConnection", value: .string("09:27")),
                                         JSONMember(key: "lastDisconnection", value: .string("12:34"))])
        #expect(ClasseurLayout.attendanceCell(imported) == .text("distance 165 (09:27-12:34)"))
        #expect(attendance(.text("distance 165 (09:27-12:34)")) == imported)
        #expect(attendance(.text("distance 165 (9h27 – 12h34)")) == imported)
        if case .failure(let p) = ClasseurLayout.attendanceValue(.text("peut-être")) { #expect(p.message == "présence illisible") } else {
            Issue.record("« peut-être » should not read")
        }
        // And back: the grid shows what it reads.
        #expect(ClasseurLayout.attendanceCell(detail("remote", 180)) == .text("distance 180"))
        #expect(ClasseurLayout.attendanceCell(.string("present")) == .text("présent"))
    }

    @Test func datesTimesAndNumbersAsTyped() throws {
        let date = ClasseurColumn("Date", "date", .date), time = ClasseurColumn("Début", "start", .time)
        let number = ClasseurColumn("Cible", "target", .number)
        #expect(try date.json(.text("10/03/2026")).get() == .string("2026-03-10"))
        #expect(try date.json(.number(46091)).get() == .string("2026-03-10"))            // an Excel serial
        #expect(try date.json(.date(LocalDate(year: 2026, month: 3, day: 10))).get() == .string("2026-03-10"))
        #expect(try time.json(.text("9h30")).get() == .string("09:30"))
        #expect(try time.json(.number(0.375)).get() == .string("09:00"))
        #expect(try number.json(.text("1 200,5")).get() == .number(1200.5))
        #expect(try number.json(.text("85 %")).get() == .number(0.85))
        // Not a number: kept as typed, for the validator to report with its cell.
        #expect(try number.json(.text("12 kg")).get() == .string("12 kg"))
    }

    @Test func dropDownListsCoverEveryValueOfTheFormat() {
        func values(_ c: ClasseurChoice) -> Set<String> { Set(c.options.map(\.value)) }
        let ch = ClasseurChoices.self
        #expect(values(ch.nature) == Set(CourseNature.allCases.map(\.rawValue)))
        #expect(values(ch.courseModality) == Set(Modality.allCases.map(\.rawValue)))
        #expect(values(ch.halfDayModality) == Set(HalfDayModality.allCases.map(\.rawValue)))
        #expect(values(ch.moduleKind) == Set(ModuleKind.allCases.map(\.rawValue)))
        #expect(values(ch.dayPart) == Set(DayPart.allCases.map(\.rawValue)))
        #expect(values(ch.civility) == Set(Civility.allCases.map(\.rawValue)))
        #expect(values(ch.participantStatus) == Set(ParticipantStatus.allCases.map(\.rawValue)))
        #expect(values(ch.stakeholder) == Set(Stakeholder.allCases.map(\.rawValue)))
        #expect(values(ch.indicatorType) == Set(IndicatorType.allCases.map(\.rawValue)))
        #expect(values(ch.indicatorNature) == Set(IndicatorNature.allCases.map(\.rawValue)))
        #expect(values(ch.direction) == Set(Direction.allCases.map(\.rawValue)))
        #expect(values(ch.aggregation) == Set(Aggregation.allCases.map(\.rawValue)))
        #expect(values(ch.measureFrequency) == Set(MeasureFrequency.allCases.map(\.rawValue)))
        #expect(values(ch.ritualKind) == Set(RitualKind.allCases.map(\.rawValue)))
        #expect(values(ch.ritualFrequency) == Set(RitualFrequency.allCases.map(\.rawValue)))
        #expect(values(ch.governanceBody) == Set(GovernanceBody.allCases.map(\.rawValue)))
        #expect(values(ch.periodicity) == Set(Periodicity.allCases.map(\.rawValue)))
        #expect(values(ch.learningResult) == Set(LearningResult.allCases.map(\.rawValue)))
        #expect(values(ch.production) == Set(ProductionKind.allCases.map(\.rawValue)))
        // A label typed with another case or without its accents still reads.
        #expect(ch.direction.value(of: "a la hausse") == "increase")
    }
}
