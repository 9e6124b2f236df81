import TalintCore

/// From Talos 1.14 new configs run workloads isolated by sandboxd (`SecurityProfileConfig`
/// `workloadIsolation: true`); turning it off or deleting the document drops that layer.
struct WorkloadIsolationDisabled: Rule {
  static let description = RuleDescription(
    id: "TAL708", name: "workload-isolation-disabled", severity: .warning,
    summary: "workload isolation (SecurityProfileConfig) is turned off (Talos 1.14 and newer)",
    rationale: """
      `talosctl gen config` writes a `SecurityProfileConfig` with `workloadIsolation: true` for Talos \
      1.14 and later: containers run under sandboxd's isolation. `workloadIsolation: false`, or a \
      patch that deletes the document, takes that away. Clusters upgraded from older releases lack \
      the document; that is not reported, as nothing was changed.
      """,
    remediation: "Keep `workloadIsolation: true`; if a workload cannot run isolated, say why in a suppression.",
    references: [.talos("SecurityProfileConfig")],
    examples: [
      .triggering(
        """
        apiVersion: v1alpha1
        kind: SecurityProfileConfig
        workloadIsolation: ↓false
        """),
      .passing(
        """
        apiVersion: v1alpha1
        kind: SecurityProfileConfig
        workloadIsolation: true
        """),
    ])

  /// Where workload isolation is set.
  static let workloadIsolation = ReadSlot([.typed(.securityProfileConfig, ["workloadIsolation"])])
  static let reads = [workloadIsolation]

  func check(_ context: inout RuleContext) {
    guard context.defaults.has(.workloadIsolationGenerated) else { return }
    for setting in context.values(Self.workloadIsolation) where setting.bool == false {
      context.report("SecurityProfileConfig.workloadIsolation is false, so workloads run without sandboxd isolation; set it to true", at: setting)
    }
    for document in context.config.deletedDocuments(ofKind: .securityProfileConfig) {
      guard let root = Found(rootOf: document) else { continue }
      context.report("this patch deletes the SecurityProfileConfig document, turning workload isolation off", at: root.child("$patch")?.keyRange ?? root.range)
    }
  }
}
