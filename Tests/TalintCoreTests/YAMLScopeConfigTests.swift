import TalintCore
import Testing

/// `yaml: talos|all` in `.talint.yaml`: which files' YAML talint checks (issue 20).
@Suite struct YAMLScopeConfigTests {
  func parse(_ text: String) -> (ProjectConfig, [ConfigProblem]) {
    let result = ConfigParser(knownRules: []).parse(bytes: Array(text.utf8), path: ".talint.yaml")
    return (result.config, result.problems)
  }

  @Test func readsTheScope() {
    let (all, problems) = parse("yaml: all\n")
    #expect(problems.isEmpty)
    #expect(all.yaml == .all)
    #expect(all.settings(knownRules: []).yaml == .all)
    #expect(parse("yaml: talos\n").0.settings(knownRules: []).yaml == .talos)
    // The default: Talos files only.
    #expect(parse("fail-on: error\n").0.settings(knownRules: []).yaml == .talos)
  }

  @Test func anotherValueIsAnErrorAtItsPosition() {
    let (_, problems) = parse("fail-on: error\nyaml: everything\n")
    #expect(problems.count == 1)
    #expect(problems.first?.isError == true)
    #expect(problems.first?.position == SourcePosition(line: 2, column: 7))
    #expect(problems.first?.message.contains("talos") == true)
  }
}
