import TalintCore

/// TLS 1.0 and 1.1 are deprecated (RFC 8996) and allow downgrade attacks. Talos uses TLS 1.3 for
/// the API server from 1.14 and for the kubelet, scheduler and controller-manager.
struct WeakTLSMinVersion: Rule {
  static let description = RuleDescription(
    id: "TAL310", name: "weak-tls-min-version", severity: .error,
    summary: "a component accepts TLS older than 1.2",
    rationale: """
      `tls-min-version` (kube-apiserver, controller-manager, scheduler, kubelet), the kubelet's \
      `tlsMinVersion` and etcd's `tls-min-version` below TLS 1.2 let clients negotiate deprecated \
      protocol versions. Talos defaults to TLS 1.3 (1.2 for kube-apiserver before Talos 1.14).
      """,
    remediation: "Remove the override, or set VersionTLS12 or VersionTLS13 (etcd: TLS1.2 or TLS1.3).",
    references: [.cis("1.2.29"), .cis("4.2.12"), .other("RFC 8996: deprecating TLS 1.0 and 1.1")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraConfig:
              tlsMinVersion: ↓VersionTLS10
        """),
      .passing(
        """
        machine:
          kubelet:
            extraConfig:
              tlsMinVersion: VersionTLS13
        """),
    ])

  func check(_ context: inout RuleContext) {
    var settings: [(String, Found)] = []
    for component in Component.allCases {
      for arg in context.views.extraArgs(component, named: "tls-min-version") {
        settings += arg.values.map { ("\(component.rawValue) tls-min-version", $0) }
      }
    }
    for config in context.views.kubeletConfigs {
      if let value = config.child("tlsMinVersion") { settings.append(("kubelet tlsMinVersion", value)) }
    }
    for (what, value) in settings {
      guard let text = value.string, let rank = TLSVersions.rank(text), rank < 12 else { continue }
      context.report("\(what) \(text) allows TLS older than 1.2; use VersionTLS12 or newer", at: value)
    }
  }
}
