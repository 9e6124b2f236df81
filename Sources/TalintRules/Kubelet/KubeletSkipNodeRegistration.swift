import TalintCore

/// With `skipNodeRegistration`, Talos renders the kubelet with webhook authentication off and
/// authorization `AlwaysAllow` (docs/talos-facts.md#kubelet): anyone reaching port 10250 controls
/// the node's pods.
struct KubeletSkipNodeRegistration: Rule {
  static let description = RuleDescription(
    id: "TAL327", name: "kubelet-skip-node-registration", severity: .error,
    summary: "skipNodeRegistration turns kubelet authorization into AlwaysAllow",
    rationale: "A kubelet that skips node registration runs without webhook authentication and with AlwaysAllow authorization, so its API on port 10250 is open to any client that can reach it.",
    remediation: "Remove `skipNodeRegistration: true`, or firewall port 10250 to loopback only and record why in a suppression.",
    references: [.cis("4.2.2"), .talos("kubelet skipNodeRegistration")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            skipNodeRegistration: ↓true
        """),
      .passing(
        """
        machine:
          kubelet:
            skipNodeRegistration: false
        """),
    ])

  /// Where the setting is written, as a trie built once (not an array per file).
  /// Where node registration is skipped.
  static let skipNodeRegistration = ReadSlot([
    .v1alpha1(["machine", "kubelet", "skipNodeRegistration"]), .typed(.kubeNodeConfig, ["skipNodeRegistration"]),
  ])
  static let reads = [skipNodeRegistration]

  func check(_ context: inout RuleContext) {
    let settings = context.values(Self.skipNodeRegistration)
    for setting in settings where setting.bool == true {
      context.report("\(setting.keyPath) makes Talos run the kubelet with AlwaysAllow authorization and no webhook authentication", at: setting)
    }
  }
}
