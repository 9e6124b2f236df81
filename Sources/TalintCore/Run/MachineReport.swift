/// One machine as a run judges it: its merged config (which holds its definition and the
/// release it is judged by) and the findings on it, with positions in `config.files`. What
/// `MachineFindings` gathers for `lint`, and what `talint report` reads per machine.
public struct MachineReport: Sendable {
  public var config: EffectiveConfig
  /// Findings on the merged config and the merge's own problems (a patch Talos would refuse).
  public var diagnostics: [Diagnostic]

  public var machine: MachineDefinition { config.machine }
  public var release: TalosRelease { config.release }

  /// Merges a machine with the release its project's settings give it and runs `linter`'s
  /// rules on the result; a merge that passed a limit is not judged (its config is partial).
  public init(_ machine: MachineDefinition, linter: Linter, store: inout PatchStore, budget: NodeBudget = NodeBudget()) {
    config = EffectiveConfig(machine, release: linter.settings.release(of: machine), store: &store, budget: budget)
    diagnostics = config.passedLimit ? [] : linter.check(config.config, release: config.release, path: machine.definedIn, patches: config.texts)
    for error in config.errors {
      let range = error.range ?? SourceRange(at: SourcePosition(line: 1, column: 1), file: -1)
      let (rule, message) = error.reported
      // A file meant to be absent where talint runs is ignored by name (`ignore: [TAL009]`).
      guard linter.settings.selection.includes(rule) else { continue }
      diagnostics.append(Diagnostic(rule: rule, message: message, path: machine.definedIn, range: range))
    }
  }
}
