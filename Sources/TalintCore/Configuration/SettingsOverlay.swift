/// What a front end puts on top of a project's `.talint.yaml`: the command line's options, or
/// an editor's settings. The overlay wins over the file.
public struct SettingsOverlay: Equatable, Sendable {
  /// The release every file is judged by, whatever it names (`--talos-version`).
  public var talosVersion: TalosVersion?
  /// How warnings name where `talosVersion` came from.
  public var talosVersionSource = "--talos-version"
  public var select: [String] = []
  public var ignore: [String] = []
  public var failOn: FailThreshold?

  public init(talosVersion: TalosVersion? = nil, select: [String] = [], ignore: [String] = [], failOn: FailThreshold? = nil) {
    self.talosVersion = talosVersion
    self.select = select
    self.ignore = ignore
    self.failOn = failOn
  }

  /// What applies to the files under one configuration.
  public struct Effective: Sendable {
    public var settings: LintSettings
    public var failOn: FailThreshold
    /// To be said once: a release talint does not know, and the one used instead.
    public var warnings: [String] = []
  }

  /// The project's settings with the overlay on top. A release talint does not know is judged
  /// as the nearest it knows, with a warning that says so.
  public func effective(_ project: ProjectConfig, knownRules: [RuleDescription]) -> Effective {
    var settings = project.settings(knownRules: knownRules)
    var warnings: [String] = []
    if let version = talosVersion {
      settings.forcedVersion = version.nearestKnown
      if version != version.nearestKnown { warnings.append(Self.unknownRelease(version, from: talosVersionSource)) }
    }
    if settings.version != settings.version.nearestKnown {
      warnings.append(Self.unknownRelease(settings.version, from: "talos-version in \(project.path ?? ".talint.yaml")"))
      settings.version = settings.version.nearestKnown
    }
    if !select.isEmpty { settings.selection.select = select }
    if !ignore.isEmpty { settings.selection.ignore = ignore }
    let threshold = failOn ?? project.failOn.flatMap(FailThreshold.init(rawValue:)) ?? .warning
    return Effective(settings: settings, failOn: threshold, warnings: warnings)
  }

  static func unknownRelease(_ version: TalosVersion, from source: String) -> String {
    "talint: warning: \(source) names Talos \(version), which talint does not know "
      + "(it knows \(TalosVersion.oldest)–\(TalosVersion.newest)); judging against \(version.nearestKnown)"
  }
}
