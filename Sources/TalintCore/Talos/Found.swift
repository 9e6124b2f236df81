import TalintYAML

/// A value found in a config, with what a rule needs to judge and report it: the node, the key
/// it sits under, and its dotted key path (`cluster.apiServer.extraArgs.profiling`).
public struct Found: Sendable {
  public let document: ConfigDocument
  public let node: NodeID
  public let key: NodeID?
  /// The mapping or sequence that holds this value (nil for a document's root): what a fix
  /// that takes the value out edits around.
  public let parent: NodeID?
  /// The parent's key path and this value's own step; joined only when a report needs it, so
  /// walking a mapping of a million keys does not build a million strings.
  private let parentPath: String
  private let step: Step

  private enum Step: Sendable {
    case none
    case key(String)
    case index(Int)
  }

  /// `cluster.apiServer.extraArgs.profiling`, `machine.install.extraKernelArgs[2]`.
  public var keyPath: String { Self.join(parentPath, step) }

  private static func join(_ path: String, _ step: Step) -> String {
    switch step {
    case .none: path
    case .key(let name): path.isEmpty ? name : "\(path).\(name)"
    case .index(let index): "\(path)[\(index)]"
    }
  }

  public init(document: ConfigDocument, node: NodeID, key: NodeID?, keyPath: String) {
    self.init(document: document, node: node, key: key, parent: nil, parentPath: keyPath, step: .none)
  }

  /// A document's root, its key path starting at the document's kind for a typed document
  /// (`KubeletConfig.config`) and empty for a v1alpha1 one (`machine.kubelet`); nil for an
  /// empty document.
  public init?(rootOf document: ConfigDocument) {
    guard let root = document.root else { return nil }
    self.init(document: document, node: root, key: nil, keyPath: document.typedKind ?? "")
  }

  private init(document: ConfigDocument, node: NodeID, key: NodeID?, parent: NodeID?, parentPath: String, step: Step) {
    self.document = document
    self.node = node
    self.key = key
    self.parent = parent
    self.parentPath = parentPath
    self.step = step
  }

  /// The same value where it is written (a merged machine's value, found again in its patch),
  /// for the fix a rule builds on that text.
  func written(at node: NodeID, key: NodeID?, parent: NodeID?, in document: ConfigDocument) -> Found {
    Found(document: document, node: node, key: key, parent: parent, parentPath: parentPath, step: step)
  }

  public var yaml: YAMLDocument { document.yaml }
  /// Where the value is.
  public var range: SourceRange { yaml[node].range }
  /// Where the key is (the value for sequence elements).
  public var keyRange: SourceRange { key.map { yaml[$0].range } ?? range }

  /// The scalar text, nil for collections, nulls and unknown values (a template expression or
  /// `${VAR}` filled in later): a rule never judges what it cannot know.
  public var string: String? {
    guard !yaml.isNull(node), let text = yaml.scalar(node), !Placeholders.mayBeTemplated(text) || !Placeholders.isTemplated(text) else { return nil }
    return text
  }

  /// The scalar text as written, placeholders included (nil for collections and nulls).
  public var rawString: String? { yaml.isNull(node) ? nil : yaml.scalar(node) }

  /// True for a scalar whose value a template or environment substitution fills in.
  public var isUnknown: Bool { rawString.map(Placeholders.isTemplated) ?? false }
  public var isNull: Bool { yaml.isNull(node) }
  public var isMapping: Bool { yaml.isMapping(node) }
  public var isSequence: Bool { yaml.isSequence(node) }
  /// True when this sequence holds only elements a JSON6902 operation adds.
  public var isPartialSequence: Bool { document.partialSequences.contains(yaml.resolve(node)) }

  /// A boolean as Talos's decoder reads it (`true`/`yes`/`on`, `false`/`no`/`off`, any case).
  public var bool: Bool? {
    guard let text = string?.lowercased() else { return nil }
    switch text {
    case "true", "yes", "on", "y": return true
    case "false", "no", "off", "n": return false
    default: return nil
    }
  }

  /// An integer in decimal or `0x` hex, as the kernel and Go read them; nil otherwise.
  public var int: Int? { string.flatMap(Self.parseInt) }

  static func parseInt(_ text: String) -> Int? {
    if let value = Int(text) { return value }
    let trimmed = text.trimmingBlanks()
    if trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") { return Int(trimmed.dropFirst(2), radix: 16) }
    return Int(trimmed)
  }

  /// The comma-separated items of a scalar (`Node,RBAC` → `["Node", "RBAC"]`).
  public var commaItems: [String] {
    (string ?? "").split(separator: ",").map { String($0).trimmingBlanks() }
  }

  /// The non-empty pieces of a scalar between `separators` (ASCII; blanks around each
  /// trimmed), each with its own range when the scalar is a single-line plain or quoted one
  /// (escapes aside), so a finding can point at the one piece that is wrong; otherwise each
  /// gets the scalar's range. Read as bytes, columns counted in Unicode scalars (a byte that
  /// is not a UTF-8 continuation byte starts one).
  public func pieces(separatedBy separators: Set<Unicode.Scalar>) -> [(text: String, range: SourceRange)] {
    guard var text = string else { return [] }
    precondition(separators.allSatisfy(\.isASCII), "pieces are split at ASCII separators")
    var isSeparator = (UInt64(0), UInt64(0))
    for separator in separators {
      let value = separator.value
      if value < 64 { isSeparator.0 |= 1 << value } else { isSeparator.1 |= 1 << (value - 64) }
    }
    let node = yaml[yaml.resolve(self.node)]
    var exact = node.range.start.line == node.range.end.line
    var firstColumn = node.range.start.column
    if let style = yaml.style(self.node) {
      if style == .singleQuoted || style == .doubleQuoted { firstColumn += 1 }
      if style == .literal || style == .folded || (style == .doubleQuoted && text.containsBytes("\\")) { exact = false }
    }
    let line = node.range.start.line
    return text.withUTF8 { bytes in
      var result: [(text: String, range: SourceRange)] = []
      /// Appends the piece `bytes[start..<end]` (starting at scalar column `column`), blanks trimmed.
      func add(_ start: Int, _ end: Int, column: Int) {
        var (lower, upper, column) = (start, end, column)
        while lower < upper && bytes[lower].isBlank { lower += 1; column += 1 }
        while upper > lower && bytes[upper - 1].isBlank { upper -= 1 }
        guard lower < upper else { return }
        let piece = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
        let width = piece.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        let range = exact
          ? SourceRange(start: .init(line: line, column: column), end: .init(line: line, column: column + width), file: node.range.file)
          : node.range
        result.append((String(decoding: piece, as: UTF8.self), range))
      }
      var pieceStart = 0
      var pieceColumn = firstColumn
      var column = firstColumn
      for index in bytes.indices {
        let byte = bytes[index]
        if byte & 0xC0 == 0x80 { continue }  // inside a scalar: no column of its own
        let separates = byte < 64 ? isSeparator.0 >> byte & 1 == 1 : byte < 128 && isSeparator.1 >> (byte - 64) & 1 == 1
        if separates {
          add(pieceStart, index, column: pieceColumn)
          pieceStart = index + 1
          pieceColumn = column + 1
        }
        column += 1
      }
      add(pieceStart, bytes.count, column: pieceColumn)
      return result
    }
  }

  /// The value under `key` in this mapping.
  public func child(_ name: String) -> Found? {
    guard let pair = yaml.pair(forKey: name, in: node) else { return nil }
    return Found(document: document, node: pair.value, key: pair.key, parent: yaml.resolve(node), parentPath: keyPath, step: .key(name))
  }

  /// Every entry of this mapping, keyed.
  public var entries: [(name: String, value: Found)] { entries(whereKey: { _ in true }) }

  /// The entries whose key's bytes pass `test`: of a mapping of a million keys, a value is
  /// made only for the few a caller wants.
  public func entries(whereKey test: (ArraySlice<UInt8>) -> Bool) -> [(name: String, value: Found)] {
    let path = keyPath
    return yaml.pairs(node).compactMap { pair in
      guard let bytes = yaml.scalarBytes(pair.key), test(bytes), let name = yaml.scalar(pair.key) else { return nil }
      return (name, Found(document: document, node: pair.value, key: pair.key, parent: yaml.resolve(node), parentPath: path, step: .key(name)))
    }
  }

  /// Every element of this sequence; a scalar counts as a list of itself (Talos's `meta.Args`).
  public var elements: [Found] {
    if !isSequence { return isNull ? [] : [self] }
    let path = keyPath
    return yaml.elements(node).enumerated().map { index, element in
      Found(document: document, node: element, key: nil, parent: yaml.resolve(node), parentPath: path, step: .index(index))
    }
  }

  /// The values at `path` below this one (`*` any key, `[]` any element). The walk is over
  /// nodes; a value and its key path are made only for what is found (rules ask for dozens of
  /// paths a config does not set).
  public func descendants(_ path: [String]) -> [Found] {
    if path.isEmpty { return [self] }
    var results: [Found] = []
    var steps: [Step] = []
    steps.reserveCapacity(path.count)  // one allocation, not one per doubling
    walk(node, depth: 0, path, &steps, &results)
    return results
  }

  /// The values at every path of `trie` below this one, each appended with the location whose
  /// path ends there: the walk `descendants(path)` makes, for many paths at once.
  func descendants(_ trie: PathTrie, into results: inout [(location: Int, found: Found)]) {
    for index in trie.nodes[0].ends { results.append((index, self)) }
    var steps: [Step] = []
    steps.reserveCapacity(trie.depth)
    walk(node, trie, at: 0, &steps, &results)
  }

  /// The value `child` of `holder` (reached by `steps` from this one), one step further; the
  /// holder's key path is joined once for all the values found in it (`holderPath`).
  private func found(_ child: NodeID, key: NodeID?, in holder: NodeID, _ step: Step, after steps: [Step], holderPath: inout String?) -> Found {
    let path = holderPath ?? steps.reduce(keyPath, Self.join)
    holderPath = path
    return Found(document: document, node: child, key: key, parent: holder, parentPath: path, step: step)
  }

  /// Walks the children of `node` (reached by `steps`) that the trie's node at `position` goes
  /// on to.
  private func walk(_ node: NodeID, _ trie: PathTrie, at position: Int, _ steps: inout [Step], _ results: inout [(location: Int, found: Found)]) {
    let children = trie.nodes[position].children
    guard !children.isEmpty else { return }
    let holder = yaml.resolve(node)
    var holderPath: String?
    func visit(_ child: NodeID, key: NodeID?, _ step: Step, _ next: Int) {
      let ends = trie.nodes[next].ends
      if !ends.isEmpty {
        let value = found(child, key: key, in: holder, step, after: steps, holderPath: &holderPath)
        for index in ends { results.append((index, value)) }
      }
      steps.append(step)
      walk(child, trie, at: next, &steps, &results)
      steps.removeLast()
    }
    for (segment, next) in children {
      switch segment {
      case .anyKey:
        for pair in yaml.pairs(node) {
          guard let name = yaml.scalar(pair.key) else { continue }
          visit(pair.value, key: pair.key, .key(name), next)
        }
      case .anyElement:
        for (index, element) in yaml.elements(node).enumerated() {
          visit(element, key: nil, .index(index), next)
        }
      case .key(let name):
        guard let pair = yaml.pair(forKey: name, in: node) else { continue }
        visit(pair.value, key: pair.key, .key(name), next)
      }
    }
  }

  /// Walks the children of `node` (reached by `steps`) that `path[depth]` names.
  private func walk(_ node: NodeID, depth: Int, _ path: [String], _ steps: inout [Step], _ results: inout [Found]) {
    let holder = yaml.resolve(node)
    var holderPath: String?
    func visit(_ child: NodeID, key: NodeID?, _ step: Step) {
      if depth + 1 == path.count {
        results.append(found(child, key: key, in: holder, step, after: steps, holderPath: &holderPath))
        return
      }
      steps.append(step)
      walk(child, depth: depth + 1, path, &steps, &results)
      steps.removeLast()
    }
    switch path[depth] {
    case "*":
      for pair in yaml.pairs(node) {
        guard let name = yaml.scalar(pair.key) else { continue }
        visit(pair.value, key: pair.key, .key(name))
      }
    case "[]":
      for (index, element) in yaml.elements(node).enumerated() {
        visit(element, key: nil, .index(index))
      }
    case let name:
      guard let pair = yaml.pair(forKey: name, in: node) else { return }
      visit(pair.value, key: pair.key, .key(name))
    }
  }
}
