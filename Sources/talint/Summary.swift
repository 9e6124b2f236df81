import TalintCore

/// The count line printed to standard error after every run.
struct Summary {
  var results: [FileResult]
  var diagnostics: [Diagnostic]
  var staleBaselineEntries = 0

  var text: String {
    let files = results.count == 1 ? "1 file" : "\(results.count) files"
    // Counted in one pass; filtering copied every finding once per severity.
    var bySeverity: [Severity: Int] = [:]
    var suppressed = 0
    for diagnostic in diagnostics {
      if diagnostic.suppression == nil { bySeverity[diagnostic.severity, default: 0] += 1 } else { suppressed += 1 }
    }
    var parts: [String] = []
    let counts = Severity.allCases.reversed().compactMap { severity -> String? in
      let count = bySeverity[severity] ?? 0
      guard count > 0 else { return nil }
      return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
    }
    parts.append(counts.isEmpty ? "talint: no problems in \(files)" : "talint: \(counts.joined(separator: ", ")) in \(files)")
    let failed = results.filter(\.failed).count
    if failed > 0 { parts.append("\(failed) could not be linted") }
    if suppressed > 0 { parts.append("\(suppressed) suppressed") }
    if staleBaselineEntries > 0 { parts.append("\(staleBaselineEntries) baseline entries no longer match") }
    return parts.joined(separator: "; ")
  }
}
