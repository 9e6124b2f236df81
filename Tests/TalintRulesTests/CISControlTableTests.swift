import Foundation
import TalintCore
import TalintRules
import TalintTestSupport
import Testing

/// The CIS control table: docs/cis.md shows it as the code has it, every CIS reference a rule
/// makes is a control of the table, and the release steps of Talos's settings are in order.
@Suite struct CISControlTableTests {
  static let begin = "<!-- controls: generated from Sources/TalintCore/Report/CISControls.swift -->\n"
  static let end = "<!-- controls: end -->"

  @Test func docsCISMarkdownShowsTheTableTheCodeHas() throws {
    let path = Paths.packageRoot + "/docs/cis.md"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let start = try #require(text.range(of: Self.begin), "docs/cis.md has the table's begin marker")
    let stop = try #require(text.range(of: Self.end), "docs/cis.md has the table's end marker")
    let table = String(text[start.upperBound..<stop.lowerBound])
    if table != CISControls.markdownTable, ProcessInfo.processInfo.environment["TALINT_WRITE_CIS_DOC"] != nil {
      try (String(text[..<start.upperBound]) + CISControls.markdownTable + String(text[stop.lowerBound...])).write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(table == CISControls.markdownTable, "docs/cis.md is out of date: TALINT_WRITE_CIS_DOC=1 swift test --filter CISControlTableTests")
  }

  @Test func everyCISReferenceOfARuleIsAControl() {
    let ids = Set(CISControls.all.map(\.id))
    #expect(ids.count == CISControls.all.count, "each control once")
    for rule in AllRules.descriptions {
      for id in rule.references.compactMap(\.cisID) { #expect(ids.contains(id), "\(rule.id) cites \(id), no CIS 1.10 control") }
    }
  }

  @Test func anAutomatedControlIsNeverLeftToAPerson() {
    for control in CISControls.all where control.automated {
      if case .noTest = control.check { Issue.record("\(control.id) is Automated but has no test") }
    }
  }

  @Test func talosSettingsFollowTheRelease() {
    let setting = TalosSetting.since([(TalosVersion(1, 8), .value("a")), (TalosVersion(1, 12), .value("b")), (TalosVersion(1, 14), .unset)])
    func value(_ minor: Int) -> String? {
      if case .value(let value) = setting.on(TalosVersion(1, minor)) { return value }
      return nil
    }
    #expect(value(8) == "a" && value(11) == "a" && value(12) == "b" && value(13) == "b" && value(14) == nil && value(15) == nil)
  }
}
