extension ConfigViews {
  static let admissionPluginLocations = SettingLocations([.v1alpha1(["cluster", "apiServer", "admissionControl", "[]"])])

  /// Every admission plugin entry: legacy `cluster.apiServer.admissionControl[]` entries and
  /// `KubeAdmissionControlConfig` documents (each has `name` and `configuration`).
  /// `legacy`: what is at `admissionPluginLocations`.
  /// `documents`: the `KubeAdmissionControlConfig` documents.
  static func readAdmissionPlugins(_ legacy: [(location: Int, found: Found)], _ documents: [ConfigDocument]) -> [Found] {
    legacy.map(\.found) + documents.compactMap(Found.init(rootOf:))
  }

  /// The `configuration` of every PodSecurity admission entry
  /// (docs/talos-facts.md#pod-security-admission).
  public var podSecurityConfigurations: [Found] {
    admissionPlugins.filter { $0.child("name")?.string == "PodSecurity" }.compactMap { $0.child("configuration") }
  }
}
