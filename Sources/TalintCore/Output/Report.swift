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
  /// Baseline entries that matched no finding in the files linted.
  public var staleBaselineEntries: [StaleBaselineEntry] = []
  /// What was learned about each linted file: how it holds config, the release it was judged by.
  public var fileInfo: [FileInfo] = []

  public init(
    diagnostics: [Diagnostic], files: [String], rules: [RuleDescription], toolVersion: String, workingDirectory: String,
    staleBaselineEntries: [StaleBaselineEntry] = []
  ) {
    self.diagnostics = diagnostics
    self.files = files
    self.rules = rules
    self.toolVersion = toolVersion
    self.workingDirectory = workingDirectory
    self.staleBaselineEntries = staleBaselineEntries
  }

  /// The findings that are shown (not suppressed).
  public var visible: [Diagnostic] { diagnostics.filter { $0.suppression == nil } }

  /// `path` relative to the working directory when it lies below it.
  public func relativePath(_ path: String) -> String {
    let absolute = FilePath.absolute(path)
    let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
    return absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : absolute
  }
}

/// One linted file as the machine formats describe it.
public struct FileInfo: Sendable, Equatable {
  public var path: String
  public var carrier: CarrierKind?
  public var template: TemplateEngine?
  public var release: TalosRelease?

  public init(_ result: FileResult) {
    path = result.path
    carrier = result.carrier
    template = result.template
    release = result.release
  }
}

/// A baseline entry that no longer matches a finding: the finding was fixed (or moved out of
/// its key path), and the entry would hide a future one.
public struct StaleBaselineEntry: Sendable, Equatable {
  /// The baseline file, as named on the command line or in `.talint.yaml`.
  public var baseline: String
  /// The file the entry is for, relative to the working directory.
  public var file: String
  public var rule: String
  public var keyPath: String

  public init(baseline: String, file: String, rule: String, keyPath: String) {
    self.baseline = baseline
    self.file = file
    self.rule = rule
    self.keyPath = keyPath
  }

  public var description: String {
    "\(file): \(rule)\(keyPath.isEmpty ? "" : " at \(keyPath)") (in \(baseline)) matches no finding"
  }
}

/// The output formats `--format` offers.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text, pretty, json, sarif, github, junit, checkstyle, gitlab

  /// True for the formats that print each finding's fingerprint (which needs its value hash).
  public var showsFingerprints: Bool {
    switch self {
    case .json, .sarif, .gitlab: true
    case .text, .pretty, .github, .junit, .checkstyle: false
    }
  }
}
