import TalintCore

/// `enforce: privileged` turns Pod Security Admission into a no-op for enforcement: privileged
/// containers, host namespaces and hostPath volumes are admitted everywhere.
struct PodSecurityEnforcePrivileged: Rule {
  static let description = RuleDescription(
    id: "TAL402", name: "pod-security-enforce-privileged", severity: .error,
    summary: "Pod Security Admission enforces the privileged level by default",
    rationale: "Talos enforces `baseline` by default. `defaults.enforce: privileged` admits privileged pods, host namespaces, hostPath and host ports in every namespace that does not label itself stricter.",
    remediation: "Enforce `baseline` (or `restricted`) by default and label the few namespaces that need more with `pod-security.kubernetes.io/enforce: privileged`.",
    references: [.cis("5.2.2"), .cis("5.2.3"), .cis("5.2.4"), .cis("5.2.5")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: KubeAdmissionControlConfig
        name: PodSecurity
        configuration:
          defaults:
            enforce: ↓privileged
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: KubeAdmissionControlConfig
        name: PodSecurity
        configuration:
          defaults:
            enforce: baseline
        """),
    ],
    scope: .controlPlane)

  func check(_ context: inout RuleContext) {
    for configuration in context.views.podSecurityConfigurations {
      guard let enforce = configuration.descendants(["defaults", "enforce"]).first, enforce.string == "privileged" else { continue }
      context.report("Pod Security Admission enforces 'privileged' by default; enforce 'baseline' or 'restricted'", at: enforce)
    }
  }
}
