import TalintCore

/// Talos does not add the PodSecurity admission configuration at runtime: it lives only in the
/// generated config (docs/talos-facts.md#pod-security-admission). Without it Kubernetes falls back
/// to `privileged` for every namespace.
struct PodSecurityAdmissionRemoved: Rule {
  static let description = RuleDescription(
    id: "TAL401", name: "pod-security-admission-removed", severity: .error,
    summary: "the PodSecurity admission configuration is removed",
    rationale: """
      `talosctl gen config` writes a PodSecurity entry (baseline enforced, restricted audited and \
      warned) in `cluster.apiServer.admissionControl` or a `KubeAdmissionControlConfig` document. \
      Talos never re-adds it: a JSON patch `remove`, a `$patch: delete` of the entry, of \
      `admissionControl` or of the `KubeAdmissionControlConfig` document, or a complete control-plane \
      config without it leaves every namespace at Kubernetes's built-in `privileged` level. In a patch, \
      `admissionControl: []` or a list of other plugins changes nothing: entries merge by name.
      """,
    remediation: "Keep a PodSecurity entry (name: PodSecurity) with at least `enforce: baseline`.",
    references: [.cis("5.2.1"), .talos("Pod Security Admission defaults")],
    examples: [
      .triggering("cluster:\n  apiServer:\n    admissionControl:\n      - name: PodSecurity\n        $patch: delete\n"),
      .passing(
        "cluster:\n  apiServer:\n    admissionControl:\n      - name: PodSecurity\n        configuration:\n          apiVersion: pod-security.admission.config.k8s.io/v1alpha1\n          kind: PodSecurityConfiguration\n          defaults:\n            enforce: baseline\n"
      ),
    ],
    scope: .controlPlane)

  static let path = ["cluster", "apiServer", "admissionControl"]

  func check(_ context: inout RuleContext) {
    if context.config.hasFullConfig {
      checkComplete(&context)
    } else {
      checkPatches(&context)
    }
  }

  /// A complete config — a file as `talosctl gen config` writes it, or a machine's merged
  /// config — is the whole admission configuration. Without PodSecurity (on a control plane,
  /// for releases whose generator writes it) the finding goes to the lines that deleted it, else
  /// to the list or the config. A deletion a later patch undid leaves PodSecurity in place: silent.
  private func checkComplete(_ context: inout RuleContext) {
    let config = context.config
    guard config.hasCompleteControlPlane, context.declaredVersion >= TalosVersion(1, 1), config.podSecurityConfigurations.isEmpty,
      !config.admissionPlugins.contains(where: { $0.child("name")?.isUnknown == true })
    else { return }
    let deletions = config.documents.flatMap(\.removals).filter(removesPodSecurity).map(\.range) + deletedDocumentNames(config).map(\.range)
    if !deletions.isEmpty {
      for range in deletions {
        context.report("this patch deletes the PodSecurity admission configuration; every namespace falls back to privileged", at: range)
      }
      return
    }
    if let list = config.find(.v1alpha1(Self.path)).first(where: \.isSequence) {
      context.report(
        "\(list.keyPath) has no PodSecurity entry, so every namespace falls back to the privileged level; keep the PodSecurity entry",
        atKeyOf: list)
      return
    }
    let anchor = config.admissionPlugins.first(where: { $0.document.typedKind != nil })?.child("name")
      ?? config.documents.first(where: { $0.kind == .v1alpha1(full: true) }).flatMap { document in
        document.root.flatMap { Found(document: document, node: $0, key: nil, keyPath: "").child("cluster") }
      }
    if let anchor {
      context.report(
        "this complete control-plane config has no PodSecurity admission configuration, so every namespace is privileged; keep the generated PodSecurity entry",
        atKeyOf: anchor)
    }
  }

  /// A patch changes the base: its admissionControl list merges with it by name (a list
  /// without PodSecurity, or `[]`, changes nothing), so only what deletes or replaces counts.
  private func checkPatches(_ context: inout RuleContext) {
    let config = context.config
    // A JSON patch sets the whole value at its path: replacing the list (or what holds it)
    // with one that lacks PodSecurity removes it.
    for document in config.documents where document.kind == .jsonPatch {
      guard let operation = document.patchPath, let root = document.root, Self.path.starts(with: operation), operation.last != "-" else { continue }
      let list = Found(document: document, node: root, key: nil, keyPath: "").descendants(Self.path).first
      let names = list?.elements.map { $0.child("name") } ?? []
      guard !names.contains(where: { $0?.string == "PodSecurity" || $0?.isUnknown == true }) else { continue }
      context.report(
        "this JSON patch sets /\(operation.joined(separator: "/")) without the PodSecurity entry; every namespace falls back to privileged",
        at: document.yaml[root].range)
    }
    for removal in config.documents.flatMap(\.removals) where removesPodSecurity(removal) {
      context.report("this patch deletes the PodSecurity admission configuration; every namespace falls back to privileged", at: removal.range)
    }
    for name in deletedDocumentNames(config) {
      context.report("this patch deletes the PodSecurity admission document; every namespace falls back to privileged", at: name)
    }
  }

  /// The `name` of each `$patch: delete` KubeAdmissionControlConfig for PodSecurity.
  private func deletedDocumentNames(_ config: TalosConfig) -> [Found] {
    config.deletedDocuments(ofKind: "KubeAdmissionControlConfig").compactMap { document in
      guard let root = document.root else { return nil }
      let name = Found(document: document, node: root, key: nil, keyPath: "KubeAdmissionControlConfig").child("name")
      return name.flatMap { $0.string == "PodSecurity" || $0.isUnknown ? $0 : nil }
    }
  }

  /// A deletion of the PodSecurity entry (by `$patch: delete` on `name: PodSecurity`, or a
  /// JSON patch of its index 0 where it is generated), of the list, or of an ancestor
  /// (`cluster` and `apiServer` included; not the whole document).
  private func removesPodSecurity(_ removal: Removal) -> Bool {
    if let item = removal.item {
      return removal.path == Self.path && item.key == "name" && item.value == "PodSecurity"
    }
    if removal.path.count >= 1 && Self.path.starts(with: removal.path) { return true }
    return removal.path.count == Self.path.count + 1 && removal.path.starts(with: Self.path) && removal.path.last == "0"
  }
}
