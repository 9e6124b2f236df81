import TalintCore

/// The profiling endpoints expose goroutine dumps and heap profiles of the control plane to
/// anyone who can reach the port with the right (often broad) permissions.
struct ProfilingEnabled: Rule {
  static let description = RuleDescription(
    id: "TAL308", name: "control-plane-profiling-enabled", severity: .warning,
    summary: "profiling is turned on for kube-apiserver, controller-manager or scheduler",
    rationale: """
      Talos passes `profiling=false` to all three components. Turning it back on serves /debug/pprof, \
      which reveals internals and can be used to slow the component down; it is for debugging only.
      """,
    remediation: "Remove the `profiling` override, or set it to \"false\".",
    references: [.cis("1.2.15"), .cis("1.3.2"), .cis("1.4.1")],
    examples: [
      .triggering(
        """
        cluster:
          scheduler:
            extraArgs:
              profiling: ↓"true"
        """),
      .passing(
        """
        cluster:
          scheduler:
            extraArgs:
              profiling: "false"
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    for component in [Component.apiServer, .controllerManager, .scheduler] {
      for value in context.views.extraArgValues(component, named: "profiling") where value.bool != false {
        context.report(
          "\(component.rawValue) profiling is enabled; set it to \"false\"", at: value,
          fix: context.replacement(of: value, with: "false", title: "Set profiling to \"false\""))
      }
    }
  }
}
