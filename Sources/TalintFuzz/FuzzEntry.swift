import TalintCore
import TalintRules

/// libFuzzer entry: the whole pipeline on arbitrary bytes — parse, classify, every rule,
/// suppressions, and every output format. Any crash, hang or sanitizer report is a bug.
/// Built only with TALINT_FUZZ=1 (see README: fuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var settings = LintSettings(requireReason: size % 2 == 0, networks: NetworkPolicy(admin: [CIDR("10.0.0.0/24")!]))
  settings.version = TalosVersion.known[size % TalosVersion.known.count]
  var linter = Linter(rules: AllRules.rules, settings: settings)
  linter.excerpts = true
  let result = linter.lint(bytes: bytes, path: "fuzz.yaml")
  let report = Report(
    diagnostics: result.diagnostics, files: [result.path], rules: AllRules.descriptions, toolVersion: "fuzz",
    workingDirectory: "/")
  let outputs: [String] = [
    TextReporter.render(report), JSONReporter.render(report), SARIFReporter.render(report), GitHubReporter.render(report),
    JUnitReporter.render(report), CheckstyleReporter.render(report), GitLabReporter.render(report),
    PrettyReporter(color: true).render(report),
  ]
  // Every finding must show up in the one-line format, and the baseline must encode.
  precondition(outputs[0].split(separator: "\n").count == report.visible.count, "text output lost a finding")
  _ = Baseline(diagnostics: result.diagnostics, relativePath: { $0 }).encoded()
  return 0
}
