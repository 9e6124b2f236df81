import TalintCore

/// Kernel arguments that turn off a CPU-vulnerability mitigation, memory initialisation or
/// module signature enforcement. Talos appends extra arguments after its defaults, so these
/// override them on the running kernel even though the boot check still passes.
struct KernelHardeningDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL102", name: "kernel-hardening-disabled", severity: .error,
    summary: "a kernel argument turns off a mitigation or memory/module hardening",
    rationale: """
      `pti=off`/`nopti` disable page-table isolation (Meltdown), `mitigations=off` disables every \
      CPU-vulnerability mitigation, `init_on_alloc=0` leaves freshly allocated memory uninitialised \
      (info leaks), `slab_merge` undoes `slab_nomerge`, and `module.sig_enforce=0` or \
      `-module.sig_enforce` lets unsigned kernel modules load (Talos sets `module.sig_enforce=1` \
      from 1.12). Extra arguments are appended after Talos's defaults, so they take effect.
      """,
    remediation: "Remove the argument; if a workload truly needs it, document why and suppress this finding.",
    references: [.kspp("pti=on, init_on_alloc=1, module.sig_enforce=1, no mitigations=off"), .talos("kernel reference")],
    examples: [
      .triggering(
        """
        machine:
          install:
            extraKernelArgs:
              - ↓mitigations=off
        """),
      .passing(
        """
        machine:
          install:
            extraKernelArgs:
              - init_on_free=1
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    for arg in context.views.kernelArgs {
      guard let why = Self.weakening(arg.value, on: context.version) else { continue }
      context.report(
        "'\(arg.value.text)' \(why); remove it", at: arg.range, keyPath: arg.keyPath,
        fix: context.removal(of: arg, title: "Remove '\(arg.value.text)'"))
    }
  }

  static func weakening(_ arg: KernelArg, on version: TalosVersion) -> String? {
    let signing = version.has(.moduleSigning)
    return switch (arg.removes, arg.key, arg.value) {
    case (false, "pti", let value?) where value != "on": "turns off page-table isolation (Meltdown mitigation)"
    case (false, "nopti", _): "turns off page-table isolation (Meltdown mitigation)"
    case (false, "mitigations", "off"): "turns off every CPU-vulnerability mitigation"
    case (false, "init_on_alloc", "0"): "stops the kernel from zeroing allocated memory"
    case (false, "slab_merge", _): "re-enables slab cache merging that slab_nomerge prevents"
    case (true, "init_on_alloc", _) where !version.has(.initOnAllocDropped):
      "removes Talos's init_on_alloc=1, so the kernel stops zeroing allocated memory"
    case (false, "module.sig_enforce", let value?) where value != "1" && signing: "lets unsigned kernel modules load"
    case (true, "module.sig_enforce", _) where signing: "removes module signature enforcement, so unsigned kernel modules can load"
    default: nil
    }
  }
}
