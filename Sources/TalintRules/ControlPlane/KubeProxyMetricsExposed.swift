import TalintCore

/// kube-proxy's metrics endpoint has no authentication; upstream binds it to 127.0.0.1.
struct KubeProxyMetricsExposed: Rule {
  static let description = RuleDescription(
    id: "TAL317", name: "kube-proxy-metrics-exposed", severity: .warning,
    summary: "kube-proxy serves metrics beyond loopback",
    rationale: "kube-proxy's metrics endpoint is unauthenticated. `metrics-bind-address` (or `metricsBindAddress` in KubeProxyConfig.config) off loopback exposes it to the network.",
    remediation: "Remove the override (the default is 127.0.0.1:10249).",
    references: [.cis("4.3.1")],
    examples: [
      .triggering(
        """
        cluster:
          proxy:
            extraArgs:
              metrics-bind-address: ↓0.0.0.0:10249
        """),
      .passing(
        """
        cluster:
          proxy:
            extraArgs:
              metrics-bind-address: 127.0.0.1:10249
        """),
    ])

  /// The kube-proxy metrics address set in its document.
  static let metricsBindAddress = ReadSlot([.typed(.kubeProxyConfig, ["config", "metricsBindAddress"])])
  static let reads = [metricsBindAddress]

  func check(_ context: inout RuleContext) {
    var values = context.views.extraArgValues(.proxy, named: "metrics-bind-address")
    values += context.values(Self.metricsBindAddress)
    for value in values where value.string.map(Addresses.isLoopback) == false {
      context.report("kube-proxy metrics bind address \(value.string ?? "") is beyond loopback; keep 127.0.0.1", at: value)
    }
  }
}
