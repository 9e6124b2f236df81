import TalintCore

/// Anonymous requests reach the API server as `system:anonymous`; any RBAC binding to
/// `system:unauthenticated` then becomes public. Talos turns it off (legacy path) or limits it
/// to health probes (KubeAuthenticationConfig, docs/talos-facts.md#api-server-authentication).
struct APIServerAnonymousAuth: Rule {
  static let description = RuleDescription(
    id: "TAL301", name: "apiserver-anonymous-auth", severity: .error,
    summary: "kube-apiserver accepts anonymous requests beyond health checks",
    rationale: """
      On the legacy path Talos passes `anonymous-auth=false`; `cluster.apiServer.extraArgs` can \
      override it. On the multi-document path `KubeAuthenticationConfig` enables anonymous access only \
      for `/livez`, `/readyz` and `/healthz` (the probes need it). Enabling it without conditions, or \
      for other paths, lets unauthenticated clients reach whatever RBAC grants `system:unauthenticated`.
      """,
    remediation: "Set `anonymous-auth: \"false\"` (or drop the override); in KubeAuthenticationConfig keep `anonymous.conditions` to the health paths.",
    references: [.cis("1.2.1"), .talos("KubeAuthenticationConfig")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              anonymous-auth: ↓"true"
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              anonymous-auth: "false"
        """),
      .triggering(
        """
        apiVersion: v1alpha1
        kind: KubeAuthenticationConfig
        configuration:
          anonymous:
            enabled: ↓true
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: KubeAuthenticationConfig
        configuration:
          anonymous:
            enabled: true
            conditions:
              - path: /livez
              - path: /readyz
              - path: /healthz
        """
      ),
    ],
    scope: .controlPlane, fixable: true)

  static let healthPaths: Set<String> = ["/livez", "/readyz", "/healthz"]

  /// Anonymous authentication as the authentication document sets it.
  static let anonymous = ReadSlot([.typed(.kubeAuthenticationConfig, ["configuration", "anonymous"])])
  static let reads = [anonymous]

  func check(_ context: inout RuleContext) {
    for arg in context.views.extraArgs(.apiServer, named: "anonymous-auth") where !arg.fromDocument {
      for value in arg.values where value.bool != false {
        context.report(
          "kube-apiserver anonymous-auth is enabled; set it to \"false\" or remove the override", at: value,
          fix: context.replacement(of: value, with: "false", title: "Set anonymous-auth to \"false\""))
      }
    }
    for anonymous in context.values(Self.anonymous) {
      guard let enabled = anonymous.child("enabled"), enabled.bool == true else { continue }
      let conditions = anonymous.child("conditions")?.elements ?? []
      if conditions.isEmpty {
        context.report(
          "anonymous authentication is enabled for every path; limit anonymous.conditions to /livez, /readyz and /healthz",
          at: enabled)
      }
      for condition in conditions {
        guard let path = condition.child("path"), let text = path.string, !Self.healthPaths.contains(text) else { continue }
        context.report(
          "anonymous authentication is enabled for '\(text)'; allow anonymous access only to /livez, /readyz and /healthz",
          at: path)
      }
    }
  }
}
