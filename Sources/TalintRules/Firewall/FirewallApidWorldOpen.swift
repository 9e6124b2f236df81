import TalintCore

/// apid is mutually authenticated, and Talos's own firewall guide opens it to everyone on
/// control planes so `talosctl` works from anywhere; but the node-management API is better
/// reachable only from the networks admins use.
struct FirewallApidWorldOpen: Rule {
  static let description = RuleDescription(
    id: "TAL506", name: "firewall-apid-world-open", severity: .warning,
    summary: "a firewall rule opens apid (50000) to a public network",
    rationale: """
      apid accepts only clients with a certificate from the machine's Talos CA, and the ingress \
      firewall guide opens it to `0.0.0.0/0` on control planes. A public apid is still exposed to \
      stolen talosconfigs and to the next pre-authentication flaw; where admins come from known \
      networks, list them (`networks.admin` in .talint.yaml records them for TAL505).
      """,
    remediation: "List your admin and VPN networks in the rule's `ingress` instead of `0.0.0.0/0`; suppress with a reason where talosctl must reach nodes from anywhere.",
    references: [.talos("ingress firewall guide: recommended rules"), .cis("2.1")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: apid-ingress
        portSelector:
          ports:
            - 50000
          protocol: tcp
        ingress:
          - subnet: ↓0.0.0.0/0
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: apid-ingress
        portSelector:
          ports:
            - 50000
          protocol: tcp
        ingress:
          - subnet: 10.10.0.0/24
        """),
    ])

  func check(_ context: inout RuleContext) {
    let admin = context.settings.networks.admin
    let advice = admin.isEmpty ? "restrict it to your admin networks" : "restrict it to the admin networks (\(admin.map(\.description).joined(separator: ", ")))"
    FirewallExposure.reportPublic([(50000, "apid")], in: &context) { rule, _, to in
      "firewall rule '\(rule)' opens apid (50000) to \(to), as Talos's guide does for control planes; \(advice)"
    }
  }
}
