/// Control characters in text talint prints from its input — a key named in a message, a file
/// name, a source line — written as escapes, so that input cannot write lines of its own
/// (`a\nb.yaml:1:1: error: …`) nor drive the terminal (`\e[2J`, the C1 `\x9b` that some
/// terminals take as an escape), nor reorder what is shown (bidirectional overrides).
public enum ControlCharacters {
  /// `text` with each control character escaped: `\n`, `\r`, `\xNN` for the other C0 and C1
  /// controls and DEL, `\uNNNN` for line and paragraph separators and bidirectional controls.
  /// Tabs stay. Text without any (nearly all) is returned as it is after one pass over its bytes.
  public static func escaped(_ text: String) -> String {
    var text = text
    guard text.withUTF8({ needsEscaping($0) }) else { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        } else if isFormatControl(scalar.value) {
          result += "\\u" + String(scalar.value, radix: 16)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  /// Line and paragraph separators (U+2028, U+2029) and the bidirectional marks, embeddings,
  /// overrides and isolates (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
  private static func isFormatControl(_ value: UInt32) -> Bool {
    value == 0x200E || value == 0x200F || (0x2028...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }

  /// A byte test for `escaped`: a C0 control but tab, DEL, a C1 control (`C2 80`–`C2 9F`), or
  /// a format control (`E2 80 8E`–`E2 80 8F`, `E2 80 A8`–`E2 80 AE`, `E2 81 A6`–`E2 81 A9`).
  public static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte < 0x20 && byte != 0x09 || byte == 0x7F { return true }
      if byte == 0xC2 && index + 1 < count && bytes[index + 1] >= 0x80 && bytes[index + 1] <= 0x9F { return true }
      if byte == 0xE2 && index + 2 < count {
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        if second == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE)) { return true }
        if second == 0x81 && third >= 0xA6 && third <= 0xA9 { return true }
      }
      index += 1
    }
    return false
  }
}
