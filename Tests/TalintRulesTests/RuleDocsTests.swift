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
      #expect(text.contains("\n### \(rule.id)\n"))
    }
    #expect(text.components("```yaml") == AllRules.descriptions.reduce(0) { $0 + $1.examples.count })
  }

  /// One heading per category, in ID order, and every rule's section under its own.
  @Test func markdownGroupsRulesUnderTheirCategory() throws {
    let text = RuleDocs.markdown(AllRules.descriptions)
    let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
    #expect(headings == RuleCategory.allCases.map { "## \($0.title) (\($0.ids))" })
    for rule in AllRules.descriptions {
      let section = try #require(text.range(of: "\n### \(rule.id)\n"))
      let heading = text[..<section.lowerBound].ranges(of: "\n## ").last.map { text[$0.upperBound...].prefix { $0 != "\n" } }
      #expect(heading.map(String.init) == "\(rule.category.title) (\(rule.category.ids))", "\(rule.id)")
    }
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
