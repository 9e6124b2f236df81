/// What the YAML does not say about Talos's strategic merge
/// (docs/talos-facts.md#strategic-merge-patches): Talos merges Go structs
/// (`pkg/machinery/config/merge`), and a few fields merge their own way — lists that merge their
/// items by identity, fields tagged `merge:"replace"`, and `meta.Args`, whose values replace rather
/// than merge. Everything else: mappings merge key by key, lists append, scalars replace.
enum MergeSchema {
  enum Rule: Equatable, Sendable {
    /// Mappings by key, lists appended, scalars replaced.
    case deep
    /// The patch's value replaces the base's whole (`merge:"replace"`).
    case replace
    /// A list whose items merge with the base item that has the same value of this key (or
    /// are appended): network devices by `interface`, VLANs by `vlanId`, admission plugins by
    /// `name`, extension config files by `mountPath`.
    case byKey(String)
    /// A list whose items replace the base item with the same key (image verification rules).
    case byKeyReplacing(String)
    /// `extraArgs` (`meta.Args`): each flag's value replaces the base's.
    case args
  }

  /// The rule for the value at `path` (`[]` stands for any list item) in a document of `kind`
  /// ("" for v1alpha1).
  static func rule(kind: String, path: [String]) -> Rule {
    guard let last = path.last else { return .deep }
    // Most values a merge visits end in a key no rule names: those skip building the key.
    guard ruleEnds.contains(last) else { return last == "extraArgs" ? .args : .deep }
    let key = (kind.isEmpty ? "" : kind + ":") + path.joined(separator: ".")
    return rules[key] ?? (last == "extraArgs" ? .args : .deep)
  }

  /// The last step of every path in `rules`.
  private static let ruleEnds = Set(rules.keys.map { String($0.split(separator: ".").last!.split(separator: ":").last!) })

  static let rules: [String: Rule] = [
    // v1alpha1 (`pkg/machinery/config/types/v1alpha1/v1alpha1_types.go`)
    "machine.network.interfaces": .byKey("interface"),
    "machine.network.interfaces.[].vlans": .byKey("vlanId"),
    "cluster.apiServer.admissionControl": .byKey("name"),
    "cluster.apiServer.auditPolicy": .replace,
    "cluster.network.podSubnets": .replace,
    "cluster.network.serviceSubnets": .replace,
    // typed documents (`pkg/machinery/config/types/*`)
    "KubeAuditPolicyConfig:configuration": .replace,
    "KubeAuthenticationConfig:configuration": .replace,
    "KubeCredentialProviderConfig:configuration": .replace,
    "CRIBaseRuntimeSpecConfig:overrides": .replace,
    "KubeStaticPodConfig:pod": .replace,
    "KubeNetworkConfig:podSubnets": .replace,
    "KubeNetworkConfig:serviceSubnets": .replace,
    "NetworkRuleConfig:portSelector.ports": .replace,
    "NetworkRuleConfig:ingress": .replace,
    "BGPInstanceConfig:advertise": .replace,
    "BGPInstanceConfig:importRoutes": .replace,
    "BGPInstanceConfig:neighbors": .replace,
    "ExtensionServiceConfig:configFiles": .byKey("mountPath"),
    "ImageVerificationConfig:rules": .byKeyReplacing("image"),
  ]
}

extension MergeSchema {
  /// True for the one value Talos's decoder changes: inline manifest contents lose their
  /// leading blank lines (`ClusterInlineManifests.UnmarshalYAML`).
  static func normalizes(kind: String, path: [String]) -> Bool {
    kind.isEmpty && path == ["cluster", "inlineManifests", "[]", "contents"]
  }

  /// That value as Talos decodes it.
  static func normalized(_ text: String) -> String {
    String(text.drop { "\t\n\u{0B}\u{0C}\r".contains($0) })
  }
}
