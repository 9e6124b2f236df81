/// One document of a YAML stream: a flat arena of nodes and a root. Readers follow aliases and
/// merge keys here, on demand, so nothing is ever copied.
public struct YAMLDocument: Sendable {
  /// Position of this document in its stream, from 0.
  public let index: Int
  public private(set) var nodes: [Node]
  public let root: NodeID?
  public let range: SourceRange
  public let duplicateKeys: [DuplicateKey]

  /// How many alias hops a read follows before giving up (an alias can only point backwards,
  /// so a chain is finite, but this bounds the work).
  static let aliasHopLimit = 64

  public init(index: Int, nodes: [Node], root: NodeID?, range: SourceRange, duplicateKeys: [DuplicateKey]) {
    self.index = index
    self.nodes = nodes
    self.root = root
    self.range = range
    self.duplicateKeys = duplicateKeys
  }

  public subscript(id: NodeID) -> Node { nodes[Int(id.index)] }

  /// Adds a node that no source text holds (views use this to turn a JSON6902 path into a tree).
  public mutating func append(_ node: Node) -> NodeID {
    nodes.append(node)
    return NodeID(nodes.count - 1)
  }

  /// Replaces what a node holds, keeping where it is: a merge updates a base mapping's pairs or
  /// a list's items in place.
  public mutating func setContent(_ content: Node.Content, of id: NodeID) {
    nodes[Int(id.index)].content = content
  }

  /// An empty document to build a tree in (a machine's merged config).
  public static func arena(index: Int = 0) -> YAMLDocument {
    YAMLDocument(index: index, nodes: [], root: nil, range: SourceRange(at: SourcePosition(line: 1, column: 1)), duplicateKeys: [])
  }

  /// Builds `{a: {b: value}}` around an existing node for path `[a, b]` (a `-` or number step
  /// makes a one-element sequence), every new node placed at `range`: how a view reads a
  /// value that a carrier or a JSON patch puts at a path no source text spells out. Returns the
  /// new root and the sequences made.
  public mutating func wrap(_ path: [String], around value: NodeID, at range: SourceRange) -> (root: NodeID, sequences: [NodeID]) {
    var child = value
    var sequences: [NodeID] = []
    for token in path.reversed() {
      if token == "-" || Int(token) != nil {
        child = append(Node(content: .sequence([child]), range: range))
        sequences.append(child)
      } else {
        let key = append(Node(content: .scalar(token, .plain), range: range))
        child = append(Node(content: .mapping([Pair(key: key, value: child)]), range: range))
      }
    }
    return (child, sequences)
  }

  /// The node an alias stands for; any other node is itself.
  public func resolve(_ id: NodeID) -> NodeID {
    var current = id
    for _ in 0..<Self.aliasHopLimit {
      guard case .alias(let target) = self[current].content else { return current }
      current = target
    }
    return current
  }

  /// The text of a scalar (through aliases), or nil for a collection.
  public func scalar(_ id: NodeID) -> String? {
    if case .scalar(let value, _) = self[resolve(id)].content { return value }
    return nil
  }

  /// True for a plain `~`, `null`, `Null`, `NULL` or empty scalar: YAML's null.
  public func isNull(_ id: NodeID) -> Bool {
    guard case .scalar(let value, let style) = self[resolve(id)].content, style == .plain else { return false }
    return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
  }

  public func isMapping(_ id: NodeID) -> Bool {
    if case .mapping = self[resolve(id)].content { return true }
    return false
  }

  public func isSequence(_ id: NodeID) -> Bool {
    if case .sequence = self[resolve(id)].content { return true }
    return false
  }

  /// A sequence's elements (through aliases); empty for anything else.
  public func elements(_ id: NodeID) -> [NodeID] {
    if case .sequence(let items) = self[resolve(id)].content { return items }
    return []
  }

  /// A mapping's pairs in source order, with `<<` merge keys expanded: explicit keys first,
  /// then merged keys not already present. Each merged mapping is visited once, so a merge
  /// bomb costs linear time.
  public func pairs(_ id: NodeID) -> [Pair] {
    guard case .mapping(let own) = self[resolve(id)].content else { return [] }
    guard own.contains(where: { isMergeKey($0.key) }) else { return own }
    var result: [Pair] = []
    var names = Set<String>()
    var visited = Set<NodeID>()
    var pending: [NodeID] = []
    func take(_ pairs: [Pair]) {
      for pair in pairs {
        if isMergeKey(pair.key) {
          let source = resolve(pair.value)
          if isSequence(source) { pending.append(contentsOf: elements(source).map(resolve)) } else { pending.append(source) }
          continue
        }
        let name = scalar(pair.key) ?? ""
        if names.insert(name).inserted || scalar(pair.key) == nil { result.append(pair) }
      }
    }
    visited.insert(resolve(id))
    take(own)
    while !pending.isEmpty {
      let next = pending.removeFirst()
      guard visited.insert(next).inserted, case .mapping(let merged) = self[next].content else { continue }
      take(merged)
    }
    return result
  }

  /// The entry for `key` in a mapping (the last occurrence among duplicates, as most decoders
  /// keep), following aliases and merge keys. One pass over the mapping's own pairs; merged
  /// mappings are read only when the key is not there and a merge key is.
  public func pair(forKey key: String, in id: NodeID) -> Pair? {
    guard case .mapping(let own) = self[resolve(id)].content else { return nil }
    var hasMerge = false
    for pair in own.reversed() {
      guard case .scalar(let name, let style) = self[pair.key].content else { continue }
      if name == key && !(style == .plain && name == "<<") { return pair }
      if name == "<<" && style == .plain { hasMerge = true }
    }
    guard hasMerge else { return nil }
    return pairs(id).last(where: { scalar($0.key) == key })
  }

  /// The value of `key` in a mapping.
  public func value(forKey key: String, in id: NodeID) -> NodeID? {
    pair(forKey: key, in: id)?.value
  }

  /// The key node under which `key` appears in a mapping, for reports that point at the key.
  public func keyNode(_ key: String, in id: NodeID) -> NodeID? {
    pair(forKey: key, in: id)?.key
  }

  /// Follows a path of keys from `id` (or the root).
  public func value(at path: [String], from id: NodeID? = nil) -> NodeID? {
    guard var current = id ?? root else { return nil }
    for key in path {
      guard let next = value(forKey: key, in: current) else { return nil }
      current = next
    }
    return current
  }

  private func isMergeKey(_ id: NodeID) -> Bool {
    if case .scalar("<<", .plain) = self[id].content { return true }
    return false
  }
}
