import TalintCore
import TalintRules
import TalintTestSupport
import Testing

/// Every fixture yields exactly the diagnostics its comments state.
@Suite struct FixtureTests {
  static let fixtures = Paths.files(in: Paths.fixtures, suffixes: [".yaml", ".yml", ".j2", ".tpl", ".tmpl"])
  let runner = FixtureRunner(rules: AllRules.rules)

  @Test(arguments: fixtures)
  func fixtureMatchesItsExpectations(path: String) {
    let outcome = runner.run(path: path)
    for diagnostic in outcome.unexpected {
      Issue.record("\(TextReporter.line(diagnostic)) — not expected by the fixture")
    }
    for expectation in outcome.missing {
      Issue.record("\(path):\(expectation.line): expected \(expectation.ruleID) at \(expectation) but it was not reported")
    }
  }

  @Test func fixturesExist() {
    #expect(Self.fixtures.count >= 40)
  }

  /// Each rule has a fixture that triggers it and one that exercises it without triggering.
  @Test func everyRuleHasTriggeringAndPassingFixtures() {
    var triggered = Set<String>()
    var passing = Set<String>()
    for path in Self.fixtures {
      let expectations = FixtureExpectations(bytes: Paths.read(path), path: path)
      let expected = Set(expectations.expectations.map(\.ruleID))
      triggered.formUnion(expected)
      passing.formUnion(expectations.passes.subtracting(expected))
    }
    for rule in AllRules.descriptions where rule.id != InputProblems.unreadableInput.id {
      #expect(triggered.contains(rule.id), "no fixture triggers \(rule.id) \(rule.name)")
      if rule.id != InputProblems.syntaxError.id {
        #expect(passing.contains(rule.id), "no fixture passes \(rule.id) \(rule.name) (add it to a `# passes:` line)")
      }
    }
  }
}
