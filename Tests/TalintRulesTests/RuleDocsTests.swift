import TalintCore
import TalintRules
import TalintTestSupport
import Testing

@Suite struct RuleDocsTests {
  /// docs/rules.md is generated; regenerate with `swift run talint rules --format markdown > docs/rules.md`.
  @Test func docsRulesIsUpToDate() {
    let committed = String(decoding: Paths.read(Paths.packageRoot + "/docs/rules.md"), as: UTF8.self)
    #expect(committed == RuleDocs.markdown(AllRules.descriptions), "docs/rules.md is stale: run `swift run talint rules --format markdown > docs/rules.md`")
  }

  @Test func markdownListsEveryRuleWithItsExamples() {
    let text = RuleDocs.markdown(AllRules.descriptions)
    for rule in AllRules.descriptions {
      #expect(text.contains("\n## \(rule.id)\n"))
    }
    #expect(text.components("```yaml") == AllRules.descriptions.reduce(0) { $0 + $1.examples.count })
  }
}

extension String {
  fileprivate func components(_ separator: String) -> Int {
    var count = 0
    var rest = self[...]
    while let range = rest.firstRange(of: separator) {
      count += 1
      rest = rest[range.upperBound...]
    }
    return count
  }
}
