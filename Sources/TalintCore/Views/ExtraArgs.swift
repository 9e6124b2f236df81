import TalintYAML

/// One `extraArgs` entry of a component: a flag and its value(s). From Talos 1.13 a value may
/// be a list, which renders the flag once per element (docs/talos-facts.md#control-plane-flags).
public struct ExtraArg: Sendable {
  public var component: Component
  /// The flag without leading dashes, e.g. `anonymous-auth`.
  public var name: String
  /// The entry itself (key and value node).
  public var found: Found
  /// True when it comes from a typed document (`KubeAPIServerConfig`, …) rather than the
  /// legacy v1alpha1 field.
  public var fromDocument: Bool

  /// Each value given, as text (booleans and numbers as written).
  public var values: [Found] { found.elements.filter { $0.string != nil } }
}

extension ConfigViews {
  /// Every `extraArgs` entry of `component`, from the legacy field and its typed document.
  /// A config that reaches only workers runs no control-plane component: none for those.
  public func extraArgs(_ component: Component) -> [ExtraArg] {
    if machineType == .worker && component.isControlPlane { return [] }
    return extraArgsByComponent[component]
  }

  /// Where each component's `extraArgs` are: its legacy v1alpha1 field, then its typed document.
  private static let extraArgSources: [(component: Component, location: SettingLocation, fromDocument: Bool)] =
    Component.allCases.flatMap { component in
      [(component, .v1alpha1(component.legacyPath), false)] + (component.documentKind.map { [(component, .typed($0, ["extraArgs"]), true)] } ?? [])
    }
  static let extraArgLocations = SettingLocations(extraArgSources.map(\.location))

  /// Every component's `extraArgs` entries, from what was found at `extraArgLocations`.
  static func readExtraArgs(_ found: [(location: Int, found: Found)]) -> PerComponent<[ExtraArg]> {
    var result = PerComponent<[ExtraArg]> { _ in [] }
    for (location, map) in found {
      let source = extraArgSources[location]
      result[source.component] += map.entries.map { entry in
        ExtraArg(
          component: source.component, name: String(entry.name.drop(while: { $0 == "-" })), found: entry.value,
          fromDocument: source.fromDocument)
      }
    }
    return result
  }

  /// The `extraArgs` entries of `component` named `flag`.
  public func extraArgs(_ component: Component, named flag: String) -> [ExtraArg] {
    extraArgs(component).filter { $0.name == flag }
  }

  /// Every value given to `flag` of `component` (a list value yields each element).
  public func extraArgValues(_ component: Component, named flag: String) -> [Found] {
    extraArgs(component, named: flag).flatMap(\.values)
  }

  /// Where the kubelet configuration overrides are: `machine.kubelet.extraConfig` and `KubeletConfig.config`.
  static let kubeletConfigLocations = SettingLocations([.v1alpha1(["machine", "kubelet", "extraConfig"]), .typed(.kubeletConfig, ["config"])])
}
