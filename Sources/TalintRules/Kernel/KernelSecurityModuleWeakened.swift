import TalintCore

/// Arguments that switch off kernel lockdown, a Linux security module or Talos's audit
/// daemon: each removes a layer that limits what a compromised root process can do.
struct KernelSecurityModuleWeakened: Rule {
  static let description = RuleDescription(
    id: "TAL103", name: "kernel-security-module-weakened", severity: .warning,
    summary: "a kernel argument turns off lockdown, an LSM, auditing or /proc/pid/mem protection",
    rationale: """
      `lockdown=none` or `-lockdown` drops kernel lockdown (which SecureBoot images rely on), \
      `security=none`, `apparmor=0`, `selinux=0` or `-selinux` turn off Linux security modules (Talos \
      boots with `selinux=1` from 1.10), `talos.auditd.disabled=1` stops Talos's audit daemon, and \
      removing or loosening `proc_mem.force_override=never` (default from 1.13) lets root write other \
      processes' memory through /proc.
      """,
    remediation: "Remove the argument, or record why the node needs it in a suppression.",
    references: [.kspp("lockdown, LSM enabled"), .talos("SELinux, SecureBoot, kernel reference")],
    examples: [
      .triggering("customization:\n  extraKernelArgs:\n    - lockdown=none\n"),
      .passing("customization:\n  extraKernelArgs:\n    - lockdown=confidentiality\n"),
    ])

  func check(_ context: inout RuleContext) {
    for arg in context.config.kernelArgs {
      guard let why = Self.weakening(arg.value) else { continue }
      context.report("'\(arg.value.text)' \(why); remove it unless the node needs it", at: arg.range, keyPath: arg.keyPath)
    }
  }

  static func weakening(_ arg: KernelArg) -> String? {
    switch (arg.removes, arg.key, arg.value) {
    case (false, "lockdown", "none"), (true, "lockdown", _): "turns off kernel lockdown"
    case (false, "security", "none"): "turns off every Linux security module"
    case (false, "apparmor", "0"): "turns off AppArmor"
    case (false, "selinux", "0"), (true, "selinux", _): "turns off SELinux, which Talos enables by default"
    case (false, "talos.auditd.disabled", "1"): "stops Talos's kernel audit daemon"
    case (true, "proc_mem.force_override", _): "removes the /proc/pid/mem write protection Talos sets"
    case (false, "proc_mem.force_override", let value?) where value != "never":
      "lets /proc/pid/mem writes bypass page protections"
    default: nil
    }
  }
}
