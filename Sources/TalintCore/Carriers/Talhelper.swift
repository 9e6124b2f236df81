import TalintYAML

/// A talhelper `talconfig.yaml` (CARRIERS.md §1): its inline patch strings are Talos patches,
/// `"@./file.yaml"` entries reference patch files, and several of its own fields are Talos
/// settings under other names — read here as the documents talhelper generates from them.
enum Talhelper {
  static func isTalconfig(_ document: YAMLDocument) -> Bool {
    guard let root = document.root, document.isMapping(root) else { return false }
    return document.value(forKey: "clusterName", in: root) != nil && document.value(forKey: "nodes", in: root) != nil
  }

  /// Where a talconfig's `NodeConfigs` fields land in the generated config: a v1alpha1 path,
  /// or a typed document per list element.
  static let nodeFields: [(field: String, target: Target)] = [
    ("networkInterfaces", .v1alpha1(["machine", "network", "interfaces"])),
    ("kernelModules", .v1alpha1(["machine", "kernel", "modules"])),
    ("machineFiles", .v1alpha1(["machine", "files"])),
    ("extraManifests", .v1alpha1(["cluster", "extraManifests"])),
    ("userVolumes", .documents("UserVolumeConfig")),
    ("volumes", .documents("VolumeConfig")),
    ("extensionServices", .documents("ExtensionServiceConfig")),
  ]

  /// Top-level fields that are cluster settings.
  static let clusterFields: [(field: String, target: Target)] = [
    ("cniConfig", .v1alpha1(["cluster", "network", "cni"])),
    ("inlineManifests", .v1alpha1(["cluster", "inlineManifests"])),
  ]

  enum Target {
    case v1alpha1([String])
    case documents(String)
  }

  static func read(_ source: YAMLDocument, parsed: YAMLParseResult, path: String, context: UnitContext) -> CarrierReading {
    var reading = CarrierReading(kind: .talhelper)
    guard let root = source.root else { return reading }
    let top = source.found(root, keyPath: "")
    if let version = top.child("talosVersion"), let text = version.string, let parsedVersion = TalosVersion(parsing: text) {
      reading.release = TalosRelease(parsedVersion, source: "talosVersion at line \(version.range.start.line)")
    }

    // Each scope reaches its own machines: the group settings, then every node.
    var scopes: [(found: Found, machineType: MachineType?)] = [(top, nil)]
    if let group = top.child("controlPlane") { scopes.append((group, .controlPlane)) }
    if let group = top.child("worker") { scopes.append((group, .worker)) }
    for node in top.child("nodes")?.elements ?? [] {
      scopes.append((node, node.child("controlPlane")?.bool == true ? .controlPlane : .worker))
    }

    var yaml = source
    var scopeDocuments: [[(DocumentKind, NodeID)]] = []
    for (index, scope) in scopes.enumerated() {
      var documents: [(DocumentKind, NodeID)] = []
      for (field, target) in index == 0 ? clusterFields : nodeFields {
        guard let value = scope.found.child(field), let key = value.key else { continue }
        switch target {
        case .v1alpha1(let path):
          documents.append((.v1alpha1(full: false), yaml.wrap(path, around: value.node, at: source[key].range).root))
        case .documents(let kind):
          documents += value.elements.map { (.typed(kind), $0.node) }
        }
      }
      if let schematic = scope.found.child("schematic") { documents.append((.schematic, schematic.node)) }
      if let firewall = scope.found.child("ingressFirewall") {
        if let action = firewall.child("defaultAction"), let key = action.key {
          documents.append((.typed("NetworkDefaultActionConfig"), yaml.wrap(["ingress"], around: action.node, at: source[key].range).root))
        }
        documents += (firewall.child("rules")?.elements ?? []).map { (.typed("NetworkRuleConfig"), $0.node) }
      }
      scopeDocuments.append(documents)
    }

    for (index, scope) in scopes.enumerated() {
      let unitContext = UnitContext(machineType: scope.machineType, branches: context.branches)
      let documents = scopeDocuments[index].map { kind, node in ConfigDocument(kind: kind, yaml: yaml, root: node) }
      // The talconfig's own YAML is checked once (duplicate keys), with the top scope.
      let config = TalosConfig(documents: documents, sources: index == 0 ? parsed.documents : [], context: unitContext)
      reading.units.append(LintUnit(config: config))
      for patch in scope.found.child("patches")?.elements ?? [] {
        guard let text = patch.rawString else { continue }
        if text.hasPrefix("@") {
          reading.reference(String(text.dropFirst()), from: path)
        } else {
          reading.embed(patch, lines: parsed.lines, path: path, context: unitContext, unescape: true)
        }
      }
    }
    return reading
  }
}
