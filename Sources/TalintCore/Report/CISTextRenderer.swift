/// The report for a terminal: each machine with its score and its counts per kube-bench
/// target, then every FAIL once per place, gcc-style where a file decides it, naming the
/// machines it reaches.
public enum CISTextRenderer {
  public static func render(_ reports: [CISMachineReport]) -> String {
    var text = ""
    for report in reports {
      let machine = report.machine
      text += "\(escaped(machine.name)) (\(machine.typeName), Talos \(machine.release.version)): score \(report.counts.score)% — \(counts(report.counts))\n"
      for target in CISControl.Target.allCases {
        text += "  \(target.group.id) \(target.rawValue): \(counts(CISCounts(report.results(for: target))))\n"
      }
    }
    for failure in CISFailures.grouped(reports) {
      let result = failure.result
      let rules = result.rules.isEmpty ? "" : " [\(result.rules.joined(separator: ", "))]"
      let machines = "(\(failure.machines.count == 1 ? "machine" : "machines"): \(failure.machines.map(escaped).joined(separator: ", ")))"
      let place = result.location.map { escaped($0.description) + ": " } ?? ""
      text += "\(place)FAIL \(result.control.id) \(result.control.title): \(escaped(result.evidence)) \(machines)\(rules)\n"
    }
    let total = reports.reduce(CISCounts()) { $0 + $1.counts }
    let lowest = reports.min { $0.counts.score < $1.counts.score }
    text += "talint report: CIS Kubernetes Benchmark 1.10, \(reports.count) \(reports.count == 1 ? "machine" : "machines"): \(counts(total))"
    text += lowest.map { ", lowest score \($0.counts.score)% (\(escaped($0.machine.name)))" } ?? ""
    return text + "\n"
  }

  static func counts(_ counts: CISCounts) -> String {
    "\(counts.pass) PASS, \(counts.fail) FAIL, \(counts.warn) WARN, \(counts.info) INFO"
  }

  private static func escaped(_ text: String) -> String { ControlCharacters.escaped(text) }
}
