import Synchronization
import TalintYAML

/// The keys `talosctl gen config` writes for a release, of either machine type (dotted,
/// `machine.network`), from the same generated bases machines start from (GeneratedBases).
/// Talos deprecates some of them while its own generator still writes them (`persist`): a
/// deprecation notice there would ask the operator to change what Talos itself produced.
public enum GeneratedKeys {
  private static let cache = Mutex<[TalosVersion: Set<String>]>([:])

  /// True when the generated config of `release` holds the key at `dottedPath` (list indices
  /// such as `[0]` are ignored).
  public static func written(_ dottedPath: String, release: TalosVersion) -> Bool {
    // Dropped by hand: a Regex costs more to build than the whole lookup, at every cold start.
    var path = ""
    var inIndex = false
    for character in dottedPath {
      if character == "[" { inIndex = true } else if character == "]" { inIndex = false } else if !inIndex { path.append(character) }
    }
    return keys(of: release.nearestKnown).contains(path)
  }

  private static func keys(of release: TalosVersion) -> Set<String> {
    if let known = cache.withLock({ $0[release] }) { return known }
    var keys: Set<String> = []
    for type in ["controlplane", "worker"] {
      guard let text = GeneratedBases.texts["\(release)-\(type)"] else { continue }
      for document in YAMLParser.parse(Array(text.utf8)).documents {
        guard let root = document.root else { continue }
        collect(document, root, prefix: "", into: &keys)
      }
    }
    cache.withLock { $0[release] = keys }
    return keys
  }

  private static func collect(_ yaml: YAMLDocument, _ node: NodeID, prefix: String, into keys: inout Set<String>) {
    for pair in yaml.pairs(node) {
      guard let key = yaml.scalar(pair.key) else { continue }
      let path = prefix.isEmpty ? key : prefix + "." + key
      keys.insert(path)
      collect(yaml, pair.value, prefix: path, into: &keys)
    }
  }
}
