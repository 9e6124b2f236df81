import TalintCore

/// Talos checks at boot that `slab_nomerge` is present and the first `pti` is `on`; removing
/// either with a `-` argument makes the node refuse to boot
/// (docs/talos-facts.md#kernel-command-line).
struct KSPPKernelArgRemoved: Rule {
  static let description = RuleDescription(
    id: "TAL101", name: "kspp-kernel-arg-removed", severity: .error,
    summary: "a kernel argument Talos requires at boot is removed",
    rationale: """
      Talos adds `slab_nomerge` and `pti=on` to every kernel command line and enforces them in its \
      first boot phase (KSPP requirements). `-slab_nomerge`, `-pti` or `-pti=on` deletes the default, \
      the check fails and the machine does not boot. Slab merging lets a heap overflow in one cache \
      reach objects of another; page-table isolation is the Meltdown mitigation.
      """,
    remediation: "Remove the `-slab_nomerge` / `-pti` entry from the extra kernel arguments.",
    references: [.kspp("slab_nomerge, pti=on"), .talos("kernel reference: required parameters")],
    examples: [
      .triggering(
        """
        machine:
          install:
            extraKernelArgs:
              - ↓-pti
        """),
      .passing(
        """
        machine:
          install:
            extraKernelArgs:
              - console=ttyS0
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    for arg in context.views.kernelArgs where arg.value.removes {
      let key = arg.value.key
      guard TalosDefaults.bootRequiredKernelArgs.contains(key), arg.value.value == nil || arg.value.value == "on"
      else { continue }
      context.report(
        "'\(arg.value.text)' removes the KSPP kernel argument '\(key == "pti" ? "pti=on" : key)' that Talos requires at boot; the node will refuse to boot",
        at: arg.range, keyPath: arg.keyPath, fix: context.removal(of: arg, title: "Remove '\(arg.value.text)'"))
    }
  }
}
