import ArgumentParser
import TalintCore
import TalintRules

/// The settings options of a command line as plain values (`SettingsOptions` parses them;
/// `LintCommandLine` reads them without reflection), and how they combine with a project's
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

  /// What applies to files under one configuration.
  struct Effective {
    var settings: LintSettings
    var failOn: FailThreshold
    /// Said once on standard error: a release talint does not know, and the one used instead.
    var warnings: [String] = []
  }

  static func unknownRelease(_ version: TalosVersion, from source: String) -> String {
    "talint: warning: \(source) names Talos \(version), which talint does not know "
      + "(it knows \(TalosVersion.oldest)–\(TalosVersion.newest)); judging against \(version.nearestKnown)"
  }

  /// The file's settings with the command line's on top (the command line wins).
  func effective(_ project: ProjectConfig) -> Effective {
    var settings = project.settings(knownRules: AllRules.descriptions)
    var warnings: [String] = []
    if let version = talosVersion.flatMap(TalosVersion.init(parsing:)) {
      settings.forcedVersion = version.nearestKnown
      if version != version.nearestKnown { warnings.append(Self.unknownRelease(version, from: "--talos-version")) }
    }
    if settings.version != settings.version.nearestKnown {
      warnings.append(Self.unknownRelease(settings.version, from: "talos-version in \(project.path ?? ".talint.yaml")"))
      settings.version = settings.version.nearestKnown
    }
    if !select.isEmpty { settings.selection.select = select.flatMap(Self.split) }
    if !ignore.isEmpty { settings.selection.ignore = ignore.flatMap(Self.split) }
    let threshold = failOn ?? project.failOn.flatMap(FailThreshold.init(rawValue:)) ?? .warning
    return Effective(settings: settings, failOn: threshold, warnings: warnings)
  }
}
