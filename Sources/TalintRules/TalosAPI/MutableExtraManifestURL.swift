import TalintCore

/// A manifest Talos applies from a branch or a "latest" URL is whatever that ref points at on
/// the day a node bootstraps: nodes of one cluster can run different manifests, and a pushed
/// commit (or a compromised repository) reaches the cluster with admin rights unreviewed.
struct MutableExtraManifestURL: Rule {
  static let description = RuleDescription(
    id: "TAL709", name: "mutable-extra-manifest-url", severity: .info,
    summary: "a manifest Talos applies is fetched from a branch or a 'latest' URL",
    rationale: """
      `cluster.extraManifests`, `cluster.externalCloudProvider.manifests`, `cluster.network.cni.urls` and \
      `KubeExternalManifestConfig.url` are fetched when a node bootstraps and applied with Talos's admin \
      kubeconfig. A URL naming a branch (`/main/`, `/master/`, `refs/heads/`, the ref of a \
      raw.githubusercontent.com or github.com `raw`/`blob` URL that is neither a version nor a commit) or \
      `latest` returns whatever was pushed last: the cluster runs code nobody reviewed for it, two nodes \
      bootstrapped a day apart run different manifests, and whoever can push to that branch (or takes \
      over the repository) gets cluster admin. A release tag or a commit hash pins what was reviewed.
      """,
    remediation: "Point the URL at a release tag or a commit hash (or inline the manifest with `inlineManifests`).",
    references: [
      .talos("extraManifests"),
      .other("https://slsa.dev/spec/v1.0/threats"),
    ],
    examples: [
      .triggering(
        """
        cluster:
          extraManifests:
            - ↓https://raw.githubusercontent.com/example/manifests/main/cni.yaml
        """),
      .passing(
        """
        cluster:
          extraManifests:
            - https://raw.githubusercontent.com/example/manifests/v1.2.0/cni.yaml
        """),
    ])

  /// The manifest URLs, read through the plaintext-manifest rule's slot (one walk serves both).
  static let reads = [PlaintextExtraManifest.urls]

  func check(_ context: inout RuleContext) {
    for url in context.values(PlaintextExtraManifest.urls) {
      guard let text = url.string, !url.isUnknown, let ref = Self.mutableRef(text) else { continue }
      context.report(
        "manifest \(text) follows '\(ref)', which changes under the cluster; pin a release tag or a commit hash", at: url)
    }
  }

  /// The moving ref a URL names, or nil when it names none.
  static func mutableRef(_ url: String) -> String? {
    guard let scheme = url.firstRange(of: "://") else { return nil }
    let rest = url[scheme.upperBound...].prefix(while: { $0 != "?" && $0 != "#" })
    let segments = rest.split(separator: "/").map(String.init)
    guard let host = segments.first?.lowercased() else { return nil }
    let path = Array(segments.dropFirst())
    if zip(path, path.dropFirst()).contains(where: { $0 == ("refs", "tags") }) { return nil }
    if let heads = path.firstIndex(of: "heads"), heads > 0, path[heads - 1] == "refs", heads + 1 < path.count {
      return "refs/heads/\(path[heads + 1])"
    }
    // releases/latest/download/… redirects to the newest release.
    if path.count >= 5, path[2] == "releases", path[3] == "latest" { return "releases/latest" }
    let ref: String? =
      switch host {
      case "raw.githubusercontent.com": path.count >= 4 ? path[2] : nil
      case "github.com" where path.count >= 5 && (path[2] == "raw" || path[2] == "blob"): path[3]
      default: path.first { ["main", "master", "latest", "HEAD"].contains($0) }
      }
    guard let ref, !isPinned(ref) else { return nil }
    return ref
  }

  /// A version (`v1.2.0`, `1.16`, `cilium-1.16.3`) or a commit hash.
  static func isPinned(_ ref: String) -> Bool {
    if ref.count >= 7, ref.allSatisfy(\.isHexDigit), ref.contains(where: \.isNumber) { return true }
    return ref.contains { $0.isNumber } && ref.contains(".")
  }
}
