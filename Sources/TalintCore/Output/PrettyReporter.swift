/// A rustc-style frame for people at a terminal: the source line, a caret under the range and
/// the rule's remediation as `help:`. Colour only when asked (a TTY without `NO_COLOR`).
/// The source line is the finding's excerpt, which the linter took from the decoded input with
/// secrets masked: never re-read from disk, so standard input, CRLF and UTF-16 files show
/// what was linted.
public struct PrettyReporter {
  public var color: Bool

  public init(color: Bool) {
    self.color = color
  }

  public func render(_ report: Report) -> String {
    var output = ""
    for diagnostic in report.visible {
      let start = diagnostic.range.start
      let level = paint(diagnostic.severity.rawValue + "[\(diagnostic.ruleID)]", code: Self.code(diagnostic.severity))
      output += "\(level)\(paint(": " + ControlCharacters.escaped(diagnostic.text), code: "1"))\n"
      let gutter = String(repeating: " ", count: String(start.line).count)
      output += "\(gutter)\(paint("-->", code: "34")) \(ControlCharacters.escaped(diagnostic.path)):\(start.line):\(start.column)\n"
      if let excerpt = diagnostic.excerpt {
        // A line that did not parse may hold any control character: shown escaped, the caret
        // under the escaped text.
        let scalars = Array(excerpt.text.unicodeScalars)
        func column(_ original: Int) -> Int {
          let before = String(String.UnicodeScalarView(scalars.prefix(max(0, original - 1))))
          return ControlCharacters.escaped(before).unicodeScalars.count + 1
        }
        let (from, to) = (column(excerpt.startColumn), column(excerpt.endColumn))
        let width = max(1, to - from)
        let caret = String(repeating: " ", count: max(0, from - 1)) + String(repeating: "^", count: width)
        output += "\(gutter) \(paint("|", code: "34"))\n"
        output += "\(paint(String(start.line), code: "34")) \(paint("|", code: "34")) \(ControlCharacters.escaped(excerpt.text))\n"
        output += "\(gutter) \(paint("|", code: "34")) \(paint(caret, code: Self.code(diagnostic.severity)))\n"
      }
      if let rule = report.rules.first(where: { $0.id == diagnostic.ruleID }) {
        output += "\(gutter) \(paint("= help:", code: "1")) \(rule.remediation)\n"
      }
      output += "\n"
    }
    return output
  }

  private static func code(_ severity: Severity) -> String {
    switch severity {
    case .error: "1;31"
    case .warning: "1;33"
    case .info: "1;36"
    }
  }

  private func paint(_ text: String, code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
