import TalintCore

/// Talos applies the KSPP sysctls on every node but lets `machine.sysctls` and `SysctlConfig`
/// override them, logging only a warning on the node (docs/talos-facts.md#sysctls). A weaker value
/// here is the config undoing Talos's hardening.
struct KSPPSysctlWeakened: Rule {
  static let description = RuleDescription(
    id: "TAL201", name: "kspp-sysctl-weakened", severity: .warning,
    summary: "a KSPP sysctl Talos sets is overridden with a weaker value",
    rationale: """
      Talos sets the Kernel Self Protection Project sysctls (`kernel.kptr_restrict`, \
      `kernel.dmesg_restrict`, `kernel.unprivileged_bpf_disabled`, `net.core.bpf_jit_harden`, \
      `kernel.yama.ptrace_scope`, `fs.protected_*`, `fs.suid_dumpable`, `kernel.randomize_va_space`, …). \
      A user value replaces the default, so a weaker one re-opens kernel pointer leaks, unprivileged \
      BPF, ptrace of other processes or symlink/hardlink races. Values are compared as numbers; \
      a stricter value is fine.
      """,
    remediation: "Remove the override (Talos's default applies) or set a value at least as strict as the default.",
    references: [.kspp("recommended sysctls"), .talos("KSPP sysctls (pkg/kernel/kspp)")],
    examples: [
      .triggering(
        """
        machine:
          sysctls:
            kernel.kptr_restrict: ↓"0"
        """),
      .passing(
        """
        machine:
          sysctls:
            kernel.kptr_restrict: "2"
            vm.max_map_count: "262144"
        """),
    ], fixable: true)

  /// What to do. Raising `user.max_user_namespaces` is what user-namespaced pods
  /// (`hostUsers: false`) need, so removing it is not always possible: the choice is then
  /// deliberate, and a suppression records why.
  static func advice(_ name: String) -> String {
    name == "user.max_user_namespaces"
      ? "user namespaces are what user-namespaced pods (hostUsers: false) need: remove the override, or keep it with a suppression that says which workloads use them"
      : "remove the override"
  }

  func check(_ context: inout RuleContext) {
    let table = context.defaults.ksppSysctls
    for sysctl in context.views.hardenedSysctls {
      guard let expected = table[sysctl.name], let value = sysctl.found.int else { continue }
      let weaker: Bool
      switch expected.requirement {
      case .atLeast(let minimum): weaker = value < minimum
      case .atMost(let maximum): weaker = value > maximum
      }
      guard weaker else { continue }
      context.report(
        "\(sysctl.name)=\(value) weakens Talos's KSPP default \(expected.value) (Talos \(context.version)); \(Self.advice(sysctl.name))",
        at: sysctl.found, fix: context.removal(of: sysctl.found, title: "Remove the \(sysctl.name) override"))
    }
  }
}
