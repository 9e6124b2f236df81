import TalintCore
import TalintYAML

/// What Talos's strict decoder would reject in a file, or warn about, found by walking every
/// document against the structure model of the file's release. The structure rules each report
/// one kind of these; the walk is theirs alike.
struct StructureFinding: Sendable {
  enum Kind { case unknownKey, wrongType, outsideEnum, unknownDocument, deprecated }
  var kind: Kind
  var message: Message
  var range: SourceRange
  var keyPath: String
}

struct StructureWalk {
  let structure: TalosStructure
  private(set) var findings: [StructureFinding] = []
  /// True while walking below a deprecated key.
  private var insideDeprecated = false

  /// Every structure finding in `config`, judged by `release`.
  static func findings(in config: TalosConfig, release: TalosVersion) -> [StructureFinding] {
    var walk = StructureWalk(structure: .for(release))
    for document in config.documents { walk.check(document) }
    return walk.findings
  }

  private mutating func check(_ document: ConfigDocument) {
    let yaml = document.yaml
    switch document.kind {
    case .v1alpha1, .jsonPatch:
      guard let root = structure.root(kind: nil) else { return }
      var path: [String] = []
      if let node = document.root { walk(yaml, node, root, path: &path) }
      for removal in document.removals where document.kind == .jsonPatch { check(removal, root) }
    case .typed(let kind):
      guard let root = structure.root(kind: kind) else {
        reportUnknownKind(kind, yaml, document.root)
        return
      }
      var path = [kind]
      if let node = document.root, !document.deletesDocument { walk(yaml, node, root, path: &path) }
    case .schematic, .other:
      return
    }
  }

  /// A JSON6902 `remove`: its path must name keys the model knows.
  private mutating func check(_ removal: Removal, _ root: StructureNode) {
    var node = root
    var path: [String] = []
    for step in removal.path {
      guard let child = node.child(step) else {
        if node.shape.kind == .mapping, !Self.isUnknown(step) {
          reportUnknownKey(step, in: node, at: removal.range, path: path)
        }
        return
      }
      path.append(step)
      node = child
    }
  }

  private mutating func reportUnknownKind(_ kind: String, _ yaml: YAMLDocument, _ root: NodeID?) {
    guard !Self.isUnknown(kind), let root, let value = yaml.value(forKey: "kind", in: root) else { return }
    let releases = TalosStructure.releases(decoding: kind)
    var hint = ""
    if let first = releases.first, first > structure.release {
      hint = "; it was added in Talos \(first)"
    } else if let last = releases.last, last < structure.release {
      hint = "; Talos \(last) was the last to read it"
    } else if let near = Suggestion.nearest(kind, among: structure.kinds) {
      hint = "; did you mean '\(near)'?"
    }
    let message: Message = "Talos \(structure.release) has no document kind '\(kind)'\(hint)"
    findings.append(StructureFinding(kind: .unknownDocument, message: message, range: yaml[value].range, keyPath: "kind"))
  }

  /// Checks `value` (reached by `path`) against what `node` expects. `path` is one stack for
  /// the whole walk, joined only for a finding.
  private mutating func walk(_ yaml: YAMLDocument, _ value: NodeID, _ node: StructureNode, path: inout [String]) {
    if yaml.isNull(value) { return }
    let shape = node.shape
    switch shape.kind {
    case .free:
      // A type that decodes itself may still list its values (a bond mode, a port protocol).
      if !node.enumValues.isEmpty, let text = yaml.scalar(value), !Self.isUnknown(text) { checkEnum(text, yaml, value, node, path) }
    case .mapping, .map:
      guard yaml.isMapping(value) else { return wrongType(yaml, value, node, path) }
      for pair in yaml.pairs(value) {
        guard let key = yaml.scalar(pair.key), key != "$patch", !Self.isUnknown(key) else { continue }
        // SOPS keeps its metadata beside the document; `sops -d` takes it away before Talos reads it.
        if path.count <= 1 && key == "sops" { continue }
        guard let child = node.child(key) else {
          reportUnknownKey(key, in: node, at: yaml[pair.key].range, path: path)
          continue
        }
        // A deprecated section is reported once, not again for each key inside it.
        if let why = child.deprecation, !insideDeprecated {
          let shown = Self.dotted(path + [key])
          findings.append(
            StructureFinding(
              kind: .deprecated, message: "'\(shown)' is deprecated in Talos \(structure.release): \(why)",
              range: yaml[pair.key].range, keyPath: shown))
        }
        let outer = insideDeprecated
        insideDeprecated = outer || child.deprecation != nil
        path.append(key)
        walk(yaml, pair.value, child, path: &path)
        path.removeLast()
        insideDeprecated = outer
      }
    case .list:
      guard yaml.isSequence(value) else { return wrongType(yaml, value, node, path) }
      guard let element = node.child("[]") else { return }
      for (index, item) in yaml.elements(value).enumerated() {
        path.append("[\(index)]")
        walk(yaml, item, element, path: &path)
        path.removeLast()
      }
    default:
      // Any scalar fills a string: its text is read only when Talos lists the values.
      if shape.kind == .string && node.enumValues.isEmpty && !yaml.isMapping(value) && !yaml.isSequence(value) { return }
      guard let text = yaml.scalar(value) else { return wrongType(yaml, value, node, path) }
      if Self.isUnknown(text) { return }
      guard ScalarDecoding.accepts(text, style: yaml.style(value) ?? .plain, as: shape.kind) else {
        return wrongType(yaml, value, node, path)
      }
      checkEnum(text, yaml, value, node, path)
    }
  }

  private mutating func checkEnum(_ text: String, _ yaml: YAMLDocument, _ value: NodeID, _ node: StructureNode, _ path: [String]) {
    let allowed = node.enumValues
    guard !allowed.isEmpty, !allowed.contains(text) else { return }
    let shown = Self.dotted(path)
    let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
    findings.append(
      StructureFinding(
        kind: .outsideEnum, message: "'\(text)' is not a value Talos accepts for \(shown); allowed: \(list)",
        range: yaml[value].range, keyPath: shown))
  }

  private mutating func wrongType(_ yaml: YAMLDocument, _ value: NodeID, _ node: StructureNode, _ path: [String]) {
    // A template fills the value in later (`${jsonencode(subnets)}` may well be a list).
    if let text = yaml.scalar(value), Self.isUnknown(text) { return }
    // `list: {$patch: delete}` is a strategic-merge directive on the list, not its value (also
    // written `$$patch` where talhelper substitutes `$` signs).
    if yaml.isMapping(value), yaml.pairs(value).contains(where: { yaml.scalar($0.key)?.hasPrefix("$") == true }) { return }
    let found = yaml.isMapping(value) ? "a mapping" : yaml.isSequence(value) ? "a list" : "'\(yaml.scalar(value) ?? "")'"
    let shown = Self.dotted(path)
    findings.append(
      StructureFinding(
        kind: .wrongType, message: "\(shown) takes \(node.shape.spoken), not \(found); Talos will not decode it",
        range: yaml[value].range, keyPath: shown))
  }

  private mutating func reportUnknownKey(_ key: String, in node: StructureNode, at range: SourceRange, path: [String]) {
    let release = structure.release
    let shown = Self.dotted(path + [key])
    let holder = path.isEmpty ? "the document" : Self.dotted(path)
    var hint = ""
    let releases = node.releases(havingKey: key)
    if let first = releases.first, first > release {
      hint = "; '\(key)' was added in Talos \(first)"
    } else if let last = releases.last, last < release {
      hint = "; Talos \(last) was the last to read '\(key)'"
    } else if let near = Suggestion.nearest(key, among: node.children.map(\.name), maxDistance: min(max(2, key.count / 3), key.count - 1)) {
      hint = "; did you mean '\(near)'?"
    }
    let message: Message = "unknown key '\(key)' in \(holder): Talos \(release) will reject the config\(hint)"
    findings.append(StructureFinding(kind: .unknownKey, message: message, range: range, keyPath: shown))
  }

  /// A key or value a template fills in later, or a SOPS-encrypted value (`ENC[…]`, whose type
  /// SOPS keeps inside it until `sops -d`): never judged.
  private static func isUnknown(_ text: String) -> Bool {
    text.hasPrefix("ENC[") || (Placeholders.mayBeTemplated(text) && Placeholders.isTemplated(text))
  }

  /// `machine.install.extraKernelArgs`, `machine.network.interfaces[0].dhcp`.
  private static func dotted(_ path: [String]) -> String {
    path.reduce("") { joined, step in
      step.hasPrefix("[") || joined.isEmpty ? joined + step : joined + "." + step
    }
  }
}
