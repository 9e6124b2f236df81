import ArgumentParser
import TalintCore

/// Options that decide which settings apply, shared by `lint`, `config` and `render`.
struct SettingsOptions: ParsableArguments {
  @Option(name: .long, help: "Exit 1 when a finding is at or above this level: error, warning, info, never (default: warning).")
  var failOn: FailThreshold?

  @Option(name: .long, help: "Talos release whose defaults apply, e.g. 1.12 (default: the newest known).")
  var talosVersion: String?

  @Option(name: .long, parsing: .singleValue, help: "Only run these rules (IDs, names, prefixes such as TAL5 or categories such as kernel-arguments; comma-separated or repeated).")
  var select: [String] = []

  @Option(name: .long, parsing: .singleValue, help: "Never run these rules (IDs, names, prefixes or categories).")
  var ignore: [String] = []

  @Option(name: .long, help: "Use this configuration file instead of discovering .talint.yaml.")
  var config: String?

  /// The options as plain values, for the code that applies them.
  var choices: SettingsChoices {
    SettingsChoices(failOn: failOn, talosVersion: talosVersion, select: select, ignore: ignore, config: config)
  }

  func validate() throws { try choices.validate() }
}
