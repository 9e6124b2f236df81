import TalintCore

/// Kubernetes Talos API access hands Talos credentials to pods in the allowed namespaces; with
/// `os:admin` a pod can reset or reconfigure the node it runs on.
struct TalosAPIAccessAdminRole: Rule {
  static let description = RuleDescription(
    id: "TAL702", name: "talos-api-access-admin-role", severity: .warning,
    summary: "pods may be granted the Talos os:admin role",
    rationale: "`kubernetesTalosAPIAccess.allowedRoles` (or `KubeTalosAPIAccessConfig.allowedRoles`) with `os:admin` lets any pod in the allowed namespaces obtain full control of the Talos API: reset, upgrade, read secrets. Talos upgrade controllers (system-upgrade-controller, tuppr) need it; other workloads do not.",
    remediation: "Grant the narrowest role the workload needs (`os:reader`, `os:etcd:backup`, `os:operator`); where an upgrade controller needs `os:admin`, allow only its namespace and record why in a suppression.",
    references: [.talos("Talos API access from Kubernetes")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: KubeTalosAPIAccessConfig
        allowedRoles:
          - ↓os:admin
        allowedKubernetesNamespaces:
          - kube-system
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: KubeTalosAPIAccessConfig
        allowedRoles:
          - os:reader
        allowedKubernetesNamespaces:
          - kube-system
        """),
    ],
    scope: .controlPlane)

  /// Where the setting is written, as a trie built once (not an array per file).
  /// The roles Kubernetes workloads may take on the Talos API.
  static let allowedRoles = ReadSlot([
    .v1alpha1(["machine", "features", "kubernetesTalosAPIAccess", "allowedRoles"]),
    .typed(.kubeTalosAPIAccessConfig, ["allowedRoles"]),
  ])
  static let reads = [allowedRoles]

  /// The message names the namespaces and says who needs the role: a Talos upgrade controller
  /// does (it upgrades the node through the Talos API), so "grant a narrower role" alone
  /// would ask for what cannot be done there. Kept to one namespace, it is what the remediation
  /// asks for, so the message says how to keep it rather than to do what is done.
  func check(_ context: inout RuleContext) {
    for list in context.values(Self.allowedRoles) {
      let namespaces = Self.namespaces(beside: list)
      let given = namespaces.isEmpty ? "no namespace listed yet" : "pods in " + namespaces.joined(separator: ", ")
      let advice =
        namespaces.count == 1
        ? "if \(namespaces[0]) holds only that controller, say so in a suppression with a reason, else grant a narrower role"
        : "keep it to that controller's namespace, or grant a narrower role"
      for role in list.elements where role.string == "os:admin" {
        context.report(
          "Talos API access from Kubernetes gives os:admin (reset, upgrade, read secrets) to \(given); only a Talos upgrade controller (system-upgrade-controller, tuppr) needs it: \(advice)",
          at: role)
      }
    }
  }

  /// `allowedKubernetesNamespaces` of the mapping that holds the roles list.
  static func namespaces(beside roles: Found) -> [String] {
    guard let holder = roles.parent, let list = roles.yaml.value(forKey: "allowedKubernetesNamespaces", in: holder) else { return [] }
    let yaml = roles.yaml
    return yaml.isSequence(list) ? yaml.elements(list).compactMap { yaml.scalar($0) } : yaml.scalar(list).map { [$0] } ?? []
  }
}
