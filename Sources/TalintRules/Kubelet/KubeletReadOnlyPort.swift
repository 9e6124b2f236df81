import TalintCore

/// The read-only port (10255) serves pod and node information without authentication.
struct KubeletReadOnlyPort: Rule {
  static let description = RuleDescription(
    id: "TAL322", name: "kubelet-read-only-port", severity: .warning,
    summary: "the kubelet's unauthenticated read-only port is opened",
    rationale: "A non-zero `read-only-port` flag or `readOnlyPort` setting serves pod specs (with environment variables), node details and metrics over plain HTTP with no authentication. Talos leaves it off.",
    remediation: "Remove the setting or set it to 0; scrape metrics through the authenticated port 10250.",
    references: [.cis("4.2.4")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraConfig:
              readOnlyPort: ↓10255
        """),
      .passing(
        """
        machine:
          kubelet:
            extraConfig:
              readOnlyPort: 0
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    var values = context.views.extraArgValues(.kubelet, named: "read-only-port")
    values += context.views.kubeletConfigs.compactMap { $0.child("readOnlyPort") }
    for value in values {
      guard let port = value.int, port != 0 else { continue }
      context.report(
        "kubelet read-only port \(port) serves the kubelet API without authentication; set it to 0", at: value,
        fix: context.replacement(of: value, with: "0", title: "Set the read-only port to 0"))
    }
  }
}
