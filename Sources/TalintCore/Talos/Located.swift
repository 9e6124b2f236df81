import TalintYAML

/// A value read from a config, with where it is and under which key.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var range: SourceRange
  public var keyPath: String
  /// The value it was read from, when it is a part of one (a kernel argument of an entry that
  /// holds several): what a fix edits.
  public var source: Found?

  public init(_ value: Value, at range: SourceRange, keyPath: String, source: Found? = nil) {
    self.value = value
    self.range = range
    self.keyPath = keyPath
    self.source = source
  }
}
