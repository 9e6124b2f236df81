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
      .triggering(
        """
        cluster:
          apiServer:
            admissionControl:
              - name: PodSecurity
                ↓$patch: delete
        """),
      .passing(
        """
        cluster:
          apiServer:
            admissionControl:
              - name: PodSecurity
                configuration:
                  apiVersion: pod-security.admission.config.k8s.io/v1alpha1
                  kind: PodSecurityConfiguration
                  defaults:
                    enforce: baseline
        """
      ),
    ],
    scope: .controlPlane)

  static let path = ["cluster", "apiServer", "admissionControl"]

  /// The legacy admission plugin list.
  static let admissionControl = ReadSlot([.v1alpha1(path)])
  static let reads = [admissionControl]

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
    // Deletions too are judged only where the generator writes the entry.
    guard config.hasCompleteControlPlane, context.declaredVersion.has(Self.secureDefault.writtenFrom) else { return }
    let views = context.views
    let isSet = !views.podSecurityConfigurations.isEmpty || views.admissionPlugins.contains(where: { $0.child("name")?.isUnknown == true })
    let deletions = (config.documents.flatMap(\.removals).filter(removesPodSecurity).map(\.range) + deletedDocumentNames(config).map(\.range)).map {
      (range: $0, message: Message("this patch deletes the PodSecurity admission configuration; every namespace falls back to privileged"))
    }
    Self.secureDefault.check(&context, isSet: isSet, deletions: deletions) { context, complete in
      if let list = context.values(Self.admissionControl).first(where: \.isSequence) {
        context.report(
          "\(list.keyPath) has no PodSecurity entry, so every namespace falls back to the privileged level; keep the PodSecurity entry",
          atKeyOf: list)
        return
      }
      if let anchor = views.admissionPlugins.first(where: { $0.document.typedKind != nil })?.child("name") ?? complete.child("cluster") {
        context.report(
          "this complete control-plane config has no PodSecurity admission configuration, so every namespace is privileged; keep the generated PodSecurity entry",
          atKeyOf: anchor)
      }
    }
  }

  /// The generator writes the PodSecurity entry from Talos 1.1.
  static let secureDefault = SecureDefault(writtenFrom: .podSecurityGenerated)

  /// A patch changes the base: its admissionControl list merges with it by name (a list
  /// without PodSecurity, or `[]`, changes nothing), so only what deletes or replaces counts.
  private func checkPatches(_ context: inout RuleContext) {
    let config = context.config
    // A JSON patch sets the whole value at its path: replacing the list (or what holds it)
    // with one that lacks PodSecurity removes it.
    for document in config.documents where document.kind == .jsonPatch {
      guard let operation = document.patchPath, let root = Found(rootOf: document), Self.path.starts(with: operation), operation.last != "-" else { continue }
      let list = root.descendants(Self.path).first
      let names = list?.elements.map { $0.child("name") } ?? []
      guard !names.contains(where: { $0?.string == "PodSecurity" || $0?.isUnknown == true }) else { continue }
      context.report(
        "this JSON patch sets /\(operation.joined(separator: "/")) without the PodSecurity entry; every namespace falls back to privileged",
        at: root.range)
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
    config.deletedDocuments(ofKind: .kubeAdmissionControlConfig).compactMap { document in
      let name = Found(rootOf: document)?.child("name")
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
