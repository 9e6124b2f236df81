import TalintCore
import TalintRules

/// One run's inputs and the settings each is linted with: one linter per distinct
/// configuration, results in input order.
struct LintPlan {
  struct Outcome {
    var files: [FileResult]
    /// Every file's findings, sorted for output.
    var diagnostics: [Diagnostic]
    /// The machines judged: those files and `.talint.yaml` define, and each full machine
    /// config no definition uses.
    var machines = 0
  }

  let inputs: [InputFile]
  /// The paths given: folders among them are walked whole.
  private let targets: [String]
  /// Directory arguments that held no file to lint.
  let emptyDirectories: [String]
  /// Symbolic links walks did not follow, as they lead out of the project.
  let linksOutside: [String]
  private let projects: ProjectConfigs
  /// The key of each input's configuration (its path, or "" for the built-in defaults).
  private let configKeys: [String]
  private let effective: [String: SettingsChoices.Effective]
  private let configByPath: [String: String]
  private let stdinName: String?
  private let options: SettingsChoices

  init(targets: [String], projects: ProjectConfigs, options: SettingsChoices, stdinName: String?, forceExclude: Bool) throws {
    var collector = InputCollector(projects: projects)
    collector.stdinName = stdinName ?? "<stdin>"
    collector.forceExclude = forceExclude
    let collected = collector.collect(targets)
    inputs = collected.inputs
    self.targets = targets
    emptyDirectories = collected.emptyDirectories
    linksOutside = collected.linksOutside
    self.projects = projects
    self.stdinName = stdinName
    self.options = options

    var keys: [String] = []
    var effective: [String: SettingsChoices.Effective] = [:]
    var byPath: [String: String] = [:]
    var warned = Set<String>()
    for input in inputs {
      let project = try projects.config(for: Self.lookupPath(input, stdinName))
      let key = project.path ?? ""
      if effective[key] == nil {
        let settings = options.effective(project)
        for warning in settings.warnings where warned.insert(warning).inserted { writeErr(warning + "\n") }
        effective[key] = settings
      }
      keys.append(key)
      byPath[input.displayPath] = key
    }
    configKeys = keys
    self.effective = effective
    configByPath = byPath
  }

  /// Standard input finds its configuration from the name it is given.
  private static func lookupPath(_ input: InputFile, _ stdinName: String?) -> String {
    switch input.source {
    case .path(let path): path
    case .buffer: input.displayPath
    case .standardInput: stdinName ?? "."
    }
  }

  func lint(excerpts: Bool, valueHashes: Bool) -> Outcome {
    let linters = Linters(projects: projects, options: options, excerpts: excerpts, valueHashes: valueHashes, known: effective)
    let projectMachines = linters.projectMachines(configKeys: Set(configKeys))
    var run = LintRun(linterForPath: { linters.linter(for: $0) }, projectMachines: projectMachines)
    let referrers = ReferrerLookup(projects: projects, linters: linters, walked: targets, inputs: inputs)
    run.outsideReferrer = { referrers.reference(to: $0) }
    let files = run.run(inputs.indices.map { LintRun.Input(inputs[$0], linter: linters.linter(key: configKeys[$0]), namedBy: namedBy(inputs[$0])) })
    let machines = projectMachines.count + files.reduce(0) { $0 + $1.describes.count + ($1.role?.kind == .machineConfig && $1.usedBy.isEmpty ? 1 : 0) }
    return Outcome(files: files, diagnostics: files.flatMap(\.diagnostics).sortedForOutput(), machines: machines)
  }

  /// `.talint.yaml` names a file as a Talos file when its `include` globs match it.
  private func namedBy(_ input: InputFile) -> String? {
    guard case .path(let path) = input.source, let project = try? projects.config(for: path), project.includes(path) else { return nil }
    return "named by include in \(project.path.map(FilePath.display) ?? ".talint.yaml")"
  }

  /// Each file to fix, its text and what its fixes make of it, with the linter of its
  /// configuration: the inputs, and the files a run reaches beyond them and finds something to
  /// fix in (the patches a talconfig names), so "would fix 0 findings" never comes with a
  /// fixable finding. Each is fixed under the release the run judges it by. Inputs are read
  /// once, before the run, which lints that text (standard input cannot be read twice, and a
  /// file edited meanwhile is compared with what was fixed when written).
  func fixes() -> [(InputFile, Linter, Result<([UInt8], FixOutcome), InputError>)] {
    let linters = Linters(projects: projects, options: options, excerpts: false, known: effective)
    let read = inputs.indices.map { index in (inputs[index], linters.linter(key: configKeys[index]), Self.read(inputs[index])) }
    var run = LintRun(linterForPath: { linters.linter(for: $0) }, projectMachines: linters.projectMachines(configKeys: Set(configKeys)))
    // A patch is fixed by the release `lint` judges it by: its talconfig's, inputs or not.
    let referrers = ReferrerLookup(projects: projects, linters: linters, walked: targets, inputs: inputs)
    run.outsideReferrer = { referrers.reference(to: $0) }
    let linted = run.run(read.compactMap { input, linter, bytes in
      (try? bytes.get()).map { LintRun.Input(.buffer($0, path: input.displayPath), linter: linter, namedBy: namedBy(input)) }
    })
    var releases: [String: TalosRelease] = [:]
    for file in linted where releases[FilePath.absolute(file.path)] == nil { releases[FilePath.absolute(file.path)] = file.release }
    // Each file once, however the run spells it.
    var seen = Set(inputs.map { FilePath.absolute($0.displayPath) })
    let reached = linted.flatMap(\.diagnostics).filter { $0.suppression == nil && $0.fix != nil }.map(\.path).sorted()
      .filter { seen.insert(FilePath.absolute($0)).inserted }
    let files = read + reached.map { path in (InputFile.path(path), linters.linter(for: path), Self.read(.path(path))) }
    return files.map { input, linter, bytes in
      let release = releases[FilePath.absolute(input.displayPath)]
      return (input, linter, bytes.map { ($0, linter.fixing($0, path: input.displayPath, referrer: release)) })
    }
  }

  private static func read(_ input: InputFile) -> Result<[UInt8], InputError> {
    do {
      return .success(try input.read())
    } catch let error as InputError {
      return .failure(error)
    } catch {
      return .failure(InputError(description: "\(error)"))
    }
  }

  /// The failure threshold for a linted path.
  func threshold(for path: String) -> FailThreshold {
    configByPath[path].flatMap { effective[$0]?.failOn } ?? .warning
  }

  /// The project configuration a linted path falls under.
  func project(for path: String) -> ProjectConfig {
    let lookup = path == stdinName || path == "<stdin>" ? stdinName ?? "." : path
    return (try? projects.config(for: lookup)) ?? ProjectConfig()
  }
}

/// One linter per project configuration, for the inputs and for the files a run reaches
/// beyond them (referenced patches, machines' files). Used from the run's serial steps only,
/// hence unchecked.
final class Linters: @unchecked Sendable {
  private let projects: ProjectConfigs
  private let options: SettingsChoices
  private let excerpts: Bool
  private let valueHashes: Bool
  private var effective: [String: SettingsChoices.Effective]
  private var linters: [String: Linter] = [:]

  init(projects: ProjectConfigs, options: SettingsChoices, excerpts: Bool, valueHashes: Bool = true, known: [String: SettingsChoices.Effective]) {
    self.projects = projects
    self.options = options
    self.excerpts = excerpts
    self.valueHashes = valueHashes
    self.effective = known
  }

  /// The linter of a configuration, by its path ("" for the built-in defaults).
  func linter(key: String) -> Linter {
    if let linter = linters[key] { return linter }
    let project = key.isEmpty ? ProjectConfig() : (try? projects.config(at: key)) ?? ProjectConfig()
    let settings = effective[key] ?? options.effective(project)
    effective[key] = settings
    var linter = Linter(rules: AllRules.rules, settings: settings.settings)
    linter.excerpts = excerpts
    linter.valueHashes = valueHashes
    linter.root = ProjectRoot(configFolder: project.directory, linted: projects.linted)
    linters[key] = linter
    return linter
  }

  func linter(for path: String) -> Linter {
    linter(key: (try? projects.config(for: path))?.path ?? "")
  }

  /// The machines the configurations of a run declare (`machines:` in `.talint.yaml`).
  func projectMachines(configKeys: Set<String>) -> [MachineDefinition] {
    configKeys.sorted().flatMap { key -> [MachineDefinition] in
      guard !key.isEmpty, let project = try? projects.config(at: key) else { return [] }
      return project.machineDefinitions
    }
  }
}
