import TalintCore
import Testing

/// `select` keeps the input and suppression checks (TAL001–TAL010) whatever it names; the
/// structure rules (TAL011 on) are rules like any other.
@Suite struct RuleSelectionTests {
  static func rule(_ id: String) -> RuleDescription {
    RuleDescription(id: id, name: "rule-\(id.lowercased())", severity: .error, summary: "s", rationale: "r", remediation: "f")
  }

  @Test func selectKeepsMetaChecksButNotStructureRules() {
    let selection = RuleSelection(select: ["TAL3"])
    #expect(selection.includes(Self.rule("TAL002")))
    #expect(selection.includes(Self.rule("TAL010")))
    #expect(!selection.includes(Self.rule("TAL011")))
    #expect(!selection.includes(Self.rule("TAL015")))
    #expect(selection.includes(Self.rule("TAL301")))
    #expect(RuleSelection(select: ["TAL011"]).includes(Self.rule("TAL011")))
  }
}
