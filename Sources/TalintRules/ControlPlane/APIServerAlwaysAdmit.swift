import TalintCore

/// The `AlwaysAdmit` admission plugin admits every request without checks; it is deprecated
/// and disables the point of admission control.
struct APIServerAlwaysAdmit: Rule {
  static let description = RuleDescription(
    id: "TAL304", name: "apiserver-always-admit", severity: .error,
    summary: "kube-apiserver enables the AlwaysAdmit admission plugin",
    rationale: "`AlwaysAdmit` admits every request regardless of other admission plugins' intent; it is deprecated and CIS requires it unset.",
    remediation: "Remove `AlwaysAdmit` from `enable-admission-plugins`.",
    references: [.cis("1.2.10")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              enable-admission-plugins: ↓AlwaysAdmit
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              enable-admission-plugins: EventRateLimit
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.apiServer, named: "enable-admission-plugins") where value.commaItems.contains("AlwaysAdmit") {
      context.report("kube-apiserver enable-admission-plugins includes AlwaysAdmit; remove it", at: value)
    }
  }
}
