/// The report as one self-contained page (inline CSS, no script, nothing fetched): the
/// machines with the release each was judged by and its score, a machines × controls matrix
/// coloured by status, then a section per control with each machine's evidence.
public enum CISHTMLRenderer {
  /// The matrix's fill colours, used nowhere else on the page (the tests count their pixels
  /// in a screenshot).
  public static let colors: [CISStatus: (red: UInt8, green: UInt8, blue: UInt8)] = [
    .pass: (0x2E, 0x7D, 0x32), .fail: (0xC6, 0x28, 0x28), .manual: (0xF9, 0xA8, 0x25), .notApplicable: (0x90, 0xA4, 0xAE),
  ]
  /// A matrix cell's size in CSS pixels.
  public static let cell = (width: 7, height: 20)

  static func hex(_ status: CISStatus) -> String {
    let color = colors[status]!
    return "#" + [color.red, color.green, color.blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }

  static func className(_ status: CISStatus) -> String {
    switch status {
    case .pass: "pass"
    case .fail: "fail"
    case .manual: "manual"
    case .notApplicable: "na"
    }
  }

  public static func render(_ reports: [CISMachineReport]) -> String {
    var html = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>CIS Kubernetes Benchmark 1.10 — talint report</title>
      <style>
      body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
      h1{font-size:20px;margin:0 0 12px}h2{font-size:16px;margin:24px 0 8px}h3{font-size:14px;margin:16px 0 4px}
      table.list{border-collapse:collapse}table.list td,table.list th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
      table.matrix{border-collapse:separate;border-spacing:1px}
      table.matrix td.m{white-space:nowrap;padding-right:8px;font-size:12px;max-width:180px;overflow:hidden;text-overflow:ellipsis}
      table.matrix th{font-size:10px;font-weight:normal;text-align:left;color:#555}
      table.matrix td.c{width:\(cell.width)px;min-width:\(cell.width)px;max-width:\(cell.width)px;height:\(cell.height)px;padding:0}
      td.c a{display:block;width:100%;height:100%}
      td.pass{background:\(hex(.pass))}td.fail{background:\(hex(.fail))}td.manual{background:\(hex(.manual))}td.na{background:\(hex(.notApplicable))}
      .tag{padding:0 4px;border:1px solid #999;border-radius:3px;font-size:12px}
      .tag.pass{background:#e8f5e9}.tag.fail{background:#ffebee}.tag.manual{background:#fff8e1}.tag.na{background:#eceff1}
      code{font-size:12px}
      </style></head><body>
      <h1>CIS Kubernetes Benchmark 1.10 — talint report</h1>
      <p>Judged from each machine's config before it boots. Status: PASS; FAIL; WARN, a control a person checks (MANUAL); INFO, one a config cannot show (NOT APPLICABLE).</p>

      """
    html += "<h2>Machines</h2>\n<table class=\"list\" id=\"machines\"><tr><th>Machine</th><th>Type</th><th>Talos release</th><th>Release from</th><th>Score</th><th>PASS</th><th>FAIL</th><th>WARN</th><th>INFO</th></tr>\n"
    for report in reports {
      let counts = report.counts
      let machine = report.machine
      html += "<tr><td>\(escape(machine.name))</td><td>\(machine.typeName)</td><td>Talos \(machine.release.version)</td><td>\(escape(machine.release.source))</td>"
      html += "<td class=\"score\">\(counts.score)%</td><td>\(counts.pass)</td><td>\(counts.fail)</td><td>\(counts.warn)</td><td>\(counts.info)</td></tr>\n"
    }
    html += "</table>\n<h2>Controls by machine</h2>\n<table class=\"matrix\" id=\"matrix\">\n<tr><th></th>"
    var sections: [(String, Int)] = []
    for control in CISControls.all {
      if sections.last?.0 == control.section { sections[sections.count - 1].1 += 1 } else { sections.append((control.section, 1)) }
    }
    html += sections.map { "<th colspan=\"\($0.1)\">\($0.0)</th>" }.joined() + "</tr>\n"
    for report in reports {
      html += "<tr><td class=\"m\">\(escape(report.machine.name))</td>"
      for result in report.results {
        let status = result.status
        html += "<td class=\"c \(className(status))\" title=\"\(result.control.id) \(status.kubeBench)\"><a href=\"#c\(result.control.id)\"></a></td>"
      }
      html += "</tr>\n"
    }
    html += "</table>\n<h2>Controls</h2>\n"
    for (index, control) in CISControls.all.enumerated() {
      html += "<section id=\"c\(control.id)\"><h3>\(control.id) \(escape(control.title))</h3>\n"
      html += "<p>\(control.automated ? "Automated" : "Manual"), \(control.scored ? "scored" : "not scored"). Decided by: \(escape(control.check.summary)) Remediation: \(escape(control.remediation))</p>\n"
      html += "<table class=\"list\"><tr><th>Machine</th><th>Status</th><th>Evidence</th><th>Where</th><th>Rules</th></tr>\n"
      for report in reports {
        let result = report.results[index]
        html += "<tr><td>\(escape(report.machine.name))</td><td><span class=\"tag \(className(result.status))\">\(result.status.kubeBench)</span></td>"
        html += "<td>\(escape(result.evidence))</td><td>\(result.location.map { "<code>\(escape($0.description))</code>" } ?? "")</td>"
        html += "<td>\(result.rules.joined(separator: ", "))</td></tr>\n"
      }
      html += "</table></section>\n"
    }
    return html + "</body></html>\n"
  }

  /// Text as HTML: the five specials written out, control characters shown.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in ControlCharacters.escaped(text) {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
