import TalintCore
import TalintYAML

/// Which YAML scalars Talos's decoder (yaml.v3, and its fork yaml/v4 since 1.15) reads into a
/// Go field of each scalar type. Any scalar fills a string; the others follow the decoder's
/// resolution of the scalar, then its conversion to the field's type.
enum ScalarDecoding {
  static func accepts(_ text: String, style: ScalarStyle, as kind: StructureShape.Kind) -> Bool {
    let plain = style == .plain
    switch kind {
    case .bool:
      // Plain `true`/`false` resolve as YAML 1.2 booleans; the decoder also takes the YAML 1.1
      // words, quoted or not, when the field is a Go bool.
      return (plain && coreBooleans.contains(text)) || yaml11Booleans.contains(text)
    case .integer: return plain && integer(text) != nil
    case .unsigned: return plain && (integer(text).map { $0 >= 0 } ?? false)
    case .float: return plain && (integer(text) != nil || float(text) != nil)
    case .duration:
      // A plain number resolves as an int, which the decoder refuses for a time.Duration.
      return !(plain && (integer(text) != nil || float(text) != nil)) && isGoDuration(text)
    default: return true
    }
  }

  private static let coreBooleans: Set<String> = ["true", "True", "TRUE", "false", "False", "FALSE"]
  private static let yaml11Booleans: Set<String> = [
    "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF",
  ]

  /// An integer as the decoder resolves a plain scalar: decimal, `0x`, `0o`, `0b` or a leading
  /// `0` for octal, `_` allowed between digits, or a float with no fraction (`1e3`).
  static func integer(_ text: String) -> Double? {
    var body = Substring(text.replacingBytes("_", with: ""))
    var sign = 1.0
    if body.first == "-" || body.first == "+" {
      if body.first == "-" { sign = -1 }
      body = body.dropFirst()
    }
    guard !body.isEmpty else { return nil }
    let radix: Int
    switch body.prefix(2).lowercased() {
    case "0x": (radix, body) = (16, body.dropFirst(2))
    case "0o": (radix, body) = (8, body.dropFirst(2))
    case "0b": (radix, body) = (2, body.dropFirst(2))
    default: radix = body.count > 1 && body.first == "0" ? 8 : 10
    }
    if let value = UInt64(body, radix: radix) { return sign * Double(value) }
    if let value = float(text), value.rounded() == value, value.isFinite { return value }
    return nil
  }

  /// A float as YAML 1.2 writes one (`1.5`, `-2e3`, `.inf`, `.nan`).
  static func float(_ text: String) -> Double? {
    switch text.lowercased() {
    case ".inf", "+.inf": return .infinity
    case "-.inf": return -.infinity
    case ".nan": return .nan
    default:
      guard text.contains(where: \.isNumber), text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
      return Double(text)
    }
  }

  /// Go's `time.ParseDuration`: `0`, or signed numbers each with a unit (`1h30m`, `1.5s`).
  static func isGoDuration(_ text: String) -> Bool {
    var rest = Substring(text)
    if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
    if rest == "0" { return true }
    guard !rest.isEmpty else { return false }
    let units = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard number.contains(where: \.isNumber), number.filter({ $0 == "." }).count <= 1 else { return false }
      rest = rest.dropFirst(number.count)
      // The longest unit that matches (`ms` before `m`).
      guard let unit = units.filter({ rest.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return false }
      rest = rest.dropFirst(unit.count)
    }
    return true
  }
}
