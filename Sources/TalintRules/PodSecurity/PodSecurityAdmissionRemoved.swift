import TalintCore

/// Talos does not add the PodSecurity admission configuration at runtime: it lives only in the
/// generated config (FACTS.md §6.1). Without it Kubernetes falls back to `privileged` for
/// every namespace.
struct PodSecurityAdmissionRemoved: Rule {
  static let description = RuleDescription(
    id: "TAL401", name: "pod-security-admission-removed", severity: .error,
    summary: "the PodSecurity admission configuration is removed",
    rationale: """
      `talosctl gen config` writes a PodSecurity entry (baseline enforced, restricted audited and \
      warned) in `cluster.apiServer.admissionControl` or a `KubeAdmissionControlConfig` document. \
      Talos never re-adds it: `admissionControl: []`, a list without it, a JSON patch `remove`, a \
      `$patch: delete` document, or a full multi-document config without it leaves every namespace \
      at Kubernetes's built-in `privileged` level.
      """,
    remediation: "Keep a PodSecurity entry (name: PodSecurity) with at least `enforce: baseline`.",
    references: [.cis("5.2.1"), .talos("Pod Security Admission defaults")],
    examples: [
      .triggering("cluster:\n  apiServer:\n    admissionControl: []\n"),
      .passing(
        "cluster:\n  apiServer:\n    admissionControl:\n      - name: PodSecurity\n        configuration:\n          apiVersion: pod-security.admission.config.k8s.io/v1alpha1\n          kind: PodSecurityConfiguration\n          defaults:\n            enforce: baseline\n"
      ),
    ])

  static let path = ["cluster", "apiServer", "admissionControl"]

  func check(_ context: inout RuleContext) {
    let config = context.config
    for list in config.find(.v1alpha1(Self.path)) where list.isSequence && !list.isPartialSequence {
      let names = list.elements.compactMap { $0.child("name")?.string }
      guard !names.contains("PodSecurity") else { continue }
      context.report(
        "\(list.keyPath) has no PodSecurity entry, so every namespace falls back to the privileged level; keep the PodSecurity entry",
        atKeyOf: list)
    }
    for document in config.documents {
      for removal in document.removals where removesPodSecurity(removal.path) {
        context.report("this patch removes the PodSecurity admission configuration; every namespace falls back to privileged", at: removal.range)
      }
    }
    for document in config.documents(ofKind: "KubeAdmissionControlConfig") {
      guard let root = document.root else { continue }
      let top = Found(document: document, node: root, key: nil, keyPath: "KubeAdmissionControlConfig")
      if top.child("$patch")?.string == "delete", let name = top.child("name"), name.string == "PodSecurity" {
        context.report("this patch deletes the PodSecurity admission document; every namespace falls back to privileged", at: name)
      }
    }
    // A multi-document full config carries its admission plugins as documents; if it has
    // some but not PodSecurity, the generated one was taken out.
    if config.hasFullConfig, config.podSecurityConfigurations.isEmpty,
      let name = config.admissionPlugins.first(where: { $0.document.typedKind != nil })?.child("name")
    {
      context.report(
        "this config has KubeAdmissionControlConfig documents but none named PodSecurity, so every namespace is privileged; keep the PodSecurity document",
        atKeyOf: name)
    }
  }

  /// A removal of the list, of its first entry (where PodSecurity is generated), or of an ancestor.
  private func removesPodSecurity(_ path: [String]) -> Bool {
    if Self.path.starts(with: path) && path.count >= 2 { return true }
    return path.count == Self.path.count + 1 && path.starts(with: Self.path) && path.last == "0"
  }
}
