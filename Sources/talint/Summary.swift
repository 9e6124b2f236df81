import TalintCore

/// The count line printed to standard error after every run. It says how many Talos files were
/// judged and how many other YAML files were skipped, so a clean run and a run that looked at
/// nothing are never confused (issue 20).
struct Summary {
  var results: [FileResult]
  var diagnostics: [Diagnostic]
  var staleBaselineEntries = 0
  /// The machines the run judged (defined in files or `.talint.yaml`, or a full config each).
  var machines = 0

  var text: String {
    // Counted in one pass; filtering copied every finding once per severity.
    var bySeverity: [Severity: Int] = [:]
    var suppressed = 0
    for diagnostic in diagnostics {
      if diagnostic.suppression == nil { bySeverity[diagnostic.severity, default: 0] += 1 } else { suppressed += 1 }
    }
    // A file that could not be read has no role, and counts as checked: it was meant to be.
    let skipped = results.filter { $0.role?.isChecked == false }.count
    let yamlOnly = results.filter { $0.role?.kind == .yaml }.count
    let talos = results.count - skipped - yamlOnly
    var parts: [String] = []
    let counts = Severity.allCases.reversed().compactMap { severity -> String? in
      let count = bySeverity[severity] ?? 0
      guard count > 0 else { return nil }
      return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
    }
    if talos == 0 && skipped > 0 && counts.isEmpty && yamlOnly == 0 {
      parts.append("talint: no Talos file found")
    } else {
      // Plain "files" when every file was a Talos file, as before files were told apart.
      var checked: [String] = []
      if talos > 0 || yamlOnly == 0 {
        var files = Self.count(talos, skipped > 0 || yamlOnly > 0 ? "Talos file" : "file")
        if machines > 0 { files += " (\(Self.count(machines, "machine")))" }
        checked.append(files)
      }
      if yamlOnly > 0 { checked.append("\(Self.count(yamlOnly, "other YAML file")) (syntax only)") }
      let files = checked.joined(separator: " and ")
      parts.append(counts.isEmpty ? "talint: no problems in \(files)" : "talint: \(counts.joined(separator: ", ")) in \(files)")
    }
    if skipped > 0 { parts.append("skipped \(Self.count(skipped, "other YAML file")) (not Talos; `talint files` says why)") }
    let failed = results.filter(\.failed).count
    if failed > 0 { parts.append("\(failed) could not be linted") }
    if suppressed > 0 { parts.append("\(suppressed) suppressed") }
    if staleBaselineEntries > 0 { parts.append("\(staleBaselineEntries) baseline entries no longer match") }
    return parts.joined(separator: "; ")
  }

  private static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
