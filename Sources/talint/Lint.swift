import ArgumentParser
import TalintCore
import TalintRules

#if canImport(Glibc)
  import Glibc
#endif

/// The finding level at which a run fails.
enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
  case error, warning, info, never

  func fails(_ severity: Severity) -> Bool {
    switch self {
    case .error: severity >= .error
    case .warning: severity >= .warning
    case .info: true
    case .never: false
    }
  }
}

extension OutputFormat: ExpressibleByArgument {}

struct Lint: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Lint Talos machine configs, patches and schematics.",
    discussion: "Directories are searched for *.yaml and *.yml; '-' reads standard input.")

  @Argument(help: "Files or directories to lint ('-' for standard input; default: '.', or '-' with --stdin-filename).")
  var paths: [String] = []

  @OptionGroup var options: SettingsOptions

  @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: text, or github under GitHub Actions).")
  var format: OutputFormat?

  @Option(name: .long, help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(name: .long, help: "The file name to report for standard input (also used to find .talint.yaml).")
  var stdinFilename: String?

  @Option(name: .long, help: "Hide the findings recorded in this baseline file (default: `baseline` in .talint.yaml).")
  var baseline: String?

  @Option(name: .long, help: "Record today's findings in this baseline file.")
  var writeBaseline: String?

  @Flag(name: .long, help: "Fail when baseline entries no longer match any finding, and name them.")
  var strictBaseline = false

  @Flag(name: .long, help: "Apply `exclude` to paths given explicitly too.")
  var forceExclude = false

  @Flag(name: .long, help: "Print the effective settings for the paths and exit.")
  var showConfig = false

  @Flag(name: .long, help: "Apply the fixes of fixable findings to the files (each written atomically), then report what remains.")
  var fix = false

  @Flag(name: .long, help: "Print the fixes as a unified diff and change nothing (exit 1 when there is something to fix).")
  var diff = false

  func validate() throws {
    if fix && diff { throw ValidationError("--fix and --diff do not go together: --diff shows what --fix would write") }
    if fix && targets.contains("-") { throw ValidationError("--fix writes files; use --diff for standard input") }
  }

  /// What to lint: the paths given, else standard input when it has a name, else `.`.
  var targets: [String] { paths.isEmpty ? [stdinFilename == nil ? "." : "-"] : paths }

  func run() throws {
    let projects = try ProjectConfigs(explicit: options.config)
    if showConfig {
      writeOut(try projects.describe(targets, options: options))
      return
    }
    let plan = try LintPlan(targets: targets, projects: projects, options: options, stdinName: stdinFilename, forceExclude: forceExclude)
    for directory in plan.emptyDirectories {
      writeErr("talint: warning: \(directory) holds no YAML file to lint\n")
    }
    if fix || diff {
      let changed = try applyFixes(plan)
      if diff { throw ExitCode(changed ? 1 : 0) }
    }
    var linted = plan.lint(excerpts: format == .pretty)
    if let writeBaseline {
      try record(linted, in: writeBaseline)
      return
    }
    let baselines = try Baselines(cli: baseline, plan: plan)
    if strictBaseline && baselines.isEmpty {
      throw usageError("--strict-baseline needs a baseline: give --baseline FILE or `baseline:` in .talint.yaml")
    }
    let stale = baselines.apply(to: &linted.diagnostics, lintedFiles: linted.files.map(\.path))
    if strictBaseline {
      for entry in stale { writeErr("talint: stale baseline entry: \(entry.description)\n") }
    }

    var report = Report(
      diagnostics: linted.diagnostics, files: linted.files.map(\.path), rules: AllRules.descriptions,
      toolVersion: TalintVersion.string, workingDirectory: FilePath.absolute("."), staleBaselineEntries: stale)
    report.fileInfo = linted.files.map(FileInfo.init)
    let rendered = render(report, format: format ?? (environment("GITHUB_ACTIONS") == "true" ? .github : .text))
    if let output { try writeFile(output, rendered) } else { writeOut(rendered) }
    writeErr(Summary(results: linted.files, diagnostics: linted.diagnostics, staleBaselineEntries: stale.count).text + "\n")

    if linted.files.contains(where: \.failed) { throw ExitCode(2) }
    let failing = report.visible.contains { plan.threshold(for: $0.path).fails($0.severity) }
    if failing || (strictBaseline && !stale.isEmpty) { throw ExitCode(1) }
  }

  /// `--fix` and `--diff`: each input fixed as far as its findings allow; `--fix` writes the
  /// files that changed, `--diff` prints them. True when something changed (or would).
  private func applyFixes(_ plan: LintPlan) throws -> Bool {
    var files = 0
    var fixes = 0
    var unreadable = false
    for (input, linter, outcome) in plan.fixes() {
      guard case .success(let (original, result)) = outcome else {
        if case .failure(let error) = outcome { writeErr("\(input.displayPath): not fixed: \(error)\n") }
        unreadable = true
        continue
      }
      if let refusal = result.refusal { writeErr("\(input.displayPath): not fixed: \(refusal)\n") }
      guard result.applied > 0, result.bytes != original else { continue }
      files += 1
      fixes += result.applied
      if diff {
        writeOut(linter.diff(original, result.bytes, path: input.displayPath))
      } else if case .path(let path) = input.source {
        do {
          try replaceAtomically(path, with: result.bytes)
        } catch {
          writeErr("\(input.displayPath): not fixed: \(error)\n")
          unreadable = true
        }
      }
    }
    let verb = diff ? "would fix" : "fixed"
    writeErr("talint: \(verb) \(fixes) finding\(fixes == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")\n")
    if unreadable && diff { throw ExitCode(2) }
    return files > 0
  }

  private func record(_ linted: LintPlan.Outcome, in path: String) throws {
    let recorded = Baseline(diagnostics: linted.diagnostics, folder: FilePath.parent(path))
    try writeFile(path, recorded.encoded())
    writeErr("talint: recorded \(recorded.entries.count) findings in \(path)\n")
    if linted.files.contains(where: \.failed) { throw ExitCode(2) }
  }

  private func render(_ report: Report, format: OutputFormat) -> String {
    switch format {
    case .text: TextReporter.render(report)
    case .pretty: PrettyReporter(color: output == nil && isatty(1) == 1 && environment("NO_COLOR") == nil).render(report)
    case .json: JSONReporter.render(report)
    case .sarif: SARIFReporter.render(report)
    case .github: GitHubReporter.render(report)
    case .junit: JUnitReporter.render(report)
    case .checkstyle: CheckstyleReporter.render(report)
    case .gitlab: GitLabReporter.render(report)
    }
  }
}

func environment(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}
