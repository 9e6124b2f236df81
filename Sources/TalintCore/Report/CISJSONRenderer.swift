import FoundationEssentials

/// The report in kube-bench's own JSON shape (`kube-bench --json` over several targets):
/// `Controls`, one per machine and target, each with its `tests` (sections) and their
/// `results`, then the `Totals`. talint adds, beside kube-bench's keys, the machine and
/// release on each `Controls` entry and the evidence, location and rules on each result, so a
/// tool that reads kube-bench's JSON reads this unchanged. docs/cis-report.schema.json
/// describes it.
public enum CISJSONRenderer {
  struct Document: Encodable {
    var Controls: [Controls]
    var Totals: Summary
  }

  struct Summary: Encodable {
    var total_pass: Int
    var total_fail: Int
    var total_warn: Int
    var total_info: Int

    init(_ counts: CISCounts) {
      total_pass = counts.pass
      total_fail = counts.fail
      total_warn = counts.warn
      total_info = counts.info
    }
  }

  struct Controls: Encodable {
    var id: String
    var version = "cis-1.10"
    var detected_version = ""
    var text: String
    var node_type: String
    var tests: [Group]
    var total_pass: Int
    var total_fail: Int
    var total_warn: Int
    var total_info: Int
    var machine: String
    var machine_type: String
    var talos_release: String
    var talos_release_source: String
  }

  struct Group: Encodable {
    var section: String
    var type = ""
    var pass: Int
    var fail: Int
    var warn: Int
    var info: Int
    var desc: String
    var results: [Check]
  }

  struct Location: Encodable {
    var path: String
    var line: Int
    var column: Int
  }

  struct Check: Encodable {
    var test_number: String
    var test_desc: String
    var audit = ""
    var AuditEnv = ""
    var AuditConfig = ""
    /// kube-bench's `manual` for a control it has no test for, else empty.
    var type: String
    var remediation: String
    var test_info: [String]
    var status: String
    var actual_value: String
    var scored: Bool
    var IsMultiple = false
    var expected_result: String
    var reason: String
    var machine: String
    var talint_status: String
    var location: Location?
    var rules: [String]
  }

  public static func render(_ reports: [CISMachineReport]) -> String {
    var controls: [Controls] = []
    var totals = CISCounts()
    for report in reports {
      for target in CISControl.Target.allCases {
        let results = report.results(for: target)
        let counts = CISCounts(results)
        totals = totals + counts
        let sections = results.reduce(into: [String]()) { if !$0.contains($1.control.section) { $0.append($1.control.section) } }
        let groups = sections.map { section in
          let inSection = results.filter { $0.control.section == section }
          let counts = CISCounts(inSection)
          return Group(
            section: section, pass: counts.pass, fail: counts.fail, warn: counts.warn, info: counts.info, desc: CISSections.title(section),
            results: inSection.map { check($0, machine: report.machine.name) })
        }
        controls.append(
          Controls(
            id: target.group.id, text: target.group.text, node_type: target.rawValue, tests: groups, total_pass: counts.pass,
            total_fail: counts.fail, total_warn: counts.warn, total_info: counts.info, machine: report.machine.name,
            machine_type: report.machine.typeName, talos_release: report.machine.release.version.description,
            talos_release_source: report.machine.release.source))
      }
    }
    return JSONReporter.encode(Document(Controls: controls, Totals: Summary(totals)))
  }

  private static func check(_ result: CISResult, machine: String) -> Check {
    let control = result.control
    var noTest = false
    if case .noTest = control.check { noTest = true }
    return Check(
      test_number: control.id, test_desc: control.title + (control.automated ? " (Automated)" : " (Manual)"), type: noTest ? "manual" : "",
      remediation: control.remediation, test_info: [control.remediation], status: result.status.kubeBench, actual_value: result.evidence,
      scored: control.scored, expected_result: control.check.summary, reason: result.evidence, machine: machine, talint_status: result.status.rawValue,
      location: result.location.map { Location(path: $0.path, line: $0.line, column: $0.column) }, rules: result.rules)
  }
}
