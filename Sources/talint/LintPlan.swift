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
    collector.isIncluded = { path in (try? projects.config(for: path))?.includes(path) ?? false }
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
      let indices = inputs.indices.filter { configKeys[$0] == key }
      for (index, result) in zip(indices, linter(settings, excerpts: excerpts).lint(indices.map { inputs[$0] })) { results[index] = result }
    }
    var files = results.compactMap { $0 }
    files += lintReferences(of: &files, excerpts: excerpts)
    return Outcome(files: files, diagnostics: files.flatMap(\.diagnostics).sorted(by: Diagnostic.sortedOrder))
  }

  private func linter(_ settings: SettingsOptions.Effective, excerpts: Bool) -> Linter {
    var linter = Linter(rules: AllRules.rules, settings: settings.settings)
    linter.excerpts = excerpts
    return linter
  }

  /// Patch files a talconfig or Omni template references are linted once, with its Talos
  /// release: a file already linted is linted again only when it named no release of its own;
  /// a file not among the inputs is added.
  private func lintReferences(of files: inout [FileResult], excerpts: Bool) -> [FileResult] {
    var byPath: [String: Int] = [:]
    for (index, file) in files.enumerated() { byPath[FilePath.absolute(file.path)] = index }
    var added: [FileResult] = []
    var seen = Set<String>()
    for reference in files.flatMap(\.references) {
      let absolute = FilePath.absolute(reference.path)
      guard seen.insert(absolute).inserted, FilePath.exists(absolute) else { continue }
      let settings = effective[(try? projects.config(for: reference.path))?.path ?? ""] ?? effective.values.first
      guard let settings else { continue }
      let linter = linter(settings, excerpts: excerpts)
      if let index = byPath[absolute] {
        guard files[index].releaseIsFallback, let release = reference.release, release != files[index].release else { continue }
        files[index] = linter.lint(.path(files[index].path), referrer: release)
      } else {
        added.append(linter.lint(.path(Self.displayPath(reference.path)), referrer: reference.release))
      }
    }
    return added
  }

  /// A referenced path as the user would write it: relative to the working directory when it
  /// lies below it.
  private static func displayPath(_ path: String) -> String {
    let relative = FilePath.relative(path, to: ".")
    return relative.hasPrefix("../") ? FilePath.absolute(path) : relative
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
