import TalintCore

/// The kubelet's healthz endpoint (port 10248) is plain HTTP without authentication. Talos
/// leaves it on the kubelet's own default, 127.0.0.1; bound to every interface it answers
/// anyone on the node network.
struct KubeletHealthzExposed: Rule {
  static let description = RuleDescription(
    id: "TAL331", name: "kubelet-healthz-exposed", severity: .warning,
    summary: "the kubelet's unauthenticated healthz endpoint listens beyond loopback",
    rationale: """
      Talos does not set `healthzBindAddress`, so the kubelet binds its healthz server (port \
      `healthzPort`, 10248) to 127.0.0.1. `healthzBindAddress: 0.0.0.0` or `::` (or the flag \
      `healthz-bind-address`, where an empty value also means every interface) serves it, over plain \
      HTTP with no authentication, to everything that reaches the node: a free probe of which nodes run \
      a kubelet and whether it is healthy, and one more unauthenticated listener to attack. An empty \
      `healthzBindAddress` in the configuration is replaced by the kubelet's default and is not \
      reported; nor is the kubelet's API `address`, which Talos itself sets to 0.0.0.0 (its port \
      10250 requires authentication).
      """,
    remediation: "Remove the override (or set 127.0.0.1); health checks from other hosts can use the authenticated kubelet API.",
    references: [.other("https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraConfig:
              healthzBindAddress: ↓0.0.0.0
        """),
      .passing(
        """
        machine:
          kubelet:
            extraConfig:
              healthzBindAddress: 127.0.0.1
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.kubelet, named: "healthz-bind-address") {
      report(value, empty: true, &context)
    }
    for config in context.views.kubeletConfigs {
      if let value = config.child("healthzBindAddress") { report(value, empty: false, &context) }
    }
  }

  /// `empty`: whether an empty address listens on every interface (the flag) rather than
  /// falling back to the kubelet's default (the configuration file).
  private func report(_ value: Found, empty: Bool, _ context: inout RuleContext) {
    guard let text = value.string?.trimmingBlanks(), !value.isUnknown, !(text.isEmpty && !empty), !Addresses.isLoopback(text) else { return }
    let shown = text.isEmpty ? "'' (every interface)" : text
    context.report(
      "kubelet healthz bind address \(shown) serves the unauthenticated healthz endpoint beyond loopback; keep 127.0.0.1", at: value,
      fix: context.replacement(of: value, with: "127.0.0.1", title: "Bind the kubelet healthz endpoint to 127.0.0.1"))
  }
}
