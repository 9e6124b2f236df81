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
  private let discovery = ConfigDiscovery()
  private var loaded: [String: ProjectConfig] = [:]

  init(explicit path: String?) throws {
    explicit = try path.map(Self.load)
  }

  func config(for path: String) throws -> ProjectConfig {
    if let explicit { return explicit }
    guard let file = discovery.configPath(for: path) else { return ProjectConfig() }
    if let config = loaded[file] { return config }
    let config = try Self.load(file)
    loaded[file] = config
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

  /// The effective settings for each path, as `talint config` prints them.
  func describe(_ paths: [String], options: SettingsOptions) throws -> String {
    var text = ""
    for path in paths {
      let project = try config(for: path)
      let (settings, threshold) = options.effective(project)
      text += "\(path):\n"
      text += "  config: \(project.path ?? "(none; built-in defaults)")\n"
      text += "  talos-version: \"\(settings.version)\"\n"
      text += "  fail-on: \(threshold.rawValue)\n"
      text += "  select: [\(settings.selection.select.joined(separator: ", "))]\n"
      text += "  ignore: [\(settings.selection.ignore.joined(separator: ", "))]\n"
      text += "  severity: {\(settings.severities.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.rawValue)" }.joined(separator: ", "))}\n"
      text += "  exclude: [\(project.exclude.joined(separator: ", "))]\n"
      text += "  require-reason: \(settings.requireReason)\n"
      text += "  unsuppressible: [\(settings.unsuppressible.sorted().joined(separator: ", "))]\n"
      let networks = settings.networks
      text += "  networks:\n"
      text += "    admin: [\(networks.admin.map(\.description).joined(separator: ", "))]\n"
      text += "    controlPlane: [\(networks.controlPlane.map(\.description).joined(separator: ", "))]\n"
      text += "    cluster: [\(networks.cluster.map(\.description).joined(separator: ", "))]\n"
      let enabled = AllRules.descriptions.filter { settings.selection.includes($0) }.count
      text += "  rules enabled: \(enabled) of \(AllRules.descriptions.count)\n"
    }
    return text
  }
}

extension ProjectConfig {
  /// True when one of the `exclude` globs matches `path` (relative to the config's folder).
  func excludes(_ path: String) -> Bool {
    guard !exclude.isEmpty, let directory else { return false }
    let base = ConfigDiscovery.absolute(directory)
    let absolute = ConfigDiscovery.absolute(path)
    guard absolute.hasPrefix(base + "/") else { return false }
    let relative = String(absolute.dropFirst(base.count + 1))
    return exclude.contains { Glob.matches($0, relative) }
  }
}

struct Config: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the effective settings for paths (the .talint.yaml that applies, merged with options).")

  @Argument(help: "Files or directories (default: the current directory).")
  var paths: [String] = ["."]

  @OptionGroup var options: SettingsOptions

  func run() throws {
    writeOut(try ProjectConfigs(explicit: options.config).describe(paths, options: options))
  }
}

/// Writes a report or baseline file; a failure is a usage error.
func writeFile(_ path: String, _ text: String) throws {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else {
    writeErr("talint: cannot write \(path)\n")
    throw ExitCode(64)
  }
  defer { close(descriptor) }
  write(text, to: descriptor)
}
