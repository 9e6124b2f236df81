#if canImport(Glibc)
  import Glibc
#endif

import ArgumentParser
import TalintCore
import TalintRules

/// The configurations of one run: the explicit `--config`, or each linted file's nearest
/// `.talint.yaml`. A configuration that cannot be used stops the run with exit 64; its
/// warnings are printed once.
final class ProjectConfigs {
  private let explicit: ProjectConfig?
  private let discovery: ConfigDiscovery
  private var loaded: [String: ProjectConfig] = [:]
  /// The paths the command line names: outside a repository they bound the search for
  /// `.talint.yaml`, and the files references may name (`ProjectRoot`).
  let linted: [String]

  init(explicit path: String?, linted: [String]) throws {
    explicit = try path.map(Self.load)
    discovery = ConfigDiscovery(linted: linted)
    self.linted = linted
  }

  func config(for path: String, isDirectory: Bool? = nil) throws -> ProjectConfig {
    if let explicit { return explicit }
    guard let file = discovery.configPath(for: path, isDirectory: isDirectory) else { return ProjectConfig() }
    if let config = loaded[file] { return config }
    // A configuration found (not named with --config) is the project's: a link out of it is
    // not read.
    if let refusal = ProjectRoot().linkRefusal(file, walking: FilePath.parent(file)) {
      writeErr("\(file):1:1: error: \(refusal)\n")
      throw ExitCode(64)
    }
    let config = try Self.load(file)
    loaded[file] = config
    return config
  }

  /// The configuration at a path a run already loaded (or loads now).
  func config(at path: String) throws -> ProjectConfig {
    if let explicit, explicit.path == path { return explicit }
    if let config = loaded[path] { return config }
    let config = try Self.load(path)
    loaded[path] = config
    return config
  }

  private static func load(_ path: String) throws -> ProjectConfig {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.path(path).read()
    } catch {
      writeErr("\(path):1:1: error: \(error)\n")
      throw ExitCode(64)
    }
    let (config, problems) = ConfigParser(knownRules: AllRules.descriptions).parse(bytes: bytes, path: path)
    for problem in problems { writeErr("\(problem)\n") }
    if problems.contains(where: \.isError) { throw ExitCode(64) }
    return config
  }

  /// The effective settings for each path, as `talint config` prints them: a YAML document
  /// (a mapping from each path to its settings) that a script can read back.
  func describe(_ paths: [String], options: SettingsChoices) throws -> String {
    var text = ""
    let referrers = ReferrerLookup(projects: self, linters: Linters(projects: self, options: options, excerpts: false, known: [:]))
    for path in paths {
      let project = try config(for: path)
      let effective = options.effective(project)
      for warning in effective.warnings { writeErr(warning + "\n") }
      let settings = effective.settings
      let list = { (items: [String]) in "[" + items.map(yamlQuoted).joined(separator: ", ") + "]" }
      text += "\(yamlQuoted(path)):\n"
      text += "  config: \(project.path.map(yamlQuoted) ?? "null")  # \(project.path == nil ? "none found; built-in defaults" : "the .talint.yaml that applies")\n"
      let release = Linter(rules: [], settings: settings).release(ofPath: path, referrer: referrers.reference(to: path)?.release)
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

extension InputCollector {
  /// A collector that drops what each path's `.talint.yaml` excludes and adds what it includes.
  init(projects: ProjectConfigs) {
    self.init()
    isExcluded = { path, isDirectory in (try? projects.config(for: path, isDirectory: isDirectory))?.excludes(path) ?? false }
    isIncluded = { path, isDirectory in (try? projects.config(for: path, isDirectory: isDirectory))?.includes(path) ?? false }
  }
}

extension ProjectConfig {
  /// True when one of the `exclude` globs matches `path` (relative to the config's folder).
  func excludes(_ path: String) -> Bool { matches(exclude, path) }

  /// True when one of the `include` globs matches `path`.
  func includes(_ path: String) -> Bool { matches(include, path) }

  private func matches(_ globs: [String], _ path: String) -> Bool {
    guard !globs.isEmpty, let directory else { return false }
    let base = FilePath.absolute(directory)
    let absolute = FilePath.absolute(path)
    guard absolute.hasPrefix(base + "/") else { return false }
    let relative = String(absolute.dropFirst(base.count + 1))
    return globs.contains { Glob.matches($0, relative) }
  }
}

struct Config: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "config", abstract: "Print the effective settings for paths (the .talint.yaml that applies, merged with options).")

  @Argument(help: "Files or directories (default: the current directory).")
  var paths: [String] = ["."]

  @OptionGroup var options: SettingsOptions

  func run() throws {
    writeOut(try ProjectConfigs(explicit: options.config, linted: paths).describe(paths, options: options.choices))
  }
}
