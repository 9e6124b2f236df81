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

  /// The order of every output: path, line, column, then rule, then message.
  public static func sortedOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.path != rhs.path { return lhs.path < rhs.path }
    if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
    return lhs.message < rhs.message
  }
}
