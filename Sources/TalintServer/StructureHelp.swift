import TalintCore

/// What the editor shows from Talos's own config types (`TalosStructure`): the description of
/// the key under the cursor, and the keys or values that may be written there, for the release
/// the document is judged by. Read from indentation (`CursorPath`), so it answers while a key
/// is half typed and the text does not parse.
struct StructureHelp {
  let structure: TalosStructure

  init(release: TalosVersion) {
    structure = TalosStructure.for(release)
  }

  /// True for a file whose keys are Talos's config types (a talconfig or an Omni template is
  /// the tool's own format; its inline patches are strings, which have no cursor path).
  static func describes(_ role: FileRole) -> Bool {
    [.machineConfig, .patch, .documents, .named].contains(role.kind)
  }

  /// Markdown for the key under the cursor: its description, its type, the release that added
  /// it and its deprecation; nil off a key Talos knows.
  func hover(_ cursor: CursorPath) -> String? {
    guard !cursor.key.isEmpty, let node = structure.node(kind: cursor.kind, path: cursor.parents + [cursor.key]), node.name != "*" else { return nil }
    var lines = ["**\(cursor.key)** — \(node.shape.spoken), Talos \(structure.release)"]
    if let deprecation = node.deprecation { lines.append("**Deprecated:** \(deprecation)") }
    if let added = node.addedIn, added > TalosVersion.oldest { lines.append("Added in Talos \(added).") }
    if let description = node.description { lines.append(description) }
    if !node.enumValues.isEmpty { lines.append("Values: " + node.enumValues.map { "`\($0)`" }.joined(separator: ", ")) }
    return lines.joined(separator: "\n\n")
  }

  /// The completion items at the cursor: the keys the mapping may hold (those not yet written
  /// in it come first in Talos's order), or the values a key takes.
  func completion(_ cursor: CursorPath) -> [JSON] {
    if cursor.inValue {
      if cursor.parents.isEmpty && cursor.key == "kind" {
        return structure.kinds.map { item($0, kind: 12, detail: "Talos \(structure.release) document") }
      }
      guard let node = structure.node(kind: cursor.kind, path: cursor.parents + [cursor.key]) else { return [] }
      let values = node.enumValues.isEmpty && node.shape.kind == .bool ? ["true", "false"] : node.enumValues
      return values.map { item($0, kind: 12, detail: node.shape.spoken) }
    }
    guard let mapping = structure.node(kind: cursor.kind, path: cursor.parents) else { return [] }
    return mapping.children.map { child in
      var entry = item(child.name, kind: 10, detail: child.shape.spoken, documentation: child.description)
      if child.deprecation != nil, case .object(var object) = entry {
        object["tags"] = [1]
        entry = .object(object)
      }
      return entry
    }
  }

  private func item(_ label: String, kind: Int, detail: String, documentation: String? = nil) -> JSON {
    var object: [String: JSON] = ["label": .string(label), "kind": .int(kind), "detail": .string(detail)]
    if let documentation { object["documentation"] = ["kind": "markdown", "value": .string(documentation)] }
    return .object(object)
  }
}
