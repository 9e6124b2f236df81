import TalintCore

/// The kernel rejects a non-numeric write to an integer sysctl, so the hardening value the
/// key was meant to set is never applied, and the typo goes unnoticed until someone looks.
struct SysctlValueNotNumeric: Rule {
  static let description = RuleDescription(
    id: "TAL203", name: "sysctl-value-not-numeric", severity: .error,
    summary: "a hardening sysctl is given a value that is not a number",
    rationale: """
      The KSPP and network hardening sysctls are integers. A value such as `"yes"`, `"on"` or `"2 "` \
      with a stray word is rejected by the kernel when Talos writes it, so the setting silently keeps \
      whatever the kernel had.
      """,
    remediation: "Write the value as a decimal integer, e.g. \"2\".",
    references: [.kspp("recommended sysctls")],
    examples: [
      .triggering(
        """
        machine:
          sysctls:
            kernel.dmesg_restrict: ↓"yes"
        """),
      .passing(
        """
        machine:
          sysctls:
            kernel.dmesg_restrict: "1"
        """),
    ])

  func check(_ context: inout RuleContext) {
    let kspp = context.defaults.ksppSysctls
    for sysctl in context.views.hardenedSysctls {
      guard sysctl.networkHardening != nil || kspp[sysctl.name] != nil, sysctl.found.int == nil, !sysctl.found.isUnknown else { continue }
      context.report("\(sysctl.name) needs an integer value; the kernel will reject this one", at: sysctl.found)
    }
  }
}
