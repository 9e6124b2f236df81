import TalintCore

/// `AlwaysAllow` authorizes every authenticated request. Talos's `authorization-mode` merges
/// additively, so a user `AlwaysAllow` is appended after `Node,RBAC`
/// (docs/talos-facts.md#control-plane-flags) — and authorizers are consulted in order until one
/// allows.
struct APIServerAlwaysAllow: Rule {
  static let description = RuleDescription(
    id: "TAL303", name: "apiserver-always-allow", severity: .error,
    summary: "kube-apiserver authorization-mode includes AlwaysAllow",
    rationale: """
      With `AlwaysAllow` in the chain, any request that Node and RBAC do not allow is allowed by \
      the next authorizer: every authenticated user becomes cluster-admin.
      """,
    remediation: "Remove `AlwaysAllow` from `authorization-mode`; grant access with RBAC.",
    references: [.cis("1.2.6")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              authorization-mode: ↓Node,RBAC,AlwaysAllow
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              authorization-mode: Node,RBAC
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.apiServer, named: "authorization-mode") where value.commaItems.contains("AlwaysAllow") {
      context.report("kube-apiserver authorization-mode includes AlwaysAllow; remove it and grant access with RBAC", at: value)
    }
  }
}
