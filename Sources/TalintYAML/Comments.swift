/// A YAML comment: libyaml emits no event for comments, so they are found by scanning the text
/// for `#` that starts a comment and lies outside every quoted or block scalar.
public struct Comment: Sendable, Equatable {
  /// Where the `#` is.
  public var position: SourcePosition
  /// The text after `#`, without leading or trailing blanks.
  public var text: String
  /// True when something other than blanks stands before the comment on its line.
  public var isTrailing: Bool
}

extension YAMLParseResult {
  /// Every comment of the input, in source order.
  public func comments() -> [Comment] {
    var protected: [SourceRange] = []
    for document in documents {
      for id in document.sourceNodes {
        let node = document[id]
        guard node.kind == .scalar, node.style.mayContainHash else { continue }
        let style = node.style
        var range = node.range
        // A block scalar's text starts on the line after its `|`/`>` header, which may end
        // with a comment (`key: | # talint: ignore[…]`).
        if style == .literal || style == .folded {
          range.start = SourcePosition(line: range.start.line + 1, column: 1)
          if range.end < range.start { continue }
        }
        protected.append(range)
      }
    }
    protected.sort { $0.start < $1.start }
    var result: [Comment] = []
    lines.bytes.withUnsafeBufferPointer { bytes in
      // Each `#` of the input found with memchr, its line followed along; one starts a comment
      // after a blank or at the start of its line, and only the first on a line counts.
      var line = 1
      var range = lines.byteRange(ofLine: 1)
      var from = 0
      while let hash = bytes.firstIndex(ofByte: UInt8(ascii: "#"), from: from) {
        from = hash + 1
        while hash >= range.upperBound && line < lines.lineCount {
          line += 1
          range = lines.byteRange(ofLine: line)
        }
        guard range.contains(hash), hash == range.lowerBound || bytes[hash - 1].isBlank else { continue }
        let position = SourcePosition(line: line, column: LineIndex.scalarCount(bytes[range.lowerBound..<hash]) + 1)
        if Self.isInside(position, protected) { continue }
        result.append(
          Comment(
            position: position, text: String(decoding: bytes[bytes.trimmingBlanks(hash + 1..<range.upperBound)], as: UTF8.self),
            isTrailing: bytes[range.lowerBound..<hash].contains { !$0.isBlank }))
        from = max(from, range.upperBound)
      }
    }
    return result
  }

  /// Scalars never overlap, so only the last range starting at or before `position` can hold it.
  private static func isInside(_ position: SourcePosition, _ ranges: [SourceRange]) -> Bool {
    var low = 0
    var high = ranges.count
    while low < high {
      let mid = (low + high) / 2
      if ranges[mid].start <= position { low = mid + 1 } else { high = mid }
    }
    return low > 0 && ranges[low - 1].contains(position)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs; the string itself (no copy)
  /// when it has none, as most values do.
  public func trimmingBlanks() -> String {
    guard let first = utf8.firstIndex(where: { !$0.isBlank }), let last = utf8.lastIndex(where: { !$0.isBlank }) else { return "" }
    if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return self }
    return String(decoding: utf8[first...last], as: UTF8.self)
  }
}
