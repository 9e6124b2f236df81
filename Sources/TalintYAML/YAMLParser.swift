internal import CYAML
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What parsing one input produced: every complete document, and the error that stopped the
/// stream if any (documents before it are kept; callers decide whether to lint them).
public struct YAMLParseResult: Sendable {
  public var documents: [YAMLDocument]
  public var error: YAMLError?
  /// The decoded UTF-8 input with its line table, for source excerpts and comment scanning.
  public var lines: LineIndex
}

/// Reads YAML through libyaml's event API into positioned, alias-preserving trees.
public enum YAMLParser {
  public static func parse(_ input: [UInt8], limits: YAMLLimits = .default) -> YAMLParseResult {
    if input.count > limits.maxBytes {
      // Refused before it is decoded or indexed: both would cost memory in proportion.
      let error = YAMLError(
        kind: .limit, message: "input is larger than \(limits.maxBytes >> 20) MiB",
        position: SourcePosition(line: 1, column: 1))
      return YAMLParseResult(documents: [], error: error, lines: LineIndex([]))
    }
    let bytes = InputDecoding.utf8(input)
    let lines = LineIndex(bytes)
    var builder = TreeBuilder(lines: lines, limits: limits)
    if !bytes.isEmpty {
      builder.run()
    }
    return YAMLParseResult(documents: builder.documents, error: builder.error, lines: lines)
  }
}

/// Turns the event stream into one arena per document. Collections are reserved when they
/// start (so node IDs follow source order) and filled when they end; their children wait on
/// one shared stack meanwhile, so building a tree allocates per array, not per node.
private struct TreeBuilder {
  private struct Frame {
    let id: NodeID
    let isMapping: Bool
    let isFlow: Bool
    let start: SourcePosition
    /// Where this collection's children begin on the pending stack.
    let pendingStart: Int
  }

  let lines: LineIndex
  let limits: YAMLLimits
  var error: YAMLError?

  /// The arena of the document being read; each document gets its own, so that code which
  /// builds on one document's tree (a JSON patch's synthesized paths) copies that document only.
  private var arena: YAMLArena
  /// The input while `run` reads it: `lines.bytes`, the buffer in-source scalars point into.
  private var input = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  private(set) var documents: [YAMLDocument] = []
  private var frames: [Frame] = []
  private var pending: [NodeID] = []
  private var anchors: [String: NodeID] = [:]
  private var duplicates: [DuplicateKey] = []
  private var documentStart = SourcePosition(line: 1, column: 1)
  private var aliasCount = 0

  init(lines: LineIndex, limits: YAMLLimits) {
    self.lines = lines
    self.limits = limits
    arena = YAMLArena(source: lines.bytes)
  }

  mutating func run() {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      error = YAMLError(kind: .limit, message: "libyaml could not start", position: .init(line: 1, column: 1))
      return
    }
    defer { yaml_parser_delete(&parser) }
    let bytes = lines.bytes
    bytes.withUnsafeBufferPointer { buffer in
      input = buffer
      defer { input = UnsafeBufferPointer(start: nil, count: 0) }
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      var event = yaml_event_t()
      while error == nil {
        guard yaml_parser_parse(&parser, &event) == 1 else {
          error = libyamlError(parser)
          return
        }
        let done = event.type == YAML_STREAM_END_EVENT
        handle(event)
        yaml_event_delete(&event)
        if done { return }
      }
    }
  }

  private mutating func handle(_ event: yaml_event_t) {
    let start = position(event.start_mark)
    let end = position(event.end_mark)
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      if documents.count >= limits.maxDocuments {
        error = YAMLError(kind: .limit, message: "more than \(limits.maxDocuments) documents", position: start)
        return
      }
      anchors = [:]
      duplicates = []
      documentStart = start
    case YAML_DOCUMENT_END_EVENT:
      let hasRoot = !arena.nodes.isEmpty
      let last = hasRoot ? arena.nodes[0].range.end : start
      documents.append(
        YAMLDocument(
          index: documents.count, arena: arena.trimmed(), root: hasRoot ? NodeID(0) : nil,
          range: SourceRange(start: documentStart, end: max(last, documentStart)), duplicateKeys: duplicates,
          ownNodes: 0..<arena.nodes.count))
      arena = YAMLArena(source: lines.bytes)
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let style = scalarStyle(scalar.style)
      var range = SourceRange(start: start, end: end)
      if style == .literal || style == .folded { range.end = blockEnd(range) }
      var node = Node(kind: .scalar, style: style, range: range, first: Int32(arena.text.count), count: Int32(scalar.length))
      if let value = scalar.value, scalar.length > 0 {
        let text = UnsafeBufferPointer(start: value, count: scalar.length)
        if let offset = inputOffset(of: text, style: style, at: event.start_mark) {
          node.inSource = true
          node.first = Int32(offset)
          arena.sourceSpan = arena.sourceSpan.isEmpty ? offset..<offset + text.count : arena.sourceSpan.lowerBound..<offset + text.count
        } else {
          arena.text.append(contentsOf: text)
        }
      } else {
        node.count = 0
      }
      let id = append(node)
      setTag(scalar.tag, of: id)
      register(anchor: scalar.anchor, id)
    case YAML_ALIAS_EVENT:
      aliasCount += 1
      if aliasCount > limits.maxAliases {
        error = YAMLError(kind: .limit, message: "more than \(limits.maxAliases) aliases", position: start)
        return
      }
      let name = string(event.data.alias.anchor) ?? ""
      guard let target = anchors[name] else {
        error = YAMLError(kind: .syntax, message: "found undefined alias '\(name)'", position: start)
        return
      }
      arena.aliasCount += 1
      _ = append(Node(kind: .alias, style: .plain, range: SourceRange(start: start, end: end), first: target.index, count: 0))
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      open(isMapping: false, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE, start: start, tag: data.tag, anchor: data.anchor)
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      open(isMapping: true, isFlow: data.style == YAML_FLOW_MAPPING_STYLE, start: start, tag: data.tag, anchor: data.anchor)
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      close(end: end)
    default:
      break
    }
  }

  /// Where the input spells a scalar's text exactly as it reads, so that the tree points there
  /// instead of keeping a copy: most plain and quoted scalars (one line, no escape). libyaml
  /// counts columns in characters, which are bytes on an ASCII line; anywhere else the bytes
  /// compared differ and the text is copied.
  private func inputOffset(of text: UnsafeBufferPointer<UInt8>, style: ScalarStyle, at mark: yaml_mark_t) -> Int? {
    guard style == .plain || style == .singleQuoted || style == .doubleQuoted, let lineStart = lines.start(ofLine: Int(mark.line) + 1)
    else { return nil }
    let offset = lineStart + Int(mark.column) + (style == .plain ? 0 : 1)
    guard offset + text.count <= input.count, memcmp(input.baseAddress! + offset, text.baseAddress!, text.count) == 0 else { return nil }
    return offset
  }

  private mutating func open(isMapping: Bool, isFlow: Bool, start: SourcePosition, tag: UnsafeMutablePointer<yaml_char_t>?, anchor: UnsafeMutablePointer<yaml_char_t>?) {
    if frames.count >= limits.maxDepth {
      error = YAMLError(kind: .limit, message: "nesting deeper than \(limits.maxDepth) levels", position: start)
      return
    }
    var node = Node(kind: isMapping ? .mapping : .sequence, style: .plain, range: SourceRange(at: start), first: 0, count: 0)
    node.isFlow = isFlow
    let id = append(node)
    setTag(tag, of: id)
    register(anchor: anchor, id)
    frames.append(Frame(id: id, isMapping: isMapping, isFlow: isFlow, start: start, pendingStart: pending.count))
  }

  private mutating func close(end: SourcePosition) {
    guard let frame = frames.popLast() else { return }
    let count = pending.count - frame.pendingStart
    // A block collection's END event sits where the next token starts, often the next line:
    // it really ends where its last child ends.
    var last = end
    if !frame.isFlow, count > 0 { last = arena.nodes[Int(pending[pending.count - 1].index)].range.end }
    var node = arena.nodes[Int(frame.id.index)]
    node.range = SourceRange(start: frame.start, end: last)
    node.first = Int32(arena.children.count)
    node.count = Int32(frame.isMapping ? count / 2 * 2 : count)
    // The children move as one block (slicing the stack and the generic append and remove
    // cost a few hundred instructions per collection).
    pending.withUnsafeBufferPointer { stack in
      arena.children.append(contentsOf: UnsafeBufferPointer(rebasing: stack[frame.pendingStart..<frame.pendingStart + Int(node.count)]))
    }
    if count > 65_536 {
      // After a huge collection the stack's room is given back, not kept for the rest of the
      // parse (a mapping of a million keys held 16 MB here).
      pending = Array(pending[..<frame.pendingStart])
    } else {
      for _ in 0..<count { pending.removeLast() }
    }
    arena.nodes[Int(frame.id.index)] = node
    if frame.isMapping && node.count > 2 { findDuplicates(node) }
  }

  private mutating func append(_ node: Node) -> NodeID {
    let id = NodeID(arena.nodes.count)
    arena.nodes.append(node)
    if !frames.isEmpty { pending.append(id) }
    return id
  }

  private mutating func register(anchor: UnsafeMutablePointer<yaml_char_t>?, _ id: NodeID) {
    if let name = string(anchor) { anchors[name] = id }
  }

  private mutating func setTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, of id: NodeID) {
    if let text = string(tag) { arena.tags[id.index] = text }
  }

  /// Records each scalar key seen before in the same mapping (merge keys `<<` excepted). Keys
  /// are compared as bytes: by hash, then by content, so a million keys cost a million hashes
  /// and no string.
  private mutating func findDuplicates(_ mapping: Node) {
    let slots = Int(mapping.first)..<Int(mapping.first + mapping.count)
    // Most mappings are small: comparing each key with the ones before it (lengths first)
    // costs less than hashing them.
    if mapping.count <= 32 {
      for slot in stride(from: slots.lowerBound + 2, to: slots.upperBound, by: 2) {
        let key = arena.children[slot]
        let node = arena.nodes[Int(key.index)]
        guard node.kind == .scalar, !arena.isMergeKey(node),
          let first = earlierKey(equalTo: key, before: slot, from: slots.lowerBound)
        else { continue }
        duplicates.append(DuplicateKey(first: first, second: key, name: String(decoding: arena.bytes(node), as: UTF8.self)))
      }
      return
    }
    var seenKeys = SeenKeys(count: Int(mapping.count) / 2)
    for slot in stride(from: slots.lowerBound, to: slots.upperBound, by: 2) {
      let key = arena.children[slot]
      let node = arena.nodes[Int(key.index)]
      guard node.kind == .scalar else { continue }
      let bytes = arena.bytes(node)
      if arena.isMergeKey(node) { continue }
      // FNV-1a: a few instructions a byte, where a Hasher per byte cost a hundred.
      var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in bytes { fnv = (fnv ^ UInt64(byte)) &* 0x100_0000_01b3 }
      guard let earlier = seenKeys.first(withHash: fnv, recording: key) else { continue }
      // Same hash: the same key, or (rarely) another one; then look among all earlier keys.
      let first = sameText(earlier, key) ? earlier : earlierKey(equalTo: key, before: slot, from: slots.lowerBound)
      if let first {
        duplicates.append(DuplicateKey(first: first, second: key, name: String(decoding: bytes, as: UTF8.self)))
      }
    }
  }

  private func sameText(_ a: NodeID, _ b: NodeID) -> Bool {
    let x = arena.nodes[Int(a.index)]
    let y = arena.nodes[Int(b.index)]
    return x.count == y.count && arena.bytes(x).elementsEqual(arena.bytes(y))
  }

  private func earlierKey(equalTo key: NodeID, before slot: Int, from start: Int) -> NodeID? {
    for earlier in stride(from: start, to: slot, by: 2) where arena.nodes[Int(arena.children[earlier].index)].kind == .scalar {
      if sameText(arena.children[earlier], key) { return arena.children[earlier] }
    }
    return nil
  }

  /// A block scalar's end mark sits at the start of the line after its content (past trailing
  /// blank lines); move it back to the end of the last content line.
  private func blockEnd(_ range: SourceRange) -> SourcePosition {
    guard range.end.column == 1 && range.end.line > range.start.line,
      let found = lines.endOfLastContentLine(from: range.end.line - 1, downTo: range.start.line)
    else { return range.end }
    return SourcePosition(line: found.line, column: found.column)
  }

  private func position(_ mark: yaml_mark_t) -> SourcePosition {
    SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }

  private func libyamlError(_ parser: yaml_parser_t) -> YAMLError {
    var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
    if let context = parser.context.map({ String(cString: $0) }) { message += " \(context)" }
    var at = position(parser.problem_mark)
    if parser.error == YAML_READER_ERROR {
      // Reader errors (bad UTF-8, control characters) carry a byte offset, not a mark.
      at = lines.position(ofByte: Int(parser.problem_offset))
      if parser.problem_value != -1 {
        message += " (byte 0x" + String(Int(parser.problem_value) & 0xFF, radix: 16, uppercase: true) + ")"
      }
    } else if parser.problem_mark.line == 0 && parser.problem_mark.column == 0 && parser.problem_mark.index == 0 && parser.context != nil {
      at = position(parser.context_mark)
    }
    return YAMLError(kind: .syntax, message: message, position: at)
  }

  private func scalarStyle(_ style: yaml_scalar_style_t) -> ScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }

  private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int? = nil) -> String? {
    guard let pointer else { return nil }
    var count = length ?? 0
    if length == nil { while pointer[count] != 0 { count += 1 } }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }
}
