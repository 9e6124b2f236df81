import TalintCore

/// CBC-mode RSA-key-exchange and 3DES/RC4 suites lack forward secrecy or are broken; CIS lists
/// the suites that are acceptable for the API server and the kubelet.
struct WeakTLSCipherSuites: Rule {
  static let description = RuleDescription(
    id: "TAL311", name: "weak-tls-cipher-suites", severity: .warning,
    summary: "a component is configured with a TLS cipher suite outside the CIS list",
    rationale: """
      `tls-cipher-suites` (kube-apiserver, controller-manager, scheduler, kubelet) and the kubelet's \
      `tlsCipherSuites` replace Go's safe defaults. Suites outside kube-bench's cis-1.10 lists \
      (3DES, RC4, CBC with SHA-256, plain RSA key exchange on the API server) weaken every connection \
      that negotiates them. From Talos 1.14 the API server uses TLS 1.3, where the list does not apply.
      """,
    remediation: "Remove the override or keep only suites from the CIS list (ECDHE with AES-GCM or ChaCha20-Poly1305).",
    references: [.cis("1.2.29"), .cis("4.2.12")],
    examples: [
      .triggering("cluster:\n  apiServer:\n    extraArgs:\n      tls-cipher-suites: TLS_RSA_WITH_3DES_EDE_CBC_SHA\n"),
      .passing("cluster:\n  apiServer:\n    extraArgs:\n      tls-cipher-suites: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n"),
    ])

  func check(_ context: inout RuleContext) {
    for component in [Component.apiServer, .controllerManager, .scheduler, .kubelet] {
      let allowed = component == .kubelet ? TalosDefaults.kubeletStrongCiphers : TalosDefaults.apiServerStrongCiphers
      for value in context.config.extraArgValues(component, named: "tls-cipher-suites") {
        report(value, "\(component.rawValue) tls-cipher-suites", allowed, &context)
      }
    }
    for config in context.config.kubeletConfigs {
      for value in config.child("tlsCipherSuites")?.elements ?? [] {
        report(value, "kubelet tlsCipherSuites", TalosDefaults.kubeletStrongCiphers, &context)
      }
    }
  }

  /// Reports each suite outside `allowed`, at the suite itself.
  private func report(_ value: Found, _ what: String, _ allowed: Set<String>, _ context: inout RuleContext) {
    for (suite, range) in value.pieces(separatedBy: [","]) where !allowed.contains(Self.canonical(suite)) {
      context.report("\(what) includes \(suite), outside the CIS list; keep ECDHE AES-GCM/ChaCha20 suites only", at: range, keyPath: value.keyPath)
    }
  }

  /// Go names the ChaCha20 suites twice (`…_CHACHA20_POLY1305` and `…_CHACHA20_POLY1305_SHA256`):
  /// the longer name is the same suite.
  static func canonical(_ suite: String) -> String {
    suite.hasSuffix("_CHACHA20_POLY1305_SHA256") && suite.hasPrefix("TLS_ECDHE_") ? String(suite.dropLast("_SHA256".count)) : suite
  }
}
