#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where each line of the decoded UTF-8 input starts, with line breaks counted as libyaml
/// counts them (`\n`, `\r\n`, lone `\r`). Used to move block END marks back onto the last
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
    lineStarts = starts
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
