import TalintYAML

/// An Omni cluster template (docs/carriers.md#omni-cluster-templates): `Cluster`, `ControlPlane`,
/// `Workers` and `Machine` documents whose `patches[].inline` are Talos patches (a mapping, a list
/// of documents or a string), whose `patches[].file` reference patch files, and whose `kernelArgs`
/// are kernel arguments of the machines in scope. Each machine set and each `Machine` is a machine.
enum OmniTemplate {
  static let kinds: Set<String> = ["Cluster", "ControlPlane", "Workers", "Machine"]

  /// True when every document with content is an Omni template document (a `kind` of the four,
  /// no `apiVersion`) and one of them is there.
  static func isTemplate(_ documents: [YAMLDocument]) -> Bool {
    var found = false
    for document in documents {
      guard let root = document.root, !document.isNull(root) else { continue }
      guard document.isMapping(root), document.value(forKey: "apiVersion", in: root) == nil,
        let kind = document.value(forKey: "kind", in: root).flatMap(document.scalar), kinds.contains(kind)
      else { return false }
      found = true
    }
    return found
  }

  /// One template document: its patches (in Omni's order within the scope) and kernel args.
  struct Scope {
    var kind: String
    var top: Found
    var patches: [MachinePatch] = []
    var kernelArgs: MachinePatch?
  }

  /// Omni's base weights of patch IDs (`client/pkg/constants`): a patch's ID is its
  /// `idOverride`, or its weight and name; patches of a scope apply in ID order.
  static let baseWeights = ["Cluster": 200, "ControlPlane": 400, "Workers": 400, "Machine": 400]

  static func read(_ parsed: YAMLParseResult, path: String, context: UnitContext, root: ProjectRoot) -> CarrierReading {
    var reading = CarrierReading(kind: .omni, root: root)
    for document in parsed.documents {
      guard let root = document.root, document.isMapping(root),
        document.value(forKey: "kind", in: root).flatMap(document.scalar) == "Cluster",
        let version = document.value(at: ["talos", "version"], from: root), let text = document.scalar(version),
        let parsedVersion = TalosVersion(parsing: text)
      else { continue }
      reading.release = TalosRelease(parsedVersion, source: "Cluster talos.version at line \(document[version].range.start.line)")
    }
    var scopes: [Scope] = []
    for (index, source) in parsed.documents.enumerated() {
      guard let root = source.root, source.isMapping(root), let kind = source.value(forKey: "kind", in: root).flatMap(source.scalar) else {
        continue
      }
      var scope = Scope(kind: kind, top: source.found(root, keyPath: kind))
      let machineType: MachineType? = kind == "ControlPlane" ? .controlPlane : kind == "Workers" ? .worker : nil
      let unitContext = UnitContext(machineType: machineType, branches: context.branches)
      var documents: [ConfigDocument] = []
      if let args = scope.top.child("kernelArgs"), let key = args.key {
        var yaml = source
        let wrapped = yaml.wrap(["customization", "extraKernelArgs"], around: args.node, at: source[key].range).root
        documents.append(ConfigDocument(kind: .schematic, yaml: yaml, root: wrapped))
        scope.kernelArgs = MachinePatch(
          path: path, content: .documents([PatchInput.Document(yaml: yaml, root: wrapped)]),
          regions: [SourceRange(start: source[key].range.start, end: args.range.end)])
      }
      var patches: [(id: String, patch: MachinePatch)] = []
      for (position, patch) in (scope.top.child("patches")?.elements ?? []).enumerated() {
        let name = patch.child("name")?.string ?? ""
        let id = patch.child("idOverride")?.string ?? weighted(position, kind: kind, name: name)
        if let entry = patch.child("file"), let name = entry.rawString,
          let file = reading.reference(name, written: name, at: entry, from: path)
        {
          patches.append((id, MachinePatch(path: file, content: .file, namedAt: entry.range)))
        }
        guard let inline = patch.child("inline") else { continue }
        let roots = inline.isMapping ? [inline.node] : inline.isSequence ? inline.elements.map(\.node) : []
        if roots.isEmpty {
          if let embedded = reading.embed(inline, lines: parsed.lines, path: path, context: unitContext) {
            patches.append((id, MachinePatch(path: path, content: .embedded(embedded.text, embedded.parsed.documents), regions: [inline.range])))
          }
          continue
        }
        documents += roots.flatMap { TalosConfig.classify(source, root: $0) }
        patches.append((id, MachinePatch(path: path, content: .documents(roots.map { PatchInput.Document(yaml: source, root: $0) }), regions: [inline.range])))
      }
      scope.patches = patches.sorted { $0.id < $1.id }.map(\.patch)
      // The template's own YAML is checked once, with its first document.
      let config = TalosConfig(documents: documents, sources: index == 0 ? parsed.documents : [], context: unitContext)
      reading.units.append(LintUnit(config: config))
      scopes.append(scope)
    }
    reading.machines = machines(scopes, release: reading.release?.written(in: path), path: path)
    return reading
  }

  /// The ID Omni gives a patch without `idOverride`: `%03d-<prefix>-<name>`.
  static func weighted(_ position: Int, kind: String, name: String) -> String {
    let weight = String(baseWeights[kind, default: 400] + position)
    return String(repeating: "0", count: max(0, 3 - weight.count)) + weight + "-" + kind + "-" + name
  }

  /// Each machine set and each `Machine` is a machine; patches apply by scope (Cluster, then the
  /// machine set, then the machine), kernel arguments from the innermost scope that sets them.
  private static func machines(_ scopes: [Scope], release: TalosRelease?, path: String) -> [MachineDefinition] {
    guard let cluster = scopes.first(where: { $0.kind == "Cluster" }) else { return [] }
    let clusterName = cluster.top.child("name")?.string
    let input = { (type: MachineType) in generatorInput(cluster.top, type: type) }
    var result: [MachineDefinition] = []
    var sets: [(scope: Scope, type: MachineType, ids: [String])] = []
    for scope in scopes where scope.kind == "ControlPlane" || scope.kind == "Workers" {
      let type: MachineType = scope.kind == "ControlPlane" ? .controlPlane : .worker
      let ids = (scope.top.child("machines")?.elements ?? []).compactMap(\.string)
      let name = scope.kind == "ControlPlane" ? "control-plane" : scope.top.child("name")?.string ?? "workers"
      let boot = [scope.kernelArgs ?? cluster.kernelArgs].compactMap { $0 }
      var machine = MachineDefinition(name: name, type: type, release: release, patches: cluster.patches + scope.patches, bootDocuments: boot, definedIn: path)
      machine.cluster = clusterName
      machine.generatorInput = input(type)
      result.append(machine)
      sets.append((scope, type, ids))
    }
    for scope in scopes where scope.kind == "Machine" {
      guard let id = scope.top.child("name")?.string else { continue }
      let owner = sets.first { $0.ids.contains(id) }
      let boot = [scope.kernelArgs ?? owner?.scope.kernelArgs ?? cluster.kernelArgs].compactMap { $0 }
      var machine = MachineDefinition(
        name: id, type: owner?.type ?? .worker, release: release, patches: cluster.patches + (owner?.scope.patches ?? []) + scope.patches,
        bootDocuments: boot, definedIn: path)
      machine.cluster = clusterName
      machine.generatorInput = input(machine.type)
      result.append(machine)
    }
    return result
  }

  /// What Omni hands Talos's generator from the `Cluster` document: its name and its
  /// `kubernetes.version` (the component images).
  private static func generatorInput(_ cluster: Found, type: MachineType) -> GeneratorInput {
    var fields: [String: GeneratorInput.Field] = [:]
    for (field, path) in [("clusterName", ["name"]), ("kubernetesVersion", ["kubernetes", "version"])] {
      guard let value = cluster.child(path[0]).flatMap({ found in path.dropFirst().reduce(found) { $0?.child($1) } }), let key = value.key else { continue }
      fields[field] = GeneratorInput.Field(value: value.node, range: SourceRange(start: cluster.yaml[key].range.start, end: value.range.end))
    }
    return GeneratorInput(yaml: cluster.yaml, type: type, fields: fields, environment: TalhelperEnvironment())
  }
}
