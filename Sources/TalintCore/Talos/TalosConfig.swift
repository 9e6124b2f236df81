import TalintYAML

/// Where a setting can live. The same setting is often in a legacy v1alpha1 field and in a
/// newer typed document; rules list every place and read them all alike.
public enum SettingLocation: Sendable {
  /// A path in v1alpha1 documents (full configs, strategic-merge patches, JSON6902 operations).
  case v1alpha1([String])
  /// A path inside typed documents of the given kind.
  case typed(String, [String])
  /// A path inside Image Factory schematics.
  case schematic([String])
}

/// Every document of one file, classified, with a lookup that finds a setting wherever it is.
/// Path segments match keys; `*` matches any key of a mapping and `[]` any sequence element.
public struct TalosConfig: Sendable {
  public let documents: [ConfigDocument]
  /// The YAML documents as parsed, one per `---` (a JSON6902 list yields several
  /// `documents` but one source).
  public let sources: [YAMLDocument]

  public init(_ parsed: [YAMLDocument]) {
    sources = parsed
    var documents: [ConfigDocument] = []
    for yaml in parsed {
      documents.append(contentsOf: Self.classify(yaml))
    }
    self.documents = documents
  }

  /// The role declared by a full config in this file (`machine.type`), if any.
  public var machineType: MachineType? {
    documents.lazy.compactMap(\.machineType).first
  }

  /// True when the file holds a full v1alpha1 config (not a patch).
  public var hasFullConfig: Bool {
    documents.contains { $0.kind == .v1alpha1(full: true) }
  }

  public func documents(ofKind kind: String) -> [ConfigDocument] {
    documents.filter { $0.typedKind == kind }
  }

  /// Every value at `location`, in document order.
  public func find(_ location: SettingLocation) -> [Found] {
    var result: [Found] = []
    for document in documents {
      guard let root = document.root else { continue }
      let path: [String]
      let prefix: String
      switch location {
      case .v1alpha1(let p):
        guard document.isV1Alpha1 else { continue }
        path = p
        prefix = ""
      case .typed(let kind, let p):
        guard document.typedKind == kind else { continue }
        path = p
        prefix = kind
      case .schematic(let p):
        guard document.kind == .schematic else { continue }
        path = p
        prefix = ""
      }
      let start = Found(document: document, node: root, key: nil, keyPath: prefix)
      result.append(contentsOf: start.descendants(path))
    }
    return result
  }

  /// Every value at any of `locations`.
  public func find(_ locations: [SettingLocation]) -> [Found] {
    locations.flatMap { find($0) }
  }

  private static func classify(_ yaml: YAMLDocument) -> [ConfigDocument] {
    guard let root = yaml.root else { return [ConfigDocument(kind: .other, yaml: yaml, root: nil)] }
    if yaml.isSequence(root) {
      if JSONPatch.isOperationList(yaml, root) { return JSONPatch.documents(from: yaml, root: root) }
      return [ConfigDocument(kind: .other, yaml: yaml, root: root)]
    }
    guard yaml.isMapping(root) else { return [ConfigDocument(kind: .other, yaml: yaml, root: root)] }
    let has = { (key: String) in yaml.value(forKey: key, in: root) != nil }
    let text = { (key: String) in yaml.value(forKey: key, in: root).flatMap(yaml.scalar) }
    // Talos's decoder: any of these keys makes a v1alpha1 document (FACTS.md §1).
    if has("machine") || has("cluster") || has("debug") || has("persist") {
      let full = text("version") == "v1alpha1" && has("machine")
      var document = ConfigDocument(kind: .v1alpha1(full: full), yaml: yaml, root: root)
      document.machineType = machineType(yaml, root)
      return [document]
    }
    if let kind = text("kind"), text("apiVersion") == "v1alpha1" {
      return [ConfigDocument(kind: .typed(kind), yaml: yaml, root: root)]
    }
    if has("customization") && !has("kind") {
      return [ConfigDocument(kind: .schematic, yaml: yaml, root: root)]
    }
    return [ConfigDocument(kind: .other, yaml: yaml, root: root)]
  }

  private static func machineType(_ yaml: YAMLDocument, _ root: NodeID) -> MachineType? {
    guard let node = yaml.value(at: ["machine", "type"], from: root), let type = yaml.scalar(node) else { return nil }
    switch type {
    case "controlplane", "init": return .controlPlane
    case "worker", "join", "": return .worker
    default: return nil
    }
  }
}
