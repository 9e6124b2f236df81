import TalintCore

/// The kubelet's iptables utility chains drop invalid and martian packets for hostPort and
/// service traffic; turning them off leaves that to chance.
struct KubeletIPTablesUtilChainsDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL324", name: "kubelet-iptables-util-chains-disabled", severity: .warning,
    summary: "the kubelet does not manage its iptables utility chains",
    rationale: "`make-iptables-util-chains=false` (or `makeIPTablesUtilChains: false`) stops the kubelet from keeping its KUBE-FIREWALL style chains in sync with the pod network configuration.",
    remediation: "Remove the setting (it defaults to true).",
    references: [.cis("4.2.6")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraConfig:
              makeIPTablesUtilChains: ↓false
        """),
      .passing(
        """
        machine:
          kubelet:
            extraConfig:
              makeIPTablesUtilChains: true
        """),
    ])

  func check(_ context: inout RuleContext) {
    var values = context.views.extraArgValues(.kubelet, named: "make-iptables-util-chains")
    values += context.views.kubeletConfigs.compactMap { $0.child("makeIPTablesUtilChains") }
    for value in values where value.bool == false {
      context.report("kubelet makeIPTablesUtilChains is off; remove the setting", at: value)
    }
  }
}
