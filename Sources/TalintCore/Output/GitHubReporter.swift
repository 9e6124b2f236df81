/// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
public enum GitHubReporter {
  public static func render(_ report: Report) -> String {
    var output = ""
    for diagnostic in report.visible {
      let command: String
      switch diagnostic.severity {
      case .error: command = "error"
      case .warning: command = "warning"
      case .info: command = "notice"
      }
      let start = diagnostic.range.start
      let end = diagnostic.range.end < start ? start : diagnostic.range.end
      let properties = [
        "file=\(property(report.relativePath(diagnostic.path)))", "line=\(start.line)", "col=\(start.column)",
        "endLine=\(end.line)", "endColumn=\(end.column)", "title=\(property(diagnostic.ruleID))",
      ]
      output += "::\(command) \(properties.joined(separator: ","))::\(data(diagnostic.text + " [\(diagnostic.ruleID)]"))\n"
    }
    return output
  }

  /// Workflow-command data: `%`, CR and LF as GitHub decodes them, and any other control
  /// character escaped (the log viewer renders terminal escapes).
  static func data(_ text: String) -> String {
    ControlCharacters.escaped(text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A"))
  }

  static func property(_ text: String) -> String {
    data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
  }
}
