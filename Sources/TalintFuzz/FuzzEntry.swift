#if canImport(Glibc)
  import Glibc
#endif
import TalintCore
import TalintRules

/// libFuzzer entry. The first bytes choose what the input is:
/// - `#> path` lines: a small repository (`TreeArchive`), linted and rendered as a tree;
/// - a first byte below 8: the choices of `CarrierGenerator`, which writes such a repository
///   of talconfig, Omni, JSON6902 and `$patch` carriers;
/// - anything else: one file through the whole pipeline — parse, classify, every rule,
///   suppressions, every output format.
/// Any crash, hang or sanitizer report is a bug. Built only with TALINT_FUZZ=1 (see README:
/// fuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var settings = LintSettings(requireReason: size % 2 == 0, networks: NetworkPolicy(admin: [CIDR("10.0.0.0/24")!]))
  settings.version = TalosVersion.known[size % TalosVersion.known.count]
  if bytes.starts(with: TreeArchive.marker) {
    TreeFuzz.run(TreeArchive(bytes), settings: settings, planted: false)
  } else if let first = bytes.first, first < 8 {
    var generator = CarrierGenerator(bytes.dropFirst())
    let tree = generator.tree()
    // `TALINT_FUZZ_SHOW=1 TalintFuzz INPUT` prints the repository an input generates, so a
    // crash becomes a regression test written as files.
    if getenv("TALINT_FUZZ_SHOW") != nil { _ = tree.bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) } }
    TreeFuzz.run(tree, settings: settings, planted: true)
  } else {
    lintOneFile(bytes, settings: settings)
  }
  return 0
}

private func lintOneFile(_ bytes: [UInt8], settings: LintSettings) {
  var linter = Linter(rules: AllRules.rules, settings: settings)
  linter.excerpts = true
  let result = linter.lint(bytes: bytes, path: "fuzz.yaml")
  let report = Report(
    diagnostics: result.diagnostics, files: [result.path], rules: AllRules.descriptions, toolVersion: "fuzz",
    workingDirectory: "/")
  _ = FuzzOutputs.all(report)
  _ = Baseline(diagnostics: result.diagnostics, folder: "/").encoded()
}

/// Every output format of a report, checked for what holds of all of them.
enum FuzzOutputs {
  static func all(_ report: Report) -> [String] {
    let outputs = [
      TextReporter.render(report), JSONReporter.render(report), SARIFReporter.render(report), GitHubReporter.render(report),
      JUnitReporter.render(report), CheckstyleReporter.render(report), GitLabReporter.render(report),
      PrettyReporter(color: true).render(report),
    ]
    // Every finding must show up in the one-line format.
    precondition(outputs[0].split(separator: "\n").count == report.visible.count, "text output lost a finding")
    return outputs
  }
}
