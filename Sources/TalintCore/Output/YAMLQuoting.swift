/// A YAML double-quoted scalar of any text: escapes for quotes, backslashes, line breaks,
/// tabs and other control characters (C0, DEL, C1, line separators, bidirectional controls),
/// so globs (`*.sops.yaml`), paths with `: ` or `#` and values with line breaks read back as
/// written, and nothing in them drives a terminal.
public func yamlQuoted(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\t": result += "\\t"
    case "\u{FEFF}": result += "\\ufeff"  // a byte-order mark is no character of a YAML scalar
    default:
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
      } else if ControlCharacters.escaped(String(scalar)) != String(scalar) {
        // Line separators and bidirectional controls: inert in a terminal as `\uNNNN` (four
        // digits, as YAML reads them: U+061C is `\u061c`).
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }
  return result + "\""
}
