import TalintYAML

/// Reads the three forms of Talos's in-document `$patch: delete`
/// (docs/talos-facts.md#strategic-merge-patches, Talos ≥ 1.8): on a key's mapping it deletes the
/// key (`hostname: {$patch: delete}`); in a list item it deletes the item matched by the item's
/// first other `key: value` (`- name: PodSecurity`); at a typed document's top it deletes the
/// document of that kind (and name).
enum PatchDelete {
  /// True for a mapping that holds `$patch: delete`.
  static func marks(_ yaml: YAMLDocument, _ node: NodeID) -> Bool {
    yaml.rawPairs(node).contains { yaml.scalar($0.key, is: "$patch") && yaml.scalar($0.value, is: "delete") }
  }

  /// False when no `$patch` key can be reached from `node`: most patches hold none, and then a
  /// merge need not look for delete selectors or for values a deletion strips away. An alias
  /// (its target may hold one) or a tree deeper than the merge goes answers true, the slow
  /// and exact way.
  static func mayHoldMarker(_ yaml: YAMLDocument, _ node: NodeID) -> Bool {
    // A document whose text nowhere spells `$patch` holds no marker, however deep (most
    // documents: every document is asked when it is classified).
    yaml.textContains("$patch") && mayHoldMarker(yaml, node, depth: 0)
  }

  private static func mayHoldMarker(_ yaml: YAMLDocument, _ node: NodeID, depth: Int) -> Bool {
    guard depth < 128 else { return true }
    switch yaml[node].kind {
    case .scalar: return false
    case .alias: return true
    case .mapping: return yaml.rawPairs(node).contains { yaml.scalar($0.key, is: "$patch") || mayHoldMarker(yaml, $0.value, depth: depth + 1) }
    case .sequence: return yaml.elements(node).contains { mayHoldMarker(yaml, $0, depth: depth + 1) }
    }
  }

  /// The deletions inside the tree at `root`, with paths from it. The document's own marker
  /// (typed documents) is not among them: see `marks`.
  static func removals(in yaml: YAMLDocument, root: NodeID) -> [Removal] {
    // Most documents hold no marker: the merge's test says so without building paths.
    guard mayHoldMarker(yaml, root) else { return [] }
    var removals: [Removal] = []
    visit(yaml, root, path: [], into: &removals, depth: 0)
    return removals
  }

  /// Aliases are not followed (a marker is where it is written, and an alias bomb must stay
  /// cheap), so each node is visited once.
  private static func visit(_ yaml: YAMLDocument, _ node: NodeID, path: [String], into removals: inout [Removal], depth: Int) {
    guard depth < 64 else { return }
    switch yaml.content(node) {
    case .mapping(let pairs):
      for pair in pairs {
        guard case .scalar(let name, _) = yaml.content(pair.key), name != "$patch" else { continue }
        let value = pair.value
        if marks(yaml, value) {
          removals.append(Removal(path: path + [name], range: markerRange(yaml, value)))
        } else {
          visit(yaml, value, path: path + [name], into: &removals, depth: depth + 1)
        }
      }
    case .sequence(let items):
      for (index, item) in items.enumerated() {
        if marks(yaml, item) {
          let selector = yaml.pairs(item).lazy.compactMap { pair -> (String, String)? in
            guard let key = yaml.scalar(pair.key), key != "$patch", let value = yaml.scalar(pair.value) else { return nil }
            return (key, value)
          }.first
          removals.append(Removal(path: path, item: selector, range: markerRange(yaml, item)))
        } else {
          visit(yaml, item, path: path + [String(index)], into: &removals, depth: depth + 1)
        }
      }
    default:
      break
    }
  }

  /// Where the `$patch` key is written: what a finding about the deletion points at.
  private static func markerRange(_ yaml: YAMLDocument, _ node: NodeID) -> SourceRange {
    yaml.keyNode("$patch", in: node).map { yaml[$0].range } ?? yaml[node].range
  }
}
