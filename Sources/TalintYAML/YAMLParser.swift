internal import CYAML

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
    let bytes = InputDecoding.utf8(input)
    let lines = LineIndex(bytes)
    if input.count > limits.maxBytes {
      let error = YAMLError(
        kind: .limit, message: "input is larger than \(limits.maxBytes >> 20) MiB",
        position: SourcePosition(line: 1, column: 1))
      return YAMLParseResult(documents: [], error: error, lines: lines)
    }
    var builder = TreeBuilder(lines: lines, limits: limits)
    if !bytes.isEmpty {
      builder.run(bytes)
    }
    return YAMLParseResult(documents: builder.documents, error: builder.error, lines: lines)
  }
}

/// Turns the event stream into document arenas. Collections are reserved when they start (so
/// node IDs follow source order) and filled when they end.
private struct TreeBuilder {
  private struct Frame {
    let id: NodeID
    let isMapping: Bool
    let isFlow: Bool
    let start: SourcePosition
    let tag: String?
    var items: [NodeID] = []
  }

  let lines: LineIndex
  let limits: YAMLLimits
  var documents: [YAMLDocument] = []
  var error: YAMLError?

  private var nodes: [Node] = []
  private var frames: [Frame] = []
  private var anchors: [String: NodeID] = [:]
  private var duplicates: [DuplicateKey] = []
  private var documentStart = SourcePosition(line: 1, column: 1)
  private var aliasCount = 0

  init(lines: LineIndex, limits: YAMLLimits) {
    self.lines = lines
    self.limits = limits
  }

  mutating func run(_ bytes: [UInt8]) {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      error = YAMLError(kind: .limit, message: "libyaml could not start", position: .init(line: 1, column: 1))
      return
    }
    defer { yaml_parser_delete(&parser) }
    bytes.withUnsafeBufferPointer { buffer in
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
      nodes = []
      anchors = [:]
      duplicates = []
      documentStart = start
    case YAML_DOCUMENT_END_EVENT:
      let root: NodeID? = nodes.isEmpty ? nil : NodeID(0)
      let last = nodes.isEmpty ? start : nodes[0].range.end
      documents.append(
        YAMLDocument(
          index: documents.count, nodes: nodes, root: root,
          range: SourceRange(start: documentStart, end: max(last, documentStart)),
          duplicateKeys: duplicates))
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let value = string(scalar.value, scalar.length) ?? ""
      let style = scalarStyle(scalar.style)
      var range = SourceRange(start: start, end: end)
      if style == .literal || style == .folded { range.end = blockEnd(range) }
      let id = append(Node(content: .scalar(value, style), range: range, tag: string(scalar.tag)))
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
      _ = append(Node(content: .alias(target), range: SourceRange(start: start, end: end)))
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      open(isMapping: false, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE, start: start, tag: string(data.tag), anchor: data.anchor)
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      open(isMapping: true, isFlow: data.style == YAML_FLOW_MAPPING_STYLE, start: start, tag: string(data.tag), anchor: data.anchor)
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      close(end: end)
    default:
      break
    }
  }

  private mutating func open(isMapping: Bool, isFlow: Bool, start: SourcePosition, tag: String?, anchor: UnsafeMutablePointer<yaml_char_t>?) {
    if frames.count >= limits.maxDepth {
      error = YAMLError(kind: .limit, message: "nesting deeper than \(limits.maxDepth) levels", position: start)
      return
    }
    let placeholder: Node.Content = isMapping ? .mapping([]) : .sequence([])
    let id = append(Node(content: placeholder, range: SourceRange(at: start), tag: tag))
    register(anchor: anchor, id)
    frames.append(Frame(id: id, isMapping: isMapping, isFlow: isFlow, start: start, tag: tag))
  }

  private mutating func close(end: SourcePosition) {
    guard let frame = frames.popLast() else { return }
    // A block collection's END event sits where the next token starts, often the next line:
    // it really ends where its last child ends.
    var last = end
    if !frame.isFlow, let lastChild = frame.items.last { last = nodes[Int(lastChild.index)].range.end }
    let range = SourceRange(start: frame.start, end: last)
    if frame.isMapping {
      var pairs: [Pair] = []
      pairs.reserveCapacity(frame.items.count / 2)
      var index = 0
      while index + 1 < frame.items.count {
        pairs.append(Pair(key: frame.items[index], value: frame.items[index + 1]))
        index += 2
      }
      findDuplicates(pairs)
      nodes[Int(frame.id.index)] = Node(content: .mapping(pairs), range: range, tag: frame.tag)
    } else {
      nodes[Int(frame.id.index)] = Node(content: .sequence(frame.items), range: range, tag: frame.tag)
    }
  }

  private mutating func append(_ node: Node) -> NodeID {
    let id = NodeID(nodes.count)
    nodes.append(node)
    if !frames.isEmpty { frames[frames.count - 1].items.append(id) }
    return id
  }

  private mutating func register(anchor: UnsafeMutablePointer<yaml_char_t>?, _ id: NodeID) {
    if let name = string(anchor) { anchors[name] = id }
  }

  /// Records each scalar key seen before in the same mapping (merge keys `<<` excepted).
  private mutating func findDuplicates(_ pairs: [Pair]) {
    guard pairs.count > 1 else { return }
    var seen: [String: NodeID] = [:]
    seen.reserveCapacity(pairs.count)
    for pair in pairs {
      guard case .scalar(let name, let style) = nodes[Int(pair.key.index)].content else { continue }
      if name == "<<" && style == .plain { continue }
      if let first = seen[name] {
        duplicates.append(DuplicateKey(first: first, second: pair.key, name: name))
      } else {
        seen[name] = pair.key
      }
    }
  }

  /// A block scalar's end mark sits at the start of the line after its content (past trailing
  /// blank lines); move it back to the end of the last content line.
  private func blockEnd(_ range: SourceRange) -> SourcePosition {
    guard range.end.column == 1 && range.end.line > range.start.line,
      let found = lines.endOfLastContentLine(from: range.end.line - 1, downTo: range.start.line)
    else { return range.end }
    let endLineStart = range.end.line - 1 < lines.lineStarts.count ? lines.lineStarts[range.end.line - 1] : lines.bytes.count
    let contentLine = lines.lineBytes(found.line)
    var contentEnd = contentLine.endIndex
    while contentEnd > contentLine.startIndex && (lines.bytes[contentEnd - 1] == 0x20 || lines.bytes[contentEnd - 1] == 0x09) {
      contentEnd -= 1
    }
    let skipped = LineIndex.scalarCount(lines.bytes[contentEnd..<max(contentEnd, endLineStart)])
    return SourcePosition(line: found.line, column: found.column, offset: range.end.offset - skipped)
  }

  private func position(_ mark: yaml_mark_t) -> SourcePosition {
    SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: Int(mark.index))
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
