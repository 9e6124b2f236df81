import TalintYAML

/// A talhelper `talconfig.yaml` (docs/carriers.md#talhelper-talconfig): its inline patch strings
/// are Talos patches, `"@./file.yaml"` entries reference patch files, and several of its own fields
/// are Talos settings under other names — read here as the documents talhelper generates from them.
/// Each `nodes[]` entry is a machine.
enum Talhelper {
  /// A talconfig by talhelper's own keys: `clusterName`, and `nodes` whose entries have a
  /// `hostname` (talhelper requires one). Another tool's cluster file with the same top-level
  /// keys — a topf.yaml's nodes have `host` and `role` — is not read as one.
  static func isTalconfig(_ document: YAMLDocument) -> Bool {
    guard let root = document.root, document.isMapping(root), document.value(forKey: "clusterName", in: root) != nil,
      let nodes = document.value(forKey: "nodes", in: root)
    else { return false }
    guard document.isSequence(nodes) else { return document.isNull(nodes) }
    return document.elements(nodes).allSatisfy { node in
      !document.isMapping(node) || document.value(forKey: "hostname", in: node) != nil
    }
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

  static func read(
    _ source: YAMLDocument, parsed: YAMLParseResult, path: String, context: UnitContext, root: ProjectRoot, environmentFiles: [String]? = nil
  ) -> CarrierReading {
    var reading = CarrierReading(kind: .talhelper, root: root)
    guard let root = source.root else { return reading }
    let top = source.found(root, keyPath: "")
    let environment = environmentFiles.map { TalhelperEnvironment(files: $0, root: reading.root) }
      ?? TalhelperEnvironment(besideTalconfig: path, root: reading.root)
    if let version = top.child("talosVersion"), let written = version.rawString, let text = environment.substitute(written),
      let parsedVersion = TalosVersion(parsing: text)
    {
      let line = "talosVersion at line \(version.range.start.line)"
      let files = environment.files.map(FilePath.display).joined(separator: ", ")
      reading.release = TalosRelease(parsedVersion, source: text == written ? line : "\(files)'s value for \(line)")
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
      readIgnoredPatches(of: scopes[index], into: &reading, context: unitContext, path: path)
      for patch in scopes[index].found.child("patches")?.elements ?? [] {
        guard let text = patch.rawString else { continue }
        if text.hasPrefix("@") {
          // A file that is not read is not merged either: the machine gets the other patches.
          if let file = reading.reference(String(text.dropFirst()), written: text, at: patch, from: path) {
            scopes[index].patches.append(MachinePatch(path: file, content: .file, namedAt: patch.range, environment: environment))
          }
        } else if let embedded = reading.embed(patch, lines: parsed.lines, path: path, context: unitContext, unescape: true) {
          // The machine gets the patch as talhelper substituted the talconfig; the file's own
          // lint judges it as written.
          let documents = embedded.parsed.documents.map { $0.substituting(environment) }
          scopes[index].patches.append(MachinePatch(path: path, content: .embedded(embedded.text, documents), regions: [patch.range]))
        }
      }
    }
    reading.machines = machines(scopes, nodes: nodes, release: reading.release?.written(in: path), path: path, environment: environment)
    return reading
  }

  /// Patches under keys talhelper 2.0 stopped reading (`inlinePatch`, `configPatches`): judged
  /// for what they would do, reported as not applied, and not merged into the machines.
  private static func readIgnoredPatches(of scope: Scope, into reading: inout CarrierReading, context: UnitContext, path: String) {
    for key in ["inlinePatch", "configPatches"] {
      guard let patch = scope.found.child(key), !patch.isNull else { continue }
      let documents = TalosConfig.classify(patch.yaml, root: patch.node)
      reading.units.append(LintUnit(config: TalosConfig(documents: documents, sources: [], context: context)))
      reading.carrierFindings.append(
        Diagnostic(
          rule: InputProblems.talhelperKeyIgnored,
          message: "talhelper 2.0 and later ignore `\(key)`: this patch is not applied to the machines; move it into `patches`",
          path: path, range: patch.keyRange))
    }
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

  /// The fields talhelper gives the generator for one node: the top level's, and the node's
  /// own where it sets one, else its group's.
  private static func input(type: MachineType, top: Scope, group: Scope?, node: Scope, environment: TalhelperEnvironment) -> GeneratorInput {
    let yaml = top.found.yaml
    var fields: [String: GeneratorInput.Field] = [:]
    func take(_ name: String, from scope: Scope?) {
      guard let value = scope?.found.child(name), let key = value.key else { return }
      fields[name] = GeneratorInput.Field(value: value.node, range: SourceRange(start: yaml[key].range.start, end: value.range.end))
    }
    for name in GeneratorInput.clusterFieldNames { take(name, from: top) }
    for name in GeneratorInput.nodeFieldNames {
      take(name, from: group)
      take(name, from: node)
    }
    return GeneratorInput(yaml: yaml, type: type, fields: fields, environment: environment)
  }

  /// Each node is a machine (talhelper's `pkg/generate/config.go`): Talos's generated base and
  /// the documents talhelper adds from the node's fields (the node's value where it sets one,
  /// else its group's), then the group's patches (unless `overridePatches`), the node's own,
  /// and the top-level patches last.
  private static func machines(
    _ scopes: [Scope], nodes: [Found], release: TalosRelease?, path: String, environment: TalhelperEnvironment
  ) -> [MachineDefinition] {
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
      // A hostname is the machine's name as written, `${VAR}` and all: talhelper names it so. A
      // template's expression is masked (`{{ n.name }}` in a loop stands for many), so such a
      // node is named by its place.
      let written = node.child("hostname")?.rawString
      let name = written.flatMap { $0.unicodeScalars.contains(TemplateMasking.opaque) ? nil : $0 } ?? "nodes[\(index)]"
      var machine = MachineDefinition(name: name, type: type, release: release, patches: patches, bootDocuments: boot.map { [$0] } ?? [], definedIn: path)
      machine.generatorInput = input(type: type, top: top, group: group, node: scope, environment: environment)
      machine.cluster = top.found.child("clusterName")?.rawString
      return machine
    }
  }
}
