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
      var seen = Set<Int>()
      for document in patch.input.documents where seen.insert(document.yaml.index).inserted {
        guard let place = Self.find(merged, in: document.yaml, embedded: embedded) else { continue }
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
  /// and the collection holding it. The value of a JSON6902 operation has no parent a fix may
  /// edit: the operation is not the setting's mapping.
  private static func find(_ merged: Node, in yaml: YAMLDocument, embedded: EmbeddedText?) -> (node: NodeID, key: NodeID?, parent: NodeID?)? {
    func isIt(_ node: NodeID) -> Bool {
      let candidate = yaml[node]
      guard candidate.kind == merged.kind else { return false }
      let placed = embedded?.outer(candidate.range) ?? candidate.range
      return placed.start == merged.range.start && placed.end == merged.range.end
    }
    guard let root = yaml.root else { return nil }
    if isIt(root) { return (root, nil, nil) }
    let operations = JSONPatch.isOperationList(yaml, root) ? Set(yaml.elements(root)) : []
    for collection in yaml.sourceNodes {
      switch yaml[collection].kind {
      case .mapping:
        for pair in yaml.rawPairs(collection) where isIt(pair.value) {
          return (pair.value, pair.key, operations.contains(collection) ? nil : collection)
        }
      case .sequence:
        for element in yaml.elements(collection) where isIt(element) { return (element, nil, collection) }
      case .scalar, .alias:
        continue
      }
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
