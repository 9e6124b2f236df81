import ArgumentParser
import TalintCore
import TalintRules

#if canImport(Glibc)
  import Glibc
#endif

/// What `talint lint` is asked to do, as plain values: `Lint` parses a command line into one,
/// and so does `LintCommandLine`, without reflection, for the common command lines.
struct LintRequest: Equatable {
  var paths: [String] = []
  var settings = SettingsChoices()
  var format: OutputFormat?
  var output: String?
  var stdinFilename: String?
  var baseline: String?
  var writeBaseline: String?
  var strictBaseline = false
  var forceExclude = false
  var showConfig = false
  var fix = false
  var diff = false

  /// The combinations `lint` refuses (the settings' own checks are `SettingsChoices.validate`).
  func validate() throws {
    if fix && diff { throw ValidationError("--fix and --diff do not go together: --diff shows what --fix would write") }
    if fix && targets.contains("-") { throw ValidationError("--fix writes files; use --diff for standard input") }
  }

  /// What to lint: the paths given, else standard input when it has a name, else `.`.
  var targets: [String] { paths.isEmpty ? [stdinFilename == nil ? "." : "-"] : paths }

  func run() throws {
    let workspace = try Workspace.commandLine(settings, linted: targets.map { $0 == "-" ? stdinFilename ?? "." : $0 })
    if showConfig {
      writeOut(try exitingOnRefusal { try Config.describe(targets, in: workspace) })
      return
    }
    let plan = try exitingOnRefusal { try LintPlan(targets: targets, workspace: workspace, stdinName: stdinFilename, forceExclude: forceExclude) }
    for directory in plan.emptyDirectories {
      writeErr("talint: warning: \(directory) holds no YAML file to lint\n")
    }
    for refusal in plan.linksOutside { writeErr("talint: warning: \(refusal)\n") }
    var unwritten = false
    if fix || diff {
      let fixed = try applyFixes(plan)
      if diff { throw ExitCode(fixed.changed ? 1 : 0) }
      unwritten = fixed.unwritten
    }
    if let writeBaseline {
      try record(plan.lint(excerpts: false, valueHashes: true), in: writeBaseline)
      if unwritten { throw ExitCode(2) }
      return
    }
    let format = format ?? (environment("GITHUB_ACTIONS") == "true" ? .github : .text)
    // Read before linting: findings need value hashes only for a baseline or a format that
    // prints fingerprints.
    let baselines = try Baselines(cli: baseline, plan: plan)
    var linted = plan.lint(excerpts: format == .pretty, valueHashes: !baselines.isEmpty || format.showsFingerprints)
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
    let rendered = render(report, format: format)
    if let output { try writeFile(output, rendered) } else { writeOut(rendered) }
    writeErr(Summary(results: linted.files, diagnostics: linted.diagnostics, staleBaselineEntries: stale.count, machines: linted.machines).text + "\n")

    if linted.files.contains(where: \.failed) || unwritten { throw ExitCode(2) }
    let failing = report.diagnostics.contains { $0.suppression == nil && plan.threshold(for: $0.path).fails($0.severity) }
    if failing || (strictBaseline && !stale.isEmpty) { throw ExitCode(1) }
  }

  /// `--fix` and `--diff`: each input fixed as far as its findings allow; `--fix` writes the
  /// files that changed, `--diff` prints them. Whether something changed (or would), and
  /// whether `--fix` left a fixed file unwritten (refused or failed, which fails the run: the
  /// user asked for it written). Only files written count as fixed.
  private func applyFixes(_ plan: LintPlan) throws -> (changed: Bool, unwritten: Bool) {
    var files = 0
    var fixes = 0
    var unreadable = false
    var unwritten = false
    for file in plan.fixes() {
      let input = file.input
      guard case .success(let (original, result)) = file.outcome else {
        if case .failure(let error) = file.outcome { writeErr("\(input.displayPath): not fixed: \(error)\n") }
        unreadable = true
        continue
      }
      if let refusal = result.refusal { writeErr("\(input.displayPath): not fixed: \(refusal)\n") }
      guard result.applied > 0, result.bytes != original else { continue }
      if diff {
        writeOut(file.linter.diff(original, result.bytes, path: input.displayPath))
      } else if case .path(let path) = input.source {
        do {
          try replaceAtomically(path, original: original, with: result.bytes)
        } catch {
          writeErr("\(input.displayPath): not fixed: \(error)\n")
          unwritten = true
          continue
        }
      }
      files += 1
      fixes += result.applied
    }
    let verb = diff ? "would fix" : "fixed"
    writeErr("talint: \(verb) \(fixes) finding\(fixes == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")\n")
    if unreadable && diff { throw ExitCode(2) }
    return (files > 0, unwritten)
  }

  private func record(_ linted: LintPlan.Outcome, in path: String) throws {
    let recorded = Baseline(diagnostics: linted.diagnostics, folder: FilePath.parent(path))
    try writeFile(path, recorded.encoded())
    writeErr("talint: recorded \(recorded.entries.count) findings in \(path)\n")
    if linted.files.contains(where: \.failed) { throw ExitCode(2) }
  }

  /// The report's bytes in `format` (the default text format is built as bytes).
  private func render(_ report: Report, format: OutputFormat) -> [UInt8] {
    let text: String
    switch format {
    case .text: return TextReporter.bytes(report)
    case .pretty: text = PrettyReporter(color: output == nil && isatty(1) == 1 && environment("NO_COLOR") == nil).render(report)
    case .json: text = JSONReporter.render(report)
    case .sarif: text = SARIFReporter.render(report)
    case .github: text = GitHubReporter.render(report)
    case .junit: text = JUnitReporter.render(report)
    case .checkstyle: text = CheckstyleReporter.render(report)
    case .gitlab: text = GitLabReporter.render(report)
    }
    return Array(text.utf8)
  }
}
