/// One project set-up for every front end: `lint`, `files`, `config`, `render`, `report` and
/// the language server. It finds each path's configuration, puts the front end's overlay on
/// top, keeps one linter per configuration, knows the machines configurations declare, and
/// finds the talconfig or Omni template that names a file as a patch when the run does not
/// hold it. Front ends parse arguments and print; what they print the workspace says through
/// `say`. Used from a run's serial steps only, hence unchecked.
public final class Workspace: @unchecked Sendable {
  public let projects: ProjectConfigs
  public let overlay: SettingsOverlay
  private let rules: [any Rule.Type]
  private let knownRules: [RuleDescription]
  private let say: (String) -> Void
  private var effective: [String: SettingsOverlay.Effective] = [:]
  private var warned = Set<String>()
  private var linters: [String: Linter] = [:]
  /// By project root: the files its talconfigs and Omni templates name as patches.
  private var referrers: [String: PatchReferrers] = [:]
  /// What a run holds already: folders it walks whole (a root inside one has its referrers
  /// among the inputs) and its input files (their references are the run's own).
  private var held: (walked: [String], inputs: Set<String>) = ([], [])

  /// `strict`: a configuration that cannot be used stops the run (`ConfigurationRefused`), as
  /// on the command line; else the built-in defaults apply, as in an editor.
  public init(
    rules: [any Rule.Type], knownRules: [RuleDescription], overlay: SettingsOverlay = SettingsOverlay(),
    explicitConfig: String? = nil, linted: [String] = [], strict: Bool, say: @escaping (String) -> Void
  ) throws {
    self.rules = rules
    self.knownRules = knownRules
    self.overlay = overlay
    self.say = say
    projects = try ProjectConfigs(explicit: explicitConfig, linted: linted, knownRules: knownRules, strict: strict, say: say)
  }

  /// The key of the configuration a path falls under: its path, or "" for the built-in defaults.
  public func configKey(for path: String) throws -> String {
    try projects.config(for: path).path ?? ""
  }

  /// The settings under a configuration, its warnings said once.
  public func effective(key: String) -> SettingsOverlay.Effective {
    if let known = effective[key] { return known }
    let settings = overlay.effective(project(key: key), knownRules: knownRules)
    for warning in settings.warnings where warned.insert(warning).inserted { say(warning) }
    effective[key] = settings
    return settings
  }

  private func project(key: String) -> ProjectConfig {
    key.isEmpty ? ProjectConfig() : (try? projects.config(at: key)) ?? ProjectConfig()
  }

  /// The linter of a configuration. `excerpts` and `valueHashes`: what its findings carry
  /// (`--format pretty` shows excerpts; baselines and fingerprints need value hashes).
  public func linter(key: String, excerpts: Bool = false, valueHashes: Bool = true) -> Linter {
    var linter: Linter
    if let known = linters[key] {
      linter = known
    } else {
      let project = project(key: key)
      linter = Linter(rules: rules, settings: effective(key: key).settings)
      linter.root = ProjectRoot(configFolder: project.directory, linted: projects.linted)
      linters[key] = linter
    }
    linter.excerpts = excerpts
    linter.valueHashes = valueHashes
    return linter
  }

  public func linter(for path: String, excerpts: Bool = false, valueHashes: Bool = true) -> Linter {
    linter(key: (try? configKey(for: path)) ?? "", excerpts: excerpts, valueHashes: valueHashes)
  }

  /// `.talint.yaml` names a file as a Talos file when its `include` globs match it.
  public func namedBy(_ input: InputFile) -> String? {
    guard case .path(let path) = input.source, let project = try? projects.config(for: path), project.includes(path) else { return nil }
    return "named by include in \(project.path.map(FilePath.display) ?? ".talint.yaml")"
  }

  /// The machines the configurations declare (`machines:` in `.talint.yaml`).
  public func projectMachines(configKeys: Set<String>) -> [MachineDefinition] {
    configKeys.sorted().flatMap { key -> [MachineDefinition] in
      guard !key.isEmpty, let project = try? projects.config(at: key) else { return [] }
      return project.machineDefinitions
    }
  }

  /// What a run holds, so the look for referrers beyond it does not read it again.
  public func hold(walked: [String], inputs: [InputFile]) {
    held.walked = walked.filter { FilePath.isDirectory($0) }.map(FilePath.absolute)
    held.inputs = Set(inputs.compactMap { if case .path(let path) = $0.source { FilePath.absolute(path) } else { nil } })
  }

  /// The talconfig or Omni template that names `path` as a patch, for a file the run does not
  /// hold with its referrer (pre-commit passing only the patch, a patch open alone in an
  /// editor, `config`, `render`): each project root is read once.
  public func reference(to path: String) -> PatchReference? {
    // A name that is no file (`<stdin>`, a buffer never saved) is no talconfig's patch.
    guard FilePath.exists(path) else { return nil }
    let root = linter(for: path).root.root(of: path).folder
    if held.walked.contains(where: { ProjectRoot.contains($0, root) }) { return nil }
    if let known = referrers[root] { return known.reference(to: path) }
    let found = PatchReferrers(folder: root, collector: InputCollector(projects: projects), known: held.inputs) { self.linter(for: $0) }
    referrers[root] = found
    return found.reference(to: path)
  }

  /// A talconfig or template was saved: it may name other patches or another release now.
  public func forgetReferrers() {
    referrers = [:]
  }

  /// The release a file is judged by when it is linted alone: its own, else its referrer's,
  /// else its configuration's.
  public func release(ofPath path: String) throws -> TalosRelease {
    try linter(key: configKey(for: path)).release(ofPath: path, referrer: reference(to: path)?.release)
  }

  /// A run over `inputs`, with the machines their configurations declare, each file the run
  /// reaches beyond them linted with its own configuration's linter.
  public func run(_ inputs: [LintRun.Input], configKeys: Set<String>, excerpts: Bool = false, valueHashes: Bool = true) -> [FileResult] {
    var run = LintRun(linterForPath: { self.linter(for: $0, excerpts: excerpts, valueHashes: valueHashes) }, projectMachines: projectMachines(configKeys: configKeys))
    run.outsideReferrer = { self.reference(to: $0) }
    return run.run(inputs)
  }

  /// The machines under `paths`, found as `lint` finds them (talconfigs, Omni templates and
  /// the `.talint.yaml` of the paths and of every file under them), with the files they are
  /// made of.
  public func machines(under paths: [String]) throws -> (machines: [MachineDefinition], store: PatchStore, inputs: [InputFile]) {
    let inputs = InputCollector(projects: projects).collect(paths).inputs
    let keys = Set(try (inputs.map(\.displayPath) + paths).map(configKey))
    let run = LintRun(linterForPath: { self.linter(for: $0) }, projectMachines: projectMachines(configKeys: keys))
    let found = run.machines(inputs.map { LintRun.Input($0, linter: linter(for: $0.displayPath)) })
    return (found.machines, found.store, inputs)
  }
}
