/// The finding level at which a run fails (`--fail-on`, `fail-on` in `.talint.yaml`): core's,
/// so every front end (command line, reports, language server) decides failure alike.
public enum FailThreshold: String, Sendable, CaseIterable {
  case error, warning, info, never

  public func fails(_ severity: Severity) -> Bool {
    switch self {
    case .error: severity >= .error
    case .warning: severity >= .warning
    case .info: true
    case .never: false
    }
  }
}
