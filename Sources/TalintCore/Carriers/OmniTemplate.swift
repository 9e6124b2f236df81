import TalintYAML

/// An Omni cluster template (CARRIERS.md §2): `Cluster`, `ControlPlane`, `Workers` and
/// `Machine` documents whose `patches[].inline` are Talos patches (a mapping, a list of
/// documents or a string), whose `patches[].file` reference patch files, and whose
/// `kernelArgs` are kernel arguments of the machines in scope.
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

  static func read(_ parsed: YAMLParseResult, path: String, context: UnitContext) -> CarrierReading {
    var reading = CarrierReading(kind: .omni)
    for document in parsed.documents {
      guard let root = document.root, document.isMapping(root),
        document.value(forKey: "kind", in: root).flatMap(document.scalar) == "Cluster",
        let version = document.value(at: ["talos", "version"], from: root), let text = document.scalar(version),
        let parsedVersion = TalosVersion(parsing: text)
      else { continue }
      reading.release = TalosRelease(parsedVersion, source: "Cluster talos.version at line \(document[version].range.start.line)")
    }
    for (index, source) in parsed.documents.enumerated() {
      guard let root = source.root, source.isMapping(root), let kind = source.value(forKey: "kind", in: root).flatMap(source.scalar) else {
        continue
      }
      let top = source.found(root, keyPath: kind)
      let machineType: MachineType? = kind == "ControlPlane" ? .controlPlane : kind == "Workers" ? .worker : nil
      let unitContext = UnitContext(machineType: machineType, branches: context.branches)
      var documents: [ConfigDocument] = []
      if let args = top.child("kernelArgs"), let key = args.key {
        var yaml = source
        let wrapped = yaml.wrap(["customization", "extraKernelArgs"], around: args.node, at: source[key].range).root
        documents.append(ConfigDocument(kind: .schematic, yaml: yaml, root: wrapped))
      }
      for patch in top.child("patches")?.elements ?? [] {
        if let file = patch.child("file")?.rawString {
          reading.reference(file, from: path)
        }
        guard let inline = patch.child("inline") else { continue }
        if inline.isMapping {
          documents += TalosConfig.classify(source, root: inline.node)
        } else if inline.isSequence {
          documents += inline.elements.flatMap { TalosConfig.classify(source, root: $0.node) }
        } else {
          reading.embed(inline, lines: parsed.lines, path: path, context: unitContext)
        }
      }
      // The template's own YAML is checked once, with its first document.
      let config = TalosConfig(documents: documents, sources: index == 0 ? parsed.documents : [], context: unitContext)
      reading.units.append(LintUnit(config: config))
    }
    return reading
  }
}
