@testable import TalintCore
import TalintRules
import TalintTestSupport
import TalintYAML
import Testing

/// For every rule example and every fixture, and the same texts with CRLF line ends and a BOM:
/// applying the fixes yields YAML that parses and re-lints without a fixable finding, and every
/// line no edit touches is byte-identical.
@Suite struct FixPropertyTests {
  static let examples: [(String, String)] = AllRules.rules.flatMap { rule in
    rule.description.examples.enumerated().map { ("\(rule.description.id) example \($0.offset)", $0.element.yaml) }
  }

  /// By path (the test log names the fixture, not its text).
  static let fixtures: [String] = Paths.files(in: Paths.fixtures, suffixes: [".yaml", ".yml", ".j2", ".tmpl", ".tpl"])

  static let linter = Linter(rules: AllRules.rules)

  static func check(_ name: String, _ bytes: [UInt8]) throws {
    let before = linter.lint(bytes: bytes, path: "fixed.yaml")
    let fixes = before.diagnostics.filter { $0.suppression == nil }.compactMap(\.fix)
    guard !fixes.isEmpty else { return }
    // One pass: what changed is only where the edits are.
    let (once, applied) = try #require(FixEngine.apply(fixes, to: bytes), "\(name)")
    #expect(applied > 0, "\(name)")
    let touched = Set(fixes.flatMap { fix in fix.edits.flatMap { edit in edit.range.start.line...max(edit.range.start.line, edit.range.end.line) } })
    let offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    for step in UnifiedDiff.edits(UnifiedDiff.lines(Array(bytes[offset...])), UnifiedDiff.lines(Array(once[offset...]))) where step.kind == .delete {
      #expect(touched.contains(step.oldLine + 1), "\(name): line \(step.oldLine + 1) changed but no edit touches it")
    }
    // Until stable: parses, and no fixable finding is left.
    let outcome = linter.fixing(bytes, path: "fixed.yaml")
    #expect(outcome.refusal == nil, "\(name): \(outcome.refusal ?? "")")
    let after = linter.lint(bytes: outcome.bytes, path: "fixed.yaml")
    #expect(!after.failed, "\(name): the fixed text does not parse")
    let left = after.diagnostics.filter { $0.suppression == nil && $0.fix != nil }
    #expect(left.isEmpty, "\(name): still fixable after fixing: \(left.map(\.message))")
    #expect(!after.diagnostics.contains { $0.ruleID == "TAL001" || $0.ruleID == "TAL002" }, "\(name)")
  }

  @Test(arguments: examples)
  func examplesFixCleanly(example: (String, String)) throws {
    try Self.check(example.0, Array(example.1.utf8))
    try Self.check(example.0 + " (CRLF)", Array(example.1.replacing("\n", with: "\r\n").utf8))
    try Self.check(example.0 + " (BOM)", [0xEF, 0xBB, 0xBF] + Array(example.1.utf8))
  }

  @Test(arguments: fixtures)
  func fixturesFixCleanly(fixture: String) throws {
    let text = String(decoding: Paths.read(fixture), as: UTF8.self)
    try Self.check(fixture, Array(text.utf8))
    try Self.check(fixture + " (CRLF)", Array(text.replacing("\n", with: "\r\n").utf8))
  }

  @Test func everyFixableRuleFixesItsExample() {
    for rule in AllRules.rules where rule.description.fixable {
      let triggering = rule.description.examples.filter { $0.verdict == .triggering }
      let fixed = triggering.contains { example in
        Self.linter.lint(bytes: Array(example.yaml.utf8), path: "x.yaml").diagnostics.contains { $0.ruleID == rule.description.id && $0.fix != nil }
      }
      #expect(fixed, "\(rule.description.id) is marked fixable but its examples offer no fix")
    }
  }

  /// The shapes a removal meets: block and flow, first, middle, last and only entries, a
  /// mapping under a list dash, a multi-argument kernel-argument string.
  @Test(arguments: [
    ("machine:\n  sysctls:\n    a.b: \"1\"\n    kernel.kptr_restrict: \"0\" # why\n    c.d: \"2\"\n",
     "machine:\n  sysctls:\n    a.b: \"1\"\n    c.d: \"2\"\n"),
    ("machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n", "machine:\n  sysctls:\n    {}\n"),
    ("machine:\n  sysctls: {a.b: \"1\", kernel.kptr_restrict: \"0\"}\n", "machine:\n  sysctls: {a.b: \"1\"}\n"),
    ("machine:\n  sysctls: {kernel.kptr_restrict: \"0\", a.b: \"1\"}\n", "machine:\n  sysctls: {a.b: \"1\"}\n"),
    ("machine:\n  sysctls: {kernel.kptr_restrict: \"0\"}\n", "machine:\n  sysctls: {}\n"),
    ("machine:\n  install:\n    extraKernelArgs:\n      - console=ttyS0\n      - -pti\n", "machine:\n  install:\n    extraKernelArgs:\n      - console=ttyS0\n"),
    ("machine:\n  install:\n    extraKernelArgs:\n    - -pti\n", "machine:\n  install:\n    extraKernelArgs:\n      []\n"),
    ("machine:\n  install:\n    extraKernelArgs: [-pti, console=ttyS0]\n", "machine:\n  install:\n    extraKernelArgs: [console=ttyS0]\n"),
    ("machine:\n  install:\n    extraKernelArgs: [\"console=ttyS0 -pti quiet\"]\n", "machine:\n  install:\n    extraKernelArgs: [\"console=ttyS0 quiet\"]\n"),
    ("machine:\n  install:\n    extraKernelArgs: [\"console=ttyS0 -pti\"]\n", "machine:\n  install:\n    extraKernelArgs: [\"console=ttyS0\"]\n"),
    ("apiVersion: v1alpha1\nkind: SysctlConfig\nparams:\n  kernel.kptr_restrict: \"0\"\n  a.b: \"1\"\n", "apiVersion: v1alpha1\nkind: SysctlConfig\nparams:\n  a.b: \"1\"\n"),
    ("cluster:\n  apiServer:\n    extraArgs:\n      anonymous-auth: 'true'\n", "cluster:\n  apiServer:\n    extraArgs:\n      anonymous-auth: 'false'\n"),
    ("# talint: talos-version=1.11\nmachine:\n  features:\n    rbac: false # for now\n",
     "# talint: talos-version=1.11\nmachine:\n  features:\n    rbac: true # for now\n"),
  ])
  func removalsKeepTheRestAsWritten(input: String, expected: String) throws {
    let outcome = Self.linter.fixing(Array(input.utf8), path: "x.yaml")
    #expect(String(decoding: outcome.bytes, as: UTF8.self) == expected)
  }

  @Test func suppressedFindingsAreNotFixed() {
    let text = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\" # talint: ignore[TAL201] -- bpftrace\n"
    let outcome = Self.linter.fixing(Array(text.utf8), path: "x.yaml")
    #expect(outcome.applied == 0)
    #expect(outcome.bytes == Array(text.utf8))
  }

  /// A rule whose fix would break the file: the fix is refused and the text comes back as it was.
  struct BreakingRule: Rule {
    static let description = RuleDescription(
      id: "TAL999", name: "breaking-fix", severity: .warning, summary: "test", rationale: "test", remediation: "test", fixable: true)
    func check(_ context: inout RuleContext) {
      for found in context.config.find(.v1alpha1(["debug"])) {
        context.report("debug", at: found, fix: Fix(title: "break", edits: [TextEdit(found.range, "[unclosed")]))
      }
    }
  }

  @Test func aFixThatWouldBreakTheFileIsRefused() {
    let text = "debug: true\nmachine:\n  type: worker\n"
    let outcome = Linter(rules: [BreakingRule.self]).fixing(Array(text.utf8), path: "x.yaml")
    #expect(outcome.bytes == Array(text.utf8))
    #expect(outcome.applied == 0)
    #expect(outcome.refusal == "the fixed text would not be valid YAML; the file is left as it was")
  }

  @Test func aliasedValuesAreNotEdited() {
    let text = "x: &weak \"0\"\nmachine:\n  sysctls:\n    kernel.kptr_restrict: *weak\n"
    let found = Self.linter.lint(bytes: Array(text.utf8), path: "x.yaml").diagnostics.filter { $0.ruleID == "TAL201" }
    #expect(found.count == 1)
    #expect(found.allSatisfy { $0.fix == nil })
  }
}
