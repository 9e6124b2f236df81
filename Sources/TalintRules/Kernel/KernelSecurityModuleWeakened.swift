import TalintCore

/// Arguments that switch off kernel lockdown, a Linux security module or Talos's audit
/// daemon: each removes a layer that limits what a compromised root process can do.
struct KernelSecurityModuleWeakened: Rule {
  static let description = RuleDescription(
    id: "TAL103", name: "kernel-security-module-weakened", severity: .warning,
    summary: "a kernel argument turns off lockdown, an LSM, auditing or /proc/pid/mem protection",
    rationale: """
      `lockdown=none` or `-lockdown` drops kernel lockdown (which SecureBoot images rely on); \
      `-lockdown` then `lockdown=integrity` lowers it from confidentiality, Talos's SecureBoot \
      default before 1.14 (from 1.14 integrity is that default, and no finding); \
      `security=none` drops the major Linux security modules (SELinux, AppArmor; Yama, lockdown and \
      Landlock stay), `apparmor=0` turns off AppArmor, `selinux=0` or `-selinux` turn off SELinux (Talos \
      boots with `selinux=1` from 1.10; before, it is off anyway and not reported), \
      `talos.auditd.disabled=1` stops Talos's audit daemon, and removing or loosening \
      `proc_mem.force_override=never` (Talos's default from 1.13; before, the kernel's own default \
      applies and it is not reported) lets root write other processes' memory through /proc.
      """,
    remediation: "Remove the argument, or record why the node needs it in a suppression.",
    references: [.kspp("lockdown, LSM enabled"), .talos("SELinux, SecureBoot, kernel reference")],
    examples: [
      .triggering(
        """
        customization:
          extraKernelArgs:
            - ↓lockdown=none
        """),
      .passing(
        """
        customization:
          extraKernelArgs:
            - lockdown=confidentiality
        """),
    ])

  func check(_ context: inout RuleContext) {
    for arg in context.views.kernelArgs where arg.value.key != "lockdown" {
      guard let why = Self.weakening(arg.value, on: context.version) else { continue }
      context.report("'\(arg.value.text)' \(why); remove it unless the node needs it", at: arg.range, keyPath: arg.keyPath)
    }
    checkLockdown(&context)
  }

  /// Lockdown is judged by the mode the command line ends with, as Talos builds it: arguments
  /// apply in order, `-lockdown` deleting every `lockdown=` before it (the default's too),
  /// `-lockdown=V` that value. `-lockdown` then `lockdown=integrity` is a change of mode,
  /// reported only where it lowers Talos's own: SecureBoot images add
  /// `lockdown=confidentiality` before 1.14 (docs/talos-facts.md).
  private func checkLockdown(_ context: inout RuleContext) {
    var removal: Located<KernelArg>?
    var mode: Located<KernelArg>?
    for arg in context.views.kernelArgs where arg.value.key == "lockdown" {
      guard arg.value.removes else {
        mode = arg
        continue
      }
      let removed = arg.value.value
      if removed == nil || removed == mode?.value.value { mode = nil }
      if removed == nil || removed == "confidentiality" { removal = arg }
    }
    if let mode {
      if mode.value.value == "none" {
        report(mode, "turns off kernel lockdown", &context)
      } else if mode.value.value == "integrity", let removal, !context.defaults.has(.secureBootLockdownDropped) {
        context.report(
          "'\(removal.value.text)' then '\(mode.value.text)' lowers kernel lockdown from confidentiality, Talos's default on SecureBoot images before 1.14, to integrity (kernel memory becomes readable from user space); keep confidentiality unless the node needs it",
          at: mode.range, keyPath: mode.keyPath)
      }
    } else if let removal {
      report(removal, "turns off kernel lockdown", &context)
    }
  }

  private func report(_ arg: Located<KernelArg>, _ why: String, _ context: inout RuleContext) {
    context.report("'\(arg.value.text)' \(why); remove it unless the node needs it", at: arg.range, keyPath: arg.keyPath)
  }

  static func weakening(_ arg: KernelArg, on version: TalosVersion) -> String? {
    let selinux = version.has(.selinux)
    let procMem = version.has(.procMemProtected)
    return switch (arg.removes, arg.key, arg.value) {
    case (false, "security", "none"): "drops the major Linux security modules (SELinux, AppArmor; Yama, lockdown and Landlock stay)"
    case (false, "apparmor", "0"): "turns off AppArmor"
    case (false, "selinux", "0") where selinux, (true, "selinux", _) where selinux: "turns off SELinux, which Talos enables by default"
    case (false, "talos.auditd.disabled", "1"): "stops Talos's kernel audit daemon"
    case (true, "proc_mem.force_override", _) where procMem: "removes the /proc/pid/mem write protection Talos sets"
    case (false, "proc_mem.force_override", let value?) where value != "never" && procMem:
      "lets /proc/pid/mem writes bypass page protections"
    default: nil
    }
  }
}
