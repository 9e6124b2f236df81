import Foundation
import TalintCore
import TalintRules
import TalintTestSupport
import Testing

/// Every rule example behaves as its verdict says: a triggering example's findings of the rule
/// land exactly at its `↓` marks (line and column) and nowhere else, a passing one has neither
/// mark nor finding. The positions hold when the same text arrives with CRLF line ends, a BOM,
/// a multibyte line before it, or as a second document.
@Suite struct RuleExampleTests {
  struct Variant: Sendable, CustomStringConvertible {
    var description: String
    var transform: @Sendable (String) -> [UInt8]
    /// Lines the variant adds before the example.
    var lineShift: Int
  }

  static let variants: [Variant] = [
    Variant(description: "as written", transform: { Array($0.utf8) }, lineShift: 0),
    Variant(description: "CRLF", transform: { Array($0.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8) }, lineShift: 0),
    Variant(description: "BOM", transform: { [0xEF, 0xBB, 0xBF] + Array($0.utf8) }, lineShift: 0),
    Variant(description: "multibyte line first", transform: { Array(("# Konfiguration für Knoten ü — ✓\n" + $0).utf8) }, lineShift: 1),
    Variant(description: "second document", transform: { Array(("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ü\n---\n" + $0).utf8) }, lineShift: 5),
  ]

  static let cases: [(String, Int)] = AllRules.rules.flatMap { rule in
    rule.description.examples.indices.map { (rule.description.id, $0) }
  }

  /// Where the findings of `id` start, lines moved back by `lineShift`.
  static func landings(_ diagnostics: [Diagnostic], of id: String, lineShift: Int = 0) -> [SourcePosition] {
    diagnostics.filter { $0.ruleID == id }.map { SourcePosition(line: $0.range.start.line - lineShift, column: $0.range.start.column) }
  }

  /// The marks agree with the verdict, and the findings land on them.
  static func expectLanding(_ landings: [SourcePosition], of id: String, on sample: RuleExample, _ context: String) {
    switch sample.verdict {
    case .triggering: #expect(!sample.markers.isEmpty, "\(id) triggering example marks no place with ↓ (\(context))")
    case .passing: #expect(sample.markers.isEmpty, "\(id) passing example has a ↓ mark (\(context))")
    }
    let landed = Set(landings)
    #expect(landed == Set(sample.markers), "\(id) \(sample.verdict) example: findings at \(landed.sorted()), marks at \(sample.markers) (\(context))")
  }

  /// The suppression problems' examples, linted with every rule (they are about other rules'
  /// findings).
  @Test(arguments: SuppressionRules.all)
  func suppressionExamplesHold(description: RuleDescription) {
    for sample in description.examples {
      let linter = Linter(rules: AllRules.rules, settings: sample.settings ?? LintSettings())
      let diagnostics = linter.lint(bytes: Array(sample.yaml.utf8), path: sample.fileName).diagnostics
      Self.expectLanding(Self.landings(diagnostics, of: description.id), of: description.id, on: sample, "as written")
    }
  }

  /// The input problems' examples (a file that is not YAML, a template that cannot be read, a
  /// patch Talos refuses on a talconfig's machine), linted by the binary as a project would be:
  /// some need the machines a run builds.
  @Test(arguments: InputProblems.all)
  func inputProblemExamplesHold(description: RuleDescription) throws {
    for sample in description.examples {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("talint-example-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: folder) }
      try Data(sample.yaml.utf8).write(to: URL(fileURLWithPath: folder + "/" + sample.fileName))
      let output = try Subprocess.run(Paths.binary, ["lint", "--fail-on", "never", folder], timeout: 60)
      // `path:line:col: severity: message [TALnnn]`
      let landed = output.stdout.split(separator: "\n").compactMap { line -> SourcePosition? in
        guard line.hasSuffix("[\(description.id)]") else { return nil }
        let fields = line.dropFirst(folder.count + 1 + sample.fileName.count + 1).split(separator: ":", maxSplits: 2)
        guard fields.count == 3, let row = Int(fields[0]), let column = Int(fields[1]) else { return nil }
        return SourcePosition(line: row, column: column)
      }
      Self.expectLanding(landed, of: description.id, on: sample, "talint lint")
    }
  }

  @Test(arguments: cases, variants)
  func exampleHoldsInVariant(example: (String, Int), variant: Variant) throws {
    let rule = try #require(AllRules.rules.first { $0.description.id == example.0 })
    let sample = rule.description.examples[example.1]
    let linter = Linter(rules: [rule], settings: sample.settings ?? LintSettings())
    let reference = linter.lint(bytes: Array(sample.yaml.utf8), path: sample.fileName)
    let result = linter.lint(bytes: variant.transform(sample.yaml), path: sample.fileName)
    Self.expectLanding(Self.landings(result.diagnostics, of: example.0, lineShift: variant.lineShift), of: example.0, on: sample, variant.description)
    let expected = reference.diagnostics.map { "\($0.range.start.line + variant.lineShift):\($0.range.start.column) \($0.ruleID)" }
    let actual = result.diagnostics.map { "\($0.range.start.line):\($0.range.start.column) \($0.ruleID)" }
    #expect(actual == expected, "positions moved in variant \(variant)")
  }
}
