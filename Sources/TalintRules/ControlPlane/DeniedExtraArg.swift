import TalintCore

/// Talos sets some flags itself (certificates, etcd endpoints, encryption config) and refuses
/// user values for them: the static pod or service is then not rendered, which takes the
/// component down at apply time, not at validation time (docs/talos-facts.md#control-plane-flags).
struct DeniedExtraArg: Rule {
  static let description = RuleDescription(
    id: "TAL312", name: "denied-extra-arg", severity: .error,
    summary: "an extraArgs flag Talos does not allow is set",
    rationale: """
      Flags such as `etcd-servers`, `tls-cert-file`, `encryption-provider-config` (kube-apiserver), \
      `root-ca-file` (controller-manager), `kubeconfig` (scheduler), `data-dir` or `cert-file` (etcd) \
      and `kubeconfig` (kubelet) are owned by Talos; a user value makes Talos fail with "extra arg is \
      not allowed" and the component is not started. In `KubeAPIServerConfig.extraArgs` the \
      authentication and authorization flags are rejected too: they belong in KubeAuthenticationConfig \
      and KubeAuthorizerConfig documents. Which flags are denied depends on the Talos version.
      """,
    remediation: "Remove the flag; use the dedicated Talos setting or document instead.",
    references: [.talos("control plane extraArgs merge policies"), .cis("2.1")],
    examples: [
      .triggering(
        """
        cluster:
          etcd:
            extraArgs:
              ↓data-dir: /var/lib/etcd2
        """),
      .passing(
        """
        cluster:
          etcd:
            extraArgs:
              election-timeout: "5000"
        """),
    ], fixable: true)

  func check(_ context: inout RuleContext) {
    for component in Component.allCases {
      let denied = context.defaults.deniedArgs(component)
      for arg in context.views.extraArgs(component) {
        if denied.contains(arg.name) {
          context.report(
            "\(component.rawValue) flag '\(arg.name)' is set by Talos and not allowed in extraArgs (Talos \(context.version)); the component will not start — remove it",
            at: arg.found.keyRange, keyPath: arg.found.keyPath, fix: context.removal(of: arg.found, title: "Remove '\(arg.name)'"))
        } else if component == .apiServer && arg.fromDocument,
          let rejected = TalosDefaults.apiServerDocumentDeniedPrefixes.first(where: { arg.name.hasPrefix($0.prefix) })
        {
          context.report(
            "KubeAPIServerConfig rejects '\(arg.name)' in extraArgs; configure it in a \(rejected.instead) document",
            atKeyOf: arg.found)
        }
      }
    }
  }
}
