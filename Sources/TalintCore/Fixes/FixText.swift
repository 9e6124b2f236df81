import TalintYAML

/// Where a config's values are written, as a rule's fix needs them: the text a file's config
/// was parsed from, or for a machine's merged config the texts of its base and patches, where
/// each value is found again so that its fix is built on the file that holds it, as it would be
/// on that file alone.
enum FixText {
  case file(LineIndex)
  case merged(PatchTexts)

  /// The value as written, and the text its fix edits; nil where no text holds it (a value
  /// Talos's generator or talhelper's fields set, one an environment variable filled in).
  func locate(_ found: Found) -> (Found, WrittenText)? {
    switch self {
    case .file(let lines): (found, WrittenText(lines: lines))
    case .merged(let patches): patches.locate(found)
    }
  }
}

/// The text a fix's edits are made on, and how the fix reaches the file: as it is, or written
/// back into the string that holds the config (a talhelper or Omni inline patch).
struct WrittenText {
  var lines: LineIndex
  var embedded: (text: EmbeddedText, outer: LineIndex, unmasked: LineIndex?)?

  /// `fix` as a fix of the file.
  func fix(_ fix: Fix) -> Fix? {
    guard let embedded else { return fix }
    return Linter.writtenBack(fix, into: embedded.text, lines: embedded.outer, unmasked: embedded.unmasked)
  }
}
