import TalintCore
import TalintRules

/// One run's inputs and the settings each is linted with: one linter per distinct
/// configuration, results in input order.
struct LintPlan {
  struct Outcome {
    var files: [FileResult]
    /// Every file's findings, sorted for output.
    var diagnostics: [Diagnostic]
  }

  let inputs: [InputFile]
  /// Directory arguments that held no file to lint.
  let emptyDirectories: [String]
  private let projects: ProjectConfigs
  /// The key of each input's configuration (its path, or "" for the built-in defaults).
  private let configKeys: [String]
  private let effective: [String: SettingsOptions.Effective]
  private let configByPath: [String: String]
  private let stdinName: String?

  init(targets: [String], projects: ProjectConfigs, options: SettingsOptions, stdinName: String?, forceExclude: Bool) throws {
    var collector = InputCollector()
    collector.stdinName = stdinName ?? "<stdin>"
    collector.forceExclude = forceExclude
    collector.isExcluded = { path in (try? projects.config(for: path))?.excludes(path) ?? false }
    let collected = collector.collect(targets)
    inputs = collected.inputs
    emptyDirectories = collected.emptyDirectories
    self.projects = projects
    self.stdinName = stdinName

    var keys: [String] = []
    var effective: [String: SettingsOptions.Effective] = [:]
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
    case .standardInput: stdinName ?? "."
    }
  }

  func lint(excerpts: Bool) -> Outcome {
    var results = [FileResult?](repeating: nil, count: inputs.count)
    for (key, settings) in effective {
      var linter = Linter(rules: AllRules.rules, settings: settings.settings)
      linter.excerpts = excerpts
      let indices = inputs.indices.filter { configKeys[$0] == key }
      for (index, result) in zip(indices, linter.lint(indices.map { inputs[$0] })) { results[index] = result }
    }
    let files = results.compactMap { $0 }
    return Outcome(files: files, diagnostics: files.flatMap(\.diagnostics).sorted(by: Diagnostic.sortedOrder))
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
