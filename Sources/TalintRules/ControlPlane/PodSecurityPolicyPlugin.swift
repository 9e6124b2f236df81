import TalintCore

/// PodSecurityPolicy was removed in Kubernetes 1.25: an API server asked to enable or disable
/// it, or to configure it, fails to start, taking the control plane down.
struct PodSecurityPolicyPlugin: Rule {
  static let description = RuleDescription(
    id: "TAL307", name: "pod-security-policy-plugin", severity: .error,
    summary: "the removed PodSecurityPolicy admission plugin is named",
    rationale: """
      Kubernetes 1.25 removed PodSecurityPolicy. Naming it in `enable-admission-plugins`, \
      `disable-admission-plugins` or an admission-control entry makes kube-apiserver exit with \
      an unknown-plugin error, so the control plane does not come up. Pod Security Admission \
      replaces it.
      """,
    remediation: "Remove PodSecurityPolicy and rely on the PodSecurity admission configuration Talos generates.",
    references: [.other("Kubernetes 1.25: PodSecurityPolicy removed"), .cis("5.2.1")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              enable-admission-plugins: ↓NodeRestriction,PodSecurityPolicy
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              enable-admission-plugins: NodeRestriction
        """),
    ],
    scope: .controlPlane)

  func check(_ context: inout RuleContext) {
    for flag in ["enable-admission-plugins", "disable-admission-plugins", "admission-control"] {
      for value in context.views.extraArgValues(.apiServer, named: flag)
      where value.commaItems.contains("PodSecurityPolicy") {
        context.report(
          "kube-apiserver \(flag) names PodSecurityPolicy, which Kubernetes 1.25+ no longer has; the API server will not start",
          at: value)
      }
    }
    for plugin in context.views.admissionPlugins {
      guard let name = plugin.child("name"), name.string == "PodSecurityPolicy" else { continue }
      context.report("admission control configures PodSecurityPolicy, which Kubernetes 1.25+ no longer has; remove the entry", at: name)
    }
  }
}
