import TalintYAML

/// The base of a machine described only by patches: what `talosctl gen config` writes for its
/// type and release (GeneratedBases, from Talos's own stability test data), parsed once.
enum GeneratedBase {
  static let parsed: [String: [YAMLDocument]] = GeneratedBases.texts.mapValues { YAMLParser.parse(Array($0.utf8)).documents }

  static func documents(for type: MachineType, release: TalosVersion) -> [YAMLDocument] {
    let version = release.nearestKnown
    return parsed["\(version)-\(type == .controlPlane ? "controlplane" : "worker")"] ?? []
  }
}
