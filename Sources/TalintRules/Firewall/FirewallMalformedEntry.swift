import TalintCore

/// Talos rejects a NetworkRuleConfig whose ports or subnets do not parse, so the rule the
/// author meant to apply is not applied at all.
struct FirewallMalformedEntry: Rule {
  static let description = RuleDescription(
    id: "TAL504", name: "firewall-malformed-entry", severity: .error,
    summary: "a firewall rule has a port or CIDR Talos cannot parse",
    rationale: """
      `portSelector.ports` takes integers or `"lo-hi"` strings within 0–65535 (a quoted single \
      port is rejected), and `ingress[].subnet`/`except` take CIDR prefixes such as `10.0.0.0/8` or \
      `fd00::/8`. A malformed entry makes Talos refuse the document, leaving the ports unprotected \
      (or, in block mode, the service unreachable).
      """,
    remediation: "Write ports as 50000 or \"2379-2380\" and subnets as address/prefix.",
    references: [.talos("NetworkRuleConfig reference")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: NetworkRuleConfig
        name: apid
        portSelector:
          ports:
            - ↓"50000"
          protocol: tcp
        ingress:
          - subnet: ↓10.0.0.0/33
        """),
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
          - subnet: 10.0.0.0/8
        """),
    ])

  func check(_ context: inout RuleContext) {
    for rule in context.views.firewallRules {
      for (port, range) in rule.ports where range == nil && !port.isUnknown {
        context.report("firewall rule '\(rule.name ?? "?")' has port '\(port.string ?? "")' that is not a port or \"lo-hi\" range", at: port)
      }
      for (subnet, cidr) in rule.subnets + rule.exceptions where cidr == nil && !subnet.isUnknown {
        context.report("firewall rule '\(rule.name ?? "?")' has '\(subnet.string ?? "")', which is not a CIDR prefix", at: subnet)
      }
    }
  }
}
