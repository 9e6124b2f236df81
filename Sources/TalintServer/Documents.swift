import TalintCore
import TalintYAML

/// A document the editor has open: its text as the editor holds it (unsaved changes
/// included), its version, and the file it is.
struct TextDocument {
  let uri: String
  /// The file the document is, for `.talint.yaml` discovery and the paths findings name; for an
  /// unsaved buffer (`untitled:`), a name in the working directory.
  let path: String
  var version: Int
  var text: [UInt8] {
    didSet { lines = LineIndex.text(of: text) }
  }
  private(set) var lines: LineIndex

  init(uri: String, version: Int, text: [UInt8]) {
    self.uri = uri
    self.path = FileURI.path(of: uri)
    self.version = version
    self.text = text
    self.lines = LineIndex.text(of: text)
  }

  /// Applies one `contentChanges` entry: a range replaced, or (no range) the whole text.
  mutating func apply(_ change: JSON) {
    guard let newText = change["text"]?.string else { return }
    guard let range = change["range"], let start = range["start"], let end = range["end"] else {
      text = Array(newText.utf8)
      return
    }
    let from = offset(of: start)
    let to = max(from, offset(of: end))
    text.replaceSubrange(from..<to, with: Array(newText.utf8))
  }

  // MARK: Positions (LSP counts lines from 0 and characters in UTF-16 code units)

  /// The byte offset of an LSP position, clamped to the text.
  func offset(of position: JSON) -> Int {
    let line = max(position["line"]?.int ?? 0, 0) + 1
    guard line <= lines.lineCount else { return text.count }
    let bytes = lines.lineBytes(line)
    var units = max(position["character"]?.int ?? 0, 0)
    var index = bytes.startIndex
    while index < bytes.endIndex && units > 0 {
      let length = Self.scalarLength(bytes[index])
      units -= length == 4 ? 2 : 1
      index = min(index + length, bytes.endIndex)
    }
    return index
  }

  /// The LSP position of a talint position (1-based line, column in Unicode scalars).
  func lspPosition(_ position: SourcePosition) -> JSON {
    let line = min(max(position.line, 1), lines.lineCount)
    let bytes = lines.lineBytes(line)
    var index = bytes.startIndex
    var units = 0
    var scalars = 0
    while index < bytes.endIndex && scalars < position.column - 1 {
      let length = Self.scalarLength(bytes[index])
      units += length == 4 ? 2 : 1
      scalars += 1
      index = min(index + length, bytes.endIndex)
    }
    // talint reads past a byte-order mark; the editor counts it as a character of line 1.
    if line == 1 && text.starts(with: [0xEF, 0xBB, 0xBF]) { units += 1 }
    if position.line > lines.lineCount { return ["line": .int(lines.lineCount), "character": 0] }
    return ["line": .int(line - 1), "character": .int(units)]
  }

  func lspRange(_ range: SourceRange) -> JSON {
    ["start": lspPosition(range.start), "end": lspPosition(range.end)]
  }

  /// The UTF-8 length of the scalar a lead byte starts (1 for a stray continuation byte).
  private static func scalarLength(_ byte: UInt8) -> Int {
    switch byte {
    case 0xF0...: 4
    case 0xE0...: 3
    case 0xC0...: 2
    default: 1
    }
  }
}

/// `file://` URIs and the paths they name.
enum FileURI {
  static func path(of uri: String) -> String {
    guard uri.hasPrefix("file://") else {
      // An unsaved buffer: its name, in the working directory.
      let name = uri.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "untitled"
      return name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? name : name + ".yaml"
    }
    var rest = Substring(uri.dropFirst("file://".count))
    if let slash = rest.firstIndex(of: "/") { rest = rest[slash...] }  // drop an authority (`file://host/…`)
    return percentDecoded(rest)
  }

  private static func percentDecoded(_ text: Substring) -> String {
    var bytes: [UInt8] = []
    var index = text.utf8.startIndex
    let utf8 = text.utf8
    while index < utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high < utf8.endIndex,
        let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), low < utf8.endIndex,
        let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        index = utf8.index(index, offsetBy: 3)
      } else {
        bytes.append(byte)
        index = utf8.index(after: index)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
