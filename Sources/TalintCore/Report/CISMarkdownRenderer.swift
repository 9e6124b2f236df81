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
      let place = result.location.map { code(cell($0.description)) } ?? "Talos default"
      text += "| \(result.control.id) \(cell(result.control.title)) | \(cell(failure.machines.joined(separator: ", "))) | \(cell(result.evidence)) | \(place) | \(result.rules.joined(separator: ", ")) |\n"
    }
    text += "\n<details><summary>Counts per section</summary>\n\n| Machine | Section | PASS | FAIL | WARN | INFO |\n|---|---|---:|---:|---:|---:|\n"
    for report in reports {
      // Counted in one pass (results come in table order, a section's together): filtering
      // every result per section cost more than judging the machine.
      var sections: [(name: String, counts: CISCounts)] = []
      for result in report.results {
        let section = result.control.section
        if sections.last?.name != section { sections.append((section, CISCounts())) }
        sections[sections.count - 1].counts.add(result.status)
      }
      let machine = cell(report.machine.name)
      for (section, counts) in sections {
        text += "| \(machine) | \(section) \(CISSections.title(section)) | \(counts.pass) | \(counts.fail) | \(counts.warn) | \(counts.info) |\n"
      }
    }
    text += "\n</details>\n\nWARN is a control a person checks (MANUAL); INFO one a config cannot show (NOT APPLICABLE).\n"
    return text
  }

  /// Text safe in a table cell: no line breaks, pipes escaped, HTML's specials written out,
  /// control characters shown. Backslashes are doubled first: GFM reads `\\|` as an escaped
  /// backslash and a cell break, so a name ending in `\` would otherwise split its row.
  static func cell(_ text: String) -> String {
    ControlCharacters.escaped(text).replacing("\\", with: "\\\\").replacing("\n", with: " ").replacing("|", with: "\\|")
      .replacing("<", with: "&lt;").replacing(">", with: "&gt;")
  }

  /// A code span around `text`: fenced by more backticks than any run inside it, so a backtick
  /// in a file name cannot close the span and let the rest be read as Markdown.
  static func code(_ text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    return longest == 0 ? fence + text + fence : fence + " " + text + " " + fence
  }
}
