import TalintCore

/// The baselines of one run: the one `--baseline` names, or each file's `baseline:` from its
/// `.talint.yaml` (so pre-commit, CI and the editor share one). Each is loaded once.
struct Baselines {
  private var loaded: [String: Baseline] = [:]
  /// Which baseline each linted path uses.
  private var baselineByPath: [String: String] = [:]

  init(cli: String?, plan: LintPlan) throws {
    for input in plan.inputs {
      guard let path = cli ?? plan.project(for: input.displayPath).baselinePath else { continue }
      baselineByPath[input.displayPath] = path
      if loaded[path] == nil { loaded[path] = try Self.load(path) }
    }
  }

  var isEmpty: Bool { loaded.isEmpty }

  private static func load(_ path: String) throws -> Baseline {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.path(path).read()
    } catch {
      throw usageError("cannot read baseline \(path): \(error)")
    }
    guard let baseline = try? Baseline.decode(bytes) else { throw usageError("\(path) is not a talint baseline (JSON written by --write-baseline)") }
    return baseline
  }

  /// Hides what each baseline records and returns its stale entries, for the files linted.
  func apply(to diagnostics: inout [Diagnostic], lintedFiles: [String]) -> [StaleBaselineEntry] {
    var stale: [StaleBaselineEntry] = []
    for (path, baseline) in loaded.sorted(by: { $0.key < $1.key }) {
      let files = lintedFiles.filter { baselineByPath[$0] == path }
      let indices = diagnostics.indices.filter { baselineByPath[diagnostics[$0].path] == path }
      var subset = indices.map { diagnostics[$0] }
      let folder = FilePath.parent(path)
      for entry in baseline.apply(to: &subset, folder: folder, lintedFiles: files) {
        let file = FilePath.relative(FilePath.join(folder, entry.file), to: ".")
        stale.append(StaleBaselineEntry(baseline: path, file: file, rule: entry.rule, keyPath: entry.keyPath))
      }
      for (index, diagnostic) in zip(indices, subset) { diagnostics[index] = diagnostic }
    }
    return stale
  }
}
