import TalintCore

/// Talos audits and warns at `restricted`, so workloads that would fail the strict profile are
/// visible; lowering those levels hides them.
struct PodSecurityAuditWarnWeakened: Rule {
  static let description = RuleDescription(
    id: "TAL403", name: "pod-security-audit-warn-weakened", severity: .warning,
    summary: "Pod Security Admission audits or warns below restricted",
    rationale: "Talos sets `audit: restricted` and `warn: restricted`, so users see which pods would break under the strict profile. A lower level hides pods that run as root, keep capabilities or escalate privileges.",
    remediation: "Keep `audit` and `warn` at `restricted`.",
    references: [.cis("5.2.6"), .cis("5.2.7"), .cis("5.2.8")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            admissionControl:
              - name: PodSecurity
                configuration:
                  defaults:
                    enforce: baseline
                    warn: ↓baseline
        """),
      .passing(
        """
        cluster:
          apiServer:
            admissionControl:
              - name: PodSecurity
                configuration:
                  defaults:
                    enforce: baseline
                    warn: restricted
        """),
    ],
    scope: .controlPlane)

  func check(_ context: inout RuleContext) {
    for configuration in context.views.podSecurityConfigurations {
      for mode in ["audit", "warn"] {
        guard let level = configuration.descendants(["defaults", mode]).first, let text = level.string,
          text == "privileged" || text == "baseline"
        else { continue }
        context.report("Pod Security Admission \(mode) level is '\(text)'; keep it at 'restricted'", at: level)
      }
    }
  }
}
