import ArgumentParser
import TalintCore
import TalintRules

#if canImport(Glibc)
  import Glibc
#endif

extension FailThreshold: ExpressibleByArgument {}

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

  /// The command line as plain values: what runs.
  var request: LintRequest {
    LintRequest(
      paths: paths, settings: options.choices, format: format, output: output, stdinFilename: stdinFilename,
      baseline: baseline, writeBaseline: writeBaseline, strictBaseline: strictBaseline,
      forceExclude: forceExclude, showConfig: showConfig, fix: fix, diff: diff)
  }

  func validate() throws { try request.validate() }

  func run() throws { try request.run() }
}

func environment(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}
