import TalintCore

/// Talos owns some kubelet configuration keys (authentication, authorization, certificate
/// rotation, kernel-default protection, seccomp default); a config that sets them is rejected.
struct KubeletConfigProtectedKey: Rule {
  static let description = RuleDescription(
    id: "TAL328", name: "kubelet-config-protected-key", severity: .error,
    summary: "the kubelet configuration override sets a key Talos owns",
    rationale: """
      `machine.kubelet.extraConfig` and `KubeletConfig.config` may not contain `authentication`, \
      `authorization`, `rotateCertificates`, `protectKernelDefaults`, `seccompDefault`, `port`, \
      `staticPodPath` and the other keys Talos sets itself; Talos fails with "can't be overridden". \
      These are also the kubelet's access-control settings.
      """,
    remediation: "Remove the key; use the dedicated Talos setting where one exists (defaultRuntimeSeccompProfileEnabled).",
    references: [.cis("4.2.1"), .cis("4.2.2"), .cis("4.2.10"), .talos("kubelet extraConfig")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraConfig:
              ↓authentication:
                anonymous:
                  enabled: true
        """),
      .passing(
        """
        machine:
          kubelet:
            extraConfig:
              maxPods: 250
        """),
    ])

  func check(_ context: inout RuleContext) {
    for config in context.views.kubeletConfigs {
      for (name, value) in config.entries where TalosDefaults.kubeletProtectedConfigKeys.contains(name) {
        context.report("\(value.keyPath) is owned by Talos and cannot be overridden; Talos rejects the config — remove it", atKeyOf: value)
      }
    }
  }
}
