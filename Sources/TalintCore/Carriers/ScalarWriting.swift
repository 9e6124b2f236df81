import TalintYAML

/// Writes a string as the source of a scalar in a given style, laid out as an existing scalar
/// of that style is: a block scalar keeps its header line, its indentation and the blank lines
/// after it; a quoted one its quote. Used to write a fixed embedded config back into the
/// string that holds it (a talhelper inline patch, an Image Factory schematic's
/// `embeddedMachineConfiguration`), so the consumer reads exactly the fixed text.
enum ScalarWriting {
  /// The source that reads as `value` in place of `old` (the scalar's source text, from its
  /// first character to its end, lines cut at `\n`), or nil when the style cannot hold `value`
  /// or the result would not read back as it (checked by parsing it).
  static func source(of value: String, style: ScalarStyle, replacing old: [String]) -> [String]? {
    let written: [String]?
    var expected = value
    switch style {
    case .plain: return nil
    case .singleQuoted: written = singleQuoted(value)
    case .doubleQuoted: written = [yamlQuoted(value)]
    case .literal, .folded:
      guard let header = old.first, let clipped = clipping(header) else { return nil }
      // Clipped and stripped blocks end their value with at most one line break: a fix that
      // leaves more (or, stripped, one) changes only blanks of the YAML the string holds.
      while expected.hasSuffix("\n") { expected.removeLast() }
      if clipped && !expected.isEmpty { expected += "\n" }
      written = block(expected, folded: style == .folded, header: header, old: old)
    }
    guard let written, readsBack(written, as: expected) else { return nil }
    return written
  }

  /// `'…'` on one line: a line break would be written as a blank line, which drops the
  /// indentation of the line after it, so values with breaks are not written this way.
  private static func singleQuoted(_ value: String) -> [String]? {
    guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) else { return nil }
    return ["'" + value.replacing("'", with: "''") + "'"]
  }

  /// Whether a block header (`|`, `|-`, `> # note`) clips (true) or strips (false) the final
  /// line breaks; nil for a header that is not one, or keeps them (`+`: the trailing blank
  /// lines are the value) or gives an indentation (which would have to be computed again).
  private static func clipping(_ header: String) -> Bool? {
    guard let first = header.first, first == "|" || first == ">" else { return nil }
    let indicators = header.dropFirst().prefix { $0 != " " && $0 != "#" && $0 != "\t" }
    guard !indicators.contains(where: { $0 == "+" || $0.isNumber }) else { return nil }
    return !indicators.contains("-")
  }

  /// The header, then each line of `value` at the block's indentation (an empty line empty,
  /// never blanks), then the blank lines that ended the old block. A folded block writes a
  /// break between two lines that do not start with a blank as an empty line, as libyaml does.
  private static func block(_ value: String, folded: Bool, header: String, old: [String]) -> [String]? {
    let body = old.dropFirst()
    let holdsText: (String) -> Bool = { line in line.contains { $0 != " " && $0 != "\t" } }
    guard let lastContent = body.lastIndex(where: holdsText), let first = body.first(where: holdsText) else { return nil }
    let indent = String(repeating: " ", count: first.prefix { $0 == " " }.count)
    var lines = value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if value.hasSuffix("\n") { lines.removeLast() }
    // Without an indentation indicator the first line holding more than blanks sets the
    // indentation: it may not start with a blank.
    if let first = lines.first(where: { !$0.allSatisfy { $0 == " " } }), first.first == " " { return nil }
    var out = [header]
    for (index, line) in lines.enumerated() {
      if folded && index > 0 && startsText(lines[index - 1]) {
        // The break after a text line folds into a space unless an empty line follows it.
        if let next = lines[index...].first(where: { !$0.isEmpty }), startsText(next) { out.append("") }
      }
      out.append(line.isEmpty ? "" : indent + line)
    }
    return out + old[(lastContent + 1)...]
  }

  /// A line that folding joins: text that does not start with a blank.
  private static func startsText(_ line: String) -> Bool {
    guard let first = line.first else { return false }
    return first != " " && first != "\t"
  }

  /// Whether `lines`, as the only node of a document, read as `value`.
  private static func readsBack(_ lines: [String], as value: String) -> Bool {
    let parsed = YAMLParser.parse(Array(("--- " + lines.joined(separator: "\n") + "\n").utf8))
    guard parsed.error == nil, parsed.documents.count == 1, let document = parsed.documents.first, let root = document.root,
      case .scalar(let read, _) = document.content(root)
    else { return false }
    return read == value
  }
}
