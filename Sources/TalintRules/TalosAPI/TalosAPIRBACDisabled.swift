import TalintCore

/// Without Talos API RBAC every client certificate the CA signed is an admin, whatever role it
/// was issued for. Until Talos 1.11 an unset `rbac` meant false; from 1.12 the feature is
/// locked on and the key ignored (FACTS.md §9).
struct TalosAPIRBACDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL701", name: "talos-api-rbac-disabled", severity: .error,
    summary: "Talos API role-based access control is turned off",
    rationale: """
      `machine.features.rbac: false` makes apid treat every authenticated client as `os:admin`, so a \
      read-only (`os:reader`) talosconfig can reset, upgrade or read secrets from nodes. Talos 1.12 \
      and later ignore the key and keep RBAC on, but a config that says false still states the wrong \
      intent and is unsafe on older nodes.
      """,
    remediation: "Set `machine.features.rbac: true` or remove the key.",
    references: [.talos("Talos API RBAC")],
    examples: [
      .triggering("machine:\n  features:\n    rbac: false\n"),
      .passing("machine:\n  features:\n    rbac: true\n"),
    ])

  func check(_ context: inout RuleContext) {
    for setting in context.config.find(.v1alpha1(["machine", "features", "rbac"])) where setting.bool == false {
      let note = context.version >= TalosVersion(1, 12) ? " (Talos \(context.version) ignores it, older nodes do not)" : ""
      context.report("machine.features.rbac is false, which makes every Talos API client an admin\(note); set it to true", at: setting)
    }
  }
}
