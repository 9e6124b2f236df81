import TalintYAML

/// An inclusive port range of a `NetworkRuleConfig` (`8000` or `"8000-9000"`,
/// docs/talos-facts.md#ingress-firewall).
public struct PortRange: Sendable, Equatable {
  public var lower: Int
  public var upper: Int

  /// Reads an integer node or a `"lo-hi"` string; nil when malformed (a quoted single port
  /// is rejected by Talos too).
  init?(_ found: Found) {
    guard let text = found.string else { return nil }
    let style: ScalarStyle? = {
      if let style = found.yaml.style(found.node) { return style }
      return nil
    }()
    if let single = Int(text), style == .plain {
      guard (0...65535).contains(single) else { return nil }
      lower = single
      upper = single
      return
    }
    let ends = text.split(separator: "-", omittingEmptySubsequences: false)
    guard ends.count == 2, let lo = Int(String(ends[0]).trimmingBlanks()), let hi = Int(String(ends[1]).trimmingBlanks()),
      (0...65535).contains(lo), (0...65535).contains(hi), lo <= hi
    else { return nil }
    lower = lo
    upper = hi
  }

  public func contains(_ port: Int) -> Bool { lower <= port && port <= upper }
}

/// One `NetworkRuleConfig` document: which ports it opens and to whom.
public struct FirewallRule: Sendable {
  public var name: String?
  public var document: Found
  /// Every `portSelector.ports` entry, parsed or not.
  public var ports: [(found: Found, range: PortRange?)]
  public var protocolName: String?
  /// Every `ingress[].subnet`, parsed or not, with its rule entry.
  public var subnets: [(found: Found, cidr: CIDR?)]
  /// Every `ingress[].except`, parsed or not.
  public var exceptions: [(found: Found, cidr: CIDR?)]
}

extension ConfigViews {
  /// The `NetworkRuleConfig` documents of this file.
  static func readFirewallRules(_ documents: [ConfigDocument]) -> [FirewallRule] {
    documents.compactMap { document in
      guard let top = Found(rootOf: document) else { return nil }
      let ports = top.descendants(["portSelector", "ports"]).flatMap(\.elements).map { ($0, PortRange($0)) }
      let ingress = top.descendants(["ingress", "[]"])
      return FirewallRule(
        name: top.child("name")?.string,
        document: top,
        ports: ports,
        protocolName: top.descendants(["portSelector", "protocol"]).first?.string?.lowercased(),
        subnets: ingress.compactMap { $0.child("subnet") }.map { ($0, $0.string.flatMap(CIDR.init)) },
        exceptions: ingress.compactMap { $0.child("except") }.map { ($0, $0.string.flatMap(CIDR.init)) })
    }
  }
}
