import TalintCore

/// With per-controller service-account credentials each controller holds only the RBAC it
/// needs; without them every controller acts with the controller-manager's broad identity.
struct ControllerManagerServiceAccountCredentials: Rule {
  static let description = RuleDescription(
    id: "TAL313", name: "controller-manager-shared-credentials", severity: .warning,
    summary: "kube-controller-manager runs all controllers with one shared credential",
    rationale: "`use-service-account-credentials=false` makes every controller use the controller-manager's own credentials, so a bug in one controller has the rights of all. Talos sets it to true.",
    remediation: "Remove the override of `use-service-account-credentials`.",
    references: [.cis("1.3.3")],
    examples: [
      .triggering(
        """
        cluster:
          controllerManager:
            extraArgs:
              use-service-account-credentials: ↓"false"
        """),
      .passing(
        """
        cluster:
          controllerManager:
            extraArgs:
              use-service-account-credentials: "true"
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.controllerManager, named: "use-service-account-credentials") where value.bool == false {
      context.report("kube-controller-manager use-service-account-credentials is off; remove the override", at: value)
    }
  }
}
