import TalintYAML

/// Text edits that change one value of a parsed tree, computed from the nodes' ranges and the
/// text they were parsed from: removing an entry of a block collection takes its lines (or,
/// for the first entry after a `- `, up to the next entry); of a flow collection, the entry and
/// one comma; a collection left empty becomes `{}` or `[]`, which Talos reads as the key
/// absent. Nothing is offered where an edit would reach beyond the value: a value shared
/// through an alias or merge key, a document root.
struct TreeEdits {
  let yaml: YAMLDocument
  let lines: LineIndex

  /// The edits that take `node` (with its key, in a mapping) out of `parent`.
  func removal(of node: NodeID, in parent: NodeID) -> [TextEdit]? {
    guard !yaml.holdsAliases, yaml[parent].kind != .alias else { return nil }
    // Only the entry and its neighbours are measured: a fix per item of a long list must not
    // walk the list each time.
    let count: Int
    let index: Int
    let spanAt: (Int) -> SourceRange
    if yaml.isMapping(parent) {
      let pairs = yaml.rawPairs(parent)
      guard let position = Self.position(of: node, among: pairs.count, in: yaml, child: { pairs[$0].value }) else { return nil }
      (count, index) = (pairs.count, position)
      spanAt = { [yaml] at in
        let key = yaml[pairs[at].key].range
        let value = yaml[pairs[at].value].range
        return SourceRange(start: key.start, end: max(key.end, value.end))
      }
    } else {
      let elements = yaml.elements(parent)
      let first = elements.startIndex
      guard let position = Self.position(of: node, among: elements.count, in: yaml, child: { elements[first + $0] }) else { return nil }
      (count, index) = (elements.count, position)
      spanAt = { [yaml] at in yaml[elements[first + at]].range }
    }
    let collection = yaml[parent]
    let span = spanAt(index)
    if collection.isFlow {
      if count == 1 { return [TextEdit(span, "")] }
      if index + 1 < count { return [TextEdit(SourceRange(start: span.start, end: spanAt(index + 1).start), "")] }
      return [TextEdit(SourceRange(start: spanAt(index - 1).end, end: span.end), "")]
    }
    // A list item's line starts with its dash, at the column where the list starts.
    let isList = !yaml.isMapping(parent)
    let lineStart = isList ? collection.range.start.column : span.start.column
    let ownsItsLines = onlyBlanks(line: span.start.line, before: lineStart)
    if count == 1 {
      let empty = isList ? "[]" : "{}"
      // A mapping's only entry after a `- ` leaves `- {}`; a list that shares its line cannot be emptied in place.
      guard ownsItsLines else { return isList ? nil : [TextEdit(span, empty)] }
      // The collection is a key's value on the lines below it: the same lines, emptied.
      let indent = max(lineStart - 1, keyColumn(of: parent) + 2)
      return [TextEdit(wholeLines(span), String(repeating: " ", count: indent) + empty + "\n")]
    }
    if ownsItsLines { return [TextEdit(wholeLines(span), "")] }
    // The first entry after a `- ` or a key on its line: the next entry takes its place.
    guard index + 1 < count else { return nil }
    return [TextEdit(SourceRange(start: span.start, end: spanAt(index + 1).start), "")]
  }

  /// The edit that writes `text` in place of a scalar, in the scalar's quoting.
  func replacement(of node: NodeID, with text: String) -> [TextEdit]? {
    guard !yaml.holdsAliases, let style = yaml.style(node), yaml[node].kind == .scalar else { return nil }
    let quoted: String
    switch style {
    case .plain: quoted = text
    case .singleQuoted: quoted = "'\(text)'"
    case .doubleQuoted: quoted = "\"\(text)\""
    case .literal, .folded: return nil
    }
    return [TextEdit(yaml[node].range, quoted)]
  }

  /// Where `node` is among a collection's `count` children, which are in source order: found
  /// by its start, and by a look at each child only where positions do not tell (an empty
  /// value shares its position with what follows).
  static func position(of node: NodeID, among count: Int, in yaml: YAMLDocument, child: (Int) -> NodeID) -> Int? {
    let target = yaml[node].range.start
    var (low, high) = (0, count)
    while low < high {
      let middle = (low + high) / 2
      if yaml[child(middle)].range.start < target { low = middle + 1 } else { high = middle }
    }
    if low < count, child(low) == node { return low }
    return (0..<count).first { child($0) == node }
  }

  /// From the start of `range`'s first line to the start of the line after its last.
  private func wholeLines(_ range: SourceRange) -> SourceRange {
    SourceRange(start: SourcePosition(line: range.start.line, column: 1), end: SourcePosition(line: range.end.line + 1, column: 1))
  }

  private func onlyBlanks(line: Int, before column: Int) -> Bool {
    guard line <= lines.lineCount else { return false }
    let bytes = lines.lineBytes(line)
    return bytes.count >= column - 1 && bytes.prefix(column - 1).allSatisfy(\.isBlank)
  }

  /// The column (0-based) of the key whose value `collection` is, or of the collection itself:
  /// found by descending from the root through the entries whose ranges hold it.
  private func keyColumn(of collection: NodeID) -> Int {
    let target = yaml[collection].range
    var current = yaml.root
    while let node = current, node != collection {
      current = nil
      for pair in yaml.rawPairs(node) where yaml[pair.value].range.start <= target.start && target.end <= yaml[pair.value].range.end {
        if pair.value == collection { return yaml[pair.key].range.start.column - 1 }
        current = pair.value
        break
      }
      if current == nil {
        current = yaml.elements(node).first { yaml[$0].range.start <= target.start && target.end <= yaml[$0].range.end }
      }
    }
    return target.start.column - 1
  }
}
