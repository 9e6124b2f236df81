import TalintYAML

/// The texts a machine's base and patches were parsed from, by the merge's file index: a rule
/// judging the merged config finds a value again where it is written (the merge keeps each
/// node's range and file) and builds its fix there (`FixText`), so a machine's finding carries
/// its fix as the file's own would.
public struct PatchTexts: Sendable {
  private struct Patch: Sendable {
    var input: PatchInput
    /// The text of the file the patch is written in, and a template's own text.
    var file: (lines: LineIndex, unmasked: LineIndex?)
  }

  private var patches: [Patch] = []

  /// Notes a patch the merge read; `file` is the text of the file it is written in (nil: not
  /// known, and no fix is offered in it).
  mutating func add(_ input: PatchInput, file: (lines: LineIndex, unmasked: LineIndex?)?) {
    guard let file else { return }
    patches.append(Patch(input: input, file: file))
  }

  /// The value `found` of the merged config where it is written, with the text its fix edits.
  func locate(_ found: Found) -> (Found, WrittenText)? {
    let merged = found.yaml[found.node]
    for patch in patches where patch.input.file == merged.range.file {
      let embedded = patch.input.embedded
      // A string that cannot take a fixed text back takes no fix (EmbeddedText.editable).
      if let embedded, !embedded.editable { continue }
      for document in patch.input.documents {
        guard let place = Self.find(merged, in: document.yaml, from: document.root, embedded: embedded) else { continue }
        let lines = embedded.map { LineIndex.text(of: Array($0.text.utf8)) } ?? patch.file.lines
        // A value an environment variable filled in is not the text to replace.
        if merged.kind == .scalar && Self.mentionsVariable(document.yaml[place.node].range, in: lines) { return nil }
        let written = ConfigDocument(kind: .other, yaml: document.yaml, root: document.yaml.root)
        let text = WrittenText(lines: lines, embedded: embedded.map { ($0, patch.file.lines, patch.file.unmasked) })
        return (found.written(at: place.node, key: place.key, parent: place.parent, in: written), text)
      }
    }
    return nil
  }

  /// The node of `yaml` written where the merged node `merged` is, of its kind, with its key
  /// and the collection holding it, found by descending from `root` into the child whose text
  /// holds the merged node's (children are in source order): a fix per item of a long list
  /// must not look through the whole patch each time. The value of a JSON6902 operation has no
  /// parent a fix may edit: the operation is not the setting's mapping.
  private static func find(_ merged: Node, in yaml: YAMLDocument, from root: NodeID, embedded: EmbeddedText?) -> (node: NodeID, key: NodeID?, parent: NodeID?)? {
    func placed(_ node: NodeID) -> SourceRange { embedded?.outer(yaml[node].range) ?? yaml[node].range }
    func isIt(_ node: NodeID) -> Bool {
      let range = placed(node)
      return yaml[node].kind == merged.kind && range.start == merged.range.start && range.end == merged.range.end
    }
    func holds(_ node: NodeID) -> Bool { placed(node).start <= merged.range.start && merged.range.end <= placed(node).end }
    if isIt(root) { return (root, nil, nil) }
    var collection = root
    var isOperation = false
    while holds(collection) {
      let count: Int
      let child: (Int) -> (key: NodeID?, value: NodeID)
      switch yaml[collection].kind {
      case .mapping:
        let pairs = yaml.rawPairs(collection)
        (count, child) = (pairs.count, { (pairs[$0].key, pairs[$0].value) })
      case .sequence:
        let elements = yaml.elements(collection)
        let first = elements.startIndex
        (count, child) = (elements.count, { (nil, elements[first + $0]) })
      case .scalar, .alias:
        return nil
      }
      // The last child that starts at or before the merged node holds it, if any does (the
      // one before it too, where an empty value starts where its neighbour does).
      var (low, high) = (0, count)
      while low < high {
        let middle = (low + high) / 2
        if placed(child(middle).value).start <= merged.range.start { low = middle + 1 } else { high = middle }
      }
      guard let (key, value) = (max(low - 2, 0)..<low).reversed().map(child).first(where: { isIt($0.value) || holds($0.value) }) else { return nil }
      if isIt(value) { return (value, key, isOperation ? nil : collection) }
      // An item of a list at the root that names `op` and `path` is a JSON6902 operation.
      isOperation = collection == root && yaml[root].kind == .sequence
        && yaml.value(forKey: "op", in: value) != nil && yaml.value(forKey: "path", in: value) != nil
      collection = value
    }
    return nil
  }

  /// True when the text at `range` holds a `$`: talhelper fills `${VAR}` in from its
  /// environment, and the machine judged the value, not what is written.
  private static func mentionsVariable(_ range: SourceRange, in lines: LineIndex) -> Bool {
    guard range.start.line >= 1, range.start.line <= lines.lineCount else { return false }
    for line in range.start.line...min(range.end.line, lines.lineCount) {
      let bytes = lines.lineBytes(line)
      let from = line == range.start.line ? LineIndex.index(ofColumn: range.start.column, in: bytes) : bytes.startIndex
      let to = line == range.end.line ? LineIndex.index(ofColumn: range.end.column, in: bytes) : bytes.endIndex
      if from < to && bytes[from..<to].contains(UInt8(ascii: "$")) { return true }
    }
    return false
  }
}
