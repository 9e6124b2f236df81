#if canImport(Glibc)
  import Glibc
#endif
import TalintCore
import TalintRules

/// Lints a tree the way `talint lint DIR` does — every file, the patches talconfigs and Omni
/// templates reference, every machine merged — and renders every machine as `talint render`
/// does. The tree lives in one folder of this process's, emptied after each input.
enum TreeFuzz {
  private static let root: String = {
    var template = Array("/tmp/talint-fuzz-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    return String(cString: made)
  }()

  /// `planted`: the tree holds `CarrierGenerator.canary` only as secret values (a generated
  /// tree), so no output may show it. A mutated archive may hold it anywhere: libFuzzer learns
  /// the strings a target compares with.
  static func run(_ tree: TreeArchive, settings: LintSettings, planted: Bool) {
    let written = write(tree)
    defer { remove(written) }
    var configured = Linter(rules: AllRules.rules, settings: settings)
    configured.excerpts = true
    let linter = configured
    let run = LintRun(linterForPath: { _ in linter })
    let inputs = written.files.map { LintRun.Input(.path($0), linter: linter) }
    let results = run.run(inputs)
    let report = Report(
      diagnostics: results.flatMap(\.diagnostics), files: results.map(\.path), rules: AllRules.descriptions,
      toolVersion: "fuzz", workingDirectory: root)
    var outputs = FuzzOutputs.all(report)
    var found = run.machines(inputs)
    for machine in found.machines {
      let effective = EffectiveConfig(machine, release: machine.release ?? settings.release, store: &found.store)
      outputs.append(ConfigRenderer.render(effective))
    }
    for output in outputs where planted {
      precondition(!output.contains(CarrierGenerator.canary), "a secret value reached the output:\n\(output)")
    }
  }

  private struct Written {
    var files: [String] = []
    var folders: [String] = []
  }

  private static func write(_ tree: TreeArchive) -> Written {
    var written = Written()
    for (path, bytes) in tree.files {
      var folder = root
      for part in path.split(separator: "/").dropLast() {
        folder += "/" + part
        if mkdir(folder, 0o700) == 0 { written.folders.append(folder) }
      }
      let full = root + "/" + path
      let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
      guard descriptor >= 0 else { continue }
      _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      close(descriptor)
      if !written.files.contains(full) { written.files.append(full) }
    }
    return written
  }

  private static func remove(_ written: Written) {
    for file in written.files { unlink(file) }
    for folder in written.folders.reversed() { rmdir(folder) }
  }
}
