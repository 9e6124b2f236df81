import TalintCore

/// ICMP redirects, source routing and SYN cookies are the network sysctls Talos's hardening
/// guide and defaults tighten; turning them back on exposes the node to route injection and
/// SYN floods.
struct NetworkSysctlWeakened: Rule {
  static let description = RuleDescription(
    id: "TAL202", name: "network-sysctl-weakened", severity: .warning,
    summary: "a network hardening sysctl is weakened (redirects, source routing, SYN cookies, ICMP)",
    rationale: """
      Accepting ICMP redirects (`accept_redirects`, `secure_redirects`) or source-routed packets \
      (`accept_source_route`) lets another host rewrite the node's routes; sending redirects \
      (`send_redirects`, 0 by default from Talos 1.14) only belongs on routers; `tcp_syncookies=0` \
      removes SYN-flood protection; the ICMP ignore settings (1 by default from 1.12) stop the node \
      answering broadcast pings and bogus errors. Interface-specific keys count too.
      """,
    remediation: "Remove the override. A node that routes for others (an L3 gateway) may need `send_redirects=1`: suppress the finding with that reason.",
    references: [.talos("kernel parameter defaults (net.ipv4.*)"), .other("CIS Distribution Independent Linux 3.2")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: SysctlConfig
        params:
          net.ipv4.conf.all.accept_redirects: ↓"1"
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: SysctlConfig
        params:
          net.ipv4.conf.all.accept_redirects: "0"
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    for sysctl in context.views.hardenedSysctls {
      guard let match = sysctl.networkHardening,
        let value = sysctl.found.int, value == match.weakValue
      else { continue }
      context.report(
        "\(sysctl.name)=\(value) weakens network hardening; remove the override", at: sysctl.found,
        fix: context.removal(of: sysctl.found, title: "Remove the \(sysctl.name) override"))
    }
  }
}
