/// The default format, one line per diagnostic, which Vim, Emacs and VS Code problem
/// matchers read: `path:line:col: severity: message [TAL101]`. Suppressed findings are left out.
public enum TextReporter {
  public static func render(_ report: Report) -> String {
    var output = ""
    for diagnostic in report.visible {
      output += line(diagnostic)
      output += "\n"
    }
    return output
  }

  public static func line(_ diagnostic: Diagnostic) -> String {
    let start = diagnostic.range.start
    return "\(diagnostic.path):\(start.line):\(start.column): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.ruleID)]"
  }
}
