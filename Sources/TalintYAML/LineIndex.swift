#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where each line of the decoded UTF-8 input starts, with line breaks counted as libyaml
/// counts them (`\n`, `\r\n`, lone `\r`, NEL, LS, PS). Used to move block END marks back onto the last
/// content line, to place reader errors given as byte offsets, and to show source lines.
public struct LineIndex: Sendable {
  /// Byte offset of the start of each line; `lineStarts[0] == 0`. 32-bit: inputs are capped
  /// far below 4 GiB (YAMLLimits.maxBytes), and a file of a million lines keeps 4 MB less.
  private let lineStarts: [UInt32]
  public let bytes: [UInt8]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    var starts: [UInt32] = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    bytes.withUnsafeBufferPointer { buffer in
      // Line breaks found with memchr, `\n` and `\r` each: the nearer one ends a line (`\r\n`
      // as one break). A file without `\r` (most) is searched for it once.
      let n = buffer.count
      func next(_ byte: UInt8, from: Int) -> Int { buffer.firstIndex(ofByte: byte, from: from) ?? n }
      var lf = next(0x0A, from: 0)
      var cr = next(0x0D, from: 0)
      while lf < n || cr < n {
        if lf < cr {
          starts.append(UInt32(lf + 1))
          lf = next(0x0A, from: lf + 1)
        } else {
          let end = cr + 1 < n && buffer[cr + 1] == 0x0A ? cr + 2 : cr + 1
          starts.append(UInt32(end))
          if end == cr + 2 { lf = next(0x0A, from: end) }
          cr = next(0x0D, from: cr + 1)
        }
      }
    }
    // libyaml also ends a line at NEL (U+0085), LS (U+2028) and PS (U+2029) (YAML 1.1): its
    // positions count them, so the lines shown and masked must too. Their lead bytes are
    // found with memchr, as above; a file without them (nearly all) is searched once for each.
    let unicodeBreaks = bytes.withUnsafeBufferPointer { buffer -> [UInt32] in
      var found: [UInt32] = []
      for lead in [UInt8(0xC2), 0xE2] {
        var index = buffer.firstIndex(ofByte: lead, from: 0)
        while let at = index {
          let width = Self.unicodeBreakWidth(buffer, at: at)
          if width > 0 { found.append(UInt32(at + width)) }
          index = buffer.firstIndex(ofByte: lead, from: at + 1)
        }
      }
      return found
    }
    if !unicodeBreaks.isEmpty { starts = (starts + unicodeBreaks).sorted() }
    lineStarts = starts
  }

  /// The length of a NEL, LS or PS break at `index` (0 when there is none).
  private static func unicodeBreakWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    guard index + 1 < bytes.count else { return 0 }
    if bytes[index] == 0xC2 && bytes[index + 1] == 0x85 { return 2 }
    if bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) { return 3 }
    return 0
  }

  public var lineCount: Int { lineStarts.count }

  /// The line table of decoded UTF-8 text.
  public static func text(of bytes: [UInt8]) -> LineIndex { LineIndex(bytes) }

  /// The bytes of 1-based `line`, without its line break.
  public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
    bytes[byteRange(ofLine: line)]
  }

  /// Where 1-based `line` starts in `bytes`, nil past the last line.
  public func start(ofLine line: Int) -> Int? {
    line >= 1 && line <= lineStarts.count ? Int(lineStarts[line - 1]) : nil
  }

  /// Where 1-based `line` is in `bytes`, without its line break (empty past the last line).
  public func byteRange(ofLine line: Int) -> Range<Int> {
    guard line >= 1 && line <= lineStarts.count else { return bytes.count..<bytes.count }
    let start = Int(lineStarts[line - 1])
    var end = line < lineStarts.count ? Int(lineStarts[line]) : bytes.count
    while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
    if end == (line < lineStarts.count ? Int(lineStarts[line]) : -1) {
      // No CR or LF ended the line: a NEL, LS or PS did.
      if end - start >= 2 && bytes[end - 2] == 0xC2 && bytes[end - 1] == 0x85 { end -= 2 } else if end - start >= 3 && bytes[end - 3] == 0xE2 { end -= 3 }
    }
    return start..<end
  }

  /// The text of 1-based `line`, without its line break.
  public func lineText(_ line: Int) -> String {
    String(decoding: lineBytes(line), as: UTF8.self)
  }

  /// True when the input holds `needle` anywhere (a cheap test before a costly scan).
  /// The markers asked for (`talint:`, `talos-version=`, `{{`, `${`) end in their rarest byte:
  /// candidates are found by it.
  public func contains(_ needle: String) -> Bool {
    var pattern = needle
    return pattern.isEmpty
      || bytes.withUnsafeBufferPointer { haystack in pattern.withUTF8 { haystack.firstRange(of: $0, anchor: $0.count - 1) != nil } }
  }

  /// Where 1-based `column` starts in a line's UTF-8 `bytes`: after column − 1 scalars (a
  /// scalar starts at every byte but continuation bytes), at most the end. The inverse of
  /// `scalarCount`.
  @inlinable
  public static func index<Bytes: Collection>(ofColumn column: Int, in bytes: Bytes) -> Bytes.Index where Bytes.Element == UInt8 {
    var index = bytes.startIndex
    var skipped = 0
    while index < bytes.endIndex && skipped < column - 1 {
      index = bytes.index(after: index)
      while index < bytes.endIndex && bytes[index] & 0xC0 == 0x80 { index = bytes.index(after: index) }
      skipped += 1
    }
    return index
  }

  /// Unicode scalars in `bytes` (UTF-8 continuation bytes do not count).
  @inlinable
  public static func scalarCount(_ bytes: some Collection<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// 1-based line and column of a byte offset.
  public func position(ofByte offset: Int) -> SourcePosition {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if Int(lineStarts[mid]) <= offset { low = mid } else { high = mid - 1 }
    }
    let start = Int(lineStarts[low])
    let column = Self.scalarCount(bytes[start..<min(offset, bytes.count)]) + 1
    return SourcePosition(line: low + 1, column: column)
  }

  /// The end of the last non-blank line in `lines` (1-based, inclusive), scanning backwards:
  /// where a block scalar or block collection really ends.
  func endOfLastContentLine(from line: Int, downTo floor: Int) -> (line: Int, column: Int)? {
    var current = line
    while current >= floor {
      let text = lineBytes(current)
      var end = text.endIndex
      while end > text.startIndex && text[end - 1].isBlank { end -= 1 }
      if end > text.startIndex {
        return (current, Self.scalarCount(text[text.startIndex..<end]) + 1)
      }
      current -= 1
    }
    return nil
  }
}
