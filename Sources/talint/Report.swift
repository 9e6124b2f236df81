import ArgumentParser
import TalintCore
import TalintRules

/// `talint report`: the CIS Kubernetes Benchmark 1.10 for every machine the paths describe,
/// judged from the config each will run (docs/cis.md).
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Score every machine against the CIS Kubernetes Benchmark 1.10, from its config, before it boots.",
    discussion: """
      Machines are the talhelper nodes, Omni machine sets and .talint.yaml machines under PATH, and \
      every complete machine config no machine uses. Each control is PASS, FAIL, WARN (a person \
      checks: MANUAL) or INFO (not applicable: file permissions, runtime state). A machine's score is \
      its PASS share of PASS and FAIL. Exit 1 when a control fails (--fail-on error or warning, the \
      default; info also on WARN; never: only --fail-under) or a machine scores under --fail-under; \
      2 when a patch cannot be merged or no machine is found; 64 on a usage error.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html
  }

  @Option(name: .long, help: "Output format: text, json (kube-bench's shape), markdown, html.")
  var format: Format = .text

  @Option(name: .long, help: "Exit 1 when a machine scores under this percentage (0-100).")
  var failUnder: Int?

  @Option(name: .long, help: "Report only this machine.")
  var machine: String?

  @Argument(help: "Files or folders to read machines from (default: the current directory).")
  var paths: [String] = []

  @OptionGroup var options: SettingsOptions

  func validate() throws {
    if let failUnder, !(0...100).contains(failUnder) { throw ValidationError("--fail-under is a percentage from 0 to 100, not \(failUnder)") }
  }

  func run() throws {
    let paths = paths.isEmpty ? ["."] : paths
    let workspace = try Workspace.commandLine(options.choices, linted: paths)
    let found = try exitingOnRefusal { try ReportMachines(paths: paths, workspace: workspace) }
    for problem in found.problems { writeErr(problem + "\n") }
    var machines = found.machines
    if let machine {
      machines = machines.filter { $0.name == machine }
      if machines.isEmpty {
        // Names come from the tree: a line break in one must not start a line of its own.
        let names = found.machines.map { ControlCharacters.escaped($0.name) }
        let hint = Suggestion.nearest(machine, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw usageError("no machine '\(ControlCharacters.escaped(machine))'\(hint) (machines here: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
      }
    }
    guard !machines.isEmpty else {
      writeErr("talint: error: no machine here: give a talconfig, an Omni cluster template, a .talint.yaml with machines, or a complete machine config\n")
      throw ExitCode(2)
    }
    let evaluator = CISEvaluator(rules: AllRules.descriptions)
    let reports = machines.map(evaluator.evaluate)
    switch format {
    case .text: writeOut(CISTextRenderer.render(reports))
    case .json: writeOut(CISJSONRenderer.render(reports))
    case .markdown: writeOut(CISMarkdownRenderer.render(reports))
    case .html: writeOut(CISHTMLRenderer.render(reports))
    }
    if !found.problems.isEmpty { throw ExitCode(2) }
    if Self.fails(reports, failOn: options.failOn ?? .warning, failUnder: failUnder) { throw ExitCode(1) }
  }

  /// Exit 1: a FAIL (WARN too with `--fail-on info`), or a machine under `--fail-under`.
  static func fails(_ reports: [CISMachineReport], failOn: FailThreshold, failUnder: Int?) -> Bool {
    if let failUnder, reports.contains(where: { $0.counts.score < failUnder }) { return true }
    switch failOn {
    case .error, .warning: return reports.contains { $0.counts.fail > 0 }
    case .info: return reports.contains { $0.counts.fail + $0.counts.warn > 0 }
    case .never: return false
    }
  }
}
