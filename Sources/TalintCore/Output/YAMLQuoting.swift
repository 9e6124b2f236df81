/// A YAML double-quoted scalar of any text: escapes for quotes, backslashes, line breaks,
/// tabs and other control characters, so globs (`*.sops.yaml`), paths with `: ` or `#` and
/// values with line breaks read back as written.
public func yamlQuoted(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\t": result += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
  }
  return result + "\""
}
