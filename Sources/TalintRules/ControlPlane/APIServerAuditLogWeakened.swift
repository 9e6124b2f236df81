import TalintCore

/// Talos keeps 30 days, 10 files and 100 MB of API audit log; shorter retention loses the
/// trail an incident review needs, and an empty path turns auditing off.
struct APIServerAuditLogWeakened: Rule {
  static let description = RuleDescription(
    id: "TAL309", name: "apiserver-audit-log-weakened", severity: .warning,
    summary: "kube-apiserver audit logging is turned off or keeps less than CIS requires",
    rationale: """
      Talos sets `audit-log-path`, `audit-log-maxage=30`, `audit-log-maxbackup=10` and \
      `audit-log-maxsize=100`. An empty path disables the audit log; lower limits rotate evidence away \
      before anyone looks.
      """,
    remediation: "Remove the override, or keep at least 30 days, 10 backups and 100 MB.",
    references: [.cis("1.2.16"), .cis("1.2.17"), .cis("1.2.18"), .cis("1.2.19")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              audit-log-maxage: ↓"7"
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              audit-log-maxage: "90"
        """),
    ])

  func check(_ context: inout RuleContext) {
    for arg in context.views.extraArgs(.apiServer, named: "audit-log-path") {
      for value in arg.found.elements where !value.isUnknown && (value.string ?? "").trimmingBlanks().isEmpty {
        context.report("kube-apiserver audit-log-path is empty, which turns API auditing off (CIS 1.2.16)", at: value)
      }
    }
    for (flag, minimum, cis) in TalosDefaults.auditLogMinimums {
      for value in context.views.extraArgValues(.apiServer, named: flag) {
        guard let number = value.int else {
          context.report("kube-apiserver \(flag) must be a number of at least \(minimum) (CIS \(cis))", at: value)
          continue
        }
        guard number < minimum else { continue }
        context.report("kube-apiserver \(flag)=\(number) is below \(minimum) (CIS \(cis)); keep at least \(minimum)", at: value)
      }
    }
  }
}
