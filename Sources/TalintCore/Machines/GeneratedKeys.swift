import TalintYAML

/// The keys `talosctl gen config` writes for a release, of either machine type (dotted,
/// `machine.network`), read in the same generated bases machines start from (`GeneratedBase`,
/// parsed once per type and release). Talos deprecates some of them while its own generator
/// still writes them (`persist`): a deprecation notice there would ask the operator to change
/// what Talos itself produced.
public enum GeneratedKeys {
  /// True when the generated config of `release` holds the key at `dottedPath` (list indices
  /// such as `[0]` are ignored, and keys below a list are not the generator's).
  public static func written(_ dottedPath: String, release: TalosVersion) -> Bool {
    // Dropped by hand: a Regex costs more to build than the whole lookup, at every cold start.
    var path = ""
    var inIndex = false
    for character in dottedPath {
      if character == "[" { inIndex = true } else if character == "]" { inIndex = false } else if !inIndex { path.append(character) }
    }
    for type in [MachineType.controlPlane, .worker] {
      let base = GeneratedBase.merged(for: type, release: release)
      if base.documents.contains(where: { holds(base.arena, $0.root, path[...]) }) { return true }
    }
    return false
  }

  /// Whether the mapping at `node` holds `path`. A key may itself hold dots (a sysctl's name),
  /// so each key is matched as a prefix of what is left, not split out of the path.
  private static func holds(_ yaml: YAMLDocument, _ node: NodeID, _ path: Substring) -> Bool {
    for pair in yaml.pairs(node) {
      guard let key = yaml.scalar(pair.key), path.hasPrefix(key) else { continue }
      let rest = path.dropFirst(key.count)
      if rest.isEmpty { return true }
      if rest.first == ".", holds(yaml, pair.value, rest.dropFirst()) { return true }
    }
    return false
  }
}
