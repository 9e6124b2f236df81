/// Networks the firewall rules measure exposure against (`.talint.yaml` `networks`): apid
/// should be reachable only from `admin`, etcd only from `controlPlane`, the kubelet and trustd
/// only from `cluster`.
public struct NetworkPolicy: Sendable, Equatable {
  public var admin: [CIDR] = []
  public var controlPlane: [CIDR] = []
  public var cluster: [CIDR] = []

  public init(admin: [CIDR] = [], controlPlane: [CIDR] = [], cluster: [CIDR] = []) {
    self.admin = admin
    self.controlPlane = controlPlane
    self.cluster = cluster
  }

  public var isEmpty: Bool { admin.isEmpty && controlPlane.isEmpty && cluster.isEmpty }
}

/// Which rules run, chosen by ID (`TAL101`), name (`kspp-kernel-arg-removed`) or ID prefix
/// (`TAL5`, `TAL`).
public struct RuleSelection: Sendable, Equatable {
  /// When non-empty, only matching rules run.
  public var select: [String] = []
  /// Matching rules never run.
  public var ignore: [String] = []

  public init(select: [String] = [], ignore: [String] = []) {
    self.select = select
    self.ignore = ignore
  }

  /// The TAL0xx rules watch talint's own inputs (YAML, suppression comments): selecting rule
  /// families keeps them, and only an `ignore` that names one by ID or name turns it off, so a
  /// `select` can never quietly disable `require-reason` or the check for a mistyped rule.
  public func includes(_ rule: RuleDescription) -> Bool {
    if Self.isMeta(rule) {
      return !ignore.contains { $0.uppercased() == rule.id || $0.lowercased() == rule.name }
    }
    if !select.isEmpty && !select.contains(where: { Self.matches($0, rule) }) { return false }
    return !ignore.contains { Self.matches($0, rule) }
  }

  /// The input and suppression checks, TAL001–TAL010; the structure rules from TAL011 on are
  /// selected and ignored like any rule.
  static func isMeta(_ rule: RuleDescription) -> Bool { rule.id.hasPrefix("TAL00") || rule.id == "TAL010" }

  /// True when `pattern` names the rule by ID, name, ID prefix or category (`kernel-arguments`).
  public static func matches(_ pattern: String, _ rule: RuleDescription) -> Bool {
    let upper = pattern.uppercased()
    return rule.id == upper || rule.name == pattern.lowercased() || (upper.hasPrefix("TAL") && rule.id.hasPrefix(upper))
      || RuleCategory(named: pattern) == rule.category
  }
}

/// Everything besides the rules that shapes one lint run: the Talos release, selection,
/// severity overrides, suppression policy and networks. Built from the command line and the
/// project's `.talint.yaml`.
public struct LintSettings: Sendable, Equatable {
  /// The release for files that name none (`.talint.yaml`, else the newest known).
  public var version: TalosVersion = .newest
  /// Where `version` came from.
  public var versionSource = Self.assumedVersionSource
  /// Where the release comes from when nothing names one: talint assumes the newest.
  public static let assumedVersionSource = "the newest release talint knows"
  /// `--talos-version`: the release for every file, whatever it names.
  public var forcedVersion: TalosVersion?
  public var selection = RuleSelection()
  /// Severity per rule ID.
  public var severities: [String: Severity] = [:]
  /// A suppression without a `-- reason` is an error.
  public var requireReason = false
  /// Rule IDs no comment can silence.
  public var unsuppressible: Set<String> = []
  public var networks = NetworkPolicy()
  /// Which files' YAML talint checks (`yaml:` in `.talint.yaml`).
  public var yaml = YAMLScope.talos
  /// talhelper's env files, as `.talint.yaml` names them (nil: talenv.yaml and its kin beside
  /// each talconfig, talhelper's default).
  public var talhelperEnvFiles: [String]?

  /// The fallback release with its source.
  public var release: TalosRelease { TalosRelease(version, source: versionSource) }

  public init(requireReason: Bool = false, networks: NetworkPolicy = NetworkPolicy()) {
    self.requireReason = requireReason
    self.networks = networks
  }
}

/// Which files talint checks for YAML syntax and duplicate keys (TAL001, TAL002, TAL007): Talos
/// files only (the default: elsewhere that is yamllint's job, and a repository root holds
/// hundreds of other YAML files), or every YAML file (`yaml: all` in `.talint.yaml`, for a
/// team that wants talint to be its YAML check too). The Talos rules judge Talos files only,
/// whatever this says.
public enum YAMLScope: String, Sendable, CaseIterable {
  case talos, all
}
