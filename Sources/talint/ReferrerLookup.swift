import TalintCore

/// The talconfig or Omni template that names a file as a patch, for `config`, `render` and a
/// `lint` that does not hold it (pre-commit passing only the patch): each project root is read
/// once (`PatchReferrers`). Used from a run's serial steps only, hence unchecked.
final class ReferrerLookup: @unchecked Sendable {
  private let projects: ProjectConfigs
  private let linters: Linters
  /// Folders the run walks whole: a root inside one has its referrers among the inputs, and
  /// is not read twice.
  private let walked: [String]
  /// The run's inputs (absolute): their references are the run's own, not read again.
  private let inputs: Set<String>
  private var byRoot: [String: PatchReferrers] = [:]

  init(projects: ProjectConfigs, linters: Linters, walked: [String] = [], inputs: [InputFile] = []) {
    self.projects = projects
    self.linters = linters
    self.walked = walked.filter { FilePath.isDirectory($0) }.map(FilePath.absolute)
    self.inputs = Set(inputs.compactMap { if case .path(let path) = $0.source { FilePath.absolute(path) } else { nil } })
  }

  func reference(to path: String) -> PatchReference? {
    // A name that is no file (`<stdin>`, a buffer never saved) is no talconfig's patch.
    guard FilePath.exists(path) else { return nil }
    let project = (try? projects.config(for: path)) ?? ProjectConfig()
    let root = ProjectRoot(configFolder: project.directory, linted: projects.linted).root(of: path).folder
    if walked.contains(where: { ProjectRoot.contains($0, root) }) { return nil }
    if let known = byRoot[root] { return known.reference(to: path) }
    let referrers = PatchReferrers(folder: root, collector: InputCollector(projects: projects), known: inputs) { self.linters.linter(for: $0) }
    byRoot[root] = referrers
    return referrers.reference(to: path)
  }
}
