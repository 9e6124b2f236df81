import TalintYAML

/// Why Talos would refuse to apply a patch, in Talos's words where they are known
/// (`configpatcher.Apply`): `talint render` exits 2 with it, `lint` reports it on the machine.
public struct MergeError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// Where in the patch the problem is, when one place is to blame (file index as in the
  /// merge's file table).
  public var range: SourceRange?
  /// True when the merge passed a safety limit (TAL003) rather than Talos refusing the patch.
  public var isLimit = false
  /// True when a file the machine names is missing or unreadable (TAL009): not Talos's refusal.
  public var isNotRead = false
  /// True when the run's budget ran out while other machines merged at once: the machine is
  /// merged again on its own (MachineFindings), so this never reaches a report.
  var cutShort = false

  public init(message: String, range: SourceRange? = nil, isLimit: Bool = false) {
    self.message = message
    self.range = range
    self.isLimit = isLimit
  }

  init(message: String, range: SourceRange, cutShort: Bool) {
    self.init(message: message, range: range)
    self.cutShort = cutShort
  }

  public var description: String { message }

  /// The rule and message `lint` reports this under; `render` prints the same message.
  public var reported: (rule: RuleDescription, message: String) {
    if isNotRead { return (InputProblems.referenceNotRead, "\(message); the machine's config is merged and checked without it") }
    if isLimit { return (InputProblems.unreadableInput, message) }
    return (InputProblems.mergeFailed, "Talos would refuse this patch: \(message)")
  }
}

/// One patch as a merge reads it: its documents (a file's, an embedded string's, or subtrees
/// of a carrier such as Omni inline mappings) and how its positions are written.
public struct PatchInput: Sendable {
  public struct Document: Sendable {
    public var yaml: YAMLDocument
    public var root: NodeID
    /// The kind of a typed document whose YAML does not say it (a talhelper field that
    /// talhelper turns into, say, a NetworkRuleConfig).
    public var kind: String?

    public init(yaml: YAMLDocument, root: NodeID, kind: String? = nil) {
      self.yaml = yaml
      self.root = root
      self.kind = kind
    }
  }

  public var documents: [Document]
  /// The index of the file the patch is written in, in the merge's file table.
  public var file: Int32
  /// For a patch written inside a string (a talhelper inline patch): where each of its
  /// positions is in the file.
  public var embedded: EmbeddedText?

  public init(documents: [Document], file: Int32, embedded: EmbeddedText? = nil) {
    self.documents = documents
    self.file = file
    self.embedded = embedded
  }

  /// Every document of a parsed text.
  public init(parsed: [YAMLDocument], file: Int32, embedded: EmbeddedText? = nil) {
    self.init(documents: parsed.compactMap { document in document.root.map { Document(yaml: document, root: $0) } }, file: file, embedded: embedded)
  }

  /// A JSON6902 patch: one document whose root is a list of operations.
  var isJSON6902: Bool {
    documents.count == 1 && JSONPatch.isOperationList(documents[0].yaml, documents[0].root)
  }
}

/// The documents one machine runs, built the way Talos's `configpatcher.Apply` builds them —
/// strategic merge, `$patch: delete` in its three forms, JSON6902 — in one arena where every
/// node keeps the range it was written at (with the index of its file), so a finding on the
/// result points at the line that set the value; deletions are kept with the line that made
/// them.
public struct MergedConfig: Sendable {
  /// A document of the result, matched the way Talos matches them: apiVersion, kind, name.
  public struct Document: Sendable {
    public var apiVersion: String
    /// `v1alpha1` for the legacy machine config.
    public var kind: String
    public var name: String?
    public var root: NodeID

    var id: String { "\(apiVersion)/\(kind)" + (name.map { "/\($0)" } ?? "") }
    public var isV1Alpha1: Bool { kind == "v1alpha1" && apiVersion.isEmpty }
  }

  /// What a patch deleted, and where the deletion is written.
  public struct Deletion: Sendable {
    /// The document kind (`v1alpha1` for the legacy config) and name.
    public var kind: String
    public var name: String?
    /// The key path deleted (empty: the whole document); for a list item, the list's path.
    public var path: [String]
    public var item: (key: String, value: String)?
    public var range: SourceRange
  }

  public internal(set) var arena = YAMLDocument.arena()
  public internal(set) var documents: [Document] = []
  public internal(set) var deletions: [Deletion] = []
  /// Where the scalars written under secret-looking keys were written: a JSON6902 `copy` or
  /// `move` may take one to a key that does not look secret, and `render` masks it there too.
  public internal(set) var secretSources: Set<SourceRange> = []
  /// The nodes the merge may still create: aliases expand and JSON6902 copies duplicate
  /// subtrees, so every node made is counted.
  public var budget = NodeBudget()
  /// How deep a copied tree may nest once aliases expand: each alias may add the parser's 256
  /// levels, and the copy, the renderer and the rules recurse.
  static let depthLimit = 1024
  /// The patch collections being copied or merged now: an alias to one of them is a value
  /// that contains itself.
  private var copying: Set<NodeID> = []
  /// `strippedAway` of each patch node asked so far, for the patch document merging now: an
  /// alias bomb asks of the same nodes exponentially often.
  var strippedNodes: [NodeID: Bool] = [:]
  /// False while a patch document that holds no `$patch` marker merges: nothing in it is
  /// stripped away, so its values need not be searched for deletions at every level.
  private var patchMayDelete = true

  public init() {}

  /// Applies a patch (or, to an empty config, a base) the way Talos applies it.
  public mutating func apply(_ patch: PatchInput) throws(MergeError) {
    if patch.isJSON6902 && !documents.isEmpty {
      try applyJSON6902(patch)
      return
    }
    for document in patch.documents {
      try applyStrategic(document, of: patch)
    }
  }

  /// Copies documents into the arena without merging them: what a machine's boot image holds
  /// (schematic kernel arguments) sits beside its config, with its positions.
  public mutating func adopt(_ patch: PatchInput) throws(MergeError) -> [NodeID] {
    var roots: [NodeID] = []
    for document in patch.documents {
      strippedNodes = [:]
      var path: [String] = []
      roots.append(try copy(document.root, from: document.yaml, patch: patch, kind: "schematic", path: &path))
    }
    return roots
  }

  // MARK: Strategic merge (configpatcher/strategic.go, merge/merge.go)

  private mutating func applyStrategic(_ document: PatchInput.Document, of patch: PatchInput) throws(MergeError) {
    let yaml = document.yaml
    let root = yaml.resolve(document.root)
    guard yaml.isMapping(root) else {
      if yaml.isNull(root) { return }
      throw MergeError(message: "expected a YAML document", range: Self.place(yaml[root].range, of: patch))
    }
    var (apiVersion, kind, name) = Self.identity(yaml, root)
    if let declared = document.kind {
      (apiVersion, kind) = ("v1alpha1", declared)
    }
    let id = "\(apiVersion)/\(kind)" + (name.map { "/\($0)" } ?? "")
    patchMayDelete = PatchDelete.mayHoldMarker(yaml, root)
    strippedNodes = [:]
    defer { patchMayDelete = true }
    // Deletions first, then what is left of the document merges (Talos's decoder order).
    if patchMayDelete {
      for selector in try Self.selectors(yaml, root, patch: patch) {
        try delete(selector, documentID: id, kind: kind, name: name, patch: patch)
      }
    }
    guard !isEmptyDocument(yaml, root) else { return }
    let typedKind = kind == "v1alpha1" && apiVersion.isEmpty ? "" : kind
    // The key path of the value merging now, one stack for the whole document (a throw
    // abandons the document, so an unbalanced stack is never read again).
    var path: [String] = []
    if let index = documents.firstIndex(where: { $0.id == id }) {
      let merged = try merge(root, into: documents[index].root, from: yaml, patch: patch, kind: typedKind, path: &path)
      if let merged { documents[index].root = merged }
    } else {
      let copy = try self.copy(root, from: yaml, patch: patch, kind: typedKind, path: &path)
      documents.append(Document(apiVersion: apiVersion, kind: kind, name: name, root: copy))
    }
  }

  /// apiVersion, kind (`v1alpha1` for the legacy document) and name of a document.
  static func identity(_ yaml: YAMLDocument, _ root: NodeID) -> (String, String, String?) {
    let text = { (key: String) in yaml.value(forKey: key, in: root).flatMap(yaml.scalar) }
    let kind = text("kind").flatMap { $0.isEmpty ? nil : $0 } ?? "v1alpha1"
    return (text("apiVersion") ?? "", kind, text("name"))
  }

  /// A document that holds nothing but what names it (all else deleted) merges nothing.
  private mutating func isEmptyDocument(_ yaml: YAMLDocument, _ root: NodeID) -> Bool {
    yaml.pairs(root).allSatisfy { pair in
      guard let key = yaml.scalar(pair.key) else { return false }
      if key == "$patch" || stripped(yaml, pair.value) { return true }
      return ["version", "apiVersion", "kind", "name"].contains(key) && yaml.scalar(pair.value) != nil
    }
  }

  /// True for a value of the patch merging now that Talos's decoder takes out of it: a
  /// `$patch: delete` mapping, or a collection left empty once its deleted parts are gone.
  /// False at once when the patch has no marker. Each node is judged once per document, and a
  /// value reached again inside itself (an alias cycle, which its copy reports) counts as kept.
  private mutating func stripped(_ yaml: YAMLDocument, _ node: NodeID, depth: Int = 0) -> Bool {
    guard patchMayDelete, depth < Self.depthLimit else { return false }
    let node = yaml.resolve(node)
    if let known = strippedNodes[node] { return known }
    strippedNodes[node] = false
    var result = PatchDelete.marks(yaml, node)
    if !result {
      switch yaml[node].kind {
      case .mapping:
        let pairs = yaml.rawPairs(node)
        result = !pairs.isEmpty && pairs.allSatisfy { stripped(yaml, $0.value, depth: depth + 1) }
      case .sequence:
        let items = yaml.elements(node)
        result = !items.isEmpty && items.allSatisfy { stripped(yaml, $0, depth: depth + 1) }
      case .scalar, .alias:
        break
      }
    }
    strippedNodes[node] = result
    return result
  }

  /// Merges the patch value `right` into the base value `left` (nil when the base has none)
  /// and returns the node that holds the result.
  private mutating func merge(
    _ right: NodeID, into left: NodeID?, from yaml: YAMLDocument, patch: PatchInput, kind: String, path: inout [String]
  ) throws(MergeError) -> NodeID? {
    let node = yaml.resolve(right)
    if yaml.isNull(node) || stripped(yaml, node) { return left }
    let rule = MergeSchema.rule(kind: kind, path: path)
    switch yaml[node].kind {
    case .scalar:
      // Talos leaves a set value alone when the patch's is the zero value.
      if yaml.scalar(node, is: ""), left != nil { return left }
      return try copy(right, from: yaml, patch: patch, kind: kind, path: &path)
    case .mapping:
      guard rule != .replace, let left, case .mapping(var pairs) = arena.content(left) else {
        return try copy(right, from: yaml, patch: patch, kind: kind, path: &path)
      }
      let tracked = track(node, of: yaml)
      defer { if tracked { copying.remove(node) } }
      let patchPairs = yaml.pairs(node)
      var byKey = Self.keyTable(arena, pairs, patchCount: patchPairs.count)
      for pair in patchPairs {
        guard let key = yaml.scalar(pair.key), key != "$patch" else { continue }
        if stripped(yaml, pair.value) { continue }
        if let index = byKey.map({ $0[key] }) ?? pairs.lastIndex(where: { arena.scalar($0.key, is: key) }) {
          // extraArgs (meta.Args): a flag's value replaces the base's whole.
          let existing: NodeID? = rule == .args ? nil : pairs[index].value
          path.append(key)
          let merged = try merge(pair.value, into: existing, from: yaml, patch: patch, kind: kind, path: &path)
          path.removeLast()
          if let merged {
            // A value the patch replaced is written, key and all, on the patch's line.
            let setKey = merged == pairs[index].value ? pairs[index].key : try copy(pair.key, from: yaml, patch: patch, kind: kind, path: &path)
            pairs[index] = Pair(key: setKey, value: merged)
          }
        } else {
          let newKey = try copy(pair.key, from: yaml, patch: patch, kind: kind, path: &path)
          path.append(key)
          let newValue = try copy(pair.value, from: yaml, patch: patch, kind: kind, path: &path)
          path.removeLast()
          pairs.append(Pair(key: newKey, value: newValue))
          byKey?[key] = pairs.count - 1
        }
      }
      arena.setContent(.mapping(pairs), of: left)
      return left
    case .sequence:
      guard rule != .replace, let left, case .sequence(var existing) = arena.content(left) else {
        return try copy(right, from: yaml, patch: patch, kind: kind, path: &path)
      }
      let tracked = track(node, of: yaml)
      defer { if tracked { copying.remove(node) } }
      path.append("[]")
      defer { path.removeLast() }
      let items = yaml.elements(node)
      var matcher: ItemIndex? =
        switch rule {
        case .byKey(let key), .byKeyReplacing(let key): ItemIndex(arena, existing, key: key, patchCount: items.count)
        default: nil
        }
      for element in items where !stripped(yaml, element) {
        let item = yaml.resolve(element)
        switch rule {
        case .byKey(let key), .byKeyReplacing(let key):
          let found = matcher.map { $0.match(item, of: yaml) } ?? existing.firstIndex(where: { Self.sameItem(arena, $0, yaml, item, key: key) })
          if let index = found {
            if case .byKey = rule {
              if let merged = try merge(element, into: existing[index], from: yaml, patch: patch, kind: kind, path: &path) {
                existing[index] = merged
              }
            } else {
              existing[index] = try copy(element, from: yaml, patch: patch, kind: kind, path: &path)
            }
            continue
          }
          fallthrough
        default:
          existing.append(try copy(element, from: yaml, patch: patch, kind: kind, path: &path))
          matcher?.add(existing[existing.count - 1], at: existing.count - 1, of: arena)
        }
      }
      arena.setContent(.sequence(existing), of: left)
      return left
    case .alias:
      return left
    }
  }

  /// Notes that the patch collection `node` is merging, so that an alias inside it to itself
  /// is found a cycle where it is written (only documents with aliases can hold one); true
  /// when it was noted (and is to be removed once merged).
  private mutating func track(_ node: NodeID, of yaml: YAMLDocument) -> Bool {
    yaml.holdsAliases && copying.insert(node).inserted
  }

  /// The base mapping's keys by name (the last of duplicates, as the scan finds it) when both
  /// sides are large: a scan per patch key made merging two mappings of 50,000 keys take
  /// minutes. Small mappings are scanned.
  static func keyTable(_ arena: YAMLDocument, _ pairs: [Pair], patchCount: Int) -> [String: Int]? {
    guard pairs.count > 32 && patchCount > 32 else { return nil }
    var table: [String: Int] = [:]
    for (index, pair) in pairs.enumerated() {
      if let key = arena.scalar(pair.key) { table[key] = index }
    }
    return table
  }

  /// The nodes a patch's device selector may hold: a selector is a few keys, and one that
  /// expands (through aliases) past this matches nothing.
  static let selectorLimit = 1_000

  /// True when a base list item and a patch list item are the same by `key` (network devices
  /// also by an equal `deviceSelector`).
  static func sameItem(_ base: YAMLDocument, _ left: NodeID, _ yaml: YAMLDocument, _ right: NodeID, key: String) -> Bool {
    if let value = yaml.value(forKey: key, in: right).flatMap(yaml.scalar) {
      return base.value(forKey: key, in: left).flatMap(base.scalar) == value
    }
    if key == "interface", let selector = yaml.value(forKey: "deviceSelector", in: right),
      let existing = base.value(forKey: "deviceSelector", in: left)
    {
      guard let wanted = TreeValue(yaml, selector, limit: selectorLimit) else { return false }
      return TreeValue(base, existing) == wanted
    }
    return false
  }

  // MARK: Copying into the arena

  /// Copies a patch subtree into the arena: aliases and merge keys expanded, deleted parts
  /// left out, every node placed where it is written (in its file, through the embedded map)
  /// and counted against the budget. An alias to a value it is inside is refused, as Talos's
  /// YAML decoder refuses it, rather than expanded forever.
  mutating func copy(_ node: NodeID, from yaml: YAMLDocument, patch: PatchInput, kind: String, path: inout [String]) throws(MergeError) -> NodeID {
    let resolved = yaml.resolve(node)
    let where_ = Self.place(yaml[resolved].range, of: patch)
    try budget.spend(at: where_)
    let tag = yaml.tag(resolved)
    switch yaml[resolved].kind {
    case .scalar:
      if path.contains(where: SecretKeys.looksSecret) { secretSources.insert(where_) }
      guard MergeSchema.normalizes(kind: kind, path: path), let text = yaml.scalar(resolved) else {
        return arena.appendScalar(copying: resolved, of: yaml, range: where_, tag: tag)
      }
      return arena.append(.scalar(MergeSchema.normalized(text), yaml[resolved].style), range: where_, tag: tag)
    case .mapping, .sequence:
      // Without aliases a tree cannot hold itself: only documents with some are checked.
      if yaml.holdsAliases {
        guard copying.insert(resolved).inserted else {
          throw MergeError(message: "anchor value contains itself (an alias inside the value it names)", range: Self.place(yaml[node].range, of: patch))
        }
      }
      defer { if yaml.holdsAliases { copying.remove(resolved) } }
      guard path.count < Self.depthLimit else {
        throw MergeError(message: "nesting deeper than \(Self.depthLimit) levels once aliases expand", range: where_, isLimit: true)
      }
      if yaml[resolved].kind == .sequence {
        var copies: [NodeID] = []
        path.append("[]")
        defer { path.removeLast() }
        for element in yaml.elements(resolved) where !stripped(yaml, element) {
          copies.append(try copy(element, from: yaml, patch: patch, kind: kind, path: &path))
        }
        return arena.append(.sequence(copies), range: where_, tag: tag)
      }
      var pairs: [Pair] = []
      for pair in yaml.pairs(resolved) {
        guard let key = yaml.scalar(pair.key), key != "$patch", !stripped(yaml, pair.value) else { continue }
        let newKey = try copy(pair.key, from: yaml, patch: patch, kind: kind, path: &path)
        let labelKey = SecretKeys.namesLabelKey(key, in: resolved, of: yaml) && !path.contains(where: SecretKeys.looksSecret)
        path.append(key)
        pairs.append(Pair(key: newKey, value: try copy(pair.value, from: yaml, patch: patch, kind: kind, path: &path)))
        path.removeLast()
        // A taint's or selector's `key` names a label: not a secret source, as its name alone says.
        if labelKey { secretSources.remove(Self.place(yaml[yaml.resolve(pair.value)].range, of: patch)) }
      }
      return arena.append(.mapping(pairs), range: where_, tag: tag)
    case .alias:
      return arena.append(.scalar("", .plain), range: where_)
    }
  }

  /// A patch position as written in its file, with the file's index.
  static func place(_ range: SourceRange, of patch: PatchInput) -> SourceRange {
    var moved = patch.embedded?.outer(range) ?? range
    moved.file = patch.file
    return moved
  }
}
