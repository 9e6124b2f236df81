import TalintCore

/// Talos forces `authentication.anonymous.enabled: false` in the kubelet configuration, but a
/// command-line flag beats the file: anonymous requests would then reach the kubelet API
/// (exec, logs, pod listing).
struct KubeletAnonymousAuth: Rule {
  static let description = RuleDescription(
    id: "TAL320", name: "kubelet-anonymous-auth", severity: .error,
    summary: "the kubelet accepts anonymous requests",
    rationale: "`anonymous-auth=true` in the kubelet's extraArgs overrides Talos's configuration file and lets unauthenticated clients reach the kubelet API on port 10250.",
    remediation: "Remove `anonymous-auth` from `machine.kubelet.extraArgs` / `KubeletConfig.extraArgs`.",
    references: [.cis("4.2.1")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraArgs:
              anonymous-auth: ↓"true"
        """),
      .passing(
        """
        machine:
          kubelet:
            extraArgs:
              anonymous-auth: "false"
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.kubelet, named: "anonymous-auth") where value.bool != false {
      context.report(
        "kubelet anonymous-auth is enabled; remove the override", at: value,
        fix: context.replacement(of: value, with: "false", title: "Set anonymous-auth to \"false\""))
    }
  }
}
