import TalintCore

/// Talos rejects a config that sets both `install.extraKernelArgs` and
/// `install.grubUseUKICmdline: true` (docs/talos-facts.md#kernel-command-line): the arguments would
/// be silently unused.
struct ExtraKernelArgsWithUKICmdline: Rule {
  static let description = RuleDescription(
    id: "TAL104", name: "extra-kernel-args-with-uki-cmdline", severity: .error,
    summary: "extraKernelArgs is set together with grubUseUKICmdline: true",
    rationale: """
      With `grubUseUKICmdline: true` GRUB boots the command line baked into the UKI, so \
      `machine.install.extraKernelArgs` cannot apply; Talos's validation rejects the pair \
      ("install.extraKernelArgs and install.grubUseUKICmdline can't be used together").
      """,
    remediation: "Bake the arguments into the boot image (Image Factory schematic `customization.extraKernelArgs`) and drop `extraKernelArgs`.",
    references: [.talos("v1alpha1 validation: install.extraKernelArgs")],
    examples: [
      .triggering(
        """
        machine:
          install:
            grubUseUKICmdline: true
            ↓extraKernelArgs:
              - console=ttyS0
        """),
      .passing(
        """
        machine:
          install:
            grubUseUKICmdline: true
        """),
    ])

  /// The install settings.
  static let install = ReadSlot([.v1alpha1(["machine", "install"])])
  static let reads = [install]

  func check(_ context: inout RuleContext) {
    for install in context.values(Self.install) {
      guard install.child("grubUseUKICmdline")?.bool == true, let args = install.child("extraKernelArgs"),
        !args.elements.isEmpty
      else { continue }
      context.report(
        "machine.install.extraKernelArgs cannot be used with grubUseUKICmdline: true (Talos rejects the config); move the arguments into the boot image",
        atKeyOf: args)
    }
  }
}
