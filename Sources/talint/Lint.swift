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

/// Options that decide which settings apply, shared by `lint` and `config`.
struct SettingsOptions: ParsableArguments {
  @Option(name: .long, help: "Exit 1 when a finding is at or above this level: error, warning, info, never (default: warning).")
  var failOn: FailThreshold?

  @Option(name: .long, help: "Talos release whose defaults apply, e.g. 1.12 (default: the newest known).")
  var talosVersion: String?

  @Option(name: .long, parsing: .singleValue, help: "Only run these rules (IDs, names or prefixes such as TAL5; comma-separated or repeated).")
  var select: [String] = []

  @Option(name: .long, parsing: .singleValue, help: "Never run these rules (IDs, names or prefixes).")
  var ignore: [String] = []

  @Option(name: .long, help: "Use this configuration file instead of discovering .talint.yaml.")
  var config: String?

  func validate() throws {
    if let talosVersion, TalosVersion(parsing: talosVersion) == nil {
      throw ValidationError("--talos-version takes a release such as 1.12, not '\(talosVersion)'")
    }
    for name in (select + ignore).flatMap(Self.split) where !AllRules.descriptions.contains(where: { RuleSelection.matches(name, $0) }) {
      throw ValidationError("no rule matches '\(name)'; `talint rules` lists them")
    }
  }

  static func split(_ list: String) -> [String] {
    list.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
  }

  /// The file's settings with the command line's on top (the command line wins).
  func effective(_ project: ProjectConfig) -> (settings: LintSettings, failOn: FailThreshold) {
    var settings = project.settings(knownRules: AllRules.descriptions)
    if let version = talosVersion.flatMap(TalosVersion.init(parsing:)) { settings.version = version }
    if !select.isEmpty { settings.selection.select = select.flatMap(Self.split) }
    if !ignore.isEmpty { settings.selection.ignore = ignore.flatMap(Self.split) }
    let threshold = failOn ?? project.failOn.flatMap(FailThreshold.init(rawValue:)) ?? .warning
    return (settings, threshold)
  }
}

struct Lint: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Lint Talos machine configs, patches and schematics.",
    discussion: "Directories are searched for *.yaml and *.yml; '-' reads standard input.")

  @Argument(help: "Files or directories to lint ('-' for standard input).")
  var paths: [String] = ["."]

  @OptionGroup var options: SettingsOptions

  @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: text, or github under GitHub Actions).")
  var format: OutputFormat?

  @Option(name: .long, help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(name: .long, help: "The file name to report for standard input (also used to find .talint.yaml).")
  var stdinFilename: String?

  @Option(name: .long, help: "Hide the findings recorded in this baseline file.")
  var baseline: String?

  @Option(name: .long, help: "Record today's findings in this baseline file.")
  var writeBaseline: String?

  @Flag(name: .long, help: "Fail when baseline entries no longer match any finding.")
  var strictBaseline = false

  @Flag(name: .long, help: "Apply `exclude` to paths given explicitly too.")
  var forceExclude = false

  @Flag(name: .long, help: "Print the effective settings for the paths and exit.")
  var showConfig = false

  func run() throws {
    let projects = try ProjectConfigs(explicit: options.config)
    if showConfig {
      writeOut(try projects.describe(paths, options: options))
      return
    }
    var collector = InputCollector()
    collector.stdinName = stdinFilename ?? "<stdin>"
    collector.forceExclude = forceExclude
    collector.isExcluded = { path in (try? projects.config(for: path))?.excludes(path) ?? false }
    let inputs = collector.collect(paths)

    // One linter per distinct configuration; results keep input order.
    var linters: [String: (Linter, FailThreshold)] = [:]
    var plan: [(InputFile, String)] = []
    for input in inputs {
      let project = try projects.config(for: configLookupPath(input))
      let key = project.path ?? ""
      if linters[key] == nil {
        let (settings, threshold) = options.effective(project)
        linters[key] = (Linter(rules: AllRules.rules, settings: settings), threshold)
      }
      plan.append((input, key))
    }
    var results = [FileResult?](repeating: nil, count: plan.count)
    for (key, (linter, _)) in linters {
      let indices = plan.indices.filter { plan[$0].1 == key }
      for (index, result) in zip(indices, linter.lint(indices.map { plan[$0].0 })) { results[index] = result }
    }
    let fileResults = results.compactMap { $0 }
    var diagnostics = fileResults.flatMap(\.diagnostics).sorted(by: Diagnostic.sortedOrder)
    let report = { (diagnostics: [Diagnostic]) in
      Report(
        diagnostics: diagnostics, files: fileResults.map(\.path), rules: AllRules.descriptions,
        toolVersion: TalintVersion.string, workingDirectory: ConfigDiscovery.absolute("."))
    }

    if let writeBaseline {
      let baseline = Baseline(diagnostics: diagnostics, relativePath: report([]).relativePath)
      try writeFile(writeBaseline, baseline.encoded())
      writeErr("talint: recorded \(baseline.entries.count) findings in \(writeBaseline)\n")
      if fileResults.contains(where: \.failed) { throw ExitCode(2) }
      return
    }
    var stale: [Baseline.Entry] = []
    if let baseline {
      let bytes: [UInt8]
      do {
        bytes = try InputFile.path(baseline).read()
      } catch {
        throw ValidationError("cannot read baseline \(baseline): \(error)")
      }
      guard let recorded = try? Baseline.decode(bytes) else { throw ValidationError("\(baseline) is not a talint baseline") }
      stale = recorded.apply(to: &diagnostics, relativePath: report([]).relativePath)
    }

    let final = report(diagnostics)
    let rendered = render(final, format: format ?? (environment("GITHUB_ACTIONS") == "true" ? .github : .text))
    if let output { try writeFile(output, rendered) } else { writeOut(rendered) }
    writeErr(Summary(results: fileResults, diagnostics: diagnostics, staleBaselineEntries: stale.count).text + "\n")

    if fileResults.contains(where: \.failed) { throw ExitCode(2) }
    let thresholds = Dictionary(uniqueKeysWithValues: plan.map { ($0.0.displayPath, linters[$0.1]!.1) })
    let failing = final.visible.contains { thresholds[$0.path]?.fails($0.severity) ?? options.effective(ProjectConfig()).failOn.fails($0.severity) }
    if failing || (strictBaseline && !stale.isEmpty) { throw ExitCode(1) }
  }

  /// Standard input finds its configuration from the name it is given.
  private func configLookupPath(_ input: InputFile) -> String {
    switch input.source {
    case .path(let path): path
    case .standardInput: stdinFilename ?? "."
    }
  }

  private func render(_ report: Report, format: OutputFormat) -> String {
    switch format {
    case .text: TextReporter.render(report)
    case .pretty: PrettyReporter(color: output == nil && isatty(1) == 1 && environment("NO_COLOR") == nil, sourceLine: SourceLines().line).render(report)
    case .json: JSONReporter.render(report)
    case .sarif: SARIFReporter.render(report)
    case .github: GitHubReporter.render(report)
    case .junit: JUnitReporter.render(report)
    case .checkstyle: CheckstyleReporter.render(report)
    case .gitlab: GitLabReporter.render(report)
    }
  }
}

/// Source lines for the pretty format, read again from disk on demand.
final class SourceLines {
  private var files: [String: [String]] = [:]

  func line(_ path: String, _ number: Int) -> String? {
    if files[path] == nil {
      let bytes = (try? InputFile.path(path).read()) ?? []
      files[path] = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.hasSuffix("\r") ? $0.dropLast() : $0)
      }
    }
    guard let lines = files[path], number >= 1, number <= lines.count else { return nil }
    return lines[number - 1]
  }
}

func environment(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}

/// The count line printed to standard error after every run.
struct Summary {
  var results: [FileResult]
  var diagnostics: [Diagnostic]
  var staleBaselineEntries = 0

  var text: String {
    let files = results.count == 1 ? "1 file" : "\(results.count) files"
    let visible = diagnostics.filter { $0.suppression == nil }
    var parts: [String] = []
    let counts = Severity.allCases.reversed().compactMap { severity -> String? in
      let count = visible.filter { $0.severity == severity }.count
      guard count > 0 else { return nil }
      return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
    }
    parts.append(counts.isEmpty ? "talint: no problems in \(files)" : "talint: \(counts.joined(separator: ", ")) in \(files)")
    let failed = results.filter(\.failed).count
    if failed > 0 { parts.append("\(failed) could not be linted") }
    let suppressed = diagnostics.count - visible.count
    if suppressed > 0 { parts.append("\(suppressed) suppressed") }
    if staleBaselineEntries > 0 { parts.append("\(staleBaselineEntries) baseline entries no longer match") }
    return parts.joined(separator: "; ")
  }
}
