#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The storage of one document's tree: nodes, children and scalar text in three contiguous
/// arrays, beside the input most scalars are read from. One per document (anchors do not
/// cross documents), so code that builds on a document's tree copies that document, never the
/// whole file.
public struct YAMLArena: Sendable {
  public internal(set) var nodes: [Node] = []
  var children: [NodeID] = []
  /// The text of the scalars the input does not spell as they read, and of nodes added later.
  var text: [UInt8] = []
  /// The input the document was parsed from: one buffer that every document of a file shares.
  var source: [UInt8] = []
  /// The part of `source` that the scalars read from it lie in.
  var sourceSpan: Range<Int> = 0..<0
  /// The tags written on nodes, by node index: few nodes carry one.
  var tags: [Int32: String] = [:]
  /// Alias nodes in `nodes`: a document without any can be edited as text node by node.
  var aliasCount = 0
  /// The slots reserved for collections that grew after they were built (a merge appending
  /// to a list), by node index, where more than their count: see `setContent`.
  var capacities: [Int32: Int32] = [:]

  public init() {}

  init(source: [UInt8]) { self.source = source }

  /// A scalar's text.
  @inline(__always)
  func bytes(_ node: Node) -> ArraySlice<UInt8> {
    let range = Int(node.first)..<Int(node.first) + Int(node.count)
    return node.inSource ? source[range] : text[range]
  }

  /// The arena's storage as buffers, for the scans that read node after node: one
  /// `withUnsafeBufferPointer` per array for the whole scan, no slice or bounds check per node.
  struct Buffers {
    let nodes: UnsafeBufferPointer<Node>
    let children: UnsafeBufferPointer<NodeID>
    let text: UnsafeBufferPointer<UInt8>
    let source: UnsafeBufferPointer<UInt8>

    /// A scalar's text.
    @inline(__always)
    func bytes(_ node: Node) -> UnsafeBufferPointer<UInt8> {
      let start = Int(node.first)
      return UnsafeBufferPointer(rebasing: (node.inSource ? source : text)[start..<start + Int(node.count)])
    }
  }

  func withBuffers<Result>(_ body: (Buffers) -> Result) -> Result {
    nodes.withUnsafeBufferPointer { nodes in
      children.withUnsafeBufferPointer { children in
        text.withUnsafeBufferPointer { text in
          source.withUnsafeBufferPointer { source in
            body(Buffers(nodes: nodes, children: children, text: text, source: source))
          }
        }
      }
    }
  }

  /// `<<`, YAML's merge key: not a key of its own.
  func isMergeKey(_ node: Node) -> Bool {
    node.kind == .scalar && node.style == .plain && node.count == 2 && bytes(node).elementsEqual("<<".utf8)
  }

  /// A copy whose arrays hold no spare capacity: a finished document keeps what it uses, not
  /// the up-to-half-again an array grows by (a quarter of a large file's tree, on average).
  func trimmed() -> YAMLArena {
    var copy = YAMLArena(source: source)
    copy.sourceSpan = sourceSpan
    copy.nodes = nodes.withUnsafeBufferPointer { Array($0) }
    copy.children = children.withUnsafeBufferPointer { Array($0) }
    copy.text = text.withUnsafeBufferPointer { Array($0) }
    copy.tags = tags
    copy.aliasCount = aliasCount
    return copy
  }
}

/// One document of a YAML stream: a root in its arena. Readers follow aliases and merge keys
/// here, on demand, so nothing is ever copied.
public struct YAMLDocument: Sendable {
  /// Position of this document in its stream, from 0.
  public let index: Int
  public private(set) var arena: YAMLArena
  public let root: NodeID?
  public let range: SourceRange
  public let duplicateKeys: [DuplicateKey]
  /// The nodes the parser made for this document (nodes appended later, such as a JSON patch's
  /// synthesized paths, are not among them): what a scan of the source visits.
  let ownNodes: Range<Int>

  /// How many alias hops a read follows before giving up (an alias can only point backwards,
  /// so a chain is finite, but this bounds the work).
  static let aliasHopLimit = 64

  init(index: Int, arena: YAMLArena, root: NodeID?, range: SourceRange, duplicateKeys: [DuplicateKey], ownNodes: Range<Int>) {
    self.index = index
    self.arena = arena
    self.root = root
    self.range = range
    self.duplicateKeys = duplicateKeys
    self.ownNodes = ownNodes
  }

  /// An empty document to build a tree in (a machine's merged config).
  public static func arena(index: Int = 0) -> YAMLDocument {
    YAMLDocument(
      index: index, arena: YAMLArena(), root: nil, range: SourceRange(at: SourcePosition(line: 1, column: 1)), duplicateKeys: [],
      ownNodes: 0..<Int.max)
  }

  public subscript(id: NodeID) -> Node { arena.nodes[Int(id.index)] }

  /// True when an alias makes one text stand for several values somewhere in the document.
  public var holdsAliases: Bool { arena.aliasCount > 0 }

  /// True when the node is written in this document's source text (not synthesized later).
  public func isSourceNode(_ id: NodeID) -> Bool {
    ownNodes.contains(Int(id.index)) && Int(id.index) < arena.nodes.count
  }

  /// The IDs of the nodes this document's source text holds, in source order.
  public var sourceNodes: LazyMapCollection<Range<Int>, NodeID> {
    (ownNodes.lowerBound..<min(ownNodes.upperBound, arena.nodes.count)).lazy.map(NodeID.init)
  }

  // MARK: Reading

  /// A node as values (allocates; for code that rewrites trees).
  public func content(_ id: NodeID) -> NodeContent {
    let node = self[id]
    switch node.kind {
    case .scalar: return .scalar(string(node), node.style)
    case .mapping: return .mapping(rawPairs(node).map { $0 })
    case .sequence: return .sequence(Array(slots(node)))
    case .alias: return .alias(NodeID(Int(node.first)))
    }
  }

  /// The tag written on a node (`!!str`), if any.
  public func tag(_ id: NodeID) -> String? {
    // Most documents carry no tag: a lookup in an empty table still hashes the key.
    arena.tags.isEmpty ? nil : arena.tags[id.index]
  }

  /// The node an alias stands for; any other node is itself.
  public func resolve(_ id: NodeID) -> NodeID {
    var current = id
    for _ in 0..<Self.aliasHopLimit {
      let node = self[current]
      guard node.kind == .alias else { return current }
      current = NodeID(Int(node.first))
    }
    return current
  }

  /// The text of a scalar (through aliases), or nil for a collection.
  public func scalar(_ id: NodeID) -> String? {
    let node = self[resolve(id)]
    return node.kind == .scalar ? string(node) : nil
  }

  /// The bytes of a scalar (through aliases), or nil for a collection.
  public func scalarBytes(_ id: NodeID) -> ArraySlice<UInt8>? {
    let node = self[resolve(id)]
    return node.kind == .scalar ? bytes(node) : nil
  }

  /// The scalars this document's source holds whose text has byte `a` or `b`, in source
  /// order (aliases are not followed: an anchored value is visited where it is written).
  /// The nodes are read from the arena's buffers, each text searched with `memchr`: the
  /// secret scans ask this of every document.
  public func sourceScalars(containing a: UInt8, or b: UInt8) -> [NodeID] {
    var result: [NodeID] = []
    arena.withBuffers { buffers in
      for index in ownNodes.lowerBound..<min(ownNodes.upperBound, buffers.nodes.count) where buffers.nodes[index].kind == .scalar {
        if buffers.bytes(buffers.nodes[index]).containsByte(a, or: b) { result.append(NodeID(index)) }
      }
    }
    return result
  }

  /// Calls `body` with each pair of the mappings this document's source holds whose key is a
  /// scalar (through an alias too), and the key's bytes, in source order; read from the
  /// arena's buffers, as `sourceScalars`.
  public func forEachSourcePair(_ body: (Pair, UnsafeBufferPointer<UInt8>, _ mapping: NodeID) -> Void) {
    arena.withBuffers { buffers in
      for index in ownNodes.lowerBound..<min(ownNodes.upperBound, buffers.nodes.count) where buffers.nodes[index].kind == .mapping {
        let mapping = buffers.nodes[index]
        for slot in stride(from: Int(mapping.first), to: Int(mapping.first + mapping.count), by: 2) {
          let pair = Pair(key: buffers.children[slot], value: buffers.children[slot + 1])
          let key = buffers.nodes[Int(resolve(pair.key).index)]
          if key.kind == .scalar { body(pair, buffers.bytes(key), NodeID(index)) }
        }
      }
    }
  }

  /// True when the node is a scalar whose text is `text`, compared as bytes (no allocation).
  public func scalar(_ id: NodeID, is text: String) -> Bool {
    let node = self[resolve(id)]
    guard node.kind == .scalar, Int(node.count) == text.utf8.count else { return false }
    guard node.count > 0 else { return true }
    // memcmp on both buffers: the generic byte-by-byte comparison with a String's UTF-8 view
    // cost ten times as much, and merges and rules ask this for every key they match.
    var text = text
    return text.withUTF8 { wanted in
      (node.inSource ? arena.source : arena.text).withUnsafeBufferPointer { storage in
        memcmp(storage.baseAddress! + Int(node.first), wanted.baseAddress!, wanted.count) == 0
      }
    }
  }

  /// The scalar style of a node (through aliases), nil for a collection.
  public func style(_ id: NodeID) -> ScalarStyle? {
    let node = self[resolve(id)]
    return node.kind == .scalar ? node.style : nil
  }

  /// True for a plain `~`, `null`, `Null`, `NULL` or empty scalar: YAML's null.
  public func isNull(_ id: NodeID) -> Bool {
    let node = self[resolve(id)]
    guard node.kind == .scalar, node.style == .plain else { return false }
    switch node.count {
    case 0: return true
    case 1: return bytes(node).first == UInt8(ascii: "~")
    case 4:
      let word = bytes(node)
      return word.elementsEqual("null".utf8) || word.elementsEqual("Null".utf8) || word.elementsEqual("NULL".utf8)
    default: return false
    }
  }

  public func isMapping(_ id: NodeID) -> Bool { self[resolve(id)].kind == .mapping }

  public func isSequence(_ id: NodeID) -> Bool { self[resolve(id)].kind == .sequence }

  /// A sequence's elements (through aliases); empty for anything else.
  public func elements(_ id: NodeID) -> ArraySlice<NodeID> {
    let node = self[resolve(id)]
    return node.kind == .sequence ? slots(node) : []
  }

  /// A mapping's own pairs in source order, merge keys not expanded; empty for anything else.
  public func rawPairs(_ id: NodeID) -> PairList {
    rawPairs(self[resolve(id)])
  }

  /// A mapping's pairs in source order, with `<<` merge keys expanded: explicit keys first,
  /// then merged keys not already present. Each merged mapping is visited once, so a merge
  /// bomb costs linear time.
  public func pairs(_ id: NodeID) -> PairList {
    let own = rawPairs(id)
    guard own.contains(where: { isMergeKey($0.key) }) else { return own }
    var result: [NodeID] = []
    var names = Set<String>()
    var visited = Set<NodeID>()
    var pending: [NodeID] = []
    func take(_ pairs: PairList) {
      for pair in pairs {
        if isMergeKey(pair.key) {
          let source = resolve(pair.value)
          if isSequence(source) { pending.append(contentsOf: elements(source).map(resolve)) } else { pending.append(source) }
          continue
        }
        let name = scalar(pair.key)
        if name == nil || names.insert(name!).inserted { result += [pair.key, pair.value] }
      }
    }
    visited.insert(resolve(id))
    take(own)
    while !pending.isEmpty {
      let next = pending.removeFirst()
      guard visited.insert(next).inserted, isMapping(next) else { continue }
      take(rawPairs(next))
    }
    return PairList(slots: result[...])
  }

  /// True when some scalar of the document may hold byte `a` or `b` (the input around the
  /// scalars read from it is searched too): a document without them need not be searched
  /// scalar by scalar.
  public func textContains(_ a: UInt8, or b: UInt8) -> Bool {
    anyText { $0.containsByte(a, or: b) }
  }

  /// True when some scalar of the document may hold `needle` (as `textContains(_:or:)`).
  public func textContains(_ needle: String) -> Bool {
    var pattern = needle
    return pattern.withUTF8 { pattern in anyText { $0.firstRange(of: pattern) != nil } }
  }

  /// True when `test` holds for the arena's text storage or for the span of the input its
  /// scalars are read from.
  private func anyText(_ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
    arena.text.withUnsafeBufferPointer(test)
      || arena.source.withUnsafeBufferPointer { test(UnsafeBufferPointer(rebasing: $0[arena.sourceSpan])) }
  }

  /// The entry for `key` in a mapping (the last occurrence among duplicates, as most decoders
  /// keep), following aliases and merge keys. One pass over the mapping's own pairs, keys
  /// compared as bytes; merged mappings are read only when the key is not there and a merge
  /// key is.
  public func pair(forKey key: String, in id: NodeID) -> Pair? {
    let mapping = self[resolve(id)]
    guard mapping.kind == .mapping, mapping.count >= 2 else { return nil }
    var hasMerge = false
    var wanted = key
    // Every rule's lookups come through here: the pairs are read from the arena's buffers
    // directly (no slice, no bounds check per pair), a key's length and first byte compared
    // before its bytes.
    // (The arrays are opened here rather than through `withBuffers`: that closure is not
    // inlined into this, the hottest lookup, and cost it 5 M instructions on the corpus ×5.)
    let found: Pair? = wanted.withUTF8 { keyBytes in
      arena.nodes.withUnsafeBufferPointer { nodes in
        arena.children.withUnsafeBufferPointer { children in
          arena.text.withUnsafeBufferPointer { text in
            arena.source.withUnsafeBufferPointer { source in
              let first = Int(mapping.first)
              var slot = first + Int(mapping.count) - 2
              while slot >= first {
                defer { slot -= 2 }
                let node = nodes[Int(children[slot].index)]
                guard node.kind == .scalar else { continue }
                if node.count == 2 && arena.isMergeKey(node) {
                  hasMerge = true
                  continue
                }
                guard Int(node.count) == keyBytes.count else { continue }
                if keyBytes.isEmpty { return Pair(key: children[slot], value: children[slot + 1]) }
                let start = (node.inSource ? source : text).baseAddress! + Int(node.first)
                if start[0] == keyBytes[0] && memcmp(start, keyBytes.baseAddress!, keyBytes.count) == 0 {
                  return Pair(key: children[slot], value: children[slot + 1])
                }
              }
              return nil
            }
          }
        }
      }
    }
    if let found { return found }
    guard hasMerge else { return nil }
    return pairs(id).last(where: { scalar($0.key, is: key) })
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

  private func isMergeKey(_ id: NodeID) -> Bool { arena.isMergeKey(self[id]) }

  @inline(__always)
  func bytes(_ node: Node) -> ArraySlice<UInt8> { arena.bytes(node) }

  func string(_ node: Node) -> String {
    String(decoding: bytes(node), as: UTF8.self)
  }

  func slots(_ node: Node) -> ArraySlice<NodeID> {
    arena.children[Int(node.first)..<Int(node.first + node.count)]
  }

  func rawPairs(_ node: Node) -> PairList {
    node.kind == .mapping ? PairList(slots: slots(node)) : PairList(slots: [])
  }

  // MARK: Building (merges, synthesized JSON patch trees)

  /// Adds a node that no source text holds, or a copy of one from elsewhere.
  @discardableResult
  public mutating func append(_ content: NodeContent, range: SourceRange, tag: String? = nil) -> NodeID {
    var node = Node(kind: .scalar, style: .plain, range: range, first: 0, count: 0)
    store(content, in: &node)
    return add(node, tag: tag)
  }

  /// Replaces what a node holds, keeping where it is: a merge updates a base mapping's pairs or
  /// a list's items in place.
  public mutating func setContent(_ content: NodeContent, of id: NodeID) {
    var node = self[id]
    var slots: [NodeID] = []
    switch content {
    case .mapping(let pairs) where node.kind == .mapping:
      slots.reserveCapacity(pairs.count * 2)
      for pair in pairs {
        slots.append(pair.key)
        slots.append(pair.value)
      }
    case .sequence(let items) where node.kind == .sequence:
      slots = items
    default:
      store(content, in: &node)
      arena.nodes[Int(id.index)] = node
      return
    }
    // A collection keeps its slots while its children fit (no node shares them), so the
    // children storage does not grow by a copy of the collection each time a patch touches
    // it; one that outgrows them moves to the end with room for as many again, so a list a
    // patch appends to N times costs N slots, not N² (issue 19: 40,000 appends took 4.2 GB).
    let room = max(Int(node.count), Int(arena.capacities[id.index] ?? 0))
    if slots.count > room {
      node.first = Int32(arena.children.count)
      arena.children += slots
      arena.children += repeatElement(NodeID(0), count: slots.count)
      arena.capacities[id.index] = Int32(slots.count * 2)
    } else {
      arena.children.replaceSubrange(Int(node.first)..<Int(node.first) + slots.count, with: slots)
    }
    node.count = Int32(slots.count)
    arena.nodes[Int(id.index)] = node
  }

  /// Adds a copy of a scalar of another document (or this one), its bytes copied as they are.
  @discardableResult
  public mutating func appendScalar(copying id: NodeID, of other: YAMLDocument, range: SourceRange, tag: String? = nil) -> NodeID {
    let source = other[id]
    let node = Node(kind: .scalar, style: source.style, range: range, first: Int32(arena.text.count), count: source.count)
    arena.text.append(contentsOf: other.bytes(source))
    return add(node, tag: tag)
  }

  private mutating func add(_ node: Node, tag: String?) -> NodeID {
    arena.nodes.append(node)
    let id = NodeID(arena.nodes.count - 1)
    if let tag { arena.tags[id.index] = tag }
    return id
  }

  private mutating func store(_ content: NodeContent, in node: inout Node) {
    switch content {
    case .scalar(let text, let style):
      node.kind = .scalar
      node.style = style
      node.inSource = false
      node.first = Int32(arena.text.count)
      node.count = Int32(text.utf8.count)
      arena.text.append(contentsOf: text.utf8)
    case .mapping(let pairs):
      node.kind = .mapping
      node.first = Int32(arena.children.count)
      node.count = Int32(pairs.count * 2)
      for pair in pairs {
        arena.children.append(pair.key)
        arena.children.append(pair.value)
      }
    case .sequence(let items):
      node.kind = .sequence
      node.first = Int32(arena.children.count)
      node.count = Int32(items.count)
      arena.children += items
    case .alias(let target):
      arena.aliasCount += 1
      node.kind = .alias
      node.first = target.index
      node.count = 0
    }
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
        child = append(.sequence([child]), range: range)
        sequences.append(child)
      } else {
        let key = append(.scalar(token, .plain), range: range)
        child = append(.mapping([Pair(key: key, value: child)]), range: range)
      }
    }
    return (child, sequences)
  }
}

/// A mapping's pairs as a collection over its children storage: reading them allocates nothing.
public struct PairList: RandomAccessCollection, Sendable {
  let slots: ArraySlice<NodeID>

  public var startIndex: Int { 0 }
  public var endIndex: Int { slots.count / 2 }

  public subscript(position: Int) -> Pair {
    let base = slots.startIndex + position * 2
    return Pair(key: slots[base], value: slots[base + 1])
  }
}
