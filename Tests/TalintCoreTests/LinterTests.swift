import TalintCore
import Testing

@Suite struct LinterTests {
  @Test func syntaxErrorIsOneDiagnosticAndFailsTheFile() {
    let result = Linter(rules: []).lint(bytes: Array("a: [1,\nb: 2\n".utf8), path: "bad.yaml")
    #expect(result.failed)
    #expect(result.diagnostics.map(\.ruleID) == ["TAL001"])
    #expect(result.diagnostics.first?.range.start == SourcePosition(line: 3, column: 1))
  }

  @Test func limitsGiveTAL003() {
    let result = Linter(rules: []).lint(bytes: Array(String(repeating: "[", count: 100_000).utf8), path: "deep.yaml")
    #expect(result.failed)
    #expect(result.diagnostics.map(\.ruleID) == ["TAL003"])
  }

  @Test func unreadableInputsAreReportedNotThrown() {
    let linter = Linter(rules: [])
    for path in ["/nonexistent/talint.yaml", "/", "/dev/null/x"] {
      let result = linter.lint(.path(path))
      #expect(result.failed, "\(path)")
      #expect(result.diagnostics.first?.ruleID == "TAL003")
    }
    #expect(linter.lint(.path("/dev/zero")).diagnostics.first?.message.contains("not a regular file") == true)
  }

  @Test func parallelRunKeepsInputOrder() {
    let inputs = (0..<20).map { InputFile.path("/nonexistent/\($0).yaml") }
    let results = Linter(rules: []).lint(inputs)
    #expect(results.map(\.path) == inputs.map(\.displayPath))
  }
}
