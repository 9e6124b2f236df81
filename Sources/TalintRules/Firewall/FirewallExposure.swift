import TalintCore

/// What a NetworkRuleConfig opens to networks beyond the private ranges: the shared reading
/// of the exposure rules (TAL502, TAL503, TAL505, TAL506).
struct FirewallExposure {
  var rule: FirewallRule
  /// The subnets that are not entirely private (an `except` does not make them private).
  var publicSubnets: [(found: Found, cidr: CIDR)]

  init(_ rule: FirewallRule) {
    self.rule = rule
    publicSubnets = rule.subnets.compactMap { subnet in subnet.cidr.map { (subnet.found, $0) } }.filter { !$0.1.isPrivate }
  }

  /// TCP rules only: UDP and ICMP rules do not open Talos's TCP services.
  var carriesTCP: Bool { rule.protocolName == nil || rule.protocolName == "tcp" }

  /// Which of `ports` the rule's port ranges contain.
  func opened(_ ports: [(port: Int, service: String)]) -> [(port: Int, service: String)] {
    ports.filter { port in rule.ports.contains { $0.range?.contains(port.port) == true } }
  }

  func describe(_ ports: [(port: Int, service: String)]) -> String {
    ports.map { "\($0.port) (\($0.service))" }.joined(separator: ", ")
  }
}

extension FirewallExposure {
  /// The public-exposure report of TAL502, TAL503 and TAL506: for each TCP rule that opens any
  /// of `ports`, one finding at each of its public subnets. `message` words it from the rule's
  /// name, the ports it opens (`2379 (etcd client), …`) and to whom (`the whole internet`,
  /// `public network 203.0.113.0/24`).
  static func reportPublic(
    _ ports: [(port: Int, service: String)], in context: inout RuleContext,
    message: (_ rule: String, _ opened: String, _ to: String) -> Message
  ) {
    for rule in context.views.firewallRules {
      let exposure = FirewallExposure(rule)
      let opened = exposure.opened(ports)
      guard exposure.carriesTCP, !opened.isEmpty else { continue }
      for (subnet, cidr) in exposure.publicSubnets {
        context.report(message(rule.name ?? "?", exposure.describe(opened), cidr.isEverything ? "the whole internet" : "public network \(cidr)"), at: subnet)
      }
    }
  }
}
