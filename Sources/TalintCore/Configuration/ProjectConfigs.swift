/// The configurations of one workspace: the explicit one (`--config`), or each path's nearest
/// `.talint.yaml`, each read once. What a configuration's reading finds is said through `say`.
/// A strict workspace (the command line) refuses a configuration it cannot use, and the run
/// stops (`ConfigurationRefused`); a lenient one (the editor) goes on with the built-in defaults.
public final class ProjectConfigs: @unchecked Sendable {
  private var explicit: ProjectConfig?
  private let discovery: ConfigDiscovery
  private var loaded: [String: ProjectConfig] = [:]
  /// Configurations a strict workspace refused: asked again (every file of a walk asks), the
  /// refusal is not said again.
  private var refused = Set<String>()
  /// The paths the command line names: outside a repository they bound the search for
  /// `.talint.yaml`, and the files references may name (`ProjectRoot`).
  public let linted: [String]
  private let knownRules: [RuleDescription]
  private let strict: Bool
  private let say: (String) -> Void

  public init(explicit path: String?, linted: [String], knownRules: [RuleDescription], strict: Bool, say: @escaping (String) -> Void) throws {
    discovery = ConfigDiscovery(linted: linted)
    self.linted = linted
    self.knownRules = knownRules
    self.strict = strict
    self.say = say
    explicit = try path.map { try load($0, discovered: false) }
  }

  public func config(for path: String, isDirectory: Bool? = nil) throws -> ProjectConfig {
    if let explicit { return explicit }
    guard let file = discovery.configPath(for: path, isDirectory: isDirectory) else { return ProjectConfig() }
    return try config(at: file, discovered: true)
  }

  /// The configuration at a path a workspace already found (or finds now).
  public func config(at path: String) throws -> ProjectConfig {
    if let explicit, explicit.path == path { return explicit }
    return try config(at: path, discovered: false)
  }

  private func config(at path: String, discovered: Bool) throws -> ProjectConfig {
    if let config = loaded[path] { return config }
    if refused.contains(path) { throw ConfigurationRefused() }
    let config = try load(path, discovered: discovered)
    loaded[path] = config
    return config
  }

  private func load(_ path: String, discovered: Bool) throws -> ProjectConfig {
    // A configuration found (not named with --config) is the project's: a link out of it is
    // not read.
    if discovered, let refusal = ProjectRoot().linkRefusal(path, walking: FilePath.parent(path)) {
      return try refuse(path, ["\(path):1:1: error: \(refusal)"], defaults: ProjectConfig())
    }
    let bytes: [UInt8]
    do {
      bytes = try InputFile.path(path).read()
    } catch {
      return try refuse(path, ["\(path):1:1: error: \(error)"], defaults: ProjectConfig())
    }
    let (config, problems) = ConfigParser(knownRules: knownRules).parse(bytes: bytes, path: path)
    guard problems.contains(where: \.isError) else {
      for problem in problems { say(problem.description) }
      return config
    }
    return try refuse(path, problems.map(\.description), defaults: ProjectConfig(path: path))
  }

  /// Says the problems; a strict workspace stops, a lenient one takes the built-in defaults.
  private func refuse(_ path: String, _ problems: [String], defaults: ProjectConfig) throws -> ProjectConfig {
    for problem in problems { say(problem) }
    if strict {
      refused.insert(path)
      throw ConfigurationRefused()
    }
    return defaults
  }
}

/// A configuration a strict workspace cannot use: its problems are said already.
public struct ConfigurationRefused: Error {}

extension InputCollector {
  /// A collector that drops what each path's `.talint.yaml` excludes and adds what it includes.
  public init(projects: ProjectConfigs) {
    self.init()
    isExcluded = { path, isDirectory in (try? projects.config(for: path, isDirectory: isDirectory))?.excludes(path) ?? false }
    isIncluded = { path, isDirectory in (try? projects.config(for: path, isDirectory: isDirectory))?.includes(path) ?? false }
  }
}

extension ProjectConfig {
  /// True when one of the `exclude` globs matches `path` (relative to the config's folder).
  public func excludes(_ path: String) -> Bool { matches(exclude, path) }

  /// True when one of the `include` globs matches `path`.
  public func includes(_ path: String) -> Bool { matches(include, path) }

  private func matches(_ globs: [String], _ path: String) -> Bool {
    guard !globs.isEmpty, let directory else { return false }
    let base = FilePath.absolute(directory)
    let absolute = FilePath.absolute(path)
    guard absolute.hasPrefix(base + "/") else { return false }
    let relative = String(absolute.dropFirst(base.count + 1))
    return globs.contains { Glob.matches($0, relative) }
  }
}
