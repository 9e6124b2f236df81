import ArgumentParser
import TalintCore
import TalintRules

struct Config: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "config", abstract: "Print the effective settings for paths (the .talint.yaml that applies, merged with options).")

  @Argument(help: "Files or directories (default: the current directory).")
  var paths: [String] = ["."]

  @OptionGroup var options: SettingsOptions

  func run() throws {
    let workspace = try Workspace.commandLine(options.choices, linted: paths)
    writeOut(try exitingOnRefusal { try Self.describe(paths, in: workspace) })
  }

  /// The effective settings for each path, as `talint config` prints them: a YAML document
  /// (a mapping from each path to its settings) that a script can read back.
  static func describe(_ paths: [String], in workspace: Workspace) throws -> String {
    var text = ""
    for path in paths {
      let project = try workspace.projects.config(for: path)
      let effective = workspace.effective(key: project.path ?? "")
      let settings = effective.settings
      let list = { (items: [String]) in "[" + items.map(yamlQuoted).joined(separator: ", ") + "]" }
      text += "\(yamlQuoted(path)):\n"
      text += "  config: \(project.path.map(yamlQuoted) ?? "null")  # \(project.path == nil ? "none found; built-in defaults" : "the .talint.yaml that applies")\n"
      let release = try workspace.release(ofPath: path)
      text += "  talos-version: \(yamlQuoted(release.version.description))\n"
      text += "  talos-version-source: \(yamlQuoted(release.source))\n"
      text += "  fail-on: \(effective.failOn.rawValue)\n"
      text += "  select: \(list(settings.selection.select))\n"
      text += "  ignore: \(list(settings.selection.ignore))\n"
      let severities = settings.severities.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rawValue)" }
      text += "  severity: {\(severities.joined(separator: ", "))}\n"
      text += "  exclude: \(list(project.exclude))\n"
      text += "  include: \(list(project.include))\n"
      text += "  baseline: \(project.baselinePath.map(yamlQuoted) ?? "null")\n"
      text += "  require-reason: \(settings.requireReason)\n"
      text += "  yaml: \(settings.yaml.rawValue)  # \(settings.yaml == .all ? "syntax and duplicate keys of every YAML file checked" : "only Talos files are checked")\n"
      if let files = settings.talhelperEnvFiles {
        text += "  talhelper-env-files: \(list(files.map(FilePath.display)))\n"
      }
      text += "  unsuppressible: \(list(settings.unsuppressible.sorted()))\n"
      let networks = settings.networks
      text += "  networks:\n"
      text += "    admin: \(list(networks.admin.map(\.description)))\n"
      text += "    controlPlane: \(list(networks.controlPlane.map(\.description)))\n"
      text += "    cluster: \(list(networks.cluster.map(\.description)))\n"
      let enabled = AllRules.descriptions.filter { settings.selection.includes($0) }.count
      text += "  rules-enabled: \(enabled)  # of \(AllRules.descriptions.count)\n"
    }
    return text
  }
}
