import TalintCore

/// NodeRestriction, ServiceAccount, NamespaceLifecycle and PodSecurity are the admission
/// plugins that enforce access boundaries; disabling one removes that boundary for every
/// request.
struct APIServerAdmissionPluginDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL305", name: "apiserver-admission-plugin-disabled", severity: .error,
    summary: "kube-apiserver disables a security admission plugin",
    rationale: """
      `disable-admission-plugins` with `NodeRestriction` lets a kubelet modify other nodes and their \
      pods; with `ServiceAccount` pods are no longer bound to service accounts; with \
      `NamespaceLifecycle` objects can be created in terminating or missing namespaces; with \
      `PodSecurity` Pod Security Admission stops enforcing the Talos defaults.
      """,
    remediation: "Remove the plugin from `disable-admission-plugins`.",
    references: [.cis("1.2.12"), .cis("1.2.13"), .cis("1.2.14"), .cis("5.2.1")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              disable-admission-plugins: ↓NodeRestriction
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              disable-admission-plugins: DefaultStorageClass
        """),
    ])

  static let protected: [String: String] = [
    "NodeRestriction": "CIS 1.2.14", "ServiceAccount": "CIS 1.2.12", "NamespaceLifecycle": "CIS 1.2.13",
    "PodSecurity": "Pod Security Admission",
  ]

  func check(_ context: inout RuleContext) {
    for value in context.views.extraArgValues(.apiServer, named: "disable-admission-plugins") {
      for plugin in value.commaItems {
        guard let reference = Self.protected[plugin] else { continue }
        context.report("kube-apiserver disables the \(plugin) admission plugin (\(reference)); keep it enabled", at: value)
      }
    }
  }
}
