import TalintYAML

/// A YAML value without positions, for comparing trees: network device selectors in a merge,
/// and merged configs against Talos's expected output in the conformance test.
public indirect enum TreeValue: Equatable, Sendable {
  case scalar(String)
  case mapping([String: TreeValue])
  case sequence([TreeValue])
  case null

  /// The value at `node`, aliases and merge keys followed (each anchor once per path, so a
  /// cycle cannot recurse forever).
  public init(_ yaml: YAMLDocument, _ node: NodeID, depth: Int = 0) {
    let resolved = yaml.resolve(node)
    guard depth < 128, !yaml.isNull(resolved) else {
      self = .null
      return
    }
    switch yaml.content(resolved) {
    case .scalar(let text, _):
      self = .scalar(text)
    case .mapping:
      var entries: [String: TreeValue] = [:]
      for pair in yaml.pairs(resolved) {
        entries[yaml.scalar(pair.key) ?? ""] = TreeValue(yaml, pair.value, depth: depth + 1)
      }
      self = .mapping(entries)
    case .sequence(let items):
      self = .sequence(items.map { TreeValue(yaml, $0, depth: depth + 1) })
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
