import TalintYAML

/// A YAML value without positions, for comparing trees: network device selectors in a merge
/// (hashed, when large lists merge), and merged configs against Talos's expected output in the
/// conformance test.
public indirect enum TreeValue: Hashable, Sendable {
  case scalar(String)
  case mapping([String: TreeValue])
  case sequence([TreeValue])
  case null

  /// The value at `node`, aliases and merge keys followed (128 levels deep at most, so a cycle
  /// cannot recurse forever).
  public init(_ yaml: YAMLDocument, _ node: NodeID) {
    var unlimited = Int.max
    self.init(yaml, node, depth: 0, remaining: &unlimited)
  }

  /// The value at `node` if it holds at most `limit` nodes once aliases expand (an alias bomb
  /// in a patch holds billions), else nil.
  public init?(_ yaml: YAMLDocument, _ node: NodeID, limit: Int) {
    var remaining = limit
    self.init(yaml, node, depth: 0, remaining: &remaining)
    if remaining < 0 { return nil }
  }

  private init(_ yaml: YAMLDocument, _ node: NodeID, depth: Int, remaining: inout Int) {
    remaining -= 1
    let resolved = yaml.resolve(node)
    guard remaining >= 0, depth < 128, !yaml.isNull(resolved) else {
      self = .null
      return
    }
    switch yaml.content(resolved) {
    case .scalar(let text, _):
      self = .scalar(text)
    case .mapping:
      var entries: [String: TreeValue] = [:]
      for pair in yaml.pairs(resolved) {
        entries[yaml.scalar(pair.key) ?? ""] = TreeValue(yaml, pair.value, depth: depth + 1, remaining: &remaining)
        if remaining < 0 { break }
      }
      self = .mapping(entries)
    case .sequence(let items):
      var values: [TreeValue] = []
      for item in items {
        values.append(TreeValue(yaml, item, depth: depth + 1, remaining: &remaining))
        if remaining < 0 { break }
      }
      self = .sequence(values)
    case .alias:
      self = .null
    }
  }

  /// Without empty strings, empty collections and nulls, as Talos's encoder may or may not
  /// write them (`type: ""`, `certSANs: []`).
  public var withoutEmpties: TreeValue {
    switch self {
    case .scalar(let text): return text.isEmpty ? .null : self
    case .null: return .null
    case .mapping(let entries):
      let kept = entries.compactMapValues { value -> TreeValue? in
        let normalized = value.withoutEmpties
        return normalized == .null ? nil : normalized
      }
      return kept.isEmpty ? .null : .mapping(kept)
    case .sequence(let items):
      let kept = items.map(\.withoutEmpties).filter { $0 != .null }
      return kept.isEmpty ? .null : .sequence(kept)
    }
  }
}
