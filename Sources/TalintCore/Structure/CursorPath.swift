import TalintYAML

/// Where an editor's cursor is in a YAML document, read from indentation alone: the text an
/// editor holds while a key is half typed often does not parse, and completion is asked for
/// exactly then. Block style only (what Talos configs are written in); a cursor inside a flow
/// collection or a block scalar has no path.
public struct CursorPath: Equatable, Sendable {
  /// The keys from the document's root to the mapping the cursor is in; `[]` stands for an item
  /// of a list.
  public var parents: [String]
  /// The key the cursor is on, or the part of a key typed so far (empty on a blank line).
  public var key: String
  /// True when the cursor is after `key:`: a value is being written or read.
  public var inValue: Bool
  /// The document's top-level `kind` and `apiVersion`, when it states them (typed documents).
  public var kind: String?
  public var apiVersion: String?

  public init(parents: [String], key: String, inValue: Bool, kind: String? = nil, apiVersion: String? = nil) {
    self.parents = parents
    self.key = key
    self.inValue = inValue
    self.kind = kind
    self.apiVersion = apiVersion
  }

  /// The path at byte `offset` of `text`; nil inside a comment, a block scalar or a flow
  /// collection, where no key is being written.
  public static func at(offset: Int, in text: [UInt8]) -> CursorPath? {
    let lines = Line.split(text)
    guard let current = lines.lastIndex(where: { $0.start <= offset }) else { return nil }
    let document = documentBounds(around: current, in: lines)
    let line = lines[current]
    let column = min(offset, line.end) - line.start
    let entry = Entry(line.bytes)
    guard !entry.isComment(before: column) else { return nil }
    if entry.flowOrBlockScalarValue, let colon = entry.colon, column > colon { return nil }

    var path = CursorPath(parents: [], key: "", inValue: false)
    // The cursor's own line: list items before the key, then the key and where the cursor is.
    path.parents = Array(repeating: "[]", count: entry.dashes.filter { $0 < column }.count)
    if let colon = entry.colon, column > colon {
      path.key = entry.key
      path.inValue = true
    } else if entry.colon != nil, column >= entry.keyStart {
      path.key = entry.key
    } else if column > entry.keyStart {
      path.key = String(decoding: entry.bytes[entry.keyStart..<min(column, entry.bytes.count)], as: UTF8.self)
    }
    // The parents are the lines above at a shallower indentation; on an empty line, the
    // cursor's column is where the key will start.
    var indent = entry.isEmpty ? column : (entry.dashes.first ?? entry.keyStart)
    // Gathered innermost first and reversed once: a line of many `- ` marks would make
    // inserting each at the front quadratic.
    var parents: [String] = []
    for index in stride(from: current - 1, through: document.lowerBound, by: -1) where indent > 0 {
      let above = Entry(lines[index].bytes)
      guard !above.isEmpty, !above.isComment(before: 0) else { continue }
      let aboveIndent = above.dashes.first ?? above.keyStart
      guard aboveIndent < indent else { continue }
      if above.keyStart < indent && above.colon != nil {
        // A block scalar or flow value above the cursor, at a shallower indentation, holds it.
        if above.flowOrBlockScalarValue { return nil }
        parents.append(above.key)
      }
      // The item marks before the key are lists the key's mapping sits in.
      for dash in above.dashes.reversed() where dash < indent { parents.append("[]") }
      indent = aboveIndent
    }
    path.parents = parents.reversed() + path.parents
    (path.kind, path.apiVersion) = header(of: document, in: lines)
    return path
  }

  /// The lines of the `---`-separated document holding line `index`.
  private static func documentBounds(around index: Int, in lines: [Line]) -> ClosedRange<Int> {
    let isSeparator = { (line: Line) in line.bytes.starts(with: Array("---".utf8)) }
    let start = (lines[...index].lastIndex(where: isSeparator).map { $0 + 1 }) ?? 0
    let end = (lines[(index + 1)...].firstIndex(where: isSeparator).map { $0 - 1 }) ?? lines.count - 1
    return min(start, index)...max(end, index)
  }

  private static func header(of document: ClosedRange<Int>, in lines: [Line]) -> (kind: String?, apiVersion: String?) {
    var kind: String?
    var apiVersion: String?
    for index in document {
      let entry = Entry(lines[index].bytes)
      guard entry.keyStart == 0, entry.dashes.isEmpty, entry.colon != nil else { continue }
      if entry.key == "kind" { kind = entry.scalarValue }
      if entry.key == "apiVersion" { apiVersion = entry.scalarValue }
    }
    return (kind, apiVersion)
  }

  /// One line of the text, without its line break.
  struct Line {
    let start: Int
    let bytes: ArraySlice<UInt8>
    var end: Int { start + bytes.count }

    /// The lines as libyaml counts them (a lone CR, NEL, LS and PS end one too): the lines the
    /// editor's positions were turned into offsets by (LineIndex).
    static func split(_ text: [UInt8]) -> [Line] {
      let index = LineIndex.text(of: text)
      return (1...index.lineCount).map { line in
        let range = index.byteRange(ofLine: line)
        return Line(start: range.lowerBound, bytes: text[range])
      }
    }
  }

  /// A line read as block YAML: item dashes, a key, its colon and what follows. Columns count
  /// bytes from the line's start.
  struct Entry {
    var dashes: [Int] = []
    var keyStart = 0
    var key = ""
    var colon: Int?
    var value: ArraySlice<UInt8> = []
    let bytes: [UInt8]

    init(_ slice: ArraySlice<UInt8>) {
      bytes = Array(slice)
      var index = 0
      while true {
        while index < bytes.count && bytes[index] == UInt8(ascii: " ") { index += 1 }
        // `- ` (or a lone `-` at the end) opens a list item; the key, if any, follows it.
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-"),
          index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ")
        else { break }
        dashes.append(index)
        index += 1
      }
      keyStart = index
      colon = Self.keyColon(in: bytes, from: index)
      let keyEnd = colon ?? bytes.count
      key = Self.unquoted(bytes[index..<keyEnd])
      if let colon { value = bytes[(colon + 1)...] }
    }

    /// Nothing but spaces: no item mark, no key.
    var isEmpty: Bool { dashes.isEmpty && keyStart == bytes.count }
    /// The value opens a block scalar (`|`, `>`) or a flow collection (`[`, `{`).
    var flowOrBlockScalarValue: Bool {
      guard colon != nil, let first = value.drop(while: { $0 == UInt8(ascii: " ") }).first else { return false }
      return [UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "{")].contains(first)
    }
    var scalarValue: String? {
      let text = String(decoding: value, as: UTF8.self).split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
      let trimmed = text.trimmingSpaces
      return trimmed.isEmpty ? nil : Self.unquoted(ArraySlice(trimmed.utf8))
    }

    /// True when a `#` starting a comment sits at or before `column` (or the line is a comment).
    func isComment(before column: Int) -> Bool {
      guard let hash = commentStart else { return false }
      return hash <= max(column, keyStart)
    }

    private var commentStart: Int? {
      var quote: UInt8?
      for (index, byte) in bytes.enumerated() {
        if let open = quote {
          if byte == open { quote = nil }
        } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
          quote = byte
        } else if byte == UInt8(ascii: "#") && (index == 0 || bytes[index - 1] == UInt8(ascii: " ")) {
          return index
        }
      }
      return nil
    }

    /// The colon that ends a key: followed by a space or the line's end, outside quotes.
    private static func keyColon(in bytes: [UInt8], from start: Int) -> Int? {
      var quote: UInt8?
      var index = start
      while index < bytes.count {
        let byte = bytes[index]
        if let open = quote {
          if byte == open { quote = nil }
        } else if index == start && (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")) {
          quote = byte
        } else if byte == UInt8(ascii: "#") && index > start && bytes[index - 1] == UInt8(ascii: " ") {
          return nil
        } else if byte == UInt8(ascii: ":") && (index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ")) {
          return index
        }
        index += 1
      }
      return nil
    }

    private static func unquoted(_ bytes: ArraySlice<UInt8>) -> String {
      var text = String(decoding: bytes, as: UTF8.self).trimmingSpaces
      if text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
        text = String(text.dropFirst().dropLast())
      }
      return text
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var slice = Substring(self)
    while slice.first == " " { slice = slice.dropFirst() }
    while slice.last == " " { slice = slice.dropLast() }
    return String(slice)
  }
}
