import TalintYAML

/// A value read from a config, with where it is and under which key.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var range: SourceRange
  public var keyPath: String

  public init(_ value: Value, at range: SourceRange, keyPath: String) {
    self.value = value
    self.range = range
    self.keyPath = keyPath
  }
}
