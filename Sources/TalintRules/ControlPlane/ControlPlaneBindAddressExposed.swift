import TalintCore

/// The controller-manager and scheduler serve health, metrics and (if enabled) profiling on
/// their secure ports; Talos binds them to 127.0.0.1 so nothing off the node can reach them.
struct ControlPlaneBindAddressExposed: Rule {
  static let description = RuleDescription(
    id: "TAL315", name: "control-plane-bind-address-exposed", severity: .warning,
    summary: "kube-controller-manager or kube-scheduler listens beyond loopback",
    rationale: "Talos binds both to 127.0.0.1. A non-loopback `bind-address` exposes ports 10257 and 10259 to the network, widening what an attacker on the node network can probe.",
    remediation: "Remove the `bind-address` override; scrape metrics through a local agent instead.",
    references: [.cis("1.3.7"), .cis("1.4.2")],
    examples: [
      .triggering(
        """
        cluster:
          controllerManager:
            extraArgs:
              bind-address: ↓0.0.0.0
        """),
      .passing(
        """
        cluster:
          controllerManager:
            extraArgs:
              bind-address: 127.0.0.1
        """),
    ])

  func check(_ context: inout RuleContext) {
    for component in [Component.controllerManager, .scheduler] {
      for value in context.views.extraArgValues(component, named: "bind-address") where !Addresses.isLoopback(value.string ?? "") {
        context.report("\(component.rawValue) bind-address \(value.string ?? "") listens beyond loopback; keep 127.0.0.1", at: value)
      }
    }
  }
}
