/// A place in a source file, as libyaml counts it: line and column are 1-based, and the column
/// counts Unicode scalars, not bytes. Reporters convert to their own unit.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
  // Stored as 32-bit numbers: every node holds two positions, and inputs are capped far below
  // 2^31 lines (YAMLLimits.maxBytes), so this keeps the tree a quarter smaller.
  private var storedLine: Int32
  private var storedColumn: Int32

  public var line: Int {
    get { Int(storedLine) }
    set { storedLine = Int32(clamping: newValue) }
  }

  public var column: Int {
    get { Int(storedColumn) }
    set { storedColumn = Int32(clamping: newValue) }
  }

  public init(line: Int, column: Int) {
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
  }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
  }

  public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` in a source file.
public struct SourceRange: Hashable, Sendable {
  public var start: SourcePosition
  public var end: SourcePosition
  /// Which file the range is in, for trees built from several files (a machine's config
  /// merged from a base and patches): an index into the builder's file table. 0 for a tree
  /// parsed from one file.
  public var file: Int32 = 0

  public init(start: SourcePosition, end: SourcePosition, file: Int32 = 0) {
    self.start = start
    self.end = end
    self.file = file
  }

  public init(at position: SourcePosition, file: Int32 = 0) {
    self.init(start: position, end: position, file: file)
  }

  public func contains(_ position: SourcePosition) -> Bool {
    start <= position && position < end
  }
}
