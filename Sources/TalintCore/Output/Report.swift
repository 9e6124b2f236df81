/// Everything a reporter renders: the whole run, sorted, suppressed findings included.
public struct Report: Sendable {
  public var diagnostics: [Diagnostic]
  /// Every linted path, in output order (formats that list clean files need them).
  public var files: [String]
  /// Every rule talint knows, for formats that describe rules (SARIF).
  public var rules: [RuleDescription]
  public var toolVersion: String
  /// Absolute path of the working directory, for relative URIs.
  public var workingDirectory: String

  public init(diagnostics: [Diagnostic], files: [String], rules: [RuleDescription], toolVersion: String, workingDirectory: String) {
    self.diagnostics = diagnostics
    self.files = files
    self.rules = rules
    self.toolVersion = toolVersion
    self.workingDirectory = workingDirectory
  }

  /// The findings that are shown (not suppressed).
  public var visible: [Diagnostic] { diagnostics.filter { $0.suppression == nil } }

  /// `path` relative to the working directory when it lies below it.
  public func relativePath(_ path: String) -> String {
    let absolute = ConfigDiscovery.absolute(path)
    let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
    return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : absolute
  }
}

/// The output formats `--format` offers.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text, pretty, json, sarif, github, junit, checkstyle, gitlab
}
