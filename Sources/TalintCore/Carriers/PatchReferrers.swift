import TalintYAML

/// The files a project's talconfigs and Omni templates name as patches, with the release each
/// passes on: how a patch file is judged by its talconfig's release when the talconfig is not
/// among the files at hand (`talint config patches/a.yaml`, pre-commit passing only the patch,
/// the patch open alone in an editor), as it is when both are linted together.
public struct PatchReferrers: Sendable {
  /// By absolute path: the first reference that passes a release (referrers in path order).
  private var byPath: [String: PatchReference] = [:]

  /// Reads the YAML files under `folder` (a project's root, walked as `lint` walks it) that
  /// may carry a release to pass on, but those in `known` (absolute paths a run has read: their
  /// references are known already); `linter` gives each file's linter (its project's).
  public init(folder: String, collector: InputCollector = InputCollector(), known: Set<String> = [], linter: (String) -> Linter) {
    for input in collector.collect([folder]).inputs {
      guard case .path(let path) = input.source, !known.contains(FilePath.absolute(path)), let bytes = try? input.read() else { continue }
      // Only a talconfig (`talosVersion`) or an Omni template (`kind: Cluster`) passes a
      // release on; the rest of a repository is not parsed again.
      let text = LineIndex.text(of: bytes)
      guard text.contains("talosVersion") || text.contains("kind: Cluster") else { continue }
      for reference in linter(path).references(bytes: bytes, path: path) where reference.release != nil {
        let key = FilePath.absolute(reference.path)
        if byPath[key] == nil { byPath[key] = reference }
      }
    }
  }

  /// The reference that names the file at `path` as a patch and passes it a release, if any.
  public func reference(to path: String) -> PatchReference? {
    byPath[FilePath.absolute(path)]
  }
}
