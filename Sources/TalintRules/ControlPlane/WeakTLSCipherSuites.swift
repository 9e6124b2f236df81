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
        report(value.commaItems.filter { !allowed.contains($0) }, "\(component.rawValue) tls-cipher-suites", value, &context)
      }
    }
    for config in context.config.kubeletConfigs {
      for value in config.child("tlsCipherSuites")?.elements ?? [] {
        report(value.commaItems.filter { !TalosDefaults.kubeletStrongCiphers.contains($0) }, "kubelet tlsCipherSuites", value, &context)
      }
    }
  }

  private func report(_ weak: [String], _ what: String, _ value: Found, _ context: inout RuleContext) {
    guard !weak.isEmpty else { return }
    context.report("\(what) includes \(weak.joined(separator: ", ")), outside the CIS list; keep ECDHE AES-GCM/ChaCha20 suites only", at: value)
  }
}
