import TalintCore

/// Talos ships logs over plain TCP or UDP only; they cross the network readable and forgeable.
struct PlaintextLogDestination: Rule {
  static let description = RuleDescription(
    id: "TAL705", name: "plaintext-log-destination", severity: .info,
    summary: "logs are shipped over an unencrypted transport",
    rationale: """
      `machine.logging.destinations[].endpoint`, `KmsgLogConfig.url` and the `talos.logging.kernel=` kernel \
      argument accept `tcp://` and `udp://` only, and `EventSinkConfig.endpoint` speaks plaintext gRPC: logs \
      and events (which may carry tokens or hostnames) travel in clear text and can be spoofed.
      """,
    remediation: "Send logs to a collector on the node's own network segment or through a tunnel (KubeSpan, WireGuard); accept it with a suppression where that holds.",
    references: [.talos("logging destinations")],
    examples: [
      .triggering(
        """
        machine:
          logging:
            destinations:
              - endpoint: ↓udp://10.0.0.5:5140
                format: json_lines
        """),
      .passing(
        """
        machine:
          logging:
            destinations: []
        """),
    ])

  /// Where the setting is written, as a trie built once (not an array per file).
  /// Where logs are sent.
  static let endpoints = ReadSlot([
    .v1alpha1(["machine", "logging", "destinations", "[]", "endpoint"]), .typed(.kmsgLogConfig, ["url"]),
  ])
  /// Where events are sent.
  static let eventSinks = ReadSlot([.typed(.eventSinkConfig, ["endpoint"])])
  static let reads = [eventSinks, endpoints]

  func check(_ context: inout RuleContext) {
    let endpoints = context.values(Self.endpoints)
    for endpoint in endpoints {
      guard let url = endpoint.string, let parsed = Addresses.urlHost(url), parsed.scheme == "tcp" || parsed.scheme == "udp" else { continue }
      context.report("logs are sent unencrypted to \(url); keep the collector on a trusted network", at: endpoint)
    }
    for arg in context.views.kernelArgs where !arg.value.removes && arg.value.key == "talos.logging.kernel" {
      guard let url = arg.value.value, let parsed = Addresses.urlHost(url), parsed.scheme == "tcp" || parsed.scheme == "udp" else { continue }
      context.report("kernel logs are sent unencrypted to \(url); keep the collector on a trusted network", at: arg.range, keyPath: arg.keyPath)
    }
    for sink in context.values(Self.eventSinks) {
      guard let endpoint = sink.string else { continue }
      context.report("Talos events are sent over plaintext gRPC to \(endpoint); keep the sink on a trusted network", at: sink)
    }
  }
}
