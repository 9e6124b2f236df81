import TalintYAML

/// Where a setting can live. The same setting is often in a legacy v1alpha1 field and in a
/// newer typed document; rules list every place and read them all alike.
///
/// A struct rather than an enum with payloads: LeakSanitizer cannot follow the tagged pointers
/// of multi-payload enums, and reports the static location tables as leaks.
public struct SettingLocation: Sendable {
  enum Scope: Sendable { case v1alpha1, typed, schematic }
  let scope: Scope
  /// The document kind, for typed documents.
  let kind: String
  let path: [String]

  /// A path in v1alpha1 documents (full configs, strategic-merge patches, JSON6902 operations).
  public static func v1alpha1(_ path: [String]) -> SettingLocation { SettingLocation(scope: .v1alpha1, kind: "", path: path) }
  /// A path inside typed documents of the given kind.
  public static func typed(_ kind: TalosKind, _ path: [String]) -> SettingLocation { SettingLocation(scope: .typed, kind: kind.name, path: path) }
  /// A path inside Image Factory schematics.
  public static func schematic(_ path: [String]) -> SettingLocation { SettingLocation(scope: .schematic, kind: "", path: path) }
}

/// What a carrier knows about the config it holds: which machines it reaches (a talhelper
/// `worker` patch reaches workers), and which template lines are alternatives of one
/// conditional (keys repeated across them are not duplicates).
public struct UnitContext: Sendable {
  public var machineType: MachineType?
  public var branches: TemplateBranches?

  public init(machineType: MachineType? = nil, branches: TemplateBranches? = nil) {
    self.machineType = machineType
    self.branches = branches
  }
}

/// Every document of one file, classified, with a lookup that finds a setting wherever it is.
/// Path segments match keys; `*` matches any key of a mapping and `[]` any sequence element.
public struct TalosConfig: Sendable {
  public let documents: [ConfigDocument]
  /// The YAML documents as parsed, one per `---` (a JSON6902 list yields several
  /// `documents` but one source).
  public let sources: [YAMLDocument]
  /// The role declared by a full config in this file (`machine.type`), if any.
  public let machineType: MachineType?
  /// True when the file holds a full v1alpha1 config (not a patch).
  public let hasFullConfig: Bool
  /// Documents by what they are, so a lookup visits only the documents that can hold it.
  private let index: DocumentIndex
  /// What the file that carries these documents says about them.
  public let context: UnitContext

  struct DocumentIndex {
    var v1alpha1: [ConfigDocument] = []
    /// v1alpha1 documents by the first key they hold (`machine`, `cluster`, …), so that a file
    /// of many documents is read only where a setting can be. The list of sections is short:
    /// compared rather than hashed.
    var v1alpha1BySection: [Section] = []

    struct Section {
      var name: String
      var documents: [ConfigDocument] = []
      /// The section's documents by the key below it (`machine` → `sysctls`), made only for a
      /// section of more than `Section.indexedFrom` documents: with fewer, walking each one is
      /// cheaper than hashing every key of every document (most files hold one).
      var byChild: [String: [ConfigDocument]]?

      static let indexedFrom = 8

      /// The documents that can hold `child` below this section, in document order.
      func documents(holding child: String) -> [ConfigDocument] {
        guard let byChild else { return documents }
        return byChild[child] ?? []
      }
    }

    func section(_ name: String) -> Section? {
      v1alpha1BySection.first { $0.name == name }
    }
    var typed: [String: [ConfigDocument]] = [:]
    /// Typed documents that are `$patch: delete`: they set nothing, they take a document away.
    var deletedTyped: [String: [ConfigDocument]] = [:]
    var schematics: [ConfigDocument] = []

    init(_ documents: [ConfigDocument]) {
      for document in documents where document.root != nil {
        switch document.kind {
        case .v1alpha1, .jsonPatch:
          v1alpha1.append(document)
          let yaml = document.yaml
          for pair in yaml.pairs(document.root!) {
            guard let name = yaml.scalar(pair.key) else { continue }
            let index = v1alpha1BySection.firstIndex { $0.name == name } ?? {
              v1alpha1BySection.append(Section(name: name))
              return v1alpha1BySection.count - 1
            }()
            // A key written twice (TAL002) lists its document once. Updated in place: a copy
            // out of the array would copy the lists, once per document.
            v1alpha1BySection[index].documents.appendOnce(document)
          }
        case .typed(let kind) where document.deletesDocument: deletedTyped[kind, default: []].append(document)
        case .typed(let kind): typed[kind, default: []].append(document)
        case .schematic: schematics.append(document)
        case .other: continue
        }
      }
      for index in v1alpha1BySection.indices where v1alpha1BySection[index].documents.count > Section.indexedFrom {
        v1alpha1BySection[index].byChild = Self.byChild(v1alpha1BySection[index])
      }
    }

    /// A section's documents by each key below it, a document listed once per key.
    private static func byChild(_ section: Section) -> [String: [ConfigDocument]] {
      var byChild: [String: [ConfigDocument]] = [:]
      for document in section.documents {
        let yaml = document.yaml
        for pair in yaml.pairs(document.root!) where yaml.scalar(pair.key, is: section.name) {
          for child in yaml.pairs(pair.value) {
            guard let key = yaml.scalar(child.key) else { continue }
            byChild[key, default: []].appendOnce(document)
          }
        }
      }
      return byChild
    }

    /// The values at each of `set`'s locations, location by location, each in document order.
    func find(_ set: SettingLocations) -> [(location: Int, found: Found)] {
      var results: [(location: Int, found: Found)] = []
      walk(set, into: &results)
      // The walks yield document by document; callers read location by location.
      guard zip(results, results.dropFirst()).contains(where: { $0.location > $1.location }) else { return results }
      return results.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }.map(\.element)
    }

    /// The values at each of `set`'s locations, by location (`[location]`), each in document
    /// order: what a walk for many slots hands out without sorting what it found.
    func find(_ set: SettingLocations) -> [[Found]] {
      var results: [(location: Int, found: Found)] = []
      walk(set, into: &results)
      var byLocation = Array(repeating: [Found](), count: set.locations.count)
      for (location, found) in results { byLocation[location].append(found) }
      return byLocation
    }

    /// Appends what each document holds at `set`'s locations, document by document.
    private func walk(_ set: SettingLocations, into results: inout [(location: Int, found: Found)]) {
      if let trie = set.v1alpha1 {
        for document in v1alpha1 { Found(document: document, node: document.root!, key: nil, keyPath: "").descendants(trie, into: &results) }
      }
      // The kinds this file holds (few), not the kinds the set asks for (up to dozens).
      for (kind, documents) in typed {
        guard let trie = set.typed.first(where: { $0.kind == kind })?.trie else { continue }
        for document in documents { Found(document: document, node: document.root!, key: nil, keyPath: kind).descendants(trie, into: &results) }
      }
      if let trie = set.schematic {
        for document in schematics { Found(document: document, node: document.root!, key: nil, keyPath: "").descendants(trie, into: &results) }
      }
    }

    func find(_ location: SettingLocation) -> [Found] {
      let path = location.path
      let documents: [ConfigDocument]
      switch location.scope {
      case .v1alpha1:
        let literal = path.prefix(2).prefix { $0 != "*" && $0 != "[]" }
        switch literal.count {
        case 0: documents = v1alpha1
        case 1: documents = section(path[0])?.documents ?? []
        default: documents = section(path[0])?.documents(holding: path[1]) ?? []
        }
      case .typed: documents = typed[location.kind] ?? []
      case .schematic: documents = schematics
      }
      return documents.flatMap { document in
        Found(document: document, node: document.root!, key: nil, keyPath: location.kind).descendants(path)
      }
    }
  }

  /// The documents of a plain file.
  public init(_ parsed: [YAMLDocument]) {
    self.init(documents: parsed.flatMap(Self.classify), sources: parsed)
  }

  /// Documents a carrier prepared (a talconfig's fields, an Omni template's inline patches, an
  /// embedded config), with the YAML they were read from and what the carrier says about the
  /// machines they reach.
  public init(documents: [ConfigDocument], sources: [YAMLDocument], context: UnitContext = UnitContext()) {
    self.sources = sources
    self.documents = documents
    self.context = context
    machineType = context.machineType ?? documents.lazy.compactMap(\.machineType).first
    hasFullConfig = documents.contains { $0.kind == .v1alpha1(full: true) }
    index = DocumentIndex(documents)
  }

  /// The one walk of this config's documents for the rules of `plan`: every view and every
  /// slot a rule declared, each document walked once along all their paths together.
  func walk(_ plan: ReadPlan) -> ConfigViews {
    ConfigViews(self, plan: plan, found: index.find(plan.locations))
  }

  /// The shared views alone, no rule's slots: for a reader outside a lint run (a test, a tool).
  public var views: ConfigViews { walk(ReadPlan.of([])) }

  public func documents(ofKind kind: TalosKind) -> [ConfigDocument] {
    index.typed[kind.name] ?? []
  }

  /// The `$patch: delete` documents of a kind: each deletes that document (of its name).
  public func deletedDocuments(ofKind kind: TalosKind) -> [ConfigDocument] {
    index.deletedTyped[kind.name] ?? []
  }

  /// Every deletion in the v1alpha1 documents (JSON6902 `remove`, `$patch: delete`).
  public var v1alpha1Removals: [Removal] {
    documents.filter(\.isV1Alpha1).flatMap(\.removals)
  }

  /// True when the file holds a complete control-plane config.
  public var hasCompleteControlPlane: Bool {
    documents.contains { $0.kind == .v1alpha1(full: true) && $0.machineType == .controlPlane }
  }

  /// Every value at `location`, in document order.
  public func find(_ location: SettingLocation) -> [Found] {
    index.find(location)
  }

  /// Every value at any of `locations`, location by location: one walk of each document.
  public func find(_ locations: SettingLocations) -> [Found] {
    let found: [(location: Int, found: Found)] = index.find(locations)
    return found.map(\.found)
  }

  static func classify(_ yaml: YAMLDocument) -> [ConfigDocument] {
    classify(yaml, root: yaml.root)
  }

  /// What Talos makes of the document rooted at `root` (a whole YAML document, or a mapping a
  /// carrier holds a config in, such as an Omni inline patch).
  public static func classify(_ yaml: YAMLDocument, root: NodeID?) -> [ConfigDocument] {
    guard let root else { return [ConfigDocument(kind: .other, yaml: yaml, root: nil)] }
    if yaml.isSequence(root) {
      if JSONPatch.isOperationList(yaml, root) { return JSONPatch.documents(from: yaml, root: root) }
      return [ConfigDocument(kind: .other, yaml: yaml, root: root)]
    }
    guard yaml.isMapping(root) else { return [ConfigDocument(kind: .other, yaml: yaml, root: root)] }
    let has = { (key: String) in yaml.value(forKey: key, in: root) != nil }
    let text = { (key: String) in yaml.value(forKey: key, in: root).flatMap(yaml.scalar) }
    // Talos's decoder: any of these keys makes a v1alpha1 document
    // (docs/talos-facts.md#documents-and-machine-types).
    if has("machine") || has("cluster") || has("debug") || has("persist") {
      // What `talosctl gen config` writes: a type, and the machine's token or CA certificate.
      let filled = { (path: [String]) in yaml.value(at: path, from: root).map { !yaml.isNull($0) && yaml.scalar($0) != "" } ?? false }
      let complete = text("version") == "v1alpha1" && yaml.value(at: ["machine", "type"], from: root) != nil
        && (filled(["machine", "token"]) || filled(["machine", "ca", "crt"]) || filled(["machine", "acceptedCAs"]))
      return [
        ConfigDocument(
          kind: .v1alpha1(full: complete), yaml: yaml, root: root, machineType: machineType(yaml, root),
          removals: complete ? [] : PatchDelete.removals(in: yaml, root: root))
      ]
    }
    if let kind = text("kind"), text("apiVersion") == "v1alpha1" {
      return [
        ConfigDocument(
          kind: .typed(kind), yaml: yaml, root: root, removals: PatchDelete.removals(in: yaml, root: root),
          deletesDocument: PatchDelete.marks(yaml, root))
      ]
    }
    if has("customization") && !has("kind") {
      return [ConfigDocument(kind: .schematic, yaml: yaml, root: root)]
    }
    return [ConfigDocument(kind: .other, yaml: yaml, root: root)]
  }

  static func machineType(_ yaml: YAMLDocument, _ root: NodeID) -> MachineType? {
    guard let node = yaml.value(at: ["machine", "type"], from: root), let type = yaml.scalar(node) else { return nil }
    switch type {
    case "controlplane", "init": return .controlPlane
    case "worker", "join", "": return .worker
    default: return nil
    }
  }
}

extension Array where Element == ConfigDocument {
  /// Appends `document` unless it is already the last: a key written twice in one document
  /// (TAL002) lists the document once.
  fileprivate mutating func appendOnce(_ document: ConfigDocument) {
    if last !== document { append(document) }
  }
}
