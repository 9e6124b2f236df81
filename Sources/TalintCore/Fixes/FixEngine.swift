import TalintYAML

/// Applies fixes to a file's bytes: each edit's positions are turned into byte offsets with the
/// text's own line table, and everything outside the edits is copied byte for byte (comments,
/// quoting, BOM, CRLF). A fix whose edits overlap one already taken waits for the next pass.
public enum FixEngine {
  /// Why `bytes` are not edited, or nil when they are. Only UTF-8 text (with or without a BOM)
  /// is: edits are spliced into the bytes as they are, so UTF-16 — which the linter reads
  /// transcoded, with or without a BOM — would get UTF-8 text at UTF-8 offsets and be ruined.
  public static func refusal(_ bytes: [UInt8]) -> String? {
    guard case .utf8(let bom) = InputDecoding.encoding(of: bytes) else { return "not UTF-8 (UTF-16); only UTF-8 files are fixed" }
    guard String(validating: bytes[bom...], as: UTF8.self) != nil else { return "not valid UTF-8; only UTF-8 files are fixed" }
    return nil
  }

  /// `bytes` with as many of `fixes` applied as do not overlap, and how many that was; nil for
  /// bytes that are not edited (`refusal` says why).
  public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> (bytes: [UInt8], applied: Int)? {
    guard refusal(bytes) == nil else { return nil }
    let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let text = Array(bytes[bom...])
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
