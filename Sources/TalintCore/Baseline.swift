import FoundationEssentials

/// Today's findings, recorded so that adopting talint on an old repository does not fail on
/// everything at once. Entries match on file, rule, key path and a hash of the (secret-masked)
/// value text — not on line numbers — so edits elsewhere in a file keep them matching. File
/// paths are relative to the baseline file's own folder, so the same baseline matches from any
/// working directory and with relative or absolute arguments.
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

  /// Records the visible findings of a run in a baseline kept in `folder`.
  public init(diagnostics: [Diagnostic], folder: String) {
    entries = diagnostics.filter { $0.suppression == nil && Self.mayHide($0) }.map { Self.entry($0, folder) }.sorted()
  }

  /// A file that could not be linted (TAL001–TAL003), or that a machine names and is not read
  /// (TAL009), is never hidden: its findings say what went unchecked.
  static func mayHide(_ diagnostic: Diagnostic) -> Bool {
    !["TAL001", "TAL002", "TAL003", "TAL009"].contains(diagnostic.ruleID)
  }

  static func entry(_ diagnostic: Diagnostic, _ folder: String) -> Entry {
    Entry(
      file: FilePath.relative(diagnostic.path, to: folder), rule: diagnostic.ruleID, keyPath: diagnostic.keyPath ?? "",
      valueHash: diagnostic.valueHash)
  }

  /// Sorted, indented JSON: readable in review.
  public func encoded() -> String { JSONReporter.encode(self) }

  public static func decode(_ bytes: [UInt8]) throws -> Baseline {
    try JSONDecoder().decode(Baseline.self, from: Data(bytes))
  }

  /// Marks the diagnostics the baseline records as suppressed (each entry hides one finding)
  /// and returns the entries that matched nothing among `lintedFiles` (paths as given): an
  /// entry for a file this run did not lint is not stale, as pre-commit lints a few files.
  public func apply(to diagnostics: inout [Diagnostic], folder: String, lintedFiles: [String]) -> [Entry] {
    var remaining: [Entry: Int] = [:]
    for entry in entries { remaining[entry, default: 0] += 1 }
    for index in diagnostics.indices where diagnostics[index].suppression == nil && Self.mayHide(diagnostics[index]) {
      let entry = Self.entry(diagnostics[index], folder)
      guard let count = remaining[entry], count > 0 else { continue }
      remaining[entry] = count - 1
      diagnostics[index].suppression = Suppression(kind: .baseline, justification: "recorded in the baseline")
    }
    let linted = Set(lintedFiles.map { FilePath.relative($0, to: folder) })
    return remaining.filter { linted.contains($0.key.file) }.flatMap { entry, count in Array(repeating: entry, count: count) }.sorted()
  }
}
