import Synchronization
import TalintYAML

/// The base of a machine described only by patches: what `talosctl gen config` writes for its
/// type and release (GeneratedBases, from Talos's own stability test data), parsed and merged
/// once per type and release however many machines start from it — a talconfig of fifty nodes
/// copies its base once, not fifty times.
enum GeneratedBase {
  private static let cache = Mutex<[String: MergedConfig]>([:])

  /// The merge state after applying the base, with its nodes in file 0 of the merge.
  static func merged(for type: MachineType, release: TalosVersion) -> MergedConfig {
    let key = "\(release.nearestKnown)-\(type == .controlPlane ? "controlplane" : "worker")"
    if let known = cache.withLock({ $0[key] }) { return known }
    var merged = MergedConfig()
    if let text = GeneratedBases.texts[key] {
      // The bases are Talos's own output, checked by GeneratedBaseTests: they always merge.
      try? merged.apply(PatchInput(parsed: YAMLParser.parse(Array(text.utf8)).documents, file: 0))
    }
    cache.withLock { $0[key] = merged }
    return merged
  }
}
