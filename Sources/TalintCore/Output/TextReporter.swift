/// The default format, one line per diagnostic, which Vim, Emacs and VS Code problem
/// matchers read: `path:line:col: severity: message [TAL101]`.
public enum TextReporter {
  public static func render(_ diagnostics: [Diagnostic]) -> String {
    var output = ""
    for diagnostic in diagnostics {
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
