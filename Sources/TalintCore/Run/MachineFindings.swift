import TalintYAML

/// The findings on every machine a run knows, reported where the deciding value is written —
/// once per place however many machines it reaches, naming them — and which parts of which
/// files the machines use (per-file findings there are replaced by these).
public struct MachineFindings: Sendable {
  /// Findings with their file path set and `machines` filled.
  public var diagnostics: [Diagnostic] = []
  /// By absolute path: the regions machines use (no entry: none; an empty list: the whole file).
  public var used: [String: [SourceRange]] = [:]

  /// Merges and checks each machine, on all cores (a talconfig of fifty nodes is fifty merges).
  /// `linter` gives, per machine, the linter of the project that defines it. Findings are
  /// gathered in machine order, so a run prints what a serial one would.
  public init(machines: [MachineDefinition], store: inout PatchStore, linter: (MachineDefinition) -> Linter) {
    // Every file a machine names is loaded first, so the merges only read the store.
    store.load(machines)
    let jobs = machines.map { (machine: $0, linter: linter($0)) }
    let loaded = store
    // The run's node budget as a serial run spends it: machine after machine, each allowed
    // what the ones before it left (at most its own budget). The merges run at once all the
    // same, sharing a count that stops them all when together they pass the run's budget; then
    // each result is kept where it is the serial one, and the others merged again alone.
    let shared = SharedNodeCount()
    var results = LintRun.parallel(jobs) { job in
      var store = loaded
      return Self.check(job.machine, linter: job.linter, store: &store, budget: NodeBudget(shared: shared))
    }
    var spent = 0
    for (index, job) in jobs.enumerated() {
      let left = NodeBudget.perRun - spent
      let budget = NodeBudget(allowance: max(0, min(NodeBudget.perMachine, left)), isRunsRemainder: left < NodeBudget.perMachine)
      if results[index].cutShort || (results[index].created > budget.allowance && budget.allowance < NodeBudget.perMachine) {
        var store = loaded
        results[index] = Self.check(job.machine, linter: job.linter, store: &store, budget: budget)
      }
      spent += results[index].created
    }
    var byPlace: [Place: Int] = [:]
    for (machine, found) in zip(machines, results) {
      markUsed(machine)
      // Each file's absolute path once per machine, not once per finding.
      let absolutePaths = found.files.map { FilePath.absolute($0.path) }
      for var diagnostic in found.diagnostics {
        let file = Int(diagnostic.range.file)
        var absolutePath: String?
        if file >= 0 && file < found.files.count {
          guard !found.files[file].generated else { continue }
          diagnostic.path = found.files[file].path
          absolutePath = absolutePaths[file]
        }
        diagnostic.range.file = 0
        for index in diagnostic.notes.indices { diagnostic.notes[index].range.file = 0 }
        let place = Place(
          file: absolutePath ?? FilePath.absolute(diagnostic.path), start: diagnostic.range.start, end: diagnostic.range.end,
          rule: diagnostic.ruleID, message: diagnostic.messageWithoutKeyPath)
        if let index = byPlace[place] {
          if !diagnostics[index].machines.contains(machine.name) { diagnostics[index].machines.append(machine.name) }
        } else {
          diagnostic.machines = [machine.name]
          byPlace[place] = diagnostics.count
          diagnostics.append(diagnostic)
        }
      }
    }
  }

  /// What makes two machines' findings one report: the same rule and message at the same
  /// place, whichever key path led each machine there (an alias shared by several nodes).
  private struct Place: Hashable {
    var file: String
    var start: SourcePosition
    var end: SourcePosition
    var rule: String
    var message: String
  }

  /// One machine merged and judged: its findings, with positions in `files`, and the nodes its
  /// merge created. A merge that passed a limit is not judged: its config is partial.
  private struct Checked: Sendable {
    var diagnostics: [Diagnostic]
    var files: [EffectiveConfig.Source]
    var created: Int
    /// Stopped because the run's shared count ran out (see `init`): to be merged again.
    var cutShort: Bool
  }

  private static func check(_ machine: MachineDefinition, linter: Linter, store: inout PatchStore, budget: NodeBudget) -> Checked {
    let report = MachineReport(machine, linter: linter, store: &store, budget: budget)
    let merged = report.config
    return Checked(diagnostics: report.diagnostics, files: merged.files, created: merged.merged.budget.created, cutShort: merged.errors.contains(where: \.cutShort))
  }

  private mutating func markUsed(_ machine: MachineDefinition) {
    if case .file(let path) = machine.base { used[FilePath.absolute(path)] = [] }
    for patch in machine.patches + machine.bootDocuments {
      let key = FilePath.absolute(patch.path)
      if patch.regions.isEmpty {
        used[key] = []
      } else if used[key] != [] {
        used[key, default: []] += patch.regions
      }
    }
  }

  /// The TAL0 rules that judge a config's structure, as the merged machine has it, rather than
  /// the file's text: like the security rules, a machine's finding replaces the file's own.
  static let structureRules: Set<String> = ["TAL011", "TAL012", "TAL013", "TAL014", "TAL015"]

  /// True when a per-file finding lies in `regions` (what machines use of its file), so the
  /// machines' findings stand for it. The file's own problems (YAML, suppressions: TAL0xx)
  /// always stand.
  public static func replaces(_ diagnostic: Diagnostic, within regions: [SourceRange]?) -> Bool {
    guard let regions, !diagnostic.ruleID.hasPrefix("TAL0") || structureRules.contains(diagnostic.ruleID) else { return false }
    if regions.isEmpty { return true }
    let line = diagnostic.range.start.line
    return regions.contains { $0.start.line <= line && line <= $0.end.line }
  }
}
