import Testing
@testable import PerfSociale
@Test func versionIsSet() { #expect(!PerfSocialeVersion.current.isEmpty) }
