import TalintCore

/// What a NetworkRuleConfig opens to networks beyond the private ranges: the shared reading
/// of the two exposure rules.
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
