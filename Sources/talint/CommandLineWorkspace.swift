import ArgumentParser
import TalintCore
import TalintRules

extension Workspace {
  /// The command line's workspace: every rule, the options on top of each `.talint.yaml`,
  /// what it says on standard error, and a configuration it cannot use ends the run (exit 64).
  static func commandLine(_ choices: SettingsChoices, linted: [String]) throws -> Workspace {
    try exitingOnRefusal {
      try Workspace(
        rules: AllRules.rules, knownRules: AllRules.descriptions, overlay: choices.overlay, explicitConfig: choices.config,
        linted: linted, strict: true, say: { writeErr($0 + "\n") })
    }
  }
}

/// Runs `body`; a configuration talint cannot use ends the run with exit 64 (its problems are
/// said already).
func exitingOnRefusal<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch is ConfigurationRefused {
    throw ExitCode(64)
  }
}
