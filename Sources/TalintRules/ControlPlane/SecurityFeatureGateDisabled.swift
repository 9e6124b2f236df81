import TalintCore

/// Feature gates that, switched off, drop a security check the component now makes by default.
/// The list is short on purpose: each gate is on by default in the Kubernetes releases Talos
/// ships and documented as a security improvement. `RotateKubeletServerCertificate` is TAL314's.
struct SecurityFeatureGateDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL330", name: "security-feature-gate-disabled", severity: .warning,
    summary: "a feature gate that enforces a security check is turned off",
    rationale: """
      `feature-gates` in the `extraArgs` of kube-apiserver, the kubelet, kube-controller-manager or \
      kube-scheduler, or `featureGates` in the kubelet configuration, can switch off checks Kubernetes \
      makes by default. `AuthorizeNodeWithSelectors=false` lets every kubelet read every pod and \
      other nodes' objects again (KEP-4601); `ServiceAccountTokenNodeBinding=false` and \
      `ServiceAccountTokenNodeBindingValidation=false` stop tokens bound to a node from being issued or \
      checked against it, and `ServiceAccountTokenPodNodeInfo=false` / `ServiceAccountTokenJTI=false` drop \
      the node and token IDs that tie a stolen token to where it came from (KEP-4193); \
      `AnonymousAuthConfigurableEndpoints=false` removes the conditions that limit anonymous requests to \
      the health endpoints (KEP-4633), which Talos's generated `KubeAuthenticationConfig` relies on; \
      `KubeletFineGrainedAuthz=false` makes monitoring agents need `nodes/proxy`, which also grants exec \
      into every pod on the node (KEP-2862).
      """,
    remediation: "Remove the `=false` entry; if an upgrade needs it briefly, suppress with a reason and a date.",
    references: [
      .other("https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/"),
      .other("https://github.com/kubernetes/enhancements/issues/4601"),
      .other("https://github.com/kubernetes/enhancements/issues/4193"),
      .other("https://github.com/kubernetes/enhancements/issues/4633"),
      .other("https://github.com/kubernetes/enhancements/issues/2862"),
    ],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            extraArgs:
              feature-gates: ↓AuthorizeNodeWithSelectors=false
        """),
      .passing(
        """
        cluster:
          apiServer:
            extraArgs:
              feature-gates: AuthorizeNodeWithSelectors=true
        """),
    ])

  /// Each gate and what turning it off loses, for the message.
  static let gates: [String: String] = [
    "AuthorizeNodeWithSelectors": "lets kubelets read pods and objects of other nodes (KEP-4601)",
    "ServiceAccountTokenNodeBinding": "stops service-account tokens from being bound to a node (KEP-4193)",
    "ServiceAccountTokenNodeBindingValidation": "stops node-bound service-account tokens from being checked against their node (KEP-4193)",
    "ServiceAccountTokenPodNodeInfo": "drops the node a service-account token was issued for from its claims (KEP-4193)",
    "ServiceAccountTokenJTI": "drops the token ID that traces a service-account token in the audit log (KEP-4193)",
    "AnonymousAuthConfigurableEndpoints": "removes the limits that keep anonymous requests to the health endpoints (KEP-4633)",
    "KubeletFineGrainedAuthz": "makes kubelet API readers need nodes/proxy, which also allows exec into pods (KEP-2862)",
  ]

  func check(_ context: inout RuleContext) {
    for component in [Component.apiServer, .kubelet, .controllerManager, .scheduler] {
      for value in context.views.extraArgValues(component, named: "feature-gates") {
        for item in value.commaItems {
          let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks() }
          guard parts.count == 2, parts[1].lowercased() == "false", let loss = Self.gates[parts[0]] else { continue }
          context.report("\(component.rawValue) feature gate \(parts[0])=false \(loss); remove it", at: value)
        }
      }
    }
    for config in context.views.kubeletConfigs {
      for (name, value) in config.child("featureGates")?.entries ?? [] where value.bool == false {
        guard let loss = Self.gates[name] else { continue }
        context.report("kubelet featureGates \(name): false \(loss); remove it", at: value)
      }
    }
  }
}
