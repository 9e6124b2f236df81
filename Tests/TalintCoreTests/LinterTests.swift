import Foundation
import TalintCore
import Testing

@Suite struct LinterTests {
  @Test func syntaxErrorIsOneDiagnosticAndFailsTheFile() {
    // A Talos patch (its text says so: only Talos files are judged, issue 20).
    let result = Linter(rules: []).lint(bytes: Array("machine:\n  certSANs: [1,\n  b: 2\n".utf8), path: "bad.yaml")
    #expect(result.failed)
    #expect(result.diagnostics.map(\.ruleID) == ["TAL001"])
    #expect(result.diagnostics.first?.range.start == SourcePosition(line: 4, column: 1))
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

  /// A file on disk is not kept parsed for the machines that may use it (keeping every file's
  /// tree held a quarter of a run's memory), unless the run knows a machine uses it; what disk
  /// would not give back — an editor's buffer, a masked template — is.
  @Test func analysesKeepTreesOnlyWhereDiskWouldNotGiveThemBack() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized.path
    let linter = Linter(rules: [])
    let plain = fixtures + "/kernel/ok-stricter-and-unrelated-args.yaml"
    #expect(FileManager.default.fileExists(atPath: plain))
    #expect(linter.analyze(.path(plain)).documents == nil)
    #expect(linter.analyze(.path(plain), keepingTree: true).documents?.isEmpty == false)
    let bytes = try #require(FileManager.default.contents(atPath: plain))
    #expect(linter.analyze(.buffer(Array(bytes), path: plain)).documents?.isEmpty == false)
    #expect(linter.analyze(.path(fixtures + "/templates/ok-worker.yaml.j2")).documents?.isEmpty == false)
  }

  @Test func parallelRunKeepsInputOrder() {
    let inputs = (0..<20).map { InputFile.path("/nonexistent/\($0).yaml") }
    let results = Linter(rules: []).lint(inputs)
    #expect(results.map(\.path) == inputs.map(\.displayPath))
  }
}
