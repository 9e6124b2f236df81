import TalintCore

/// What a fixture says about itself in comments:
/// - `# expect: TAL101` trailing a line: that line gets a TAL101 diagnostic
///   (`# expect: 9 TAL101` pins the column; several are separated by commas);
/// - `# expect: TAL101` on its own line: the next line gets it (further `# expect:` lines and
///   blank lines are skipped, so it can point at a suppression comment);
/// - `# passes: TAL101, TAL102` anywhere: the fixture exercises these rules and must not
///   trigger them (a passing case for the rule-coverage check);
/// - `# talos-version: 1.13`: lint with that release's defaults.
public struct FixtureExpectations: Sendable {
  public struct Expectation: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int?
    public var ruleID: String

    public var description: String { "\(line):\(column.map(String.init) ?? "*") \(ruleID)" }
  }

  public var expectations: [Expectation] = []
  public var passes: Set<String> = []
  public var talosVersion: TalosVersion?

  public init(bytes: [UInt8], path: String = "fixture.yaml") {
    let comments = Linter(rules: []).comments(bytes: bytes, path: path)
    let lines = LineIndex.text(of: InputDecoding.utf8(bytes))
    let expectLines = Set(comments.filter { !$0.isTrailing && $0.text.hasPrefix("expect:") }.map(\.position.line))
    for comment in comments {
      if let list = Self.value(of: "passes:", in: comment.text) {
        passes.formUnion(list.split(separator: ",").map { String($0).trimmingBlanks() })
        continue
      }
      if let version = Self.value(of: "talos-version:", in: comment.text) {
        talosVersion = TalosVersion(parsing: version)
        continue
      }
      guard let list = Self.value(of: "expect:", in: comment.text) else { continue }
      var line = comment.position.line
      if !comment.isTrailing {
        repeat { line += 1 } while (expectLines.contains(line) || Self.isBlank(lines.lineText(line))) && line < lines.lineCount
      }
      for item in list.split(separator: ",") {
        let words = item.split(separator: " ").map(String.init)
        guard let id = words.last else { continue }
        let column = words.count == 2 ? Int(words[0]) : nil
        expectations.append(Expectation(line: line, column: column, ruleID: id))
      }
    }
  }

  private static func value(of marker: String, in text: String) -> String? {
    guard text.hasPrefix(marker) else { return nil }
    return String(text.dropFirst(marker.count)).trimmingBlanks()
  }

  private static func isBlank(_ text: String) -> Bool { text.allSatisfy { $0 == " " || $0 == "\t" } }
}

/// Lints a fixture, with the `.talint.yaml` that applies to it as the CLI would find it, and
/// matches each diagnostic to exactly one expectation.
public struct FixtureRunner: Sendable {
  public var rules: [any Rule.Type]

  public init(rules: [any Rule.Type]) { self.rules = rules }

  public struct Outcome: Sendable {
    public var diagnostics: [Diagnostic]
    /// Diagnostics no expectation accounts for.
    public var unexpected: [Diagnostic]
    /// Expectations no diagnostic met.
    public var missing: [FixtureExpectations.Expectation]
    public var expectations: FixtureExpectations

    public var passed: Bool { unexpected.isEmpty && missing.isEmpty }
  }

  /// Lints the fixture as the command line does — machines it describes merged and judged —
  /// and keeps the findings in the fixture itself.
  public func run(path: String) -> Outcome {
    let bytes = Paths.read(path)
    let expectations = FixtureExpectations(bytes: bytes, path: path)
    var settings = LintSettings()
    var machines: [MachineDefinition] = []
    if let configPath = ConfigDiscovery().configPath(for: path) {
      let config = ConfigParser(knownRules: []).parse(bytes: Paths.read(configPath), path: configPath).config
      settings = config.settings(knownRules: rules.map { $0.description })
      machines = config.machineDefinitions
    }
    if let version = expectations.talosVersion { settings.forcedVersion = version }
    let linter = Linter(rules: rules, settings: settings)
    let run = LintRun(linterForPath: { _ in linter }, projectMachines: machines)
    // A patch file of a talhelper layout (`patches/x.yaml` beside or below `talconfig.yaml`) is
    // judged on the talconfig's machines too, as a run at the folder judges it.
    let folder = FilePath.parent(path)
    let talconfigs = [folder, FilePath.parent(folder)].map { $0 + "/talconfig.yaml" }
      .filter { FilePath.absolute($0) != FilePath.absolute(path) && Paths.isFile($0) }
    let results = run.run(([path] + talconfigs).map { LintRun.Input(.path($0), linter: linter) })
    let diagnostics = results.filter { FilePath.absolute($0.path) == FilePath.absolute(path) }.flatMap(\.diagnostics).filter { $0.suppression == nil }
    var missing = expectations.expectations
    var unexpected: [Diagnostic] = []
    for diagnostic in diagnostics {
      let start = diagnostic.range.start
      if let index = missing.firstIndex(where: {
        $0.ruleID == diagnostic.ruleID && $0.line == start.line && ($0.column == nil || $0.column == start.column)
      }) {
        missing.remove(at: index)
      } else {
        unexpected.append(diagnostic)
      }
    }
    return Outcome(diagnostics: diagnostics, unexpected: unexpected, missing: missing, expectations: expectations)
  }
}
