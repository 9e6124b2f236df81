import TalintCore

/// Where Talos documents the only values a key takes, any other is rejected when the config is
/// decoded or validated.
struct ValueNotInEnum: Rule {
  static let description = RuleDescription(
    id: "TAL013", name: "value-not-allowed", severity: .error,
    summary: "a value outside the set Talos accepts for the key",
    rationale: """
      Some keys take one of a fixed set of values (`machine.type`, a CNI `name`, a bond's `bondMode`, \
      a firewall port's `protocol`). Talos refuses a config with any other value, so a typo or a \
      value of another tool stops the node from applying it.
      """,
    remediation: "Use one of the values the message lists.",
    references: [.talos("reference/configuration")],
    examples: [
      .triggering(
        """
        machine:
          type: ↓controller
        """),
      .passing(
        """
        machine:
          type: controlplane
        """),
    ])

  func check(_ context: inout RuleContext) {
    context.reportStructure(.outsideEnum)
  }
}
