import ArgumentParser
import TalintCore
import TalintRules

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

struct Lint: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Lint Talos machine configs, patches and schematics.",
    discussion: "Directories are searched for *.yaml and *.yml; '-' reads standard input.")

  @Argument(help: "Files or directories to lint ('-' for standard input).")
  var paths: [String] = ["."]

  @Option(name: .long, help: "Exit with 1 when a finding is at or above this level: error, warning, info, never.")
  var failOn: FailThreshold = .warning

  @Option(name: .long, help: "Talos release whose defaults apply, e.g. 1.12 (default: the newest known).")
  var talosVersion: String?

  @Option(name: .long, help: "The file name to report for standard input.")
  var stdinFilename: String = "<stdin>"

  func validate() throws {
    if let talosVersion, TalosVersion(parsing: talosVersion) == nil {
      throw ValidationError("--talos-version takes a release such as 1.12, not '\(talosVersion)'")
    }
  }

  func run() throws {
    let version = talosVersion.flatMap(TalosVersion.init(parsing:)) ?? .newest
    let linter = Linter(rules: AllRules.rules, version: version)
    let inputs = InputCollector.collect(paths, stdinName: stdinFilename)
    let results = linter.lint(inputs)
    let diagnostics = results.flatMap(\.diagnostics).sorted(by: Diagnostic.sortedOrder)
    writeOut(TextReporter.render(diagnostics))
    writeErr(Summary(results: results, diagnostics: diagnostics).text + "\n")
    if results.contains(where: \.failed) { throw ExitCode(2) }
    if diagnostics.contains(where: { failOn.fails($0.severity) }) { throw ExitCode(1) }
  }
}

/// The count line printed to standard error after every run.
struct Summary {
  var results: [FileResult]
  var diagnostics: [Diagnostic]

  var text: String {
    let files = results.count == 1 ? "1 file" : "\(results.count) files"
    if diagnostics.isEmpty { return "talint: no problems in \(files)" }
    let counts = Severity.allCases.reversed().compactMap { severity -> String? in
      let count = diagnostics.filter { $0.severity == severity }.count
      guard count > 0 else { return nil }
      return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
    }
    let failed = results.filter(\.failed).count
    let unlintable = failed > 0 ? " (\(failed) could not be linted)" : ""
    return "talint: \(counts.joined(separator: ", ")) in \(files)\(unlintable)"
  }
}
