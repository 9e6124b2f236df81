import ArgumentParser
import TalintCore
import TalintRules

/// The settings options of a command line as plain values (`SettingsOptions` parses them;
/// `LintCommandLine` reads them without reflection), and the overlay they put on a project's
/// `.talint.yaml`.
struct SettingsChoices: Equatable {
  var failOn: FailThreshold?
  var talosVersion: String?
  var select: [String] = []
  var ignore: [String] = []
  var config: String?

  /// A release talint can read, and rule names that match a rule: a typo in `--select` would
  /// otherwise silently select nothing.
  func validate() throws {
    if let talosVersion, TalosVersion(parsing: talosVersion) == nil {
      throw ValidationError("--talos-version takes a release such as 1.12, not '\(talosVersion)'")
    }
    for name in (select + ignore).flatMap(Self.split) where !AllRules.descriptions.contains(where: { RuleSelection.matches(name, $0) }) {
      throw ValidationError("no rule matches '\(name)'; `talint rules` lists them")
    }
  }

  /// `TAL101, TAL2` → `["TAL101", "TAL2"]`: `--select` and `--ignore` take lists as well as repeats.
  static func split(_ list: String) -> [String] {
    list.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
  }

  /// The options as what goes on top of each `.talint.yaml`.
  var overlay: SettingsOverlay {
    SettingsOverlay(
      talosVersion: talosVersion.flatMap(TalosVersion.init(parsing:)), select: select.flatMap(Self.split), ignore: ignore.flatMap(Self.split),
      failOn: failOn)
  }
}
