/// XML escaping for attribute values and text.
enum XML {
  static func escape(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\n": result += "&#10;"
      case "\t", "\r": result += "&#\(scalar.value);"
      default:
        // XML 1.0 forbids other control characters outright.
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { result += "?" } else { result.unicodeScalars.append(scalar) }
      }
    }
    return result
  }
}

/// JUnit XML for CI systems that show test reports: one suite per file, one failing test case
/// per finding, one passing case for a clean file.
public enum JUnitReporter {
  public static func render(_ report: Report) -> String {
    let visible = report.visible
    // Grouped once: filtering the findings per file made a run of many files quadratic.
    let byFile = Dictionary(grouping: visible, by: \.path)
    var suites = ""
    for file in report.files {
      let findings = byFile[file] ?? []
      suites += "  <testsuite name=\"\(XML.escape(file))\" tests=\"\(max(1, findings.count))\" failures=\"\(findings.count)\" errors=\"0\">\n"
      if findings.isEmpty {
        suites += "    <testcase name=\"talint\" classname=\"\(XML.escape(file))\"/>\n"
      }
      for diagnostic in findings {
        let start = diagnostic.range.start
        suites += "    <testcase name=\"\(diagnostic.ruleID) \(diagnostic.ruleName) at \(start.line):\(start.column)\" classname=\"\(XML.escape(file))\">\n"
        suites += "      <failure type=\"\(diagnostic.ruleID)\" message=\"\(XML.escape(ControlCharacters.escaped(diagnostic.text)))\">\(XML.escape(TextReporter.line(diagnostic)))</failure>\n"
        suites += "    </testcase>\n"
      }
      suites += "  </testsuite>\n"
    }
    let tests = report.files.reduce(0) { total, file in total + max(1, byFile[file]?.count ?? 0) }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"talint\" tests=\"\(tests)\" failures=\"\(visible.count)\">\n\(suites)</testsuites>\n"
  }
}

/// Checkstyle XML, which many CI plugins and review bots import.
public enum CheckstyleReporter {
  public static func render(_ report: Report) -> String {
    var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
    let byFile = Dictionary(grouping: report.visible, by: \.path)
    for file in report.files {
      output += "  <file name=\"\(XML.escape(file))\">\n"
      for diagnostic in byFile[file] ?? [] {
        let start = diagnostic.range.start
        output += "    <error line=\"\(start.line)\" column=\"\(start.column)\" severity=\"\(diagnostic.severity.rawValue)\" message=\"\(XML.escape(ControlCharacters.escaped(diagnostic.text)))\" source=\"talint.\(diagnostic.ruleID)\"/>\n"
      }
      output += "  </file>\n"
    }
    return output + "</checkstyle>\n"
  }
}
