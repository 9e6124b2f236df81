import TalintCore

/// An `http://` mirror serves images without transport security; only content digests protect
/// the pull, and tags are not digests.
struct PlaintextRegistryMirror: Rule {
  static let description = RuleDescription(
    id: "TAL706", name: "plaintext-registry-mirror", severity: .info,
    summary: "a registry mirror is reached over plain HTTP",
    rationale: "Images pulled by tag from an `http://` mirror can be swapped by anyone on the path. Local pull-through caches often use HTTP on a trusted segment, hence info.",
    remediation: "Serve the mirror over HTTPS, or pin images by digest.",
    references: [.talos("registry mirrors")],
    examples: [
      .triggering(
        """
        machine:
          registries:
            mirrors:
              docker.io:
                endpoints:
                  - ↓http://10.0.0.2:5000
        """),
      .passing(
        """
        machine:
          registries:
            mirrors:
              docker.io:
                endpoints:
                  - https://mirror.example.com
        """),
    ])

  /// Where the setting is written, as a trie built once (not an array per file).
  /// The registry mirrors' endpoints.
  static let endpoints = ReadSlot([
    .v1alpha1(["machine", "registries", "mirrors", "*", "endpoints", "[]"]),
    .typed(.registryMirrorConfig, ["endpoints", "[]"]),
  ])
  static let reads = [endpoints]

  func check(_ context: inout RuleContext) {
    let endpoints = context.values(Self.endpoints)
    for endpoint in endpoints {
      let url = endpoint.child("url") ?? endpoint
      guard let text = url.string, text.lowercased().hasPrefix("http://") else { continue }
      context.report("registry mirror \(text) is plain HTTP; use HTTPS or pin images by digest", at: url)
    }
  }
}
