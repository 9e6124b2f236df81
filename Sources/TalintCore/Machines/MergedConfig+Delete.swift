import TalintYAML

/// `$patch: delete` as Talos applies it (`configloader/internal/decoder/delete.go` and
/// `selector.go`): a patch document yields delete selectors, applied to the base document of
/// the same identity before the rest of the patch merges.
extension MergedConfig {
  struct Selector {
    /// Keys from the document root; a list item's step is written `[i]`, as Talos writes it.
    var path: [String]
    /// For a list item: the item's first `key: value` other than `$patch`.
    var item: (key: String, value: String)?
    var range: SourceRange
  }

  /// The delete selectors of a patch document, in document order.
  static func selectors(_ yaml: YAMLDocument, _ root: NodeID, patch: PatchInput) throws(MergeError) -> [Selector] {
    var found: [Selector] = []
    try visit(yaml, root, path: [], parentIsSequence: false, patch: patch, into: &found, depth: 0)
    return found
  }

  private static func visit(
    _ yaml: YAMLDocument, _ node: NodeID, path: [String], parentIsSequence: Bool, patch: PatchInput, into found: inout [Selector], depth: Int
  ) throws(MergeError) {
    guard depth < 128 else { return }
    switch yaml.content(node) {
    case .mapping(let pairs):
      if PatchDelete.marks(yaml, node) {
        let marker = yaml.keyNode("$patch", in: node).map { yaml[$0].range } ?? yaml[node].range
        let where_ = place(marker, of: patch)
        if parentIsSequence {
          let selector = pairs.lazy.compactMap { pair -> (String, String)? in
            guard let key = yaml.scalar(pair.key), key != "$patch", let value = yaml.scalar(pair.value) else { return nil }
            return (key, value)
          }.first
          guard let selector else {
            throw MergeError(message: "no key:val found in sequence node for path \(path.joined(separator: "."))", range: where_)
          }
          found.append(Selector(path: path, item: selector, range: where_))
        } else {
          if path.contains(where: { $0.hasPrefix("[") }) {
            throw MergeError(message: "cannot delete an inner key in '\(path.joined(separator: "."))'", range: where_)
          }
          found.append(Selector(path: path, item: nil, range: where_))
        }
        return
      }
      for pair in pairs {
        guard case .scalar(let key, _) = yaml.content(pair.key) else { continue }
        try visit(yaml, pair.value, path: path + [key], parentIsSequence: false, patch: patch, into: &found, depth: depth + 1)
      }
    case .sequence(let items):
      for (index, item) in items.enumerated() {
        try visit(yaml, item, path: path + ["[\(index)]"], parentIsSequence: true, patch: patch, into: &found, depth: depth + 1)
      }
    default:
      break
    }
  }

  /// Applies one selector to the base document `id`. A selector for a document the base does
  /// not have is skipped, as Talos skips it; a path that is not there is Talos's error.
  mutating func delete(_ selector: Selector, documentID id: String, kind: String, name: String?, patch: PatchInput) throws(MergeError) {
    guard let index = documents.firstIndex(where: { $0.id == id }) else { return }
    let document = documents[index]
    let shown = selector.path.joined(separator: ".")
    let prefix = name == nil ? "patch delete: path '\(shown)' in document '\(document.apiVersion)/\(document.kind)'" : "named patch delete: document \(document.apiVersion)/\(document.kind)"
    let lookupFailed = MergeError(message: "\(prefix): failed to delete path '\(shown)': lookup failed", range: selector.range)
    let keys = selector.path.filter { !$0.hasPrefix("[") }
    deletions.append(Deletion(kind: kind, name: name, path: keys, item: selector.item, range: selector.range))
    if selector.path.isEmpty {
      if document.isV1Alpha1 {
        throw MergeError(message: "patch delete: path '' in document '/v1alpha1': can't delete the root of the legacy document", range: selector.range)
      }
      documents.remove(at: index)
      return
    }
    // Walk to the mapping (or list) that holds what is deleted.
    var container = document.root
    let steps = selector.item == nil ? Array(keys.dropLast()) : keys
    for key in steps {
      guard let next = arena.value(forKey: key, in: container) else { throw lookupFailed }
      container = next
    }
    if let item = selector.item {
      guard case .sequence(var items) = arena.content(container),
        let match = items.firstIndex(where: { arena.value(forKey: item.key, in: $0).flatMap(arena.scalar) == item.value })
      else { throw lookupFailed }
      items.remove(at: match)
      arena.setContent(.sequence(items), of: container)
      return
    }
    guard case .mapping(var pairs) = arena.content(container), let last = keys.last else { throw lookupFailed }
    // A struct field that is already unset deletes quietly in Talos; a key talint cannot tell
    // from one is treated the same.
    pairs.removeAll { arena.scalar($0.key) == last }
    arena.setContent(.mapping(pairs), of: container)
  }
}
