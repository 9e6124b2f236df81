/// How each control is decided, in words: the table of docs/cis.md (kept equal to it by
/// CISControlTableTests), the "decided by" line of the HTML page and kube-bench's
/// `expected_result` in the JSON.
extension CISControls {
  /// docs/cis.md's table: one row per control.
  public static var markdownTable: String {
    var text = "| ID | Title | kube-bench target | Type | How talint decides it on Talos |\n|---|---|---|---|---|\n"
    for control in all {
      let type = control.automated ? (control.scored ? "Automated" : "Automated, unscored") : "Manual"
      text += "| \(control.id) | \(control.title) | \(control.target.rawValue) | \(type) | \(control.check.summary.replacing("|", with: "\\|")) |\n"
    }
    return text
  }
}

extension CISCheck {
  /// What is read and what passes, with what Talos sets by itself.
  public var summary: String {
    switch self {
    case .filePermissions: "File permissions on the node: NOT APPLICABLE (INFO)."
    case .clusterState: "Cluster objects, read by kube-bench with kubectl: NOT APPLICABLE (INFO)."
    case .noTest: "kube-bench has no test: MANUAL (WARN)."
    case .flag(let flag):
      "`\(flag.component.rawValue) --\(flag.name)`\(flag.configKey.map { " (else kubelet config `\($0.joined(separator: "."))`)" } ?? "") \(flag.test.summary)\(flag.additive ? " (Talos appends a user's value to its own)" : ""); \(flag.talos.summary)."
    case .apiServerAnonymous:
      "`--anonymous-auth` = false on the legacy config (Talos default false); with `KubeAuthenticationConfig`, `anonymous.enabled: false` passes, anonymous access limited to health paths is MANUAL."
    case .authorizers(let test):
      "The API server's authorizers \(test.summary): `authorization-mode` (appended to Node,RBAC), else `KubeAuthorizerConfig` types, else Talos's Node,RBAC plus `cluster.apiServer.authorizationConfig`."
    case .encryptionProvider:
      "The first provider of `KubeEtcdEncryptionConfig`, else `secretboxEncryptionSecret`/`aescbcEncryptionSecret`, is aescbc, kms or secretbox."
    case .podSecurityConfigured: "A PodSecurity admission configuration (legacy `admissionControl` or `KubeAdmissionControlConfig`) exists."
    case .podSecurityEnforces(let level): "PodSecurity `defaults.enforce` is \(level) or stricter (a worker: NOT APPLICABLE)."
    case .kubeletAuthorization:
      "kubelet `--authorization-mode` lists no AlwaysAllow; else enforced Webhook, AlwaysAllow when `skipNodeRegistration: true`."
    case .kubeProxyMetrics:
      "`kube-proxy --metrics-bind-address` (else `KubeProxyConfig.config.metricsBindAddress`) contains 127.0.0.1 or is unset; NOT APPLICABLE when kube-proxy is off."
    }
  }
}

extension CISFlag.Test {
  /// The test in words, as kube-bench's `expected_result` would say it.
  public var summary: String {
    switch self {
    case .present: "is set"
    case .absent: "is not set"
    case .equals(let value): "is \(value)"
    case .hasItem(let item): "lists \(item)"
    case .lacksItem(let item): "is set and does not list \(item)"
    case .lacks(let text): "does not contain \(text)"
    case .atLeast(let minimum): "is at least \(minimum)"
    case .allIn(let allowed): "lists only suites of the \(allowed.count) CIS accepts"
    case .nonZeroDuration: "is not zero"
    case .unsetOr(let test): "is unset or \(test.summary)"
    }
  }
}

extension TalosSetting {
  /// What Talos sets, in words.
  public var summary: String {
    switch self {
    case .unset: "Talos sets none"
    case .value(let value): "Talos default \(Self.short(value))"
    case .enforced(let value): "enforced by Talos (\(Self.short(value)))"
    case .since(let steps):
      steps.map { "from \($0.0): \($0.1.summary)" }.joined(separator: "; ")
    }
  }

  /// A value, a long list by its length.
  private static func short(_ value: String) -> String {
    let items = value.split(separator: ",")
    return items.count > 3 ? "a list of \(items.count)" : value
  }
}
