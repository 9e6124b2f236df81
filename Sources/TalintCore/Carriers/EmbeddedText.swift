import TalintYAML

/// A config written inside another file's string — a talhelper inline patch, an Omni inline
/// patch, an Image Factory `embeddedMachineConfiguration` — with, for every character of it,
/// the place in the outer file where that character is written. Findings in the embedded text
/// are moved back with `outer(_:)`, so rules and reporters never know it was embedded.
public struct EmbeddedText: Sendable {
  /// The text as the consumer (talhelper, Omni, Image Factory) reads it, in UTF-8.
  public private(set) var text: String
  /// The outer position of each Unicode scalar of `text`, and one more for its end.
  private var positions: [SourcePosition]
  /// The scalar index where each line of `text` starts.
  private var lineStarts: [Int]
  /// True when a fixed text can be written back into the string (`written(_:in:)`): it is
  /// quoted or a block, and no `$$` was read as `$` (writing `$` back could not tell the two).
  public private(set) var editable: Bool
  /// How the string is written in the outer file, and where.
  private let style: ScalarStyle
  private let range: SourceRange

  /// The value of a scalar node, aligned with the node's source text in the outer file:
  /// indentation, quotes, escapes and line folding are skipped, so each character of the value
  /// maps to where it is written.
  public init(value: String, style: ScalarStyle, range: SourceRange, lines: LineIndex) {
    let isBlock = style == .literal || style == .folded
    editable = style != .plain
    self.style = style
    self.range = range
    var source = Self.sourceScalars(of: range, lines: lines, skippingHeader: isBlock)
    if isBlock { source = Self.withoutBlockIndentation(source, value: value) }
    var positions: [SourcePosition] = []
    let decoded = [Unicode.Scalar](scalarsOf: value.utf8)
    positions.reserveCapacity(decoded.count + 1)
    var i = 0
    for character in decoded {
      while true {
        guard i < source.count else {
          positions.append(range.end)
          break
        }
        let (scalar, position) = source[i]
        if style == .doubleQuoted && scalar == "\\" {
          let length = Self.escapeLength(source, at: i)
          if i + 1 < source.count && (source[i + 1].0 == "\n" || source[i + 1].0 == "\r") {
            i += length  // an escaped line break continues the line: no character of its own
            while i < source.count && (source[i].0 == " " || source[i].0 == "\t") { i += 1 }
            continue
          }
          positions.append(position)
          i += length
          break
        }
        if scalar == character {
          positions.append(position)
          i += 1
          if style == .singleQuoted && scalar == "'" && i < source.count && source[i].0 == "'" { i += 1 }
          break
        }
        if (character == " " || character == "\n") && (scalar == "\n" || scalar == "\r") {
          // Folding: a line break (and the next line's indentation) reads as a space or newline.
          positions.append(position)
          i += 1
          while i < source.count && (source[i].0 == " " || source[i].0 == "\t" || source[i].0 == "\n" || source[i].0 == "\r") {
            if character == "\n" && source[i].0 == "\n" { break }
            i += 1
          }
          break
        }
        i += 1  // indentation, quotes, chomping: structure, not content
      }
    }
    positions.append(i < source.count ? source[i].1 : range.end)
    self.text = value
    self.positions = positions
    self.lineStarts = Self.lineStarts(of: decoded)
  }

  /// The outer position of a position in the embedded text.
  public func outer(_ position: SourcePosition) -> SourcePosition {
    let line = min(max(position.line, 1), lineStarts.count)
    let offset = min(lineStarts[line - 1] + max(position.column, 1) - 1, positions.count - 1)
    return positions[offset]
  }

  public func outer(_ range: SourceRange) -> SourceRange {
    SourceRange(start: outer(range.start), end: outer(range.end), file: range.file)
  }

  /// A fix of the text as a fix of the outer file: the fixed text written into the string in
  /// its own style and layout (ScalarWriting), and only the lines that differ replaced, so the
  /// consumer reads exactly the fixed config and no other line of the file moves. Moving the
  /// edits position by position would not: a removed line's indentation is the block's, not
  /// the text's, and quoting escapes and folding have no position of their own. Nil where the
  /// string cannot hold the fixed text.
  public func written(_ fix: Fix, in outer: LineIndex) -> Fix? {
    guard editable, let (fixed, applied) = FixEngine.apply([fix], to: Array(text.utf8)), applied == 1 else { return nil }
    let old = source(in: outer)
    guard let new = ScalarWriting.source(of: String(decoding: fixed, as: UTF8.self), style: style, replacing: old) else { return nil }
    let shorter = min(old.count, new.count)
    var head = 0
    while head < shorter && old[head] == new[head] { head += 1 }
    guard head < old.count || head < new.count else { return nil }
    // The first line starts at the scalar, not at a line's start: it is replaced, not kept as a tail.
    var tail = 0
    while tail < shorter - max(head, 1) && old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
    let middle = new[head..<(new.count - tail)]
    let line = range.start.line
    let edit: TextEdit
    if tail > 0 {
      let start = head == 0 ? range.start : SourcePosition(line: line + head, column: 1)
      edit = TextEdit(SourceRange(start: start, end: SourcePosition(line: line + old.count - tail, column: 1)), middle.map { $0 + "\n" }.joined())
    } else if head > 0 {
      // To the end of the scalar: from the end of the last line kept, with the break before it.
      let column = (head == 1 ? range.start.column - 1 : 0) + old[head - 1].unicodeScalars.count + 1
      edit = TextEdit(SourceRange(start: SourcePosition(line: line + head - 1, column: column), end: range.end), middle.map { "\n" + $0 }.joined())
    } else {
      edit = TextEdit(range, middle.joined(separator: "\n"))
    }
    return Fix(title: fix.title, edits: [edit])
  }

  /// The string's source in the outer file, from its first character to its end, by line.
  private func source(in outer: LineIndex) -> [String] {
    (range.start.line...range.end.line).map { number in
      var scalars = Array(outer.lineText(number).unicodeScalars)
      if number == range.end.line { scalars = Array(scalars.prefix(range.end.column - 1)) }
      if number == range.start.line { scalars = Array(scalars.dropFirst(range.start.column - 1)) }
      return String(String.UnicodeScalarView(scalars))
    }
  }

  /// The text with `$$` read as `$`, as talhelper's environment substitution does.
  public func unescapingDollars() -> EmbeddedText {
    guard text.containsBytes("$$") else { return self }
    var scalars = [Unicode.Scalar](scalarsOf: text.utf8)
    var kept = positions
    var index = 0
    while index + 1 < scalars.count {
      if scalars[index] == "$" && scalars[index + 1] == "$" {
        scalars.remove(at: index + 1)
        kept.remove(at: index + 1)
      }
      index += 1
    }
    var copy = self
    copy.editable = copy.editable && kept.count == positions.count
    copy.text = String(scalars: scalars)
    copy.positions = kept
    copy.lineStarts = Self.lineStarts(of: scalars)
    return copy
  }

  /// The outer file's characters from `range.start` to `range.end`, each with its position;
  /// for block scalars the header line (`|-`, `>2`, a comment) is left out.
  private static func sourceScalars(of range: SourceRange, lines: LineIndex, skippingHeader: Bool) -> [(Unicode.Scalar, SourcePosition)] {
    var result: [(Unicode.Scalar, SourcePosition)] = []
    var line = range.start.line
    var column = range.start.column
    if skippingHeader {
      line += 1
      column = 1
    }
    while line <= range.end.line && line <= lines.lineCount {
      let text = [Unicode.Scalar](scalarsOf: lines.lineBytes(line))
      let last = line == range.end.line ? min(text.count, range.end.column - 1) : text.count
      var index = column - 1
      while index < last {
        result.append((text[index], SourcePosition(line: line, column: index + 1)))
        index += 1
      }
      if line < range.end.line { result.append(("\n", SourcePosition(line: line, column: text.count + 1))) }
      line += 1
      column = 1
    }
    return result
  }

  /// A block scalar's lines without the indentation the block itself has, so the value's own
  /// leading blanks align with where they are written. The block's indentation is the first
  /// content line's, less the blanks the value keeps there (an indentation indicator, `|4`).
  private static func withoutBlockIndentation(_ source: [(Unicode.Scalar, SourcePosition)], value: String) -> [(Unicode.Scalar, SourcePosition)] {
    let kept = firstIndentation(of: value)
    let lines = source.split(omittingEmptySubsequences: false) { $0.0 == "\n" }
    let written = lines.first { line in line.contains { $0.0 != " " } }.map { $0.prefix { $0.0 == " " }.count } ?? 0
    let indent = max(0, written - kept)
    var result: [(Unicode.Scalar, SourcePosition)] = []
    result.reserveCapacity(source.count)
    for (index, line) in lines.enumerated() {
      let blanks = line.prefix { $0.0 == " " }.count
      result += line.dropFirst(min(blanks, indent))
      // Keep the line break that followed this line (the split dropped it).
      if index < lines.count - 1, let breakIndex = line.endIndex < source.endIndex ? line.endIndex : nil { result.append(source[breakIndex]) }
    }
    return result
  }

  /// The spaces that start the first line of `value` holding more than spaces, read as bytes
  /// (splitting a whole inline patch into lines of Characters cost more than the rest of
  /// reading it). A non-ASCII byte after the spaces, or a carriage return, may join them into
  /// one Character: those are counted as Characters.
  static func firstIndentation(of value: String) -> Int {
    var spaces = 0
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: " "): spaces += 1
      case UInt8(ascii: "\n"): spaces = 0
      case 0x0D, 0x80...: return characterIndentation(of: value)
      default: return spaces
      }
    }
    return 0
  }

  private static func characterIndentation(of value: String) -> Int {
    value.split(separator: "\n").first { !$0.allSatisfy { $0 == " " } }.map { $0.prefix { $0 == " " }.count } ?? 0
  }

  /// How many source characters a double-quoted escape takes (`\n` 2, `\x41` 4, `\u00e9` 6).
  private static func escapeLength(_ source: [(Unicode.Scalar, SourcePosition)], at index: Int) -> Int {
    guard index + 1 < source.count else { return 1 }
    switch source[index + 1].0 {
    case "x": return 4
    case "u": return 6
    case "U": return 10
    default: return 2
    }
  }

  private static func lineStarts(of scalars: [Unicode.Scalar]) -> [Int] {
    var starts = [0]
    for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
    return starts
  }
}
