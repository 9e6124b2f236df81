import TalintCore

/// Without the lookup, a service-account token stays valid after its service account or
/// secret is deleted, so revoking access does not revoke it.
struct APIServerServiceAccountLookupDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL306", name: "apiserver-service-account-lookup-disabled", severity: .error,
    summary: "kube-apiserver accepts service-account tokens without checking they still exist",
    rationale: "`service-account-lookup=false` skips the check that a token's service account and secret still exist, so deleted accounts keep working until their tokens expire.",
    remediation: "Remove `service-account-lookup` (it defaults to true).",
    references: [.cis("1.2.21")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              service-account-lookup: ↓"false"
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              service-account-lookup: "true"
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.apiServer, named: "service-account-lookup") where value.bool == false {
      context.report("kube-apiserver service-account-lookup is off, so deleted service accounts keep access; remove the override", at: value)
    }
  }
}
