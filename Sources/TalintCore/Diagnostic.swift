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

/// The line a finding starts on, as formats that show source print it: secret values already
/// masked, and the finding's columns moved to match the masked text.
public struct SourceExcerpt: Sendable, Equatable {
  public var text: String
  public var startColumn: Int
  /// Where the finding ends on this line (the line's end when it goes on).
  public var endColumn: Int

  public init(text: String, startColumn: Int, endColumn: Int) {
    self.text = text
    self.startColumn = startColumn
    self.endColumn = endColumn
  }
}

extension SourceExcerpt {
  /// The excerpt of `range` on its (masked) first line.
  public init(_ line: MaskedLine, _ range: SourceRange) {
    let start = line.column(range.start.column)
    let end = range.end.line == range.start.line ? line.column(range.end.column) : line.text.unicodeScalars.count + 1
    self.init(text: line.text, startColumn: start, endColumn: max(end, start))
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
  /// The source line the finding starts on, secrets masked, for formats that show source
  /// (filled only when a linter is asked for excerpts).
  public var excerpt: SourceExcerpt?
  /// The parts of `message` that came from the input (UTF-8 offsets), which alone are
  /// scrubbed of secret values; nil when any part may have (the message is scrubbed whole).
  public var inputSpans: [Range<Int>]?
  /// For a finding on machines' merged configs: the machines the value reaches, by name.
  public var machines: [String] = []
  /// The mechanical remedy, where the rule has one and the text allows it.
  public var fix: Fix?

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

  /// The message as every format prints it: a finding on machines' merged configs names the
  /// machines after it, `… (machines: cp1, cp2)`. The names stay data (`machines`) until here.
  public var text: String {
    machines.isEmpty ? message : message + " (" + Self.describe(machines) + ")"
  }

  /// `machines: cp1, cp2` — the first few, then how many more.
  static func describe(_ names: [String]) -> String {
    let shown = names.prefix(5).joined(separator: ", ")
    let label = names.count == 1 ? "machine" : "machines"
    return names.count > 5 ? "\(label): \(shown) and \(names.count - 5) more" : "\(label): \(shown)"
  }

  /// The message with its own key path taken out: a value reached through YAML aliases from
  /// several places is reported by each path that reaches it, in messages that differ only
  /// there. Reports of one rule at one range with the same such message are one finding.
  public var messageWithoutKeyPath: String {
    guard let keyPath, !keyPath.isEmpty, message.containsBytes(keyPath) else { return message }
    return message.replacingBytes(keyPath, with: "\u{0}")
  }

  /// A hash of rule, key path and value text: stable when lines above the finding move, so
  /// baselines and code-scanning services can follow it across edits.
  public var fingerprint: String {
    StableHash.hex("\(ruleID)\u{0}\(keyPath ?? "")\u{0}\(valueHash)")
  }

  /// Moves the finding (and its notes) through a position map: from an embedded config to
  /// the file it is written in. A fix is not moved: it is written back (EmbeddedText.written).
  public mutating func move(_ transform: (SourcePosition) -> SourcePosition) {
    range = SourceRange(start: transform(range.start), end: transform(range.end), file: range.file)
    for index in notes.indices {
      let note = notes[index].range
      notes[index].range = SourceRange(start: transform(note.start), end: transform(note.end), file: note.file)
    }
  }

  /// The order of every output: path, line, column, then rule, then message.
  public static func sortedOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
    if lhs.path != rhs.path { return lhs.path < rhs.path }
    if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
    if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
    // As printed: the machines a finding reaches are part of what it says.
    if lhs.machines.isEmpty && rhs.machines.isEmpty { return lhs.message < rhs.message }
    return lhs.text < rhs.text
  }
}

extension Array where Element == Diagnostic {
  /// Sorted into output order (`Diagnostic.sortedOrder`, ties kept in their order) by sorting
  /// indices and moving each finding once: a finding is a large struct, and sorting the array
  /// itself copied each one many times (a third of finishing a file of many findings).
  public func sortedForOutput() -> [Diagnostic] {
    guard count > 1 else { return self }
    let order = indices.sorted { a, b in
      Diagnostic.sortedOrder(self[a], self[b]) || (!Diagnostic.sortedOrder(self[b], self[a]) && a < b)
    }
    return order.map { self[$0] }
  }
}
