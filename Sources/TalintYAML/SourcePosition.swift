/// A place in a source file, as libyaml counts it: line and column are 1-based, and the column
/// and the offset count Unicode scalars, not bytes. Reporters convert to their own unit.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  /// Unicode scalars from the start of the (decoded, BOM-less) input.
  public var offset: Int

  public init(line: Int, column: Int, offset: Int = 0) {
    self.line = line
    self.column = column
    self.offset = offset
  }

  /// Positions are equal when line and column are; the offset is derived from them.
  public static func == (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    lhs.line == rhs.line && lhs.column == rhs.column
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(line)
    hasher.combine(column)
  }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` in a source file.
public struct SourceRange: Hashable, Sendable {
  public var start: SourcePosition
  public var end: SourcePosition

  public init(start: SourcePosition, end: SourcePosition) {
    self.start = start
    self.end = end
  }

  public init(at position: SourcePosition) {
    self.init(start: position, end: position)
  }

  public func contains(_ position: SourcePosition) -> Bool {
    start <= position && position < end
  }
}
