import TalintCore

/// In `accept` mode the ingress firewall only drops what a rule names; every other port of the
/// node stays reachable (docs/talos-facts.md#ingress-firewall).
struct FirewallDefaultAccept: Rule {
  static let description = RuleDescription(
    id: "TAL501", name: "firewall-default-accept", severity: .warning,
    summary: "the ingress firewall accepts traffic no rule mentions",
    rationale: "`NetworkDefaultActionConfig` with `ingress: accept` keeps every port open unless a NetworkRuleConfig restricts it, so a new listener (a NodePort, a debug port) is reachable at once. Talos's guide recommends `block` with explicit rules.",
    remediation: "Set `ingress: block` and add NetworkRuleConfig documents for kubelet, apid, trustd, etcd, the API server and your CNI.",
    references: [.talos("ingress firewall guide")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: NetworkDefaultActionConfig
        ingress: ↓accept
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: NetworkDefaultActionConfig
        ingress: block
        """),
    ])

  /// The firewall's default ingress action.
  static let ingressDefault = ReadSlot([.typed(.networkDefaultActionConfig, ["ingress"])])
  static let reads = [ingressDefault]

  func check(_ context: inout RuleContext) {
    for ingress in context.values(Self.ingressDefault) where ingress.string == "accept" {
      context.report("the ingress firewall default is 'accept', so every port no rule names stays open; use 'block'", at: ingress)
    }
  }
}
