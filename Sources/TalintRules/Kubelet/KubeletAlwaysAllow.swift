import TalintCore

/// With `AlwaysAllow` the kubelet authorizes every authenticated request (exec into any pod
/// on the node) instead of asking the API server.
struct KubeletAlwaysAllow: Rule {
  static let description = RuleDescription(
    id: "TAL321", name: "kubelet-always-allow", severity: .error,
    summary: "the kubelet authorizes every request (AlwaysAllow)",
    rationale: "Talos sets the kubelet's authorization mode to Webhook. An `authorization-mode=AlwaysAllow` flag overrides it, so any client that authenticates may exec into, read logs of and port-forward to every pod on the node.",
    remediation: "Remove `authorization-mode` from the kubelet's extraArgs.",
    references: [.cis("4.2.2")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraArgs:
              authorization-mode: ↓AlwaysAllow
        """),
      .passing(
        """
        machine:
          kubelet:
            extraArgs:
              authorization-mode: Webhook
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.kubelet, named: "authorization-mode") where value.commaItems.contains("AlwaysAllow") {
      context.report("kubelet authorization-mode is AlwaysAllow; remove the override (Talos uses Webhook)", at: value)
    }
  }
}
