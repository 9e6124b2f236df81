import TalintCore

/// `defaultRuntimeSeccompProfileEnabled` makes RuntimeDefault the seccomp profile of every
/// container that names none. It is false when unset; `talosctl gen config` writes true for
/// contracts after 1.1 (docs/talos-facts.md#kubelet), so a full config without it predates that or
/// lost it.
struct KubeletSeccompDefaultDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL326", name: "kubelet-seccomp-default-disabled", severity: .warning,
    summary: "containers run without a seccomp profile by default",
    rationale: """
      Without the RuntimeDefault seccomp profile, containers that do not ask for one may call every \
      system call, including the rarely used ones most kernel exploits need. Talos enables it through \
      `machine.kubelet.defaultRuntimeSeccompProfileEnabled` / `KubeletConfig.defaultRuntimeSeccompProfileEnabled`; \
      setting it false, deleting it (JSON patch `remove`, `$patch: delete`), or a complete config that \
      lacks it leaves it off.
      """,
    remediation: "Set `defaultRuntimeSeccompProfileEnabled: true`.",
    references: [.cis("5.7.2"), .talos("kubelet defaultRuntimeSeccompProfileEnabled")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            defaultRuntimeSeccompProfileEnabled: ↓false
        """),
      .passing(
        """
        machine:
          kubelet:
            defaultRuntimeSeccompProfileEnabled: true
        """),
    ], fixable: true)

  /// Where the seccomp default is set.
  static let seccompDefault = ReadSlot([
    .v1alpha1(["machine", "kubelet", "defaultRuntimeSeccompProfileEnabled"]),
    .typed(.kubeletConfig, ["defaultRuntimeSeccompProfileEnabled"]),
  ])
  static let reads = [seccompDefault]

  func check(_ context: inout RuleContext) {
    let settings = context.values(Self.seccompDefault)
    for setting in settings where setting.bool == false {
      context.report(
        "\(setting.keyPath) is false, so containers run without a seccomp profile; set it to true", at: setting,
        fix: context.replacement(of: setting, with: "true", title: "Set it to true"))
    }
    for value in context.views.extraArgValues(.kubelet, named: "seccomp-default") where value.bool == false {
      context.report(
        "kubelet seccomp-default is off; remove the flag", at: value,
        fix: context.replacement(of: value, with: "true", title: "Set seccomp-default to \"true\""))
    }
    let deletions = deletions(context.config).map { (range: $0, message: Message("this patch deletes defaultRuntimeSeccompProfileEnabled, which turns the seccomp default off")) }
    Self.secureDefault.check(&context, isSet: !settings.isEmpty, deletions: deletions) { context, complete in
      guard let machine = complete.child("machine") else { return }
      context.report(
        "this complete config does not set defaultRuntimeSeccompProfileEnabled, so it is false; add `defaultRuntimeSeccompProfileEnabled: true` to machine.kubelet",
        atKeyOf: machine.child("kubelet") ?? machine)
    }
  }

  /// The generator writes the setting for contracts after 1.1.
  static let secureDefault = SecureDefault(writtenFrom: .seccompDefaultGenerated)

  /// Where patches delete the setting: JSON patch `remove`, `$patch: delete` of it (or of what
  /// holds it), or of the KubeletConfig document.
  private func deletions(_ config: TalosConfig) -> [SourceRange] {
    let target = ["machine", "kubelet", "defaultRuntimeSeccompProfileEnabled"]
    var ranges: [SourceRange] = []
    for document in config.documents where document.isV1Alpha1 || document.talosKind == .kubeletConfig {
      ranges += document.removals.filter { $0.deletes(document.isV1Alpha1 ? target : ["defaultRuntimeSeccompProfileEnabled"]) }.map(\.range)
    }
    for document in config.deletedDocuments(ofKind: .kubeletConfig) {
      guard let root = Found(rootOf: document) else { continue }
      ranges.append(root.child("$patch")?.keyRange ?? root.range)
    }
    return ranges
  }
}
