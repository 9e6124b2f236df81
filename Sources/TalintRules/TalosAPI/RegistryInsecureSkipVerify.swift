import TalintCore

/// Skipping TLS verification for a registry lets anyone on the path serve the node different
/// images than the ones named.
struct RegistryInsecureSkipVerify: Rule {
  static let description = RuleDescription(
    id: "TAL703", name: "registry-insecure-skip-verify", severity: .warning,
    summary: "a registry's TLS certificate is not verified",
    rationale: "`insecureSkipVerify: true` (machine.registries.config or RegistryTLSConfig) accepts any certificate, so a man in the middle can substitute images, including the ones Talos pulls for the control plane. Talos's own docs call it not recommended.",
    remediation: "Give the registry's CA with `tls.ca` (or RegistryTLSConfig `ca`) instead of skipping verification.",
    references: [.talos("RegistryTLSConfig")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: RegistryTLSConfig
        name: registry.local
        insecureSkipVerify: ↓true
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: RegistryTLSConfig
        name: registry.local
        insecureSkipVerify: false
        """),
    ])

  /// Where the setting is written, as a trie built once (not an array per file).
  /// Where a registry's TLS verification is turned off.
  static let insecureSkipVerify = ReadSlot([
    .v1alpha1(["machine", "registries", "config", "*", "tls", "insecureSkipVerify"]),
    .typed(.registryTLSConfig, ["insecureSkipVerify"]),
  ])
  static let reads = [insecureSkipVerify]

  func check(_ context: inout RuleContext) {
    let settings = context.values(Self.insecureSkipVerify)
    for setting in settings where setting.bool == true {
      context.report("\(setting.keyPath) turns off TLS verification for a registry; trust its CA instead", at: setting)
    }
  }
}
