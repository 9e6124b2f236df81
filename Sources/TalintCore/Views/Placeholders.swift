/// Values that a templating step fills in later (Jinja/Go `{{ }}`, Terraform `${ }` and
/// `%{ }`, shell `$VAR`, `<placeholder>`, and the opaque characters template masking leaves
/// where an expression was). They are unknown: neither secrets nor malformed, neither weak nor
/// strong — the rendered file is what Talos sees.
public enum Placeholders {
  /// A quick byte test that rules out most values before `isTemplated` looks closer.
  public static func mayBeTemplated(_ value: String) -> Bool {
    value.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "<") || $0 == 0xEF }
  }

  /// Searched as bytes: values are often certificates and keys kilobytes long.
  public static func isTemplated(_ value: String) -> Bool {
    guard mayBeTemplated(value) else { return false }
    if ["{{", "${", "%{", String(TemplateMasking.opaque)].contains(where: value.containsBytes) { return true }
    let trimmed = value.trimmingBlanks()
    return trimmed.hasPrefix("$") || (trimmed.hasPrefix("<") && trimmed.hasSuffix(">"))
  }
}
