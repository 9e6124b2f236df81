import TalintCore

/// trustd, etcd, the kubelet, the controller-manager and the scheduler must never be reachable
/// from the internet; Talos's guide limits them to the cluster or control plane. (apid, which
/// the guide opens to everyone on control planes, is TAL506.)
struct FirewallTalosPortExposed: Rule {
  static let description = RuleDescription(
    id: "TAL502", name: "firewall-talos-port-exposed", severity: .error,
    summary: "a firewall rule opens trustd, etcd, the kubelet or a control-plane port to a public network",
    rationale: """
      A NetworkRuleConfig whose ports include trustd 50001, etcd 2379–2380, kubelet 10250, \
      controller-manager 10257 or scheduler 10259 and whose subnet is `0.0.0.0/0`, `::/0` or any range \
      outside RFC 1918, RFC 4193, loopback and link-local exposes certificate issuing, the cluster's \
      datastore or the kubelet API to the internet. Port ranges count (`1-65535`), and an `except` \
      carve-out does not make a world-open rule private.
      """,
    remediation: "Restrict the rule's `ingress` subnets to the cluster (kubelet, trustd) or the control-plane nodes (etcd).",
    references: [.talos("ingress firewall guide: recommended rules"), .cis("2.1")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: etcd
        portSelector:
          ports:
            - 2379-2380
          protocol: tcp
        ingress:
          - subnet: ↓0.0.0.0/0
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: etcd
        portSelector:
          ports:
            - 2379-2380
          protocol: tcp
        ingress:
          - subnet: 10.0.0.0/24
        """),
    ])

  static let ports: [(port: Int, service: String)] = [
    (50001, "trustd"), (2379, "etcd client"), (2380, "etcd peer"), (10250, "kubelet"),
    (10257, "kube-controller-manager"), (10259, "kube-scheduler"),
  ]

  func check(_ context: inout RuleContext) {
    FirewallExposure.reportPublic(Self.ports, in: &context) { rule, opened, to in
      "firewall rule '\(rule)' opens \(opened) to \(to); allow only private cluster networks"
    }
  }
}
