import TalintYAML

/// Turns a JSON6902 operation list into v1alpha1-shaped trees, one per `add`/`replace`, so
/// that every rule reads `/machine/install/extraKernelArgs/-` exactly like the same key in a
/// strategic-merge patch. `remove` operations are kept as removals.
enum JSONPatch {
  /// True when every element of a sequence is a mapping with `op` and `path`.
  static func isOperationList(_ yaml: YAMLDocument, _ root: NodeID) -> Bool {
    let items = yaml.elements(root)
    return !items.isEmpty
      && items.allSatisfy { yaml.value(forKey: "op", in: $0) != nil && yaml.value(forKey: "path", in: $0) != nil }
  }

  static func documents(from source: YAMLDocument, root: NodeID) -> [ConfigDocument] {
    var yaml = source
    var roots: [(root: NodeID, path: [String])] = []
    var removals: [Removal] = []
    var partial: Set<NodeID> = []
    for operation in source.elements(root) {
      guard let op = source.scalar(source.value(forKey: "op", in: operation) ?? operation),
        let pathNode = source.value(forKey: "path", in: operation),
        let pathText = source.scalar(pathNode)
      else { continue }
      let path = pointer(pathText)
      let at = source[pathNode].range
      switch op {
      case "remove":
        removals.append(Removal(path: path, range: at))
      case "add", "replace":
        guard !path.isEmpty, let value = source.value(forKey: "value", in: operation) else { continue }
        let wrapped = yaml.wrap(path, around: value, at: at)
        roots.append((wrapped.root, path))
        partial.formUnion(wrapped.sequences)
      default:
        continue
      }
    }
    if roots.isEmpty { return [ConfigDocument(kind: .jsonPatch, yaml: yaml, root: nil, removals: removals, partialSequences: partial)] }
    // Removals belong to the list once, not to each operation.
    return roots.enumerated().map { index, operation in
      ConfigDocument(
        kind: .jsonPatch, yaml: yaml, root: operation.root, removals: index == 0 ? removals : [], partialSequences: partial,
        patchPath: operation.path)
    }
  }

  /// Splits a JSON pointer into unescaped tokens (`~1` is `/`, `~0` is `~`). Most tokens have
  /// no `~`: they are taken as they are (the standard library's `replacing` is a regex search).
  static func pointer(_ text: String) -> [String] {
    text.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { token in
      guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
      return String(token).replacingBytes("~1", with: "/").replacingBytes("~0", with: "~")
    }
  }
}
