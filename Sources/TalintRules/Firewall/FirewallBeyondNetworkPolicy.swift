import TalintCore

/// With `networks` in `.talint.yaml`, a project states who should reach each Talos service:
/// apid the admin networks, etcd the control plane, the kubelet and trustd the cluster. A
/// private subnet wider than that is still more exposure than intended.
struct FirewallBeyondNetworkPolicy: Rule {
  static let description = RuleDescription(
    id: "TAL505", name: "firewall-beyond-network-policy", severity: .warning,
    summary: "a firewall rule opens a Talos port to more than the project's networks allow",
    rationale: """
      When `.talint.yaml` lists `networks` (`admin`, `controlPlane`, `cluster` CIDRs), apid \
      (50000) should be open only to admin networks, etcd (2379–2380) only to control-plane \
      networks, and the kubelet (10250) and trustd (50001) only to cluster networks. A subnet outside \
      those — even a private one — lets more machines reach node management than the project \
      intends. Public subnets are TAL502's findings. Without `networks` this rule is silent.
      """,
    remediation: "Narrow the rule's `ingress` subnets to the networks in .talint.yaml, or widen `networks` if the project really means it.",
    references: [.talos("ingress firewall guide: recommended rules"), .other("talint README: networks")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: apid
        portSelector:
          ports:
            - 50000
          protocol: tcp
        ingress:
          - subnet: ↓10.0.0.0/8
        """,
        settings: exampleSettings),
      .passing(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: apid
        portSelector:
          ports:
            - 50000
          protocol: tcp
        ingress:
          - subnet: 10.10.0.0/24
        """,
        settings: exampleSettings),
    ])

  /// The examples' `.talint.yaml`: `networks: {admin: [10.10.0.0/24]}`.
  static let exampleSettings = LintSettings(networks: NetworkPolicy(admin: [CIDR("10.10.0.0/24")!]))

  func check(_ context: inout RuleContext) {
    let networks = context.settings.networks
    guard !networks.isEmpty else { return }
    let services: [(port: Int, service: String, allowed: [CIDR], name: String)] = [
      (50000, "apid", networks.admin, "admin"), (50001, "trustd", networks.cluster, "cluster"),
      (2379, "etcd client", networks.controlPlane, "controlPlane"), (2380, "etcd peer", networks.controlPlane, "controlPlane"),
      (10250, "kubelet", networks.cluster, "cluster"),
    ]
    for rule in context.views.firewallRules {
      let exposure = FirewallExposure(rule)
      guard exposure.carriesTCP else { continue }
      for (subnet, cidr) in rule.subnets.compactMap({ entry in entry.cidr.map { (entry.found, $0) } }) where cidr.isPrivate {
        for service in services where !service.allowed.isEmpty && !exposure.opened([(service.port, service.service)]).isEmpty {
          guard !service.allowed.contains(where: { cidr.isInside($0) }) else { continue }
          context.report(
            "firewall rule '\(rule.name ?? "?")' opens \(service.port) (\(service.service)) to \(cidr), outside the \(service.name) networks in .talint.yaml (\(service.allowed.map(\.description).joined(separator: ", ")))",
            at: subnet)
        }
      }
    }
  }
}
