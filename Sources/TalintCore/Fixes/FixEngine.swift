import TalintYAML

/// Applies fixes to a file's bytes: each edit's positions are turned into byte offsets with the
/// text's own line table, and everything outside the edits is copied byte for byte (comments,
/// quoting, BOM, CRLF). A fix whose edits overlap one already taken waits for the next pass.
public enum FixEngine {
  /// `bytes` with as many of `fixes` applied as do not overlap, and how many that was. Only
  /// UTF-8 text (with or without a BOM) is edited; nil for anything else.
  public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> (bytes: [UInt8], applied: Int)? {
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let text = Array(bytes[bom...])
    guard String(validating: text, as: UTF8.self) != nil else { return nil }
    let lines = LineIndex.text(of: text)
    let crlf = zip(text, text.dropFirst()).contains { $0 == 0x0D && $1 == 0x0A }
    let lineBreak = crlf ? "\r\n" : "\n"
    var taken: [(range: Range<Int>, replacement: [UInt8])] = []
    var applied = 0
    for fix in fixes.sorted(by: { ($0.edits.first?.range.start ?? .init(line: 0, column: 0)) < ($1.edits.first?.range.start ?? .init(line: 0, column: 0)) }) {
      let edits = fix.edits.map { edit in
        (range: offset(edit.range.start, lines)..<max(offset(edit.range.start, lines), offset(edit.range.end, lines)),
         replacement: Array(edit.replacement.replacingBytes("\n", with: lineBreak).utf8))
      }
      let overlaps = edits.contains { edit in
        taken.contains { other in
          edit.range.overlaps(other.range) || (edit.range.isEmpty && other.range.contains(edit.range.lowerBound))
            || (other.range.isEmpty && edit.range.contains(other.range.lowerBound))
            || (edit.range.isEmpty && other.range.isEmpty && edit.range.lowerBound == other.range.lowerBound)
        }
      }
      guard !edits.isEmpty, !overlaps else { continue }
      taken += edits
      applied += 1
    }
    var result = text
    for edit in taken.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
      result.replaceSubrange(edit.range, with: edit.replacement)
    }
    return (Array(bytes[..<bom]) + result, applied)
  }

  /// The byte offset of a position: its line's start plus the UTF-8 length of the scalars
  /// before its column; a line past the last is the end of the text.
  static func offset(_ position: SourcePosition, _ lines: LineIndex) -> Int {
    guard position.line <= lines.lineCount else { return lines.bytes.count }
    return LineIndex.index(ofColumn: position.column, in: lines.lineBytes(position.line))
  }
}
