import TalintYAML

/// One `# talint: ignore[…]` or `# talint: ignore-file[…]` comment, read.
public struct SuppressionComment: Sendable {
  public enum Scope: Sendable, Equatable {
    /// A trailing comment: its own line. An own-line comment: the next node and everything under it.
    case lines(ClosedRange<Int>)
    case file
  }

  public var position: SourcePosition
  public var scope: Scope
  /// The rules as written (IDs or names).
  public var rules: [String]
  public var reason: String?

  /// The comment's directive, or nil when the comment is not for talint.
  enum Parsed {
    case directive(file: Bool, rules: [String], reason: String?)
    case malformed(String)
  }

  /// The release a `talint: talos-version=1.12` comment names (the file's own evidence of the
  /// Talos release it targets), or nil for any other comment.
  static func releaseDirective(_ text: String) -> String? {
    guard isForTalint(text) else { return nil }
    let rest = text.dropFirst("talint:".count).drop(while: { $0 == " " })
    guard rest.hasPrefix("talos-version=") else { return nil }
    return String(rest.dropFirst("talos-version=".count)).trimmingBlanks()
  }

  /// True when a comment starts with `talint:`: compared as bytes, since most comments of a
  /// file are not for talint and every one is asked.
  private static func isForTalint(_ text: String) -> Bool {
    text.utf8.starts(with: "talint:".utf8)
  }

  /// Reads `talint: ignore[A, B] -- reason` / `talint: ignore-file[A] -- reason`.
  static func parse(_ text: String) -> Parsed? {
    guard isForTalint(text), releaseDirective(text) == nil else { return nil }
    var rest = Substring(text.dropFirst("talint:".count)).drop(while: { $0 == " " })
    let file: Bool
    if rest.hasPrefix("ignore-file[") {
      file = true
      rest = rest.dropFirst("ignore-file[".count)
    } else if rest.hasPrefix("ignore[") {
      file = false
      rest = rest.dropFirst("ignore[".count)
    } else {
      return .malformed("expected `talint: ignore[RULE] -- reason`, `talint: ignore-file[RULE] -- reason` or `talint: talos-version=X.Y`")
    }
    guard let close = rest.firstIndex(of: "]") else { return .malformed("the rule list has no closing `]`") }
    let rules = rest[..<close].split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
    guard !rules.isEmpty else { return .malformed("the rule list is empty") }
    let tail = String(rest[rest.index(after: close)...]).trimmingBlanks()
    if tail.isEmpty { return .directive(file: file, rules: rules, reason: nil) }
    guard tail.hasPrefix("--") else { return .malformed("text after `]` must start with `--` and give the reason") }
    let reason = String(tail.dropFirst(2)).trimmingBlanks()
    return .directive(file: file, rules: rules, reason: reason.isEmpty ? nil : reason)
  }
}
