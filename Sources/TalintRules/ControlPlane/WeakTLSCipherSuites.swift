import TalintCore

/// CBC-mode, RSA-key-exchange and 3DES/RC4 suites lack forward secrecy or are broken; CIS lists
/// the suites that are acceptable for the API server and the kubelet. A list matters only
/// where the component accepts TLS 1.2: TLS 1.3 suites are not configurable in Go.
struct WeakTLSCipherSuites: Rule {
  static let description = RuleDescription(
    id: "TAL311", name: "weak-tls-cipher-suites", severity: .warning,
    summary: "a component that accepts TLS 1.2 is configured with a weak TLS cipher suite",
    rationale: """
      `tls-cipher-suites` (kube-apiserver, controller-manager, scheduler, kubelet) and the kubelet's \
      `tlsCipherSuites` replace Go's safe defaults (kube-apiserver's are added to Talos's list). \
      Suites outside kube-bench's cis-1.10 lists (3DES, RC4, CBC with SHA-256, plain RSA key \
      exchange on the API server) and CBC-mode suites weaken every connection that negotiates them. \
      They are negotiated only over TLS 1.2: Talos sets the kubelet's, scheduler's and \
      controller-manager's minimum to TLS 1.3, and the API server's from Talos 1.14, so a list \
      there is reported only where the same config lowers the minimum (`tls-min-version`, \
      `tlsMinVersion`) — and on kube-apiserver before Talos 1.14.
      """,
    remediation: "Remove the override or keep only suites from the CIS list (ECDHE with AES-GCM or ChaCha20-Poly1305).",
    references: [.cis("1.2.29"), .cis("4.2.12")],
    examples: [
      .triggering(
        """
        machine:
          kubelet:
            extraConfig:
              tlsMinVersion: VersionTLS12
              tlsCipherSuites:
                - ↓TLS_RSA_WITH_3DES_EDE_CBC_SHA
        """),
      .passing(
        """
        machine:
          kubelet:
            extraConfig:
              tlsMinVersion: VersionTLS12
              tlsCipherSuites:
                - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
        """),
    ])

  func check(_ context: inout RuleContext) {
    for component in [Component.apiServer, .controllerManager, .scheduler, .kubelet] where Self.acceptsTLS12(component, context) {
      let allowed = component == .kubelet ? TalosDefaults.kubeletStrongCiphers : TalosDefaults.apiServerStrongCiphers
      for value in context.views.extraArgValues(component, named: "tls-cipher-suites") {
        report(value, "\(component.rawValue) tls-cipher-suites", allowed, &context)
      }
      guard component == .kubelet else { continue }
      for config in context.views.kubeletConfigs {
        for value in config.child("tlsCipherSuites")?.elements ?? [] {
          report(value, "kubelet tlsCipherSuites", TalosDefaults.kubeletStrongCiphers, &context)
        }
      }
    }
  }

  /// True when `component` negotiates TLS 1.2 on this machine: Talos's minimum for it is 1.2,
  /// or the config lowers it (an override Talos denies changes nothing; an unknown spelling
  /// or a placeholder is taken as lowering it, so a weak suite is not waved through).
  static func acceptsTLS12(_ component: Component, _ context: RuleContext) -> Bool {
    var settings: [Found] = []
    if !context.defaults.deniedArgs(component).contains("tls-min-version") {
      settings = context.views.extraArgValues(component, named: "tls-min-version")
    }
    if component == .kubelet { settings += context.views.kubeletConfigs.compactMap { $0.child("tlsMinVersion") } }
    guard !settings.isEmpty else { return context.defaults.tlsMinimum(component) <= 12 }
    return settings.contains { value in value.string.flatMap(TLSVersions.rank).map { $0 <= 12 } ?? true }
  }

  /// Reports each suite outside `allowed`, at the suite itself.
  private func report(_ value: Found, _ what: String, _ allowed: Set<String>, _ context: inout RuleContext) {
    for (suite, range) in value.pieces(separatedBy: [","]) where !allowed.contains(Self.canonical(suite)) {
      context.report("\(what) includes \(suite), \(Self.weakness(suite)); keep ECDHE AES-GCM/ChaCha20 suites only", at: range, keyPath: value.keyPath)
    }
  }

  /// Why a suite is weak, in the words a reader can check against the suite's name.
  static func weakness(_ suite: String) -> String {
    if suite.contains("_RC4_") || suite.contains("_3DES_") { return "a broken cipher" }
    if suite.contains("_CBC_") { return "a CBC-mode suite" }
    return "outside the CIS list"
  }

  /// Go names the ChaCha20 suites twice (`…_CHACHA20_POLY1305` and `…_CHACHA20_POLY1305_SHA256`):
  /// the longer name is the same suite.
  static func canonical(_ suite: String) -> String {
    suite.hasSuffix("_CHACHA20_POLY1305_SHA256") && suite.hasPrefix("TLS_ECDHE_") ? String(suite.dropLast("_SHA256".count)) : suite
  }
}
