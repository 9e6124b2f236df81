import TalintCore

/// etcd's metrics listener answers without client certificates when given an `http://` URL;
/// bound beyond loopback it exposes cluster internals to the network.
struct EtcdMetricsPlaintextExposed: Rule {
  static let description = RuleDescription(
    id: "TAL316", name: "etcd-metrics-plaintext-exposed", severity: .warning,
    summary: "etcd serves metrics over plain HTTP beyond loopback",
    rationale: "`listen-metrics-urls` with an `http://` URL on a non-loopback address serves etcd's metrics and health without TLS or authentication to anyone on the network.",
    remediation: "Use `http://127.0.0.1:2381` and scrape locally, or an `https://` URL.",
    references: [.cis("2.1"), .talos("etcd extraArgs")],
    examples: [
      .triggering(
        """
        cluster:
          etcd:
            extraArgs:
              listen-metrics-urls: ↓http://0.0.0.0:2381
        """),
      .passing(
        """
        cluster:
          etcd:
            extraArgs:
              listen-metrics-urls: http://127.0.0.1:2381
        """),
    ])

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.etcd, named: "listen-metrics-urls") {
      for url in value.commaItems {
        guard let parsed = Addresses.urlHost(url), parsed.scheme == "http", !Addresses.isLoopback(parsed.hostAndPort) else { continue }
        context.report("etcd listen-metrics-urls serves \(url) over plain HTTP beyond loopback; bind it to 127.0.0.1 or use https", at: value)
      }
    }
  }
}
