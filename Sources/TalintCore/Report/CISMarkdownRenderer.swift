/// The report as a pull-request comment: a table of machines and their scores, the FAILs
/// with their evidence, and the counts per section in a collapsed block.
public enum CISMarkdownRenderer {
  public static func render(_ reports: [CISMachineReport]) -> String {
    var text = "## CIS Kubernetes Benchmark 1.10 (talint report)\n\n"
    text += "| Machine | Type | Talos | Score | PASS | FAIL | WARN | INFO |\n|---|---|---|---:|---:|---:|---:|---:|\n"
    for report in reports {
      let counts = report.counts
      text += "| \(cell(report.machine.name)) | \(report.machine.typeName) | \(report.machine.release.version) | \(counts.score)% | \(counts.pass) | \(counts.fail) | \(counts.warn) | \(counts.info) |\n"
    }
    let failures = CISFailures.grouped(reports)
    text += failures.isEmpty ? "\nNo control fails.\n" : "\n### Failing controls\n\n| Control | Machines | Evidence | Where | Rules |\n|---|---|---|---|---|\n"
    for failure in failures {
      let result = failure.result
      let place = result.location.map { "`\(cell($0.description))`" } ?? "Talos default"
      text += "| \(result.control.id) \(cell(result.control.title)) | \(cell(failure.machines.joined(separator: ", "))) | \(cell(result.evidence)) | \(place) | \(result.rules.joined(separator: ", ")) |\n"
    }
    text += "\n<details><summary>Counts per section</summary>\n\n| Machine | Section | PASS | FAIL | WARN | INFO |\n|---|---|---:|---:|---:|---:|\n"
    for report in reports {
      var sections: [String] = []
      for result in report.results where !sections.contains(result.control.section) { sections.append(result.control.section) }
      for section in sections {
        let counts = CISCounts(report.results.filter { $0.control.section == section })
        text += "| \(cell(report.machine.name)) | \(section) \(CISSections.title(section)) | \(counts.pass) | \(counts.fail) | \(counts.warn) | \(counts.info) |\n"
      }
    }
    text += "\n</details>\n\nWARN is a control a person checks (MANUAL); INFO one a config cannot show (NOT APPLICABLE).\n"
    return text
  }

  /// Text safe in a table cell: no line breaks, pipes escaped, HTML's specials written out,
  /// control characters shown.
  static func cell(_ text: String) -> String {
    ControlCharacters.escaped(text).replacing("\n", with: " ").replacing("|", with: "\\|").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
  }
}
