import TalintCore

/// Exempt namespaces, users and runtime classes bypass Pod Security Admission entirely; Talos
/// exempts only kube-system.
struct PodSecurityExemption: Rule {
  static let description = RuleDescription(
    id: "TAL404", name: "pod-security-exemption", severity: .warning,
    summary: "Pod Security Admission exempts more than kube-system",
    rationale: "An exemption skips every Pod Security check: pods in an exempt namespace, created by an exempt user or with an exempt runtime class may be fully privileged. Namespace labels (`pod-security.kubernetes.io/enforce`) are the auditable way to relax one namespace.",
    remediation: "Remove the exemption and label the namespace with the level it needs instead; keep each remaining one with a suppression that says why.",
    references: [.cis("5.2.1"), .talos("Pod Security Admission defaults")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: KubeAdmissionControlConfig
        name: PodSecurity
        configuration:
          exemptions:
            namespaces:
              - kube-system
              - ↓monitoring
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: KubeAdmissionControlConfig
        name: PodSecurity
        configuration:
          exemptions:
            namespaces:
              - kube-system
        """),
    ],
    scope: .controlPlane)

  func check(_ context: inout RuleContext) {
    for configuration in context.views.podSecurityConfigurations {
      guard let exemptions = configuration.child("exemptions") else { continue }
      for (kind, allowed) in [("namespaces", TalosDefaults.podSecurityExemptNamespaces), ("usernames", []), ("runtimeClasses", [])] {
        for entry in exemptions.child(kind)?.elements ?? [] {
          guard let name = entry.string, !allowed.contains(name) else { continue }
          context.report("Pod Security Admission exempts \(kind) '\(name)'; label the namespace instead of exempting it", at: entry)
        }
      }
    }
  }
}
