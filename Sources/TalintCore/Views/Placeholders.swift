/// Values that a templating step fills in later (Jinja/Go `{{ }}`, Terraform `${ }` and
/// `%{ }`, shell `$VAR`, `<placeholder>`, a `{NAME}` token for `envsubst`-like or
/// `str.format` steps, and the opaque characters template masking leaves where an expression
/// was). They are unknown: neither secrets nor malformed, neither weak nor
/// strong — the rendered file is what Talos sees.
public enum Placeholders {
  /// A quick byte test that rules out most values before `isTemplated` looks closer: one of
  /// `{ $ % <` or the first byte of the masking character. Every value a rule reads passes
  /// here, keys and certificates kilobytes long among them: those are searched with `memchr`.
  public static func mayBeTemplated(_ value: String) -> Bool {
    var value = value
    return value.withUTF8 { bytes in
      guard bytes.count >= 64 else { return bytes.contains { isMarker[Int($0)] } }
      return markers.contains { bytes.firstIndex(ofByte: $0, from: 0) != nil }
    }
  }

  private static let markers: [UInt8] = [UInt8(ascii: "{"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "<"), 0xEF]
  /// `markers` as a table by byte value, for short values.
  private static let isMarker: [Bool] = (0..<256).map { markers.contains(UInt8($0)) }

  /// Searched as bytes: values are often certificates and keys kilobytes long.
  public static func isTemplated(_ value: String) -> Bool {
    guard mayBeTemplated(value) else { return false }
    if ["{{", "${", "%{", String(TemplateMasking.opaque)].contains(where: value.containsBytes) { return true }
    let trimmed = value.trimmingBlanks()
    return trimmed.hasPrefix("$") || (trimmed.hasPrefix("<") && trimmed.hasSuffix(">")) || isBracedName(trimmed)
  }

  /// `{NAME}`, `{git_token}`: one name in braces. Only a name: `{"a": 1}` is JSON, a value.
  private static func isBracedName(_ text: String) -> Bool {
    let bytes = text.utf8
    guard bytes.count > 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return false }
    return bytes.dropFirst().dropLast().allSatisfy { byte in
      (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
  }
}
