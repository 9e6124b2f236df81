/// Values that a templating step fills in later (Jinja/Go `{{ }}`, Terraform `${ }` and
/// `%{ }`, shell `$VAR`, `<placeholder>`). They are neither secrets nor malformed: the rendered
/// file is what Talos sees.
public enum Placeholders {
  public static func isTemplated(_ value: String) -> Bool {
    let trimmed = value.trimmingBlanks()
    if trimmed.contains("{{") || trimmed.contains("${") || trimmed.contains("%{") { return true }
    if trimmed.hasPrefix("$") { return true }
    return trimmed.hasPrefix("<") && trimmed.hasSuffix(">")
  }
}
