import TalintYAML

/// A cheap look at the text of a file that is not valid YAML (nothing was parsed to decide its
/// role from): does it read like a Talos file? Then its syntax error is reported (a broken
/// patch must not pass silently); otherwise it is someone else's broken file (Helm values,
/// a template of another tool), and yamllint's business. Top-level lines only, each read once:
/// `machine:`/`cluster:` with a Talos key right below, `version: v1alpha1`, a Talos `kind:`
/// (an Omni kind where no `apiVersion:` is written), `talosVersion:`, a schematic's
/// `customization:` with one of its keys, a JSON6902 `path: /machine…` or `/cluster…`.
public enum TalosSniff {
  public static func looksTalos(_ lines: LineIndex) -> Bool {
    var section: Set<String>?
    var childIndent: Int?
    var omniKind = false
    var apiVersion = false
    for number in 1...max(1, lines.lineCount) where number <= lines.lineCount {
      let line = lines.lineText(number)
      let indent = line.prefix { $0 == " " || $0 == "\t" }.count
      let body = line.dropFirst(indent)
      if body.isEmpty || body.hasPrefix("#") { continue }
      if indent == 0 {
        section = nil
        childIndent = nil
        guard let (key, value) = keyValue(body) else { continue }
        switch key {
        case "machine", "cluster", "customization":
          let keys = key == "customization" ? TalosKeys.schematicCustomization : TalosKeys.below(key) ?? []
          if value.isEmpty { section = keys }
          // Flow style on the line (`machine: {install: {...}, token: x}`): a Talos key in it.
          if value.hasPrefix("{") && flowKeys(value).contains(where: keys.contains) { return true }
        case "version" where value == "v1alpha1", "talosVersion":
          return true
        case "kind":
          if TalosKinds.isTalosKind(value) { return true }
          omniKind = omniKind || OmniTemplate.kinds.contains(value)
        case "apiVersion":
          apiVersion = true
        default:
          break
        }
      } else if let wanted = section, let (key, _) = keyValue(body) {
        if childIndent == nil { childIndent = indent }
        if indent == childIndent && wanted.contains(key) { return true }
      }
      // A JSON6902 operation, at any depth (`- op: add` then `  path: /machine/...`).
      let entry = body.hasPrefix("- ") ? body.dropFirst(2).drop { $0 == " " } : body
      if let (key, value) = keyValue(entry), key == "path", value.hasPrefix("/machine") || value.hasPrefix("/cluster") { return true }
    }
    return omniKind && !apiVersion
  }

  /// The words of a flow mapping that end in `:`, at any depth (a sniff, not a parse).
  private static func flowKeys(_ text: String) -> [String] {
    text.split { "{}[], ".contains($0) }.filter { $0.hasSuffix(":") }.map { String($0.dropLast()).trimmingCharacters(of: "\"'") }
  }

  /// `key: value` of a block mapping line, the value unquoted and without a comment.
  private static func keyValue(_ line: Substring) -> (String, String)? {
    guard let colon = line.firstIndex(of: ":") else { return nil }
    let key = String(line[..<colon]).trimmingCharacters(of: "\"' ")
    let after = line[line.index(after: colon)...]
    guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
    // The value up to a comment (a `#` after a blank).
    var value = ""
    var previous: Character = " "
    for character in after {
      if character == "#" && (previous == " " || previous == "\t") { break }
      value.append(character)
      previous = character
    }
    return (key, value.trimmingCharacters(of: "\"' \t\r"))
  }
}
