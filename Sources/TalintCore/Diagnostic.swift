import TalintYAML

/// A secondary location that explains a diagnostic (the first of two duplicate keys, say).
public struct Note: Sendable, Equatable {
  public var message: String
  public var range: SourceRange

  public init(_ message: String, at range: SourceRange) {
    self.message = message
    self.range = range
  }
}

/// Why a finding is not shown in text output: an inline comment, a file-wide comment or the
/// baseline. Machine formats keep suppressed findings, marked with this.
public struct Suppression: Sendable, Equatable {
  public enum Kind: String, Sendable { case inline, file, baseline }
  public var kind: Kind
  public var justification: String?

  public init(kind: Kind, justification: String?) {
    self.kind = kind
    self.justification = justification
  }
}

/// One finding: which rule, how bad, what to do, and exactly where.
public struct Diagnostic: Sendable, Equatable {
  public var ruleID: String
  public var ruleName: String
  public var severity: Severity
  public var message: String
  /// The path as the user gave it (or the stdin name).
  public var path: String
  public var range: SourceRange
  /// The configuration key the finding concerns, e.g. `cluster.apiServer.extraArgs.profiling`.
  public var keyPath: String?
  public var notes: [Note]
  /// Set when a comment or the baseline silences this finding.
  public var suppression: Suppression?
  /// A hash of the source text the finding points at (from its start to the end of that
  /// line, comments dropped). Baselines match on it instead of line numbers.
  public var valueHash: String = ""

  public init(
    rule: RuleDescription, severity: Severity? = nil, message: String, path: String, range: SourceRange,
    keyPath: String? = nil, notes: [Note] = []
  ) {
    self.ruleID = rule.id
    self.ruleName = rule.name
    self.severity = severity ?? rule.severity
    self.message = message
    self.path = path
    self.range = range
    self.keyPath = keyPath
    self.notes = notes
  }

  /// A hash of rule, key path and value text: stable when lines above the finding move, so
  /// baselines and code-scanning services can follow it across edits.
  public var fingerprint: String {
    StableHash.hex("\(ruleID)\u{0}\(keyPath ?? "")\u{0}\(valueHash)")
  }

  /// The order of every output: path, line, column, then rule, then message.
  public static func sortedOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.path != rhs.path { return lhs.path < rhs.path }
    if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
    return lhs.message < rhs.message
  }
}
