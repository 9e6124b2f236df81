import TalintCore
import TalintRules

/// The server's `Workspace`: the command line's project set-up (nearest `.talint.yaml`,
/// machines, referrers) with the editor's settings as the overlay, lenient where the command
/// line stops (a configuration it cannot use is shown, and the defaults apply), and each
/// document linted with the documents the editor holds. Used only from the server's queue.
final class ServerWorkspace: @unchecked Sendable {
  /// Editor settings (`workspace/didChangeConfiguration`, section `talint`), like the CLI's options.
  var overrides = SettingsOverlay() {
    didSet { reload() }
  }
  /// Problems found in configurations, each said once (the server shows them to the user).
  private let problems = Problems()
  private var workspace: Workspace

  init() {
    workspace = Self.workspace(overrides, problems)
  }

  private static func workspace(_ overlay: SettingsOverlay, _ problems: Problems) -> Workspace {
    // A lenient workspace does not throw: a configuration it cannot use gives the defaults.
    (try? Workspace(rules: AllRules.rules, knownRules: AllRules.descriptions, overlay: overlay, strict: false) { problems.said.append($0) })!
  }

  /// Forgets every configuration read: the next lint reads them again.
  func reload() {
    workspace = Self.workspace(overrides, problems)
  }

  /// A document was saved: a talconfig or template may name other patches or another release now.
  func saved(_ document: TextDocument) {
    let text = String(decoding: document.text, as: UTF8.self)
    if text.contains("talosVersion") || text.contains("kind: Cluster") { workspace.forgetReferrers() }
  }

  /// The findings on a document's text, suppressions applied, machines included, and the
  /// release it was judged against. `open`: the other documents the editor holds, so a patch
  /// the document names is read as the editor holds it (a new one not yet saved is no
  /// missing file).
  func lint(_ document: TextDocument, open: [TextDocument] = []) -> (diagnostics: [Diagnostic], release: TalosRelease?, role: FileRole?) {
    // Only the documents whose file name the text mentions: each one costs a lint.
    let named = open.filter { other in
      guard other.path != document.path, let name = other.path.split(separator: "/").last else { return false }
      return document.lines.contains(String(name))
    }
    let inputs = ([document] + named).map { open in
      LintRun.Input(.buffer(open.text, path: open.path), linter: workspace.linter(for: open.path), namedBy: workspace.namedBy(.path(open.path)))
    }
    let key = (try? workspace.configKey(for: document.path)) ?? ""
    let results = workspace.run(inputs, configKeys: [key])
    let result = results.first { $0.path == document.path }
    return (result?.diagnostics.filter { $0.suppression == nil } ?? [], result?.release, result?.role)
  }

  /// Takes the problems to show, so each is shown once.
  func takeProblems() -> [String] {
    defer { problems.said = [] }
    return problems.said
  }

  /// What the workspace said since the last `takeProblems`, without the command line's
  /// `talint: ` (the server puts its own).
  private final class Problems: @unchecked Sendable {
    var said: [String] = [] {
      didSet { said = said.map { $0.hasPrefix("talint: ") ? String($0.dropFirst(8)) : $0 } }
    }
  }
}
