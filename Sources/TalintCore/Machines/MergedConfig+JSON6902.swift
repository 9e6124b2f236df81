import TalintYAML

/// JSON6902 patches, applied as Talos applies them (`configpatcher/json6902.go`): to the
/// single-document machine config only. Talos patches its own encoding of the config, which
/// writes zero values (`certSANs: []`); talint's tree does not have them, so an `add` or
/// `replace` below a missing key makes the mappings on the way, and a `remove` of a missing
/// key removes nothing.
extension MergedConfig {
  mutating func applyJSON6902(_ patch: PatchInput) throws(MergeError) {
    guard documents.count == 1, documents[0].isV1Alpha1 else {
      throw MergeError(message: "JSON6902 patches are not supported for multi-document machine configuration")
    }
    let document = patch.documents[0]
    let yaml = document.yaml
    strippedNodes = [:]
    for operation in yaml.elements(document.root) {
      guard let op = yaml.value(forKey: "op", in: operation).flatMap(yaml.scalar),
        let pathNode = yaml.value(forKey: "path", in: operation), let pathText = yaml.scalar(pathNode)
      else { continue }
      let at = Self.place(yaml[pathNode].range, of: patch)
      let path = JSONPatch.pointer(pathText)
      let value = yaml.value(forKey: "value", in: operation)
      switch op {
      case "add", "replace":
        guard let value else { throw MergeError(message: "\(op) operation has no value", range: at) }
        var keys = path.filter { Int($0) == nil && $0 != "-" }
        let copy = try self.copy(value, from: yaml, patch: patch, kind: "", path: &keys)
        try set(path, to: copy, inserting: op == "add", at: at)
      case "remove":
        deletions.append(Deletion(kind: "v1alpha1", name: nil, path: path, item: nil, range: at))
        try remove(path, at: at)
      case "move", "copy":
        guard let from = yaml.value(forKey: "from", in: operation).flatMap(yaml.scalar) else {
          throw MergeError(message: "\(op) operation has no from", range: at)
        }
        let source = JSONPatch.pointer(from)
        guard let found = lookup(source) else { throw MergeError(message: "\(op) operation does not apply: doc is missing from path: \(from)", range: at) }
        // A copy is a new subtree: the tree never holds a node twice, nor (copied into
        // itself) contains itself.
        let value = op == "move" ? found : try duplicate(found, depth: path.count, at: at)
        if op == "move" { try remove(source, at: at) }
        try set(path, to: value, inserting: true, at: at)
      case "test":
        // The patch's value is read with aliases expanded: as large as the budget lets it be.
        let expected = value.map { TreeValue(yaml, $0, limit: budget.allowance - budget.created) }
        if case .some(.none) = expected {
          throw MergeError(message: "the value of a test operation expands past the merge's node budget", range: at, isLimit: true)
        }
        guard let expected = expected ?? nil, let found = lookup(path), TreeValue(arena, found).withoutEmpties == expected.withoutEmpties else {
          throw MergeError(message: "testing value \(pathText) failed: test failed", range: at)
        }
      default:
        throw MergeError(message: "unexpected kind of operation: \(op)", range: at)
      }
    }
  }

  /// The node at a JSON pointer in the machine config.
  func lookup(_ path: [String]) -> NodeID? {
    var current = documents[0].root
    for token in path {
      if let index = Int(token), arena.isSequence(current) {
        let items = arena.elements(current)
        guard index >= 0, index < items.count else { return nil }
        current = items[index]
      } else {
        guard let next = arena.value(forKey: token, in: current) else { return nil }
        current = next
      }
    }
    return current
  }

  /// Puts `value` at `path`: a mapping key is set, a list index inserted (`add`) or replaced,
  /// `-` appends.
  private mutating func set(_ path: [String], to value: NodeID, inserting: Bool, at range: SourceRange) throws(MergeError) {
    guard let last = path.last else {
      throw MergeError(message: "JSON6902 patches cannot replace the whole machine configuration", range: range)
    }
    guard path.count < Self.depthLimit else {
      throw MergeError(message: "a JSON pointer deeper than \(Self.depthLimit) levels", range: range, isLimit: true)
    }
    var container = documents[0].root
    for (position, token) in path.dropLast().enumerated() {
      let next = path[position + 1]
      if let index = Int(token), case .sequence(let items) = arena.content(container) {
        guard index >= 0, index < items.count else { throw MergeError(message: "add operation does not apply: doc is missing path: \"/\(path.joined(separator: "/"))\"", range: range) }
        container = items[index]
      } else if let existing = arena.value(forKey: token, in: container) {
        container = existing
      } else if case .mapping(var pairs) = arena.content(container) {
        try budget.spend(at: range)
        try budget.spend(at: range)
        let key = arena.append(.scalar(token, .plain), range: range)
        // What the next step indexes: a list for `-` or a number, else a mapping.
        let made = arena.append(next == "-" || Int(next) != nil ? .sequence([]) : .mapping([]), range: range)
        pairs.append(Pair(key: key, value: made))
        arena.setContent(.mapping(pairs), of: container)
        container = made
      } else {
        throw MergeError(message: "add operation does not apply: doc is missing path: \"/\(path.joined(separator: "/"))\"", range: range)
      }
    }
    switch arena.content(container) {
    case .sequence(var items):
      if last == "-" {
        items.append(value)
      } else if let index = Int(last), index >= 0, index <= items.count {
        if inserting || index == items.count { items.insert(value, at: index) } else { items[index] = value }
      } else {
        throw MergeError(message: "add operation does not apply: index \(last) is out of bounds", range: range)
      }
      arena.setContent(.sequence(items), of: container)
    case .mapping(var pairs):
      if let index = pairs.lastIndex(where: { arena.scalar($0.key) == last }) {
        // Key and all on the operation's line, as a strategic merge writes a value it
        // replaces: findings at the key (TAL602) belong to the patch, not the base.
        pairs[index] = Pair(key: arena.append(.scalar(last, .plain), range: range), value: value)
      } else {
        try budget.spend(at: range)
        pairs.append(Pair(key: arena.append(.scalar(last, .plain), range: range), value: value))
      }
      arena.setContent(.mapping(pairs), of: container)
    default:
      throw MergeError(message: "add operation does not apply: \"/\(path.dropLast().joined(separator: "/"))\" is not a container", range: range)
    }
  }

  /// A copy of a subtree of the merged config, each node where its original was set, counted
  /// against the budget at the operation's line; `depth`: how deep the copy will sit.
  private mutating func duplicate(_ node: NodeID, depth: Int, at range: SourceRange) throws(MergeError) -> NodeID {
    try budget.spend(at: range)
    guard depth < Self.depthLimit else {
      throw MergeError(message: "a copy nested deeper than \(Self.depthLimit) levels", range: range, isLimit: true)
    }
    let original = arena[node].range
    let tag = arena.tag(node)
    switch arena.content(node) {
    case .scalar(let text, let style):
      return arena.append(.scalar(text, style), range: original, tag: tag)
    case .mapping(let pairs):
      var copies: [Pair] = []
      for pair in pairs {
        copies.append(Pair(key: try duplicate(pair.key, depth: depth + 1, at: range), value: try duplicate(pair.value, depth: depth + 1, at: range)))
      }
      return arena.append(.mapping(copies), range: original, tag: tag)
    case .sequence(let items):
      var copies: [NodeID] = []
      for item in items { copies.append(try duplicate(item, depth: depth + 1, at: range)) }
      return arena.append(.sequence(copies), range: original, tag: tag)
    case .alias:
      // The merged config holds no alias (copies expand them); kept total all the same.
      return arena.append(.scalar("", .plain), range: original)
    }
  }

  private mutating func remove(_ path: [String], at range: SourceRange) throws(MergeError) {
    guard let last = path.last, let container = lookup(Array(path.dropLast())) else { return }
    switch arena.content(container) {
    case .sequence(var items):
      guard let index = Int(last), index >= 0, index < items.count else {
        throw MergeError(message: "remove operation does not apply: index \(last) is out of bounds", range: range)
      }
      items.remove(at: index)
      arena.setContent(.sequence(items), of: container)
    case .mapping(var pairs):
      pairs.removeAll { arena.scalar($0.key) == last }
      arena.setContent(.mapping(pairs), of: container)
    default:
      return
    }
  }
}
