import TalintCore
import TalintRules
import Testing

/// Every rule example behaves as its verdict says, and keeps its positions when the same text
/// arrives with CRLF line ends, a BOM, a multibyte line before it, or as a second document.
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

  /// The suppression problems' examples, linted with every rule (they are about other rules'
  /// findings).
  @Test(arguments: SuppressionRules.all)
  func suppressionExamplesHold(description: RuleDescription) {
    for sample in description.examples {
      let linter = Linter(rules: AllRules.rules, settings: sample.settings ?? LintSettings())
      let own = linter.lint(bytes: Array(sample.yaml.utf8), path: "example.yaml").diagnostics.filter { $0.ruleID == description.id }
      #expect(own.isEmpty == (sample.verdict == .passing), "\(description.id) \(sample.verdict) example: \(own.map(\.message))")
    }
  }

  @Test(arguments: cases, variants)
  func exampleHoldsInVariant(example: (String, Int), variant: Variant) throws {
    let rule = try #require(AllRules.rules.first { $0.description.id == example.0 })
    let sample = rule.description.examples[example.1]
    let linter = Linter(rules: [rule], settings: sample.settings ?? LintSettings())
    let reference = linter.lint(bytes: Array(sample.yaml.utf8), path: "example.yaml")
    let result = linter.lint(bytes: variant.transform(sample.yaml), path: "example.yaml")
    let own = result.diagnostics.filter { $0.ruleID == example.0 }
    switch sample.verdict {
    case .triggering:
      #expect(!own.isEmpty, "\(example.0) triggering example did not trigger (\(variant))")
    case .passing:
      #expect(own.isEmpty, "\(example.0) passing example triggered (\(variant)): \(own.map(\.message))")
    }
    let expected = reference.diagnostics.map { "\($0.range.start.line + variant.lineShift):\($0.range.start.column) \($0.ruleID)" }
    let actual = result.diagnostics.map { "\($0.range.start.line):\($0.range.start.column) \($0.ruleID)" }
    #expect(actual == expected, "positions moved in variant \(variant)")
  }
}
