import TalintCore

/// Streaming connections (exec, attach, port-forward) with no idle timeout stay open forever,
/// which exhausts the kubelet and keeps sessions alive after access is revoked.
struct KubeletStreamingTimeoutDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL323", name: "kubelet-streaming-timeout-disabled", severity: .warning,
    summary: "the kubelet never closes idle streaming connections",
    rationale: "Talos sets `streamingConnectionIdleTimeout: 5m` (and replaces a zero value in the configuration file), but a `streaming-connection-idle-timeout=0` flag disables the timeout.",
    remediation: "Remove the flag, or give a non-zero duration such as 5m.",
    references: [.cis("4.2.5")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraArgs:
              streaming-connection-idle-timeout: ↓0s
        """),
      .passing(
        """
        machine:
          kubelet:
            extraArgs:
              streaming-connection-idle-timeout: 5m
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.kubelet, named: "streaming-connection-idle-timeout") where Durations.isZero(value.string ?? "") {
      context.report("kubelet streaming-connection-idle-timeout is 0, so idle exec/port-forward sessions never close; use 5m", at: value)
    }
  }
}
