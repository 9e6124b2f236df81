@testable import TalintCore
import TalintRules
import TalintTestSupport
import TalintYAML
import Testing

/// A fix keeps the config's meaning (issue 20 §4): over every rule example, every fixture and
/// every file of `../shared/corpus/`, each fixable finding's fix applied alone leaves a file
/// that parses, without that finding, whose trees — the file's documents, each config written
/// inside a string of it, and every machine it describes, merged — differ from before only
/// under the key path the finding names.
@Suite struct FixMeaningPropertyTests {
  static let linter = Linter(rules: AllRules.rules)
  static let suffixes = [".yaml", ".yml", ".j2", ".tmpl", ".tpl"]

  static let examples: [(String, String)] = AllRules.rules.flatMap { rule in
    rule.description.examples.enumerated().map { ("\(rule.description.id) example \($0.offset)", $0.element.yaml) }
  }

  static let fixtures: [String] = Paths.files(in: Paths.fixtures, suffixes: suffixes)

  static let corpus: [String] = Paths.shared.map { Paths.files(in: $0 + "/corpus", suffixes: suffixes) } ?? []

  /// What a file means, as a multiset of leaves `where:path=value`: `where` is `file`, `unit N`
  /// (the Nth config written inside a string) or `machine NAME`; `path` the keys down to the
  /// value, list positions left out (a removed item shifts the rest); empty collections and
  /// nulls leave none, as Talos reads them as absent. A string that holds a config is one leaf
  /// `<config>` of the file: its meaning is its unit's.
  static func meaning(_ bytes: [UInt8], path: String) -> [String: Int]? {
    guard case .ready(let prepared) = linter.prepare(bytes: bytes, path: path, referrer: nil) else { return nil }
    var leaves: [String: Int] = [:]
    let embedded = Set(prepared.reading.units.compactMap { $0.embedded?.text.text })
    for document in prepared.parsed.documents {
      guard let root = document.root else { continue }
      add(TreeValue(document, root), at: "file:", to: &leaves, configs: embedded)
    }
    for (index, unit) in prepared.reading.units.enumerated() {
      guard let parsed = unit.embedded?.parsed else { continue }
      for document in parsed.documents {
        guard let root = document.root else { continue }
        add(TreeValue(document, root), at: "unit \(index):", to: &leaves, configs: [])
      }
    }
    let analysis = linter.analyze(bytes: bytes, path: path, keepingTree: true)
    var store = PatchStore(analyses: [analysis])
    for machine in analysis.machines {
      let effective = EffectiveConfig(machine, release: machine.release ?? analysis.release ?? linter.settings.release, store: &store)
      for document in effective.merged.documents {
        add(TreeValue(effective.merged.arena, document.root), at: "machine \(machine.name):\(document.kind)/", to: &leaves, configs: [])
      }
      for error in effective.errors { leaves["machine \(machine.name): error \(error.message)", default: 0] += 1 }
    }
    return leaves
  }

  private static func add(_ value: TreeValue, at path: String, to leaves: inout [String: Int], configs: Set<String>) {
    switch value {
    case .null: return
    case .scalar(let text): leaves[path + "=" + (configs.contains(text) ? "<config>" : text), default: 0] += 1
    case .mapping(let entries):
      for (key, child) in entries { add(child, at: path + (path.hasSuffix(":") || path.hasSuffix("/") ? "" : ".") + key, to: &leaves, configs: configs) }
    case .sequence(let items):
      for item in items { add(item, at: path, to: &leaves, configs: configs) }
    }
  }

  /// True when the leaf's path (after its `where`) is at the key path the finding names, list
  /// positions left out: the key path itself, or ending there (a talconfig's `schematic:`
  /// holds `customization…`, an Omni template's inline patch `machine…`), or below it. A
  /// typed document's key path starts with its kind, which the tree does not hold; a JSON6902
  /// operation names its target and holds the new value under `value`; an Omni template's
  /// `kernelArgs` are named as the schematic's `customization.extraKernelArgs` they become.
  static func isUnder(_ leaf: String, _ keyPath: String) -> Bool {
    if keyPath.hasPrefix("customization.extraKernelArgs") && leaf.hasPrefix("file:kernelArgs=") { return true }
    var stripped = ""
    var inIndex = false
    for character in keyPath {
      if character == "[" { inIndex = true } else if character == "]" { inIndex = false } else if !inIndex { stripped.append(character) }
    }
    if let first = stripped.first, first.isUppercase, let dot = stripped.firstIndex(of: ".") { stripped = String(stripped[stripped.index(after: dot)...]) }
    guard let colon = leaf.firstIndex(of: ":") else { return false }
    var rest = leaf[leaf.index(after: colon)...]
    if let slash = rest.firstIndex(of: "/"), leaf.hasPrefix("machine ") { rest = rest[rest.index(after: slash)...] }
    guard let equals = rest.firstIndex(of: "=") else { return false }
    let path = "." + rest[..<equals] + "."
    if path == ".value." { return true }
    if path.hasPrefix(".value.") { return ("." + stripped + ".").hasSuffix(path.dropFirst(6)) || path.contains("." + stripped + ".") }
    return stripped.isEmpty || path.contains("." + stripped + ".")
  }

  static func check(_ name: String, _ bytes: [UInt8], path: String) throws {
    let before = linter.lint(bytes: bytes, path: path)
    let fixable = before.diagnostics.filter { $0.suppression == nil && $0.fix != nil }
    guard !fixable.isEmpty, let meant = meaning(bytes, path: path) else { return }
    // The same finding: rule and message (a list's next item takes the removed one's key path).
    let count = { (diagnostics: [Diagnostic], finding: Diagnostic) in
      diagnostics.filter { $0.ruleID == finding.ruleID && $0.message == finding.message }.count
    }
    let unreadable = { (diagnostics: [Diagnostic]) in
      diagnostics.filter { ["TAL001", "TAL002", InputProblems.templateNotParsed.id].contains($0.ruleID) }.map(\.message)
    }
    for finding in fixable {
      let label = "\(name): \(finding.ruleID) at \(finding.range.start.line):\(finding.range.start.column) (\(finding.keyPath ?? "-"))"
      let (fixed, applied) = try #require(FixEngine.apply([finding.fix!], to: bytes), "\(label)")
      #expect(applied == 1, "\(label)")
      let after = linter.lint(bytes: fixed, path: path)
      #expect(!after.failed, "\(label): the fixed file does not parse")
      #expect(unreadable(after.diagnostics).count <= unreadable(before.diagnostics).count, "\(label): \(unreadable(after.diagnostics))")
      #expect(count(after.diagnostics, finding) < count(before.diagnostics, finding), "\(label): the finding is still there")
      // No line holding only blanks is made.
      let lines = UnifiedDiff.edits(UnifiedDiff.lines(bytes), UnifiedDiff.lines(fixed))
      for step in lines where step.kind == .insert {
        #expect(!step.text.allSatisfy(\.isWhitespace) || step.text.allSatisfy(\.isNewline), "\(label): a line of blanks is left")
      }
      guard let now = meaning(fixed, path: path) else {
        Issue.record("\(label): the fixed file is not read")
        continue
      }
      let removed = meant.filter { $0.value > now[$0.key, default: 0] }.keys
      let added = now.filter { $0.value > meant[$0.key, default: 0] }.keys
      let elsewhere = (removed.map { "- " + $0 } + added.map { "+ " + $0 }).filter { !isUnder(String($0.dropFirst(2)), finding.keyPath ?? "") }
      #expect(elsewhere.isEmpty, "\(label): changed outside \(finding.keyPath ?? "-"): \(elsewhere.sorted())")
      #expect(!removed.isEmpty || !added.isEmpty, "\(label): the fix changed nothing")
    }
  }

  /// The meaning compared holds the machines a talconfig describes, merged, and its inline
  /// patches: a fix that moved a key inside a patch would show there.
  @Test func meaningHoldsMachinesAndPatches() throws {
    let path = Paths.fixtures + "/talhelper/inline-patch-styles/talconfig.yaml"
    let leaves = try #require(Self.meaning(Paths.read(path), path: path)).keys
    #expect(leaves.contains("machine cp1:v1alpha1/machine.sysctls.kernel.kptr_restrict=0"), "\(leaves.sorted())")
    #expect(leaves.contains { $0.hasPrefix("unit ") && $0.hasSuffix(":machine.sysctls.kernel.kptr_restrict=0") })
    #expect(leaves.contains("file:nodes.patches=<config>"))
  }

  /// Talconfigs with one inline patch in each string style, the finding first, in the middle,
  /// last or alone among its sysctls, with or without more of the patch after it and another
  /// patch after the string.
  static let inlinePatches: [(String, String)] = {
    let head = "clusterName: demo\ntalosVersion: v1.10.0\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: cp1\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    patches:\n"
    let weak = "kernel.kptr_restrict: \"0\""
    let positions: [(String, [String])] = [
      ("first", [weak, "vm.a: \"1\""]), ("middle", ["vm.a: \"1\"", weak, "vm.b: \"2\""]), ("last", ["vm.a: \"1\"", weak]), ("alone", [weak]),
    ]
    var cases: [(String, String)] = []
    for style in ["|", "|-", ">", ">-", "double", "single"] {
      for (position, entries) in positions {
        for more in [false, true] {
          for next in [false, true] {
            let block = "machine:\n  sysctls:\n" + entries.map { "    \($0)\n" }.joined() + (more ? "  kubelet:\n    image: k\n" : "")
            let patch: String
            switch style {
            case "double": patch = "      - \"" + block.replacing("\"", with: "\\\"").replacing("\n", with: "\\n") + "\"\n"
            case "single":
              let flow = "machine: {sysctls: {" + entries.joined(separator: ", ") + "}" + (more ? ", kubelet: {image: k}" : "") + "}"
              patch = "      - '" + flow + "'\n"
            default: patch = "      - \(style)\n" + block.split(separator: "\n").map { "        \($0)\n" }.joined()
            }
            let name = "\(style) patch, finding \(position)\(more ? ", more after it" : "")\(next ? ", another patch after" : "")"
            cases.append((name, head + patch + (next ? "      - |\n        machine:\n          type: controlplane\n" : "")))
          }
        }
      }
    }
    return cases
  }()

  @Test(arguments: inlinePatches)
  func inlinePatchFixesKeepMeaning(talconfig: (String, String)) throws {
    let fixable = Self.linter.lint(bytes: Array(talconfig.1.utf8), path: "talconfig.yaml").diagnostics.filter { $0.fix != nil }
    #expect(fixable.map(\.ruleID) == ["TAL201"], "\(talconfig.0): \(talconfig.1)")
    try Self.check(talconfig.0, Array(talconfig.1.utf8), path: "talconfig.yaml")
  }

  @Test(arguments: examples)
  func ruleExampleFixesKeepMeaning(example: (String, String)) throws {
    try Self.check(example.0, Array(example.1.utf8), path: "fixed.yaml")
  }

  @Test(arguments: fixtures)
  func fixtureFixesKeepMeaning(fixture: String) throws {
    let text = String(decoding: Paths.read(fixture), as: UTF8.self)
    try Self.check(fixture, Array(text.utf8), path: fixture)
    try Self.check(fixture + " (CRLF)", Array(text.replacing("\n", with: "\r\n").utf8), path: fixture)
  }

  @Test(.enabled(if: Paths.shared != nil, "skipped: ../shared/corpus is not beside the checkout"))
  func corpusFixesKeepMeaning() throws {
    #expect(Self.corpus.count > 50, "the corpus was not found: \(Self.corpus.count) files")
    for file in Self.corpus { try Self.check(file, Paths.read(file), path: file) }
  }
}
