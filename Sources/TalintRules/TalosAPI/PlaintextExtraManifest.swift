import TalintCore

/// Talos applies extra manifests with cluster-admin rights; fetched over `http://` they can be
/// replaced in transit with anything, including a privileged DaemonSet.
struct PlaintextExtraManifest: Rule {
  static let description = RuleDescription(
    id: "TAL707", name: "plaintext-extra-manifest", severity: .info,
    summary: "a manifest Talos applies is downloaded over plain HTTP",
    rationale: "`cluster.extraManifests`, `cluster.externalCloudProvider.manifests`, the CNI manifests of `cluster.network.cni.urls` and `KubeExternalManifestConfig.url` are fetched at bootstrap and applied with Talos's admin kubeconfig; over HTTP, whoever controls the path controls the cluster.",
    remediation: "Use an `https://` URL, or inline the manifest.",
    references: [.talos("extraManifests")],
    examples: [
      .triggering(
        """
        cluster:
          extraManifests:
            - ↓http://example.com/cni.yaml
        """),
      .passing(
        """
        cluster:
          extraManifests:
            - https://example.com/cni.yaml
        """),
    ])

  /// Where the setting is written, as a trie built once (not an array per file).
  /// The URLs manifests are fetched from.
  static let urls = ReadSlot([
    .v1alpha1(["cluster", "extraManifests", "[]"]), .v1alpha1(["cluster", "externalCloudProvider", "manifests", "[]"]),
    .v1alpha1(["cluster", "network", "cni", "urls", "[]"]),
    .typed(.kubeExternalManifestConfig, ["url"]),
  ])
  static let reads = [urls]

  func check(_ context: inout RuleContext) {
    let urls = context.values(Self.urls)
    for url in urls {
      guard let text = url.string, text.lowercased().hasPrefix("http://") else { continue }
      context.report("manifest \(text) is fetched over plain HTTP and applied as cluster admin; use HTTPS", at: url)
    }
  }
}
