/// Index of a node in its document's arena.
public struct NodeID: Hashable, Sendable {
  public let index: Int32
  public init(_ index: Int) { self.index = Int32(index) }
}

/// How a scalar was written; rules rarely care, the comment scanner and plain-null checks do.
public enum ScalarStyle: UInt8, Sendable {
  case plain, singleQuoted, doubleQuoted, literal, folded

  /// Quoted and block scalars may contain `#` that is not a comment.
  public var mayContainHash: Bool { self != .plain }
}

/// One `key: value` entry of a mapping, kept in source order, duplicates included.
public struct Pair: Sendable, Equatable {
  public let key: NodeID
  public let value: NodeID
  public init(key: NodeID, value: NodeID) {
    self.key = key
    self.value = value
  }
}

/// A node as values, for code that builds or rewrites trees (a merge, a renderer, a synthesized
/// JSON patch tree). Reading a node this way allocates; the linter's hot paths use the
/// document's accessors, which do not.
public enum NodeContent: Sendable, Equatable {
  case scalar(String, ScalarStyle)
  case mapping([Pair])
  case sequence([NodeID])
  case alias(NodeID)
}

/// A node of the positioned tree: plain data, no reference, so an arena of millions costs one
/// allocation and no reference counting. A scalar's text is a byte range of the input it was
/// parsed from or, when the input spells it otherwise (escapes, folded lines), of its
/// document's text storage; a collection's children are a range of its children storage (a
/// mapping's as key, value, key, value…); an alias points at its anchor's node and is followed
/// on read, never expanded into copies (that is what keeps alias bombs cheap).
public struct Node: Sendable {
  public enum Kind: UInt8, Sendable { case scalar, mapping, sequence, alias }

  public var kind: Kind
  /// For scalars: how it was written.
  public var style: ScalarStyle
  /// For collections: written in flow style (`[a, b]`, `{a: 1}`), which a fix edits by commas
  /// rather than by lines.
  public var isFlow: Bool = false
  /// For scalars: the text is read from the input itself (written there as it reads — most
  /// scalars are), not from a copy in the arena's text storage.
  var inSource: Bool = false
  public var range: SourceRange
  /// Scalar: first byte in the input or the text storage; collection: first slot in the
  /// children storage; alias: the target node.
  var first: Int32
  /// Scalar: bytes; mapping: 2 × pairs; sequence: items.
  var count: Int32
  // Tags (`!!str`) are rare: they live beside the nodes (YAMLArena.tags), which keeps a node
  // at 32 bytes.
}

/// A key that a mapping holds twice. YAML forbids it and Go's decoder (Talos) rejects it.
public struct DuplicateKey: Sendable {
  public let first: NodeID
  public let second: NodeID
  public let name: String
}
