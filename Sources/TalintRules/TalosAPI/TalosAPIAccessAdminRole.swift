import TalintCore

/// Kubernetes Talos API access hands Talos credentials to pods in the allowed namespaces; with
/// `os:admin` a pod can reset or reconfigure the node it runs on.
struct TalosAPIAccessAdminRole: Rule {
  static let description = RuleDescription(
    id: "TAL702", name: "talos-api-access-admin-role", severity: .warning,
    summary: "pods may be granted the Talos os:admin role",
    rationale: "`kubernetesTalosAPIAccess.allowedRoles` (or `KubeTalosAPIAccessConfig.allowedRoles`) with `os:admin` lets any pod in the allowed namespaces obtain full control of the Talos API: reset, upgrade, read secrets.",
    remediation: "Grant the narrowest role the workload needs (`os:reader`, `os:etcd:backup`, `os:operator`).",
    references: [.talos("Talos API access from Kubernetes")],
    examples: [
      .triggering("apiVersion: v1alpha1\nkind: KubeTalosAPIAccessConfig\nallowedRoles:\n  - os:admin\nallowedKubernetesNamespaces:\n  - kube-system\n"),
      .passing("apiVersion: v1alpha1\nkind: KubeTalosAPIAccessConfig\nallowedRoles:\n  - os:reader\nallowedKubernetesNamespaces:\n  - kube-system\n"),
    ],
    scope: .controlPlane)

  /// Where the setting is written, as a trie built once (not an array per file).
  static let locations = SettingLocations([
    .v1alpha1(["machine", "features", "kubernetesTalosAPIAccess", "allowedRoles"]),
    .typed("KubeTalosAPIAccessConfig", ["allowedRoles"]),
  ])

  func check(_ context: inout RuleContext) {
    let lists = context.config.find(Self.locations)
    for role in lists.flatMap(\.elements) where role.string == "os:admin" {
      context.report("Talos API access from Kubernetes allows the os:admin role; grant a narrower role", at: role)
    }
  }
}
