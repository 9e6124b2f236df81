import TalintYAML

/// A project's `.talint.yaml`, as read. Every field is optional; the command line wins over it.
public struct ProjectConfig: Sendable {
  /// Where it was read from (nil for the built-in defaults).
  public var path: String?
  public var select: [String]?
  public var ignore: [String]?
  public var severities: [String: Severity] = [:]
  /// Globs relative to the config file's folder.
  public var exclude: [String] = []
  /// Globs (relative to the config file's folder) of more files for walks to lint.
  public var include: [String] = []
  public var failOn: String?
  public var talosVersion: TalosVersion?
  public var requireReason: Bool?
  public var unsuppressible: [String] = []
  public var networks = NetworkPolicy()
  /// The baseline file, as written (relative to the config's folder).
  public var baseline: String?
  /// Machines the project declares (talosctl users: `talosctl gen config --config-patch …`).
  public var machines: [MachineSpec] = []
  /// Which files' YAML is checked (`yaml: talos|all`); nil: the default, Talos files only.
  public var yaml: YAMLScope?
  /// talhelper's env files (`--env-file`), relative to this file; nil: its defaults beside
  /// each talconfig.
  public var talhelperEnvFiles: [String]?

  public init(path: String? = nil) { self.path = path }

  /// The folder the config's globs are relative to.
  public var directory: String? {
    guard let path, let slash = path.lastIndex(of: "/") else { return path == nil ? nil : "." }
    return String(path[..<slash])
  }

  /// The baseline file resolved against the config's folder.
  public var baselinePath: String? {
    guard let baseline else { return nil }
    return FilePath.join(directory ?? ".", baseline)
  }

  /// The settings this config gives, before command-line overrides.
  public func settings(knownRules: [RuleDescription]) -> LintSettings {
    var settings = LintSettings()
    if let talosVersion {
      settings.version = talosVersion
      settings.versionSource = "talos-version in \(path ?? ".talint.yaml")"
    }
    settings.selection = RuleSelection(select: select ?? [], ignore: ignore ?? [])
    settings.severities = severities
    settings.requireReason = requireReason ?? false
    settings.unsuppressible = Set(unsuppressible.compactMap { name in knownRules.first { RuleSelection.matches(name, $0) }?.id })
    settings.networks = networks
    settings.yaml = yaml ?? .talos
    settings.talhelperEnvFiles = talhelperEnvFiles.map { files in files.map { FilePath.join(directory ?? ".", $0) } }
    return settings
  }
}

/// A machine `.talint.yaml` declares: its type, release, patches in the order `talosctl gen
/// config --config-patch` applies them, and optionally the base it starts from instead of what
/// Talos generates. Paths are relative to the `.talint.yaml`.
public struct MachineSpec: Sendable, Equatable {
  public var name: String
  public var type: MachineType
  public var talosVersion: TalosVersion?
  public var patches: [String]
  public var base: String?
  /// Where the machine is declared.
  public var position: SourcePosition
  /// Where each of `patches` is written, and `base`: a file that cannot be read is reported there.
  public var patchRanges: [SourceRange] = []
  public var baseRange: SourceRange?

  public init(name: String, type: MachineType, talosVersion: TalosVersion? = nil, patches: [String], base: String? = nil, position: SourcePosition) {
    self.name = name
    self.type = type
    self.talosVersion = talosVersion
    self.patches = patches
    self.base = base
    self.position = position
  }
}

/// A problem in a `.talint.yaml`, at its position.
public struct ConfigProblem: Sendable, Error, CustomStringConvertible {
  public var path: String
  public var position: SourcePosition
  public var message: String
  /// True when the config cannot be used (exit 64); false for a warning.
  public var isError: Bool

  public var description: String {
    "\(path):\(position.line):\(position.column): \(isError ? "error" : "warning"): \(message)"
  }
}

extension ProjectConfig {
  /// The machines this configuration declares, paths resolved against its folder.
  public var machineDefinitions: [MachineDefinition] {
    guard let path else { return [] }
    let folder = directory ?? "."
    return machines.map { spec in
      MachineDefinition(
        name: spec.name, type: spec.type,
        release: spec.talosVersion.map { TalosRelease($0, source: "talos-version of machine \(spec.name) in \(FilePath.display(path))") },
        base: spec.base.map { .file(FilePath.display(FilePath.join(folder, $0))) } ?? .generated,
        patches: spec.patches.indices.map { index in
          MachinePatch(
            path: FilePath.display(FilePath.join(folder, spec.patches[index])), content: .file,
            namedAt: index < spec.patchRanges.count ? spec.patchRanges[index] : nil)
        }, definedIn: FilePath.display(path), baseNamedAt: spec.baseRange)
    }
  }
}
