/// The keys Talos's decoder accepts in one release, generated from its Go config types
/// (scripts/generate-structure.py): for any key path of a document, what it holds, what Talos
/// says about it, and whether it exists at all. The editor's hover and completion read this.
public struct TalosStructure: Sendable {
  /// The release modelled (a known one: others are read as the nearest known).
  public let release: TalosVersion
  let bit: UInt16
  let table: StructureTable

  /// The model of `release`, or of the nearest release talint knows.
  public static func `for`(_ release: TalosVersion) -> TalosStructure {
    let known = release.nearestKnown
    let index = StructureData.releases.firstIndex(of: known) ?? StructureData.releases.count - 1
    return TalosStructure(release: StructureData.releases[index], bit: 1 << UInt16(index), table: .shared)
  }

  /// The document kinds this release decodes (the legacy v1alpha1 document is kind `""`).
  public var kinds: [String] {
    table.kinds.filter { $0.releases & bit != 0 && !$0.name.isEmpty }.map(\.name)
  }

  /// The releases that decode documents of `kind`.
  public static func releases(decoding kind: String) -> [TalosVersion] {
    releases(in: StructureTable.shared.kinds.first { $0.name == kind }?.releases ?? 0)
  }

  /// The root of a document: the legacy v1alpha1 document for `kind` nil or empty, else the
  /// typed document of that kind; nil when this release does not decode it.
  public func root(kind: String?) -> StructureNode? {
    let name = kind ?? ""
    guard let entry = table.kinds.first(where: { $0.name == name && $0.releases & bit != 0 }) else { return nil }
    return StructureNode(name: name, shape: StructureShape(code: "S\(entry.root)"), field: nil, structure: self)
  }

  /// The node at `path` below a document's root; a list's element is stepped into by `[]` or
  /// an index, a map's value by any key. Nil where this release has no such key.
  public func node(kind: String?, path: [String]) -> StructureNode? {
    var node = root(kind: kind)
    for step in path { node = node?.child(step) }
    return node
  }

  static func releases(in mask: UInt16) -> [TalosVersion] {
    StructureData.releases.indices.filter { mask & (1 << UInt16($0)) != 0 }.map { StructureData.releases[$0] }
  }
}

/// One place in a document's structure: a key of a struct, a list's element, a map's value.
public struct StructureNode: Sendable {
  /// The key (a list's element is `[]`, a map's value `*`; a document's root is its kind).
  public let name: String
  public let shape: StructureShape
  let field: StructureTable.Field?
  let structure: TalosStructure

  /// What Talos's documentation says about the key.
  public var description: String? { field.flatMap { structure.table.description($0.description) } }

  /// The values Talos lists for a scalar (or a list's elements); empty when it lists none.
  public var enumValues: [String] { field?.values ?? [] }

  /// Why Talos deprecates the key in this release (often naming its replacement), nil when it
  /// does not.
  public var deprecation: String? {
    guard let field, field.deprecatedIn & structure.bit != 0 else { return nil }
    return field.deprecation
  }

  /// The first release talint knows that has the key.
  public var addedIn: TalosVersion? {
    field.flatMap { TalosStructure.releases(in: $0.releases).first }
  }

  /// The keys a mapping holds in this release (none for a map or a free place).
  public var children: [StructureNode] {
    guard let type = shape.typeIndex else { return [] }
    return structure.table.fields(type).filter { $0.releases & structure.bit != 0 && $0.name != "*" }.map(node)
  }

  /// The node one step below: a struct's key, a map's value, a list's element.
  public func child(_ step: String) -> StructureNode? {
    switch shape.kind {
    case .mapping:
      // Read in place: every key of every document is looked up here.
      var inlined: StructureTable.Field?
      for field in structure.table.fields(shape.typeIndex!) where field.releases & structure.bit != 0 {
        if field.name == step { return node(field) }
        if field.name == "*" { inlined = field }
      }
      return inlined.map(node)
    case .map: return StructureNode(name: "*", shape: shape.element!, field: nil, structure: structure)
    case .list: return StructureNode(name: "[]", shape: shape.element!, field: field, structure: structure)
    case .free: return StructureNode(name: step, shape: shape, field: nil, structure: structure)
    default: return nil
    }
  }

  /// The releases talint knows in which this mapping has the key `name` (empty for none):
  /// what an unknown key's message says when the key belongs to another release.
  public func releases(havingKey name: String) -> [TalosVersion] {
    guard let type = shape.typeIndex else { return [] }
    let mask = structure.table.fields(type).filter { $0.name == name }.reduce(UInt16(0)) { $0 | $1.releases }
    return TalosStructure.releases(in: mask)
  }

  private func node(_ field: StructureTable.Field) -> StructureNode {
    StructureNode(name: field.name, shape: field.shape, field: field, structure: structure)
  }
}
