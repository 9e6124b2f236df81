/// A file a talconfig, Omni template or `.talint.yaml` names that is missing or unreadable
/// (TAL009): the patch store says what is wrong with it (`PatchStore.load`), a machine's merge
/// reports it where it is named (`EffectiveConfig`), and `render` prints the same words.
enum ReferenceNotRead {
  /// The findings for missing files that no machine uses (a talconfig without nodes): no merge
  /// reports them, so the file that names them does, in the same words.
  static func unused(_ references: [PatchReference], in path: String) -> [Diagnostic] {
    let missing = references.filter { !FilePath.exists($0.path) }
    guard !missing.isEmpty else { return [] }
    var store = PatchStore(analyses: [])
    let patches = missing.map { MachinePatch(path: $0.path, content: .file, namedAt: $0.namedAt) }
    store.load([MachineDefinition(name: path, type: .worker, release: nil, patches: patches, definedIn: path)])
    // Each entry at its own line, a file named twice twice.
    return missing.compactMap { reference in
      guard case .failure(let failure) = store.load(reference.path) else { return nil }
      return Diagnostic(rule: InputProblems.referenceNotRead, message: "\(failure.message); no machine here uses it", path: path, range: reference.namedAt)
    }
  }
}

extension MergeError {
  /// A file a machine names that is not read: `problem` says why (`reported` adds that the
  /// machine is merged and judged without it).
  init(notRead problem: String) {
    self.init(message: problem)
    isNotRead = true
  }
}
