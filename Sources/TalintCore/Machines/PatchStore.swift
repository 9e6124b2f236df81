import TalintYAML

/// The parsed files a run's machines use, by absolute path: each patch file is parsed once,
/// however many machines use it (kept from the per-file analysis when disk would not give it
/// back as analyzed, else read and parsed here once).
public struct PatchStore: Sendable {
  private var documents: [String: [YAMLDocument]] = [:]
  private var failures: [String: String] = [:]
  let limits: YAMLLimits

  public init(analyses: [FileAnalysis], limits: YAMLLimits = .default) {
    self.limits = limits
    for analysis in analyses {
      if let parsed = analysis.documents { documents[FilePath.absolute(analysis.path)] = parsed }
    }
  }

  /// The documents of the file at `path`, or why it cannot be used.
  public mutating func load(_ path: String) -> Result<[YAMLDocument], MergeError> {
    let key = FilePath.absolute(path)
    if let found = documents[key] { return .success(found) }
    if let failure = failures[key] { return .failure(MergeError(message: failure)) }
    do {
      let parsed = YAMLParser.parse(try InputFile.path(path).read(limit: limits.maxBytes), limits: limits)
      if let error = parsed.error {
        failures[key] = "\(path) is not valid YAML: \(error.message)"
      } else {
        documents[key] = parsed.documents
        return .success(parsed.documents)
      }
    } catch {
      failures[key] = "cannot read \(path): \(error)"
    }
    return .failure(MergeError(message: failures[key]!))
  }
}
