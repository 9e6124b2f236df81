import ArgumentParser
import FoundationEssentials
import TalintCore

/// `talint files`: what talint took each file for (machine config, patch of which machines,
/// talconfig, Omni template, schematic, template, or skipped and why) and the Talos release it
/// is judged by, with where that came from — so "clean" and "not looked at" can be told apart
/// (issue 20). The files are read as `lint` reads them (the same plan and run): a patch a
/// talconfig names is listed as its patch.
struct Files: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "files",
    abstract: "List the files talint would lint, what it takes each for and the Talos release it judges it by.",
    discussion: "Directories are searched for *.yaml and *.yml as `lint` searches them; '-' reads standard input.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "Files or directories (default: '.', or '-' with --stdin-filename).")
  var paths: [String] = []

  @OptionGroup var options: SettingsOptions

  @Option(name: .long, help: "Output format: text (default) or json.")
  var format: Format = .text

  @Option(name: .long, help: "The file name to report for standard input (also used to find .talint.yaml).")
  var stdinFilename: String?

  @Flag(name: .long, help: "Apply `exclude` to paths given explicitly too.")
  var forceExclude = false

  func run() throws {
    let request = LintRequest(paths: paths, settings: options.choices, stdinFilename: stdinFilename, forceExclude: forceExclude)
    let targets = request.targets
    let workspace = try Workspace.commandLine(options.choices, linted: targets.map { $0 == "-" ? stdinFilename ?? "." : $0 })
    let plan = try exitingOnRefusal { try LintPlan(targets: targets, workspace: workspace, stdinName: stdinFilename, forceExclude: forceExclude) }
    for directory in plan.emptyDirectories { writeErr("talint: warning: \(directory) holds no YAML file to lint\n") }
    let files = plan.lint(excerpts: false, valueHashes: false).files.sorted { $0.path < $1.path }.map(Entry.init)
    switch format {
    case .text: writeOut(files.map(\.line).joined())
    case .json: writeOut(Self.json(files))
    }
  }

  /// One file as listed.
  struct Entry: Encodable {
    var path: String
    /// `machine config`, `patch`, `skipped`, …; nil for a file that could not be read.
    var role: String?
    /// What talint took the file for, in words (`patch of machines cp1, w1 (referenced by …)`).
    var description: String
    var reason: String?
    var namedBy: String?
    var usedBy: [String]
    var machines: [String]
    var template: String?
    var talosVersion: String?
    var talosVersionSource: String?

    init(_ result: FileResult) {
      path = result.path
      role = result.role?.kind.rawValue
      reason = result.role?.reason
      namedBy = result.role?.namedBy
      usedBy = result.usedBy
      machines = result.describes
      template = result.template?.rawValue
      let judged = result.role?.isChecked ?? false
      talosVersion = judged ? result.release?.version.description : nil
      talosVersionSource = judged ? result.release?.source : nil
      description = Self.describe(result)
    }

    /// `talconfig (machines cp1, w1)`, `Jinja template of a patch`, `skipped: why`.
    static func describe(_ result: FileResult) -> String {
      guard let role = result.role else {
        return "not read: " + (result.diagnostics.first?.text ?? "unreadable")
      }
      if role.kind == .skipped { return role.description }
      var what = role.kind.rawValue
      if !result.usedBy.isEmpty {
        let noun = result.usedBy.count == 1 ? "machine" : "machines"
        what = (role.kind == .named ? "patch" : what) + " of \(noun) " + result.usedBy.joined(separator: ", ")
      }
      if !result.describes.isEmpty {
        what += " (\(result.describes.count == 1 ? "machine" : "machines") \(result.describes.joined(separator: ", ")))"
      }
      if let engine = result.template {
        let article = role.kind == .documents ? "" : "AEIOU".contains(what.first ?? "x") ? "an " : "a "
        what = "\(engine.templateName) of \(article)\(what)"
      }
      if let namedBy = role.namedBy { what += " (\(namedBy))" }
      if result.failed { what += "; could not be linted: " + (result.diagnostics.first?.text ?? "unreadable") }
      return what
    }

    /// `path: what; Talos 1.13 (source)`, a line.
    var line: String {
      var text = "\(path): \(description)"
      if let talosVersion, let talosVersionSource { text += "; Talos \(talosVersion) (\(talosVersionSource))" }
      return ControlCharacters.escaped(text) + "\n"
    }
  }

  struct Document: Encodable {
    var version = 1
    var files: [Entry]
  }

  /// Sorted keys and indentation, as `lint --format json`.
  static func json(_ files: [Entry]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(Document(files: files)) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
