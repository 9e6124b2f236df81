import TalintCore
import TalintRules

/// What the command line's `.talint.yaml` handling does, for the server: the nearest
/// configuration of each document (reloaded when one changes), editor settings on top as the
/// command line's options go on top, and a run that includes the project's machines.
/// Used only from the server's queue (and from a lint run's serial steps it starts there).
final class ServerWorkspace: @unchecked Sendable {
  /// Editor settings (`workspace/didChangeConfiguration`, section `talint`), like the CLI's.
  struct Overrides: Equatable {
    var talosVersion: TalosVersion?
    var select: [String] = []
    var ignore: [String] = []
  }

  var overrides = Overrides() {
    didSet { reload() }
  }
  /// Problems found in configurations, each said once (the server shows them to the user).
  private(set) var problems: [String] = []
  private var discovery = ConfigDiscovery()
  private var configs: [String: ProjectConfig] = [:]
  private var linters: [String: Linter] = [:]
  /// By project root: the files its talconfigs and Omni templates name as patches, read when a
  /// document without a release of its own is linted, as the command line reads them.
  private var referrers: [String: PatchReferrers] = [:]

  /// Forgets every configuration read: the next lint reads them again.
  func reload() {
    discovery = ConfigDiscovery()
    configs = [:]
    linters = [:]
    referrers = [:]
  }

  /// A document was saved: a talconfig or template may name other patches or another release now.
  func saved(_ document: TextDocument) {
    let text = String(decoding: document.text, as: UTF8.self)
    if text.contains("talosVersion") || text.contains("kind: Cluster") { referrers = [:] }
  }

  /// The findings on a document's text, suppressions applied, machines included, and the
  /// release it was judged against. `open`: the other documents the editor holds, so a patch
  /// the document names is read as the editor holds it (a new one not yet saved is no
  /// missing file).
  func lint(_ document: TextDocument, open: [TextDocument] = []) -> (diagnostics: [Diagnostic], release: TalosRelease?, role: FileRole?) {
    let key = configPath(for: document.path) ?? ""
    let machines = key.isEmpty ? [] : config(at: key).machineDefinitions
    var run = LintRun(linterForPath: { [unowned self] path in self.linter(key: self.configPath(for: path) ?? "") }, projectMachines: machines)
    run.outsideReferrer = { [unowned self] path in self.reference(to: path, key: key) }
    // Only the documents whose file name the text mentions: each one costs a lint.
    let named = open.filter { other in
      guard other.path != document.path, let name = other.path.split(separator: "/").last else { return false }
      return document.lines.contains(String(name))
    }
    let inputs = ([document] + named).map { LintRun.Input(.buffer($0.text, path: $0.path), linter: linter(key: configPath(for: $0.path) ?? "")) }
    let results = run.run(inputs)
    let result = results.first { $0.path == document.path }
    return (result?.diagnostics.filter { $0.suppression == nil } ?? [], result?.release, result?.role)
  }

  /// The reference naming `path` as a patch in its project, as `ReferrerLookup` finds it on
  /// the command line.
  private func reference(to path: String, key: String) -> PatchReference? {
    let root = linter(key: key).root.root(of: path).folder
    if let known = referrers[root] { return known.reference(to: path) }
    let found = PatchReferrers(folder: root) { [unowned self] file in self.linter(key: self.configPath(for: file) ?? "") }
    referrers[root] = found
    return found.reference(to: path)
  }

  private func configPath(for path: String) -> String? {
    discovery.configPath(for: path)
  }

  private func config(at path: String) -> ProjectConfig {
    if let known = configs[path] { return known }
    var config = ProjectConfig()
    // As on the command line: a configuration that links out of the project is not read.
    if let refusal = ProjectRoot().linkRefusal(path, walking: FilePath.parent(path)) {
      problems.append("\(path):1:1: error: \(refusal)")
    } else if let bytes = try? InputFile.path(path).read() {
      let (parsed, found) = ConfigParser(knownRules: AllRules.descriptions).parse(bytes: bytes, path: path)
      problems += found.map(\.description)
      config = found.contains(where: \.isError) ? ProjectConfig(path: path) : parsed
    }
    configs[path] = config
    return config
  }

  private func linter(key: String) -> Linter {
    if let known = linters[key] { return known }
    var settings = (key.isEmpty ? ProjectConfig() : config(at: key)).settings(knownRules: AllRules.descriptions)
    settings.version = settings.version.nearestKnown
    if let version = overrides.talosVersion { settings.forcedVersion = version.nearestKnown }
    if !overrides.select.isEmpty { settings.selection.select = overrides.select }
    if !overrides.ignore.isEmpty { settings.selection.ignore = overrides.ignore }
    var linter = Linter(rules: AllRules.rules, settings: settings)
    // References stay inside the project, as on the command line (outside a repository: the
    // configuration's folder, else the document's).
    linter.root = ProjectRoot(configFolder: key.isEmpty ? nil : FilePath.parent(key))
    linters[key] = linter
    return linter
  }

  /// Takes the problems to show, so each is shown once.
  func takeProblems() -> [String] {
    defer { problems = [] }
    return problems
  }
}
