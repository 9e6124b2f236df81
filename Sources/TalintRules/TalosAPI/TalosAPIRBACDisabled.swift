import TalintCore

/// Without Talos API RBAC every client certificate the CA signed is an admin, whatever role it
/// was issued for. Until Talos 1.11 an unset `rbac` meant false; from 1.12 the feature is
/// locked on and the key ignored (docs/talos-facts.md#talos-api-rbac).
struct TalosAPIRBACDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL701", name: "talos-api-rbac-disabled", severity: .error,
    summary: "Talos API role-based access control is turned off (Talos 1.11 and older)",
    rationale: """
      `machine.features.rbac: false` makes apid treat every authenticated client as `os:admin`, so a \
      read-only (`os:reader`) talosconfig can reset, upgrade or read secrets from nodes. Up to Talos 1.11 \
      an unset `rbac` also meant false: deleting it with a patch, or a complete config without it, turns \
      RBAC off too. Talos 1.12 and later ignore the key and keep RBAC on, so there it is not reported.
      """,
    remediation: "Set `machine.features.rbac: true` (and keep it in complete configs for Talos 1.11 and older).",
    references: [.talos("Talos API RBAC")],
    examples: [
      .triggering(
        """
        # talint: talos-version=1.11
        machine:
          features:
            rbac: ↓false
        """),
      .passing(
        """
        # talint: talos-version=1.11
        machine:
          features:
            rbac: true
        """),
    ], fixable: true)

  static let path = ["machine", "features", "rbac"]

  /// Where RBAC is set.
  static let rbac = ReadSlot([.v1alpha1(path)])
  static let reads = [rbac]

  func check(_ context: inout RuleContext) {
    guard !context.defaults.has(.rbacLockedOn) else { return }
    let settings = context.values(Self.rbac)
    for setting in settings where setting.bool == false {
      context.report(
        "machine.features.rbac is false, which makes every Talos API client an admin on Talos \(context.version); set it to true",
        at: setting, fix: context.replacement(of: setting, with: "true", title: "Set rbac to true"))
    }
    let version = context.version
    let deletions = context.config.v1alpha1Removals.filter { $0.deletes(Self.path) && $0.path.count >= 2 }.map { removal in
      (range: removal.range, message: Message("this patch deletes machine.features.rbac, which is false when unset on Talos \(version); set it to true instead"))
    }
    Self.secureDefault.check(&context, isSet: !settings.isEmpty, deletions: deletions) { context, complete in
      guard let machine = complete.child("machine") else { return }
      context.report(
        "this complete config does not set machine.features.rbac, which is false when unset on Talos \(context.version); add `features: {rbac: true}`",
        atKeyOf: machine.child("features") ?? machine)
    }
  }

  /// The generator writes `rbac: true` from Talos 0.11.
  static let secureDefault = SecureDefault(writtenFrom: .rbacGenerated)
}
