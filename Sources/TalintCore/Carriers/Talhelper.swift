import TalintYAML

/// A talhelper `talconfig.yaml` (CARRIERS.md §1): its inline patch strings are Talos patches,
/// `"@./file.yaml"` entries reference patch files, and several of its own fields are Talos
/// settings under other names — read here as the documents talhelper generates from them.
/// Each `nodes[]` entry is a machine.
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
    ("ingressFirewall", .firewall),
  ]

  /// Top-level fields that are cluster settings.
  static let clusterFields: [(field: String, target: Target)] = [
    ("cniConfig", .v1alpha1(["cluster", "network", "cni"])),
    ("inlineManifests", .v1alpha1(["cluster", "inlineManifests"])),
  ]

  enum Target {
    case v1alpha1([String])
    case documents(String)
    /// `ingressFirewall`: `defaultAction` becomes a NetworkDefaultActionConfig, each rule a
    /// NetworkRuleConfig.
    case firewall
  }

  /// One scope of settings: the top level, a group (`controlPlane`, `worker`) or a node.
  struct Scope {
    var found: Found
    var machineType: MachineType?
    /// Documents per field, so a node's field can take the place of its group's, and where
    /// each field is written.
    var fields: [String: [ConfigDocument]] = [:]
    /// The roots of `fields` while the scopes are read (their YAML is final only after).
    var fieldRoots: [String: [(DocumentKind, NodeID)]] = [:]
    var fieldRanges: [String: SourceRange] = [:]
    var schematic: ConfigDocument?
    var patches: [MachinePatch] = []
  }

  static func read(_ source: YAMLDocument, parsed: YAMLParseResult, path: String, context: UnitContext, root: ProjectRoot) -> CarrierReading {
    var reading = CarrierReading(kind: .talhelper, root: root)
    guard let root = source.root else { return reading }
    let top = source.found(root, keyPath: "")
    if let version = top.child("talosVersion"), let text = version.string, let parsedVersion = TalosVersion(parsing: text) {
      reading.release = TalosRelease(parsedVersion, source: "talosVersion at line \(version.range.start.line)")
    }

    var scopes: [Scope] = [Scope(found: top, machineType: nil)]
    if let group = top.child("controlPlane") { scopes.append(Scope(found: group, machineType: .controlPlane)) }
    if let group = top.child("worker") { scopes.append(Scope(found: group, machineType: .worker)) }
    let nodes = top.child("nodes")?.elements ?? []
    for node in nodes {
      scopes.append(Scope(found: node, machineType: node.child("controlPlane")?.bool == true ? .controlPlane : .worker))
    }

    // The fields' paths are built around their values in one copy of the talconfig's YAML
    // shared by every scope (a copy per field would be a copy per field per node).
    var yaml = source
    for index in scopes.indices { read(&scopes[index], isTop: index == 0, source: source, yaml: &yaml) }
    for index in scopes.indices {
      scopes[index].fields = scopes[index].fieldRoots.mapValues { roots in roots.map { ConfigDocument(kind: $0.0, yaml: yaml, root: $0.1) } }
    }
    for index in scopes.indices {
      let unitContext = UnitContext(machineType: scopes[index].machineType, branches: context.branches)
      let documents = (index == 0 ? clusterFields : nodeFields).flatMap { scopes[index].fields[$0.field] ?? [] }
        + (scopes[index].schematic.map { [$0] } ?? [])
      // The talconfig's own YAML is checked once (duplicate keys), with the top scope.
      let config = TalosConfig(documents: documents, sources: index == 0 ? parsed.documents : [], context: unitContext)
      reading.units.append(LintUnit(config: config))
      for patch in scopes[index].found.child("patches")?.elements ?? [] {
        guard let text = patch.rawString else { continue }
        if text.hasPrefix("@") {
          // A file that is not read is not merged either: the machine gets the other patches.
          if let file = reading.reference(String(text.dropFirst()), written: text, at: patch, from: path) {
            scopes[index].patches.append(MachinePatch(path: file, content: .file, namedAt: patch.range))
          }
        } else if let embedded = reading.embed(patch, lines: parsed.lines, path: path, context: unitContext, unescape: true) {
          scopes[index].patches.append(MachinePatch(path: path, content: .embedded(embedded.text, embedded.parsed.documents), regions: [patch.range]))
        }
      }
    }
    reading.machines = machines(scopes, nodes: nodes, release: reading.release?.written(in: path), path: path)
    return reading
  }

  /// The documents talhelper generates from a scope's own fields.
  private static func read(_ scope: inout Scope, isTop: Bool, source: YAMLDocument, yaml: inout YAMLDocument) {
    for (field, target) in isTop ? clusterFields : nodeFields {
      guard let value = scope.found.child(field), let key = value.key else { continue }
      var roots: [(DocumentKind, NodeID)] = []
      switch target {
      case .v1alpha1(let path):
        roots.append((.v1alpha1(full: false), yaml.wrap(path, around: value.node, at: source[key].range).root))
      case .documents(let kind):
        roots += value.elements.map { (.typed(kind), $0.node) }
      case .firewall:
        if let action = value.child("defaultAction"), let actionKey = action.key {
          roots.append((.typed("NetworkDefaultActionConfig"), yaml.wrap(["ingress"], around: action.node, at: source[actionKey].range).root))
        }
        roots += (value.child("rules")?.elements ?? []).map { (.typed("NetworkRuleConfig"), $0.node) }
      }
      scope.fieldRoots[field] = roots
      scope.fieldRanges[field] = SourceRange(start: source[key].range.start, end: value.range.end)
    }
    if let schematic = scope.found.child("schematic") {
      scope.schematic = ConfigDocument(kind: .schematic, yaml: source, root: schematic.node)
    }
  }

  /// Each node is a machine (talhelper's `pkg/generate/config.go`): Talos's generated base and
  /// the documents talhelper adds from the node's fields (the node's value where it sets one,
  /// else its group's), then the group's patches (unless `overridePatches`), the node's own,
  /// and the top-level patches last.
  private static func machines(_ scopes: [Scope], nodes: [Found], release: TalosRelease?, path: String) -> [MachineDefinition] {
    let top = scopes[0]
    let groups = [MachineType.controlPlane: scopes.first { $0.machineType == .controlPlane && $0.found.keyPath == "controlPlane" },
      .worker: scopes.first { $0.machineType == .worker && $0.found.keyPath == "worker" }]
    let nodeScopes = scopes.suffix(nodes.count)
    return zip(nodes, nodeScopes).enumerated().map { index, element in
      let (node, scope) = element
      let type = scope.machineType ?? .worker
      let group = groups[type] ?? nil
      var generated: [ConfigDocument] = clusterFields.flatMap { top.fields[$0.field] ?? [] }
      var regions: [SourceRange] = clusterFields.compactMap { top.fieldRanges[$0.field] }
      for (field, _) in nodeFields {
        let owner = scope.fields[field] != nil ? scope : group
        generated += owner?.fields[field] ?? []
        if let range = owner?.fieldRanges[field] { regions.append(range) }
      }
      let fieldPatch = generated.isEmpty ? [] : [MachinePatch(path: path, content: .documents(generated.compactMap { document in
        document.root.map { PatchInput.Document(yaml: document.yaml, root: $0, kind: document.typedKind) }
      }), regions: regions)]
      let overrides = node.child("overridePatches")?.bool == true
      let patches = fieldPatch + (overrides ? [] : group?.patches ?? []) + scope.patches + top.patches
      let schematic = scope.schematic ?? group?.schematic
      let boot = schematic.flatMap { document in
        document.root.map { MachinePatch(path: path, content: .documents([PatchInput.Document(yaml: document.yaml, root: $0)]), regions: [document.yaml[$0].range]) }
      }
      let name = node.child("hostname")?.string ?? "nodes[\(index)]"
      return MachineDefinition(name: name, type: type, release: release, patches: patches, bootDocuments: boot.map { [$0] } ?? [], definedIn: path)
    }
  }
}
