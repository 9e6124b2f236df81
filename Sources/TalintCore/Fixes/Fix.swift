import TalintYAML

/// A change to the text of a file: replace `range` (half-open, in the file's positions) with
/// `replacement`. Line breaks in `replacement` are written as `\n` and take the file's own
/// line ending when applied.
public struct TextEdit: Sendable, Equatable {
  public var range: SourceRange
  public var replacement: String

  public init(_ range: SourceRange, _ replacement: String) {
    self.range = range
    self.replacement = replacement
  }

  /// Inserts `text` at `position`.
  public static func insert(_ text: String, at position: SourcePosition) -> TextEdit {
    TextEdit(SourceRange(at: position), text)
  }
}

/// A finding's mechanical remedy: edits on the text it was found in, never a re-serialised
/// tree, so comments, quoting, order and line endings elsewhere stay as they were. Applied by
/// `FixEngine`, which `--fix`, `--diff` and the language server's code actions share.
public struct Fix: Sendable, Equatable {
  /// What the fix does, as an editor's code action names it (`Remove '-pti'`).
  public var title: String
  public var edits: [TextEdit]

  public init(title: String, edits: [TextEdit]) {
    self.title = title
    self.edits = edits
  }
}
