import TalintCore

/// The Kubernetes API is authenticated, and Talos's own guide opens 6443 to everyone, but an
/// API reachable from the internet is exposed to credential stuffing and to the next
/// pre-authentication vulnerability.
struct FirewallKubernetesAPIWorldOpen: Rule {
  static let description = RuleDescription(
    id: "TAL503", name: "firewall-kubernetes-api-world-open", severity: .warning,
    summary: "a firewall rule opens the Kubernetes API (6443) to a public network",
    rationale: "kube-apiserver authenticates every request, but an API open to the internet is a target for credential attacks and unauthenticated vulnerabilities. Restrict it to the networks your users and CI come from where you can.",
    remediation: "List your admin, VPN and CI networks in the rule's `ingress` instead of `0.0.0.0/0`; suppress with a reason if the API must be public.",
    references: [.talos("ingress firewall guide: kubernetes-api-ingress")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: kubernetes-api
        portSelector:
          ports:
            - 6443
          protocol: tcp
        ingress:
          - subnet: ↓0.0.0.0/0
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: kubernetes-api
        portSelector:
          ports:
            - 6443
          protocol: tcp
        ingress:
          - subnet: 192.168.0.0/16
        """),
    ])

  func check(_ context: inout RuleContext) {
    FirewallExposure.reportPublic([(6443, "kube-apiserver")], in: &context) { rule, _, to in
      "firewall rule '\(rule)' opens the Kubernetes API (6443) to \(to); restrict it to known networks"
    }
  }
}
