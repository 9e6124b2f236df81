import TalintCore

/// An audit policy whose rules all say `level: None` (or that has none) records nothing: the
/// audit log Talos keeps for 30 days stays empty, and an incident leaves no trail.
struct APIServerAuditPolicyLogsNothing: Rule {
  static let description = RuleDescription(
    id: "TAL318", name: "apiserver-audit-policy-logs-nothing", severity: .warning,
    summary: "the kube-apiserver audit policy logs nothing",
    rationale: """
      Talos generates an audit policy that logs every request at `Metadata` level. A replacement in \
      `cluster.apiServer.auditPolicy` or `KubeAuditPolicyConfig` with no rules, with only `level: None` \
      rules, or whose first rule matches every request at `level: None` turns API auditing off while \
      the flags still look configured. Deleting the policy is not this: Talos falls back to its default.
      """,
    remediation: "Keep a catch-all rule with `level: Metadata` (or higher) after any `None` exceptions.",
    references: [.cis("3.2.1")],
    examples: [
      .triggering(
        """
        cluster:
          apiServer:
            ↓auditPolicy:
              apiVersion: audit.k8s.io/v1
              kind: Policy
              rules:
                - level: None
        """),
      .passing(
        """
        cluster:
          apiServer:
            auditPolicy:
              apiVersion: audit.k8s.io/v1
              kind: Policy
              rules:
                - level: None
                  users: ["system:kube-proxy"]
                - level: Metadata
        """),
    ],
    scope: .controlPlane)

  /// What narrows an audit rule to some requests; a rule without any of them matches all.
  static let selectors = ["users", "userGroups", "verbs", "resources", "namespaces", "nonResourceURLs"]

  /// Where the setting is written, as a trie built once (not an array per file).
  /// The audit policies.
  static let policies = ReadSlot([.v1alpha1(["cluster", "apiServer", "auditPolicy"]), .typed(.kubeAuditPolicyConfig, ["configuration"])])
  static let reads = [policies]

  func check(_ context: inout RuleContext) {
    let policies = context.values(Self.policies)
    // `auditPolicy: {$patch: delete}` has neither rules nor a kind: Talos's default applies.
    for policy in policies where policy.isMapping && (policy.child("rules") != nil || policy.child("kind") != nil) {
      let entries = policy.child("rules")?.elements ?? []
      let levels = entries.map { $0.child("level")?.string }
      guard !levels.contains(nil) else { continue }  // a templated level is unknown
      let allNone = levels.allSatisfy { $0 == "None" }
      let firstCatchAll = entries.first { entry in !Self.selectors.contains { entry.child($0) != nil } }
      let catchAllNone = firstCatchAll.flatMap { $0.child("level")?.string } == "None"
      guard allNone || catchAllNone else { continue }
      context.report("\(policy.keyPath) logs no request (\(entries.isEmpty ? "it has no rules" : allNone ? "every rule is level None" : "a catch-all level None rule comes first")); API auditing is off", atKeyOf: policy)
    }
  }
}
