import TalintYAML

/// Masking by what the text shows, for lines talint has no tree for (a file that does not
/// parse) and as a second net on lines it has one for. Conservative: after a secret-looking
/// key anywhere on a line (a flow mapping holds several), everything to the line's end is
/// masked, and so are the lines written under such a key.
extension SecretSpans {
  /// Line `line` of a file that could not be parsed, masked: the line's own secret-looking
  /// keys and URL secrets, a JSON6902 `value` whose operation's `path` is secret, and every
  /// line written under a secret-looking key (a block scalar, a plain scalar's continuation,
  /// a mapping or list).
  public static func maskedUnparsed(line: Int, lines: LineIndex) -> MaskedLine {
    MaskedLine(lines.lineText(line), masking: unparsedColumns(line: line, lines: lines))
  }

  /// The columns `maskedUnparsed` masks.
  static func unparsedColumns(line: Int, lines: LineIndex) -> [Range<Int>] {
    let text = lines.lineText(line)
    let bytes = lines.lineBytes(line)
    let indent = firstNonBlankColumn(bytes)
    guard indent <= bytes.count else { return [] }
    let isItem = bytes[bytes.startIndex + indent - 1] == UInt8(ascii: "-")
    // The lines this one is written under: each nearer line that starts left of it (or at its
    // column, for a list item under a key).
    var reach = indent
    var above = line - 1
    while above >= 1 && reach > 1 {
      let opener = lines.lineBytes(above)
      let column = firstNonBlankColumn(opener)
      let openerIsItem = column <= opener.count && opener[opener.startIndex + column - 1] == UInt8(ascii: "-")
      if column <= opener.count && (column < reach || (column == reach && isItem && !openerIsItem)) {
        if secretValueStart(Array(opener), lines: lines, line: above) != nil { return [indent..<Int.max] }
        reach = column
      }
      above -= 1
    }
    var ranges = embeddedColumns(text)
    if let start = secretValueStart(Array(bytes), lines: lines, line: line) { ranges.append(LineIndex.scalarCount(bytes.prefix(start)) + 1..<Int.max) }
    return ranges
  }

  /// For a line talint parsed: what follows a secret-looking key on the line, and URL secrets.
  /// With `labelKey`, a bare `key:` on the line is a label key the tree recognized.
  static func heuristicColumns(_ text: String, labelKey: Bool = false) -> [Range<Int>] {
    var ranges = embeddedColumns(text)
    let bytes = Array(text.utf8)
    if let start = secretValueStart(bytes, lines: nil, line: 0, labelKey: labelKey) { ranges.append(LineIndex.scalarCount(bytes[..<start]) + 1..<Int.max) }
    return ranges
  }

  /// Where masking starts on a line (a byte offset), nil when nothing on it looks secret: after
  /// the first key that looks secret, or after a `value:` key when the line — or, with
  /// `lines`, a sibling line of the same JSON6902 operation — has a `path:` naming a secret.
  static func secretValueStart(_ bytes: [UInt8], lines: LineIndex?, line: Int, labelKey: Bool = false) -> Int? {
    let keys = Self.keys(bytes)
    // Both are looked for: a line may hold a JSON6902 `value` before a secret-looking key.
    let secret = keys.first(where: { SecretKeys.looksSecret($0.name) && !(labelKey && $0.name == "key") })?.value
    guard let value = keys.first(where: { $0.name == "value" }) else { return secret }
    var setsSecret = keys.contains(where: { $0.name == "path" && JSONPointer.setsSecret(Self.flowValue(bytes, from: $0.value)) })
    if !setsSecret, let lines {
      setsSecret = siblingPathSetsSecret(line: line, column: LineIndex.scalarCount(bytes[..<value.key]) + 1, lines: lines)
    }
    guard setsSecret else { return secret }
    return min(value.value, secret ?? value.value)
  }

  /// True when a `path:` key at `column` in the lines around `line` (the same block mapping:
  /// nothing left of `column` between them) names a secret.
  private static func siblingPathSetsSecret(line: Int, column: Int, lines: LineIndex) -> Bool {
    for step in [-1, 1] {
      var current = line + step
      while current >= 1 && current <= lines.lineCount {
        let bytes = Array(lines.lineBytes(current))
        let first = firstNonBlankColumn(bytes[...])
        defer { current += step }
        if first > bytes.count { continue }
        let path = keys(bytes).first { $0.name == "path" && LineIndex.scalarCount(bytes[..<$0.key]) + 1 == column }
        if let path, JSONPointer.setsSecret(flowValue(bytes, from: path.value)) { return true }
        if first < column { break }
      }
    }
    return false
  }

  /// The keys written on a line, as `name: value` reads: each run of text that a `:` ends,
  /// after a blank, `{`, `,`, `[`, `-` or the line's start, quotes taken off; with the byte
  /// offsets of the key and of its value (after the colon and blanks).
  static func keys(_ bytes: [UInt8]) -> [(name: String, key: Int, value: Int)] {
    guard bytes.contains(UInt8(ascii: ":")) else { return [] }
    var found: [(name: String, key: Int, value: Int)] = []
    for colon in bytes.indices where bytes[colon] == UInt8(ascii: ":") {
      var end = colon
      while end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
      var start = end
      if start > 0 && (bytes[start - 1] == UInt8(ascii: "\"") || bytes[start - 1] == UInt8(ascii: "'")) {
        let quote = bytes[start - 1]
        start -= 1
        while start > 0 && bytes[start - 1] != quote { start -= 1 }
        if start > 0 { start -= 1 }
      } else {
        while start > 0 && !Self.keyDelimiter(bytes[start - 1]) { start -= 1 }
      }
      guard start < end else { continue }
      var value = colon + 1
      while value < bytes.count && (bytes[value] == 0x20 || bytes[value] == 0x09) { value += 1 }
      let name = String(decoding: bytes[start..<end], as: UTF8.self)
      found.append((Self.bareKey(Substring(name)), start, value))
    }
    return found
  }

  private static func keyDelimiter(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[")
  }

  /// A flow value from `start`: up to a `,`, `}` or `]`, blanks and quotes taken off.
  private static func flowValue(_ bytes: [UInt8], from start: Int) -> String {
    var end = start
    while end < bytes.count && bytes[end] != UInt8(ascii: ",") && bytes[end] != UInt8(ascii: "}") && bytes[end] != UInt8(ascii: "]") { end += 1 }
    return bareKey(Substring(String(decoding: bytes[start..<end], as: UTF8.self)))
  }

  /// A key as written, without a list dash or quotes: `- "token"` → `token`.
  static func bareKey(_ text: Substring) -> String {
    var key = text.drop { $0 == "-" || $0 == " " }
    while let first = key.first, first == "\"" || first == "'" { key = key.dropFirst() }
    while let last = key.last, last == "\"" || last == "'" || last == " " { key = key.dropLast() }
    return String(key)
  }

  /// The columns of the URL secrets written on a line.
  private static func embeddedColumns(_ text: String) -> [Range<Int>] {
    guard mayEmbedSecrets(text) else { return [] }
    let bytes = Array(text.utf8)
    return embeddedSecretSpans(in: text).map { span in
      let start = LineIndex.scalarCount(bytes[..<span.lowerBound]) + 1
      return start..<start + LineIndex.scalarCount(bytes[span])
    }
  }
}

/// JSON6902 operations name the place they set with a JSON pointer, not a key: the `value` of
/// `{op: add, path: /machine/token, value: …}` is a token.
enum JSONPointer {
  /// True for a key that is `path` (bytes as the parser stores them).
  static func isPathKey(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
    key.count == 4 && key[0] == UInt8(ascii: "p") && key[1] == UInt8(ascii: "a") && key[2] == UInt8(ascii: "t") && key[3] == UInt8(ascii: "h")
  }

  /// True when a pointer passes through or ends at a key that looks secret (`/machine/token`,
  /// `/machine/registries/config/r/auth`, `/machine/env/API_KEY`).
  static func setsSecret(_ pointer: String?) -> Bool {
    guard let pointer, pointer.hasPrefix("/") else { return false }
    return JSONPatch.pointer(pointer).contains { SecretKeys.looksSecret($0) }
  }
}
