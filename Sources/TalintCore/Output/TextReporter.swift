/// The default format, one line per diagnostic, which Vim, Emacs and VS Code problem
/// matchers read: `path:line:col: severity: message [TAL101]`. Suppressed findings are left out.
public enum TextReporter {
  public static func render(_ report: Report) -> String {
    String(decoding: bytes(report), as: UTF8.self)
  }

  /// The output as bytes, for the command line to write as they are: the pieces are valid
  /// strings, and decoding the whole again checked every byte of a long report a second time.
  public static func bytes(_ report: Report) -> [UInt8] {
    var output: [UInt8] = []
    // The shown findings read in place: `visible` would copy every one into a new array.
    for diagnostic in report.diagnostics where diagnostic.suppression == nil {
      append(diagnostic, to: &output)
      output.append(0x0A)
    }
    return output
  }

  public static func line(_ diagnostic: Diagnostic) -> String {
    var bytes: [UInt8] = []
    append(diagnostic, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func append(_ diagnostic: Diagnostic, to output: inout [UInt8]) {
    let start = diagnostic.range.start
    // The file's name and the message may come from a stranger's tree: no line or terminal
    // escape of theirs gets through (messages are escaped when a file is finished; this is
    // the net for names and for findings made elsewhere).
    append(ControlCharacters.escaped(diagnostic.path), to: &output)
    output.append(UInt8(ascii: ":"))
    appendDecimal(start.line, to: &output)
    output.append(UInt8(ascii: ":"))
    appendDecimal(start.column, to: &output)
    append(": ", to: &output)
    append(diagnostic.severity.rawValue, to: &output)
    append(": ", to: &output)
    append(ControlCharacters.escaped(diagnostic.text), to: &output)
    append(" [", to: &output)
    append(diagnostic.ruleID, to: &output)
    output.append(UInt8(ascii: "]"))
  }

  /// A string's bytes copied as one block (appending its `utf8` view went byte by byte).
  private static func append(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { output.append(contentsOf: $0) }
  }

  /// A line or column number's digits, without making a string of it.
  private static func appendDecimal(_ number: Int, to output: inout [UInt8]) {
    guard number > 0 else { return append(String(number), to: &output) }
    var divisor = 1
    while divisor <= number / 10 { divisor *= 10 }
    var rest = number
    while divisor > 0 {
      output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
}
