import TalintYAML

/// The parsed files a run's machines use, by absolute path: each patch file is parsed once,
/// however many machines use it (kept from the per-file analysis when disk would not give it
/// back as analyzed, else read and parsed here once).
public struct PatchStore: Sendable {
  private var documents: [String: [YAMLDocument]] = [:]
  private var failures: [String: MergeError] = [:]
  let limits: YAMLLimits

  public init(analyses: [FileAnalysis], limits: YAMLLimits = .default) {
    self.limits = limits
    for analysis in analyses {
      if let parsed = analysis.documents { documents[FilePath.absolute(analysis.path)] = parsed }
    }
  }

  /// The documents of the file at `path` as a patch reads them (with talhelper's environment
  /// substituted where it substitutes one), or why it cannot be used.
  public mutating func load(_ patch: MachinePatch) -> Result<[YAMLDocument], MergeError> {
    guard let environment = patch.environment else { return load(patch.path) }
    let key = "$" + environment.files.joined(separator: "\u{0}") + "\u{0}" + FilePath.absolute(patch.path)
    if let found = documents[key] { return .success(found) }
    switch load(patch.path) {
    case .success(let parsed):
      let substituted = parsed.map { $0.substituting(environment) }
      documents[key] = substituted
      return .success(substituted)
    case .failure(let failure):
      return .failure(failure)
    }
  }

  /// The documents of the file at `path`, or why it cannot be used.
  public mutating func load(_ path: String) -> Result<[YAMLDocument], MergeError> {
    let key = FilePath.absolute(path)
    if let found = documents[key] { return .success(found) }
    if let failure = failures[key] { return .failure(failure) }
    let failure: MergeError
    do {
      let parsed = YAMLParser.parse(try InputFile.path(path).read(limit: limits.maxBytes), limits: limits)
      guard let error = parsed.error else {
        documents[key] = parsed.documents
        return .success(parsed.documents)
      }
      // A file past a safety limit (size, documents, nesting) is not Talos's to refuse.
      failure =
        error.kind == .limit
        ? MergeError(message: "\(path) cannot be merged: \(error.message)", isLimit: true)
        : MergeError(message: "\(path) is not valid YAML: \(error.message)")
    } catch {
      failure = MergeError(message: "cannot read \(path): \(error)", isLimit: (error as? InputError)?.isLimit == true)
    }
    failures[key] = failure
    return .failure(failure)
  }
}
