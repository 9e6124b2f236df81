import TalintYAML

/// Writes a machine's merged config as YAML, each value with where it was set
/// (`# from talos/patches/cp.yaml:12`, or the Talos release that generated it) and, after each
/// document, what patches deleted from it. Secret values are masked, as in every output: every
/// scalar under a key that looks secret, at any depth, and any scalar a patch wrote under such
/// a key wherever else the merge put it (a JSON6902 `copy` or `move` from `/machine/token` to
/// a key that does not look secret).
/// Keys, values and file names are written with their control characters escaped.
public enum ConfigRenderer {
  public static func render(_ effective: EffectiveConfig) -> String {
    var writer = Writer(effective: effective)
    for (index, document) in effective.merged.documents.enumerated() {
      if index > 0 { writer.text += "---\n" }
      writer.header(document)
      writer.value(document.root, indent: 0, secret: false)
      for deletion in effective.merged.deletions where deletion.kind == document.kind && deletion.name == document.name {
        let what = deletion.path.joined(separator: ".") + (deletion.item.map { "[\($0.key)=\($0.value)]" } ?? "")
        writer.text += "# deleted \(what.isEmpty ? "the document" : what) \(writer.origin(deletion.range))\n"
      }
    }
    for deletion in effective.merged.deletions where deletion.path.isEmpty && deletion.kind != "v1alpha1" {
      writer.text += "# deleted the \(deletion.kind)\(deletion.name.map { " \($0)" } ?? "") document \(writer.origin(deletion.range))\n"
    }
    return writer.text
  }

  private struct Writer {
    let effective: EffectiveConfig
    var text = ""
    var arena: YAMLDocument { effective.merged.arena }

    func origin(_ range: SourceRange) -> String {
      let file = Int(range.file)
      guard file >= 0, file < effective.files.count else { return "" }
      let source = effective.files[file]
      let path = ControlCharacters.escaped(source.path)
      guard !source.generated else { return "from \(path)" }
      // A value a tool's own field set names the field (`(clusterPodNets)`).
      let field = effective.generatorFields.flatMap { $0.file == range.file ? $0.byLine[range.start.line] : nil }
      return "from \(path):\(range.start.line)" + (field.map { " (\($0))" } ?? "")
    }

    /// A typed document a carrier makes from one of its own fields (talhelper's `volumes`,
    /// `ingressFirewall`) has no `apiVersion` or `kind` in its YAML, only in the merge: they are
    /// written first, so the output is a document Talos decodes, attributed to that field.
    mutating func header(_ document: MergedConfig.Document) {
      guard document.kind != "v1alpha1", arena.isMapping(document.root), arena.value(forKey: "apiVersion", in: document.root) == nil,
        arena.value(forKey: "kind", in: document.root) == nil
      else { return }
      let from = origin(arena[document.root].range)
      text += "apiVersion: " + ConfigRenderer.scalar(document.apiVersion, style: .plain) + "  # \(from)\n"
      text += "kind: " + ConfigRenderer.scalar(document.kind, style: .plain) + "  # \(from)\n"
    }

    /// A value at `indent`, on the current line (after a key or a dash) or below it.
    mutating func value(_ node: NodeID, indent: Int, secret: Bool) {
      switch arena.content(node) {
      case .mapping(let pairs):
        for (position, pair) in pairs.enumerated() {
          if position > 0 || !text.hasSuffix("- ") { text += String(repeating: " ", count: indent) }
          let key = arena.scalar(pair.key) ?? ""
          text += ConfigRenderer.scalar(key, style: .plain) + ":"
          entry(pair.value, indent: indent, secret: secret || (SecretKeys.looksSecret(key) && !SecretKeys.namesLabelKey(key, in: node, of: arena)))
        }
        if pairs.isEmpty { text += "{}\n" }
      case .sequence(let items):
        for item in items {
          text += String(repeating: " ", count: indent) + "-"
          entry(item, indent: indent, secret: secret, inSequence: true)
        }
        if items.isEmpty { text += "[]\n" }
      case .scalar(let value, let style):
        let shown = (secret || effective.merged.secretSources.contains(arena[node].range)) && !value.isEmpty ? SecretSpans.mask : SecretSpans.maskingEmbeddedSecrets(in: value)
        text += ConfigRenderer.scalar(shown, style: style) + "  # \(origin(arena[node].range))\n"
      case .alias:
        text += "null\n"
      }
    }

    /// What follows `key:` or `-`: a scalar or empty collection on the line, else a block.
    private mutating func entry(_ node: NodeID, indent: Int, secret: Bool, inSequence: Bool = false) {
      switch arena.content(node) {
      case .mapping(let pairs) where !pairs.isEmpty:
        if inSequence {
          text += " "
          value(node, indent: indent + 2, secret: secret)
        } else {
          text += "  # \(origin(arena[node].range))\n"
          value(node, indent: indent + 2, secret: secret)
        }
      case .sequence(let items) where !items.isEmpty:
        text += "  # \(origin(arena[node].range))\n"
        value(node, indent: inSequence ? indent + 2 : indent, secret: secret)
      case .mapping, .sequence:
        text += " "
        value(node, indent: indent, secret: secret)
        text.removeLast()
        text += "  # \(origin(arena[node].range))\n"
      default:
        text += " "
        value(node, indent: indent, secret: secret)
      }
    }
  }

  /// A scalar as YAML: plain where it was plain and stays one line, else double-quoted.
  static func scalar(_ value: String, style: ScalarStyle) -> String {
    var bytes = value
    let special = value.isEmpty || bytes.withUTF8({ ControlCharacters.needsEscaping($0) }) || value.contains(": ") || value.contains(" #") || value.hasPrefix(" ")
      || value.hasSuffix(" ") || "!&*-?{}[],#|>@`'\"%".contains(value.first ?? " ") || value.hasSuffix(":")
    guard style != .plain || special else { return value }
    return yamlQuoted(value)
  }
}
