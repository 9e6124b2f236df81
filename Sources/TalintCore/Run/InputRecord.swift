/// One file of a run, decided once: where it is read from, the linter of its project, who
/// names it a Talos file, the release a referrer gives it, whether machines use its tree, and
/// what became of it. Every input and every file the run reaches beyond them has one.
struct InputRecord: Sendable {
  var source: InputFile
  var linter: Linter
  var absolutePath: String
  /// Who names the file as a Talos file (a referrer, `.talint.yaml`): judged whatever it holds.
  var namedBy: String?
  /// The release of the talconfig or Omni template that names the file as a patch.
  var referrer: TalosRelease?
  /// A machine uses the file: its parsed tree is kept for the merges.
  var keepsTree = false
  var state: State = .pending

  enum State: Sendable {
    /// Not analyzed yet: its referrer and role are decided first.
    case pending
    /// Analyzed, kept for what machines add to it.
    case analyzed(FileAnalysis)
    /// Finished: nothing later changes its findings.
    case finished(FileResult)
  }

  init(_ source: InputFile, linter: Linter, namedBy: String? = nil) {
    self.source = source
    self.linter = linter
    self.absolutePath = FilePath.absolute(source.displayPath)
    self.namedBy = namedBy
  }

  var analysis: FileAnalysis? {
    if case .analyzed(let analysis) = state { return analysis }
    return nil
  }

  var isPending: Bool {
    if case .pending = state { return true }
    return false
  }

  /// Analyzes the file with what the run decided about it.
  func analyze() -> FileAnalysis {
    linter.analyze(source, referrer: referrer, keepingTree: keepsTree, namedBy: namedBy)
  }

  /// Analyzes the file's bytes, already read.
  func analyze(bytes: [UInt8]) -> FileAnalysis {
    let onDisk = if case .path = source.source { true } else { false }
    return linter.analyze(bytes: bytes, path: source.displayPath, referrer: referrer, onDisk: onDisk, keepingTree: keepsTree, namedBy: namedBy)
  }

  /// Analyzes the file, finishing it at once when nothing later can change it, so a run holds
  /// one parsed file per core, not all of them (5,000 generated files: 121 → 86 MB).
  func analyzedOrFinished() -> State {
    let analysis = analyze()
    return keepsTree || analysis.describesOrReferences ? .analyzed(analysis) : .finished(linter.finish(analysis))
  }
}

extension FileAnalysis {
  /// True for a talconfig or Omni template that describes machines or names patches: what it
  /// says decides how other files are judged.
  var describesOrReferences: Bool { !machines.isEmpty || !references.isEmpty }
}
