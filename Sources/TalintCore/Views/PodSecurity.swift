extension TalosConfig {
  static let admissionPluginLocations = SettingLocations([.v1alpha1(["cluster", "apiServer", "admissionControl", "[]"])])

  /// Every admission plugin entry: legacy `cluster.apiServer.admissionControl[]` entries and
  /// `KubeAdmissionControlConfig` documents (each has `name` and `configuration`).
  /// `legacy`: what is at `admissionPluginLocations`.
  static func readAdmissionPlugins(_ legacy: [(location: Int, found: Found)], _ index: DocumentIndex) -> [Found] {
    legacy.map(\.found)
      + (index.typed["KubeAdmissionControlConfig"] ?? []).compactMap { document in
        document.root.map { Found(document: document, node: $0, key: nil, keyPath: "KubeAdmissionControlConfig") }
      }
  }

  /// The `configuration` of every PodSecurity admission entry
  /// (docs/talos-facts.md#pod-security-admission).
  public var podSecurityConfigurations: [Found] {
    admissionPlugins.filter { $0.child("name")?.string == "PodSecurity" }.compactMap { $0.child("configuration") }
  }
}
