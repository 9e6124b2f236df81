import Foundation
import TalintCore
import TalintRules
import TalintTestSupport
import TalintYAML
import Testing

/// A rule judges a machine's final value whatever carried the weakening there: each rule
/// example that weakens a setting in a patch is written as a talhelper inline patch, a
/// talhelper `@file` patch, an Omni inline patch and a `.talint.yaml` machine's patch, and the
/// finding must land on the example's deciding line, where that form writes it, naming the
/// machine.
@Suite struct CarrierFormPropertyTests {
  /// A way of putting a patch on one control-plane machine: the files, where the patch's line 1
  /// column 1 lands, and the machine's name.
  struct Form: Sendable, CustomStringConvertible {
    var description: String
    var files: @Sendable (String) -> [String: String]
    var file: String
    var lineOffset: Int
    var columnOffset: Int
    var machine: String
  }

  static func indented(_ text: String, by spaces: Int) -> String {
    let pad = String(repeating: " ", count: spaces)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
  }

  static let talconfigHead = "clusterName: prop\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: m1\n    controlPlane: true\npatches:\n"

  static let forms: [Form] = [
    Form(
      description: "talhelper inline patch",
      files: { ["talconfig.yaml": talconfigHead + "  - |-\n" + indented($0, by: 4)] },
      file: "talconfig.yaml", lineOffset: 7, columnOffset: 4, machine: "m1"),
    Form(
      description: "talhelper @file patch",
      files: { ["talconfig.yaml": talconfigHead + "  - \"@./patch.yaml\"\n", "patch.yaml": $0] },
      file: "patch.yaml", lineOffset: 0, columnOffset: 0, machine: "m1"),
    Form(
      description: "Omni inline patch",
      files: {
        [
          "cluster.yaml":
            "kind: Cluster\nname: prop\ntalos:\n  version: v\(TalosVersion.newest)\n---\nkind: ControlPlane\nmachines: [m1]\npatches:\n  - name: p\n    inline: |\n"
            + indented($0, by: 6)
        ]
      },
      file: "cluster.yaml", lineOffset: 10, columnOffset: 6, machine: "control-plane"),
    Form(
      description: ".talint.yaml machine",
      files: { [".talint.yaml": "machines:\n  m1: {type: controlplane, patches: [patch.yaml]}\n", "patch.yaml": $0] },
      file: "patch.yaml", lineOffset: 0, columnOffset: 0, machine: "m1"),
  ]

  /// The triggering examples that are one patch document a machine can take (not a complete
  /// config, a schematic or a carrier), with the lines their own finding is at.
  static let cases: [(rule: String, example: Int)] = AllRules.rules.flatMap { rule in
    // A file's own problems (YAML, suppressions: TAL0xx) are not machine findings.
    rule.description.id.hasPrefix("TAL0") ? [] : rule.description.examples.indices.compactMap { index -> (String, Int)? in
      let sample = rule.description.examples[index]
      guard sample.verdict == .triggering, sample.settings == nil, sample.yaml.hasSuffix("\n") else { return nil }
      let parsed = YAMLParser.parse(Array(sample.yaml.utf8))
      guard parsed.error == nil, parsed.documents.count == 1 else { return nil }
      let kinds = TalosConfig(parsed.documents).documents.map(\.kind)
      guard kinds.count == 1, kinds[0] == .v1alpha1(full: false) else { return nil }
      return (rule.description.id, index)
    }
  }

  @Test func enoughExamplesAreExercised() {
    #expect(Self.cases.count >= 30, "only \(Self.cases.count) rule examples are single v1alpha1 patches")
  }

  @Test(arguments: cases, forms)
  func findingLandsWhereTheFormWritesIt(example: (rule: String, example: Int), form: Form) throws {
    let rule = try #require(AllRules.rules.first { $0.description.id == example.rule })
    let yaml = rule.description.examples[example.example].yaml
    // The example's own release (a `talos-version=` comment), else 1.13: the last release whose
    // generated base keeps the Kubernetes settings in the v1alpha1 document these patches edit.
    let declared = yaml.range(of: "talos-version=").map { String(yaml[$0.upperBound...].prefix { $0 != "\n" }) }
    let linter = Linter(rules: AllRules.rules, version: declared.flatMap { TalosVersion(parsing: $0) } ?? TalosVersion(1, 13))
    let alone = linter.lint(bytes: Array(yaml.utf8), path: "patch.yaml").diagnostics.filter { $0.ruleID == example.rule }
    let expected = Set(alone.map { "\($0.range.start.line + form.lineOffset):\($0.range.start.column + form.columnOffset)" })
    try #require(!expected.isEmpty, "\(example.rule) example \(example.example) does not trigger alone on its release")
    let found = try Self.machineFindings(form.files(yaml), in: form.file, rule: example.rule, linter: linter)
    let landed = Set(found.map { "\($0.range.start.line):\($0.range.start.column)" })
    #expect(expected.isSubset(of: landed), "\(example.rule) example \(example.example) as \(form): expected at \(expected.sorted()), found \(found.map { "\($0.range.start.line):\($0.range.start.column) \($0.machines)" })")
    #expect(found.allSatisfy { $0.machines.contains(form.machine) }, "\(example.rule) as \(form): machines \(found.map(\.machines))")
  }

  /// The same weakening as a JSON6902 `add` of the example's innermost mapping, on a Talos 1.11
  /// machine (Talos takes JSON6902 patches on one-document configs only). Examples that do not
  /// weaken Talos 1.11's defaults, or that set more than one branch, have no such form.
  @Test(arguments: cases)
  func json6902FindingLandsOnTheOperation(example: (rule: String, example: Int)) throws {
    let rule = try #require(AllRules.rules.first { $0.description.id == example.rule })
    let yaml = rule.description.examples[example.example].yaml
    // `$patch: delete` is strategic merge's own: in a JSON6902 value it is a plain key.
    guard !yaml.contains("talos-version="), !yaml.contains("$patch"), let operation = JSON6902Form(yaml) else { return }
    let linter = Linter(rules: AllRules.rules, version: TalosVersion(1, 11))
    let alone = linter.lint(bytes: Array(yaml.utf8), path: "patch.yaml").diagnostics.filter { $0.ruleID == example.rule }
    guard !alone.isEmpty else { return }
    let expected = Set(alone.compactMap { operation.position(of: $0.range.start) }.map { "\($0.line):\($0.column)" })
    let files = [".talint.yaml": "machines:\n  m1: {type: controlplane, patches: [patch.yaml]}\n", "patch.yaml": operation.text]
    let found = try Self.machineFindings(files, in: "patch.yaml", rule: example.rule, linter: linter)
    let landed = Set(found.map { "\($0.range.start.line):\($0.range.start.column)" })
    #expect(!expected.isEmpty && expected.isSubset(of: landed), "\(example.rule) example \(example.example) as JSON6902:\n\(operation.text)\nexpected at \(expected.sorted()), found \(found.map { "\($0.range.start.line):\($0.range.start.column) \($0.machines)" })")
    #expect(found.allSatisfy { $0.machines.contains("m1") })
  }

  /// Writes `files` to a fresh folder, runs them as the command line does (project machines
  /// from its `.talint.yaml`), and returns `rule`'s findings in `file`.
  static func machineFindings(_ files: [String: String], in file: String, rule: String, linter: Linter) throws -> [Diagnostic] {
    let folder = NSTemporaryDirectory() + "talint-forms-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (name, content) in files { try content.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
    var machines: [MachineDefinition] = []
    if files[".talint.yaml"] != nil {
      machines = ConfigParser(knownRules: []).parse(bytes: Paths.read(folder + "/.talint.yaml"), path: folder + "/.talint.yaml").config.machineDefinitions
    }
    let run = LintRun(linterForPath: { _ in linter }, projectMachines: machines)
    let inputs = files.keys.filter { $0 != ".talint.yaml" }.map { LintRun.Input(.path(folder + "/" + $0), linter: linter) }
    return run.run(inputs).filter { $0.path == folder + "/" + file }.flatMap(\.diagnostics).filter { $0.ruleID == rule }
  }
}

/// A strategic-merge example as one JSON6902 `add`: the path down its chain of one-key
/// mappings, the value the mapping it reaches, re-indented under `value:`.
struct JSON6902Form {
  var text: String
  /// The example's lines the value takes, and how far its columns move.
  private var firstLine: Int
  private var lastLine: Int
  private var columnShift: Int

  init?(_ yaml: String) {
    let parsed = YAMLParser.parse(Array(yaml.utf8))
    guard let document = parsed.documents.first, var node = document.root else { return nil }
    var path: [String] = []
    while document.isMapping(node), document.pairs(node).count == 1, let pair = document.pairs(node).first,
      document.isMapping(pair.value), let key = document.scalar(pair.key)
    {
      path.append(key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))
      node = pair.value
    }
    guard !path.isEmpty else { return nil }
    let range = document[node].range
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let indent = range.start.column - 1
    firstLine = range.start.line
    lastLine = min(range.end.column == 1 ? range.end.line - 1 : range.end.line, lines.count)
    columnShift = 4 - indent
    let value = lines[(firstLine - 1)..<lastLine].map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
    text = "- op: add\n  path: /" + path.joined(separator: "/") + "\n  value:\n" + value.map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n") + "\n"
  }

  /// Where a position of the example is in the operation: in the value, or — for a key the
  /// path names — the path.
  func position(of position: SourcePosition) -> SourcePosition? {
    if position.line < firstLine { return SourcePosition(line: 2, column: 9) }
    guard position.line <= lastLine else { return nil }
    return SourcePosition(line: position.line - firstLine + 4, column: position.column + columnShift)
  }
}
