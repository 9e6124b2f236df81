import TalintCore

/// With `protectKernelDefaults` the kubelet refuses to start when kernel tunables differ from
/// what it expects, instead of silently changing them. Talos forces it on in the config file;
/// only a flag can turn it off.
struct KubeletProtectKernelDefaultsDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL325", name: "kubelet-protect-kernel-defaults-disabled", severity: .warning,
    summary: "the kubelet may change kernel tunables itself",
    rationale: "Talos sets `protectKernelDefaults: true` (no longer a CIS control, still a hardening). A `protect-kernel-defaults=false` flag lets the kubelet modify kernel parameters Talos manages.",
    remediation: "Remove the `protect-kernel-defaults` flag.",
    references: [.talos("kubelet configuration: protectKernelDefaults"), .other("CIS Kubernetes Benchmark 1.7 4.2.6")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraArgs:
              protect-kernel-defaults: ↓"false"
        """),
      .passing(
        """
        machine:
          kubelet:
            extraArgs:
              protect-kernel-defaults: "true"
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.kubelet, named: "protect-kernel-defaults") where value.bool == false {
      context.report("kubelet protect-kernel-defaults is off; remove the flag", at: value)
    }
  }
}
