/// Index of a node in its document's arena.
public struct NodeID: Hashable, Sendable {
  public let index: Int32
  public init(_ index: Int) { self.index = Int32(index) }
}

/// How a scalar was written; rules rarely care, the comment scanner and plain-null checks do.
public enum ScalarStyle: Sendable {
  case plain, singleQuoted, doubleQuoted, literal, folded

  /// Quoted and block scalars may contain `#` that is not a comment.
  public var mayContainHash: Bool { self != .plain }
}

/// One `key: value` entry of a mapping, kept in source order, duplicates included.
public struct Pair: Sendable {
  public let key: NodeID
  public let value: NodeID
  public init(key: NodeID, value: NodeID) {
    self.key = key
    self.value = value
  }
}

/// A node of the positioned tree. Aliases stay aliases: they point at their anchor's node and
/// are followed on read, never expanded into copies (that is what keeps alias bombs cheap).
public struct Node: Sendable {
  public enum Content: Sendable {
    case scalar(String, ScalarStyle)
    case mapping([Pair])
    case sequence([NodeID])
    case alias(NodeID)
  }

  public var content: Content
  public var range: SourceRange
  public var tag: String?

  public init(content: Content, range: SourceRange, tag: String? = nil) {
    self.content = content
    self.range = range
    self.tag = tag
  }
}

/// A key that a mapping holds twice. YAML forbids it and Go's decoder (Talos) rejects it.
public struct DuplicateKey: Sendable {
  public let first: NodeID
  public let second: NodeID
  public let name: String
}
