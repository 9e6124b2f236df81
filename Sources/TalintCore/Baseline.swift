import FoundationEssentials

/// Today's findings, recorded so that adopting talint on an old repository does not fail on
/// everything at once. Entries match on file, rule, key path and a hash of the value — not on
/// line numbers — so edits elsewhere in a file keep them matching.
public struct Baseline: Codable, Sendable, Equatable {
  public struct Entry: Codable, Sendable, Hashable, Comparable {
    public var file: String
    public var rule: String
    public var keyPath: String
    public var valueHash: String

    public static func < (lhs: Entry, rhs: Entry) -> Bool {
      (lhs.file, lhs.rule, lhs.keyPath, lhs.valueHash) < (rhs.file, rhs.rule, rhs.keyPath, rhs.valueHash)
    }
  }

  public var version = 1
  public var entries: [Entry]

  public init(diagnostics: [Diagnostic], relativePath: (String) -> String) {
    entries = diagnostics.filter { $0.suppression == nil }.map { Self.entry($0, relativePath) }.sorted()
  }

  static func entry(_ diagnostic: Diagnostic, _ relativePath: (String) -> String) -> Entry {
    Entry(file: relativePath(diagnostic.path), rule: diagnostic.ruleID, keyPath: diagnostic.keyPath ?? "", valueHash: diagnostic.valueHash)
  }

  /// Sorted, indented JSON: readable in review.
  public func encoded() -> String { JSONReporter.encode(self) }

  public static func decode(_ bytes: [UInt8]) throws -> Baseline {
    try JSONDecoder().decode(Baseline.self, from: Data(bytes))
  }

  /// Marks the diagnostics the baseline records as suppressed (each entry hides one finding)
  /// and returns the entries that matched nothing.
  public func apply(to diagnostics: inout [Diagnostic], relativePath: (String) -> String) -> [Entry] {
    var remaining: [Entry: Int] = [:]
    for entry in entries { remaining[entry, default: 0] += 1 }
    for index in diagnostics.indices where diagnostics[index].suppression == nil {
      let entry = Self.entry(diagnostics[index], relativePath)
      guard let count = remaining[entry], count > 0 else { continue }
      remaining[entry] = count - 1
      diagnostics[index].suppression = Suppression(kind: .baseline, justification: "recorded in the baseline")
    }
    return remaining.flatMap { entry, count in Array(repeating: entry, count: count) }.sorted()
  }
}
