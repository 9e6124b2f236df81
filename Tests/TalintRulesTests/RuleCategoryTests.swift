import TalintCore
import TalintRules
import Testing

/// Rule categories come from the IDs (TAL1xx: kernel arguments), and `--select`/`--ignore`
/// take their names.
@Suite struct RuleCategoryTests {
  @Test func everyRuleHasTheCategoryOfItsIDAndFolder() {
    for rule in AllRules.descriptions {
      #expect(RuleCategory(ruleID: rule.id) != nil, "\(rule.id) is outside the TALnnn scheme")
    }
    #expect(RuleCategory(ruleID: "TAL101") == .kernelArguments)
    #expect(RuleCategory(ruleID: "TAL213") == .sysctls)
    #expect(RuleCategory(ruleID: "TAL709") == .talosAPI)
    #expect(RuleCategory(ruleID: "TAL011") == .yamlAndInput)
    for id in ["TAL1", "TAL1011", "TAL9xx", "TAL901", "XYZ101", ""] { #expect(RuleCategory(ruleID: id) == nil, "\(id)") }
    // Every category holds rules; no category's name is a rule's.
    for category in RuleCategory.allCases {
      #expect(AllRules.descriptions.contains { $0.category == category }, "\(category.name) holds no rule")
      #expect(!AllRules.descriptions.contains { $0.name == category.name })
      #expect(RuleCategory(named: category.name.uppercased()) == category)
    }
  }

  @Test func selectAndIgnoreTakeACategory() throws {
    let kernel = try #require(AllRules.description(for: "TAL101"))
    let sysctl = try #require(AllRules.description(for: "TAL201"))
    let yaml = try #require(AllRules.description(for: "TAL001"))
    let selected = RuleSelection(select: ["kernel-arguments"])
    #expect(selected.includes(kernel) && !selected.includes(sysctl))
    // talint's own input checks stay on whatever is selected.
    #expect(selected.includes(yaml))
    let ignored = RuleSelection(ignore: ["sysctls"])
    #expect(ignored.includes(kernel) && !ignored.includes(sysctl))
  }
}
