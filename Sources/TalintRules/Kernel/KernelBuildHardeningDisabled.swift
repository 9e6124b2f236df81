import TalintCore

/// Kernel arguments that turn off hardening the Talos kernel is built with (its Kconfig in
/// siderolabs/pkgs, docs/talos-facts.md): KASLR, kernel stack offset randomisation, the removed
/// vsyscall page and the per-vulnerability CPU mitigations. A sibling of TAL102, which judges
/// each argument against Talos's own command line; this rule judges the command line an
/// argument list ends with, so `spectre_v2=off` undone by a later `-spectre_v2` or
/// `spectre_v2=on` is silent (the kernel reads a repeated argument's last value).
struct KernelBuildHardeningDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL105", name: "kernel-build-hardening-disabled", severity: .error,
    summary: "a kernel argument turns off KASLR, stack randomisation, vsyscall removal or a CPU mitigation",
    rationale: """
      The Talos kernel is built with KASLR (`CONFIG_RANDOMIZE_BASE`), per-syscall kernel stack offset \
      randomisation on by default (`CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT`), no vsyscall page \
      (`CONFIG_LEGACY_VSYSCALL_NONE`, amd64) and every CPU-vulnerability mitigation (`CONFIG_MITIGATION_*`). \
      `nokaslr`, `randomize_kstack_offset=off`, `vsyscall=emulate`/`xonly`, `nospectre_v1`, `nospectre_v2`, \
      `spectre_v2=off`, `spec_store_bypass_disable=off`, `nospec_store_bypass_disable`, `mds=off`, \
      `tsx_async_abort=off` and `l1tf=off` undo them: kernel addresses become predictable, a fixed-address \
      executable page returns for return-oriented programming, and other tenants' data can be read \
      through speculative execution. Extra arguments are appended after Talos's defaults, so they take \
      effect; the x86-only ones are ignored on arm64 machines. The message says where the kernel ignores \
      an argument: `nosmap`/`nosmep` (x86 dropped them in Linux 5.18, every Talos release ships 6.x), and \
      `tsx_async_abort=off` while TSX stays off (the Talos kernel is built with `CONFIG_X86_INTEL_TSX_MODE_OFF`). \
      Not reported, because the Talos kernel already runs that way: `init_on_free=0` and `slub_debug=-` \
      (both off by default), `debugfs=on` (`CONFIG_DEBUG_FS_ALLOW_ALL`) and `page_alloc.shuffle=0` \
      (shuffling is off unless asked for).
      """,
    remediation: "Remove the argument; if a workload truly needs it (measured, on hardware you own alone), record why in a suppression.",
    references: [
      .kspp("no nokaslr, randomize_kstack_offset=on, vsyscall=none, no mitigations turned off"),
      .other("https://docs.kernel.org/admin-guide/kernel-parameters.html"),
      .other("https://docs.kernel.org/admin-guide/hw-vuln/index.html"),
    ],
    examples: [
      .triggering(
        """
        machine:
          install:
            extraKernelArgs:
              - ↓nokaslr
        """),
      .passing(
        """
        machine:
          install:
            extraKernelArgs:
              - spectre_v2=off
              - -spectre_v2
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    let args = Self.inForce(context.views.kernelArgs)
    let tsxOn = args.contains { $0.value.key == "tsx" && $0.value.value == "on" }
    for arg in args {
      guard let why = Self.weakening(arg.value) else { continue }
      // An argument the Talos kernel ignores, or `tsx_async_abort=off` while TSX stays off,
      // weakens nothing today: named at info, so the line goes before it starts to matter.
      let inert = Self.ignoredByTalosKernel.contains(arg.value.key) || (arg.value.key == "tsx_async_abort" && !tsxOn)
      context.report(
        "'\(arg.value.text)' \(why)", at: arg.range, keyPath: arg.keyPath, severity: inert ? .info : nil,
        fix: context.removal(of: arg, title: "Remove '\(arg.value.text)'"))
    }
  }

  /// Arguments x86 dropped in Linux 5.18 (every Talos release ships 6.x): the kernel ignores them.
  static let ignoredByTalosKernel: Set<String> = ["nosmap", "nosmep"]

  /// The arguments the command line ends with, in their order: Talos applies them one after
  /// another, `-key` dropping every value of `key` before it and `-key=value` that value. Each
  /// argument is dropped at most once, through an index of what each removal can reach, so a
  /// file of thousands of documents costs what its arguments do, not their square.
  static func inForce(_ args: [Located<KernelArg>]) -> [Located<KernelArg>] {
    var kept: [Located<KernelArg>?] = []
    var byKey: [String: [Int]] = [:]
    var byKeyAndValue: [String: [Int]] = [:]
    for arg in args {
      let key = arg.value.key
      guard arg.value.removes else {
        byKey[key, default: []].append(kept.count)
        if let value = arg.value.value { byKeyAndValue[key + "=" + value, default: []].append(kept.count) }
        kept.append(arg)
        continue
      }
      if let value = arg.value.value {
        for index in byKeyAndValue.removeValue(forKey: key + "=" + value) ?? [] { kept[index] = nil }
      } else {
        for index in byKey.removeValue(forKey: key) ?? [] { kept[index] = nil }
      }
    }
    // A key given several values takes its last one.
    var seen: Set<String> = []
    var result: [Located<KernelArg>] = []
    for arg in kept.reversed() {
      guard let arg, seen.insert(arg.value.key).inserted else { continue }
      result.append(arg)
    }
    return result.reversed()
  }

  static func weakening(_ arg: KernelArg) -> String? {
    let x86Only = "(x86 only: arm64 ignores it)"
    return switch (arg.key, arg.value) {
    case ("nokaslr", nil): "turns off kernel address-space layout randomisation (KASLR); remove it"
    case ("randomize_kstack_offset", let value?) where ["off", "0", "n", "no"].contains(value.lowercased()):
      "turns off the per-syscall kernel stack offset randomisation the Talos kernel enables by default; remove it"
    case ("vsyscall", let value?) where value == "emulate" || value == "xonly":
      "brings back the fixed-address vsyscall page that the Talos kernel leaves out (vsyscall=none) \(x86Only); remove it"
    case ("nospectre_v1", nil): "turns off the Spectre v1 (bounds check bypass) mitigation \(x86Only); remove it"
    case ("nospectre_v2", nil): "turns off the Spectre v2 (branch target injection) mitigation; remove it"
    case ("spectre_v2", "off"): "turns off the Spectre v2 (branch target injection) mitigation \(x86Only); remove it"
    case ("spec_store_bypass_disable", "off"):
      "turns off the Speculative Store Bypass (Spectre v4) mitigation \(x86Only); remove it"
    case ("nospec_store_bypass_disable", nil): "turns off the Speculative Store Bypass (Spectre v4) mitigation; remove it"
    case ("mds", "off"): "turns off the Microarchitectural Data Sampling mitigation on affected Intel CPUs \(x86Only); remove it"
    case ("l1tf", "off"): "turns off the L1 Terminal Fault mitigation on affected Intel CPUs \(x86Only); remove it"
    case ("tsx_async_abort", "off"):
      "turns off the TSX Async Abort mitigation on affected Intel CPUs; the Talos kernel keeps TSX off (CONFIG_X86_INTEL_TSX_MODE_OFF), where it changes nothing until `tsx=on` \(x86Only); remove it"
    case ("nosmap", nil), ("nosmep", nil):
      "asks to turn off \(arg.key == "nosmap" ? "SMAP" : "SMEP"), which the Talos kernel ignores (x86 dropped the argument in Linux 5.18; arm64 never had it), so the node keeps it; remove it"
    default: nil
    }
  }
}
