import TalintCore

/// Static token files hold long-lived bearer tokens in clear text that cannot be revoked
/// without restarting the API server.
struct APIServerTokenAuthFile: Rule {
  static let description = RuleDescription(
    id: "TAL302", name: "apiserver-token-auth-file", severity: .error,
    summary: "kube-apiserver authenticates with a static token file",
    rationale: """
      `--token-auth-file` makes the API server accept bearer tokens from a plain file: they never \
      expire, cannot be rotated without a restart, and anyone who reads the file is authenticated. \
      Talos does not set it.
      """,
    remediation: "Remove `token-auth-file`; use client certificates, OIDC (KubeAuthenticationConfig) or service-account tokens.",
    references: [.cis("1.2.2")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              ↓token-auth-file: /var/lib/tokens.csv
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              audit-log-maxage: "30"
        """),
    ])

  func check(_ context: inout RuleContext) {
    for arg in context.views.extraArgs(.apiServer, named: "token-auth-file") {
      context.report("kube-apiserver token-auth-file enables static bearer tokens; remove it", atKeyOf: arg.found)
    }
  }
}
