/// The default format, one line per diagnostic, which Vim, Emacs and VS Code problem
/// matchers read: `path:line:col: severity: message [TAL101]`. Suppressed findings are left out.
public enum TextReporter {
  public static func render(_ report: Report) -> String {
    // One byte buffer for the whole output: string interpolation per line cost more than
    // finding the problems on a run with many findings.
    var output: [UInt8] = []
    for diagnostic in report.visible {
      append(diagnostic, to: &output)
      output.append(0x0A)
    }
    return String(decoding: output, as: UTF8.self)
  }

  public static func line(_ diagnostic: Diagnostic) -> String {
    var bytes: [UInt8] = []
    append(diagnostic, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func append(_ diagnostic: Diagnostic, to output: inout [UInt8]) {
    let start = diagnostic.range.start
    output += diagnostic.path.utf8
    output.append(UInt8(ascii: ":"))
    output += String(start.line).utf8
    output.append(UInt8(ascii: ":"))
    output += String(start.column).utf8
    output += ": ".utf8
    output += diagnostic.severity.rawValue.utf8
    output += ": ".utf8
    output += diagnostic.message.utf8
    output += " [".utf8
    output += diagnostic.ruleID.utf8
    output.append(UInt8(ascii: "]"))
  }
}
