import TalintYAML

/// Which files the linter judges (issue 20): Talos files only, by their role (`FileRole`);
/// with `yaml: all` the YAML rules for every other YAML file; nothing for the rest.
extension Linter {
  /// A template read as YAML, with the delimiters its project's `makejinja.toml` sets.
  func masking(_ bytes: [UInt8], path: String) -> TemplateMasking {
    TemplateMasking(bytes, path: path, delimiters: TemplateDelimiters.forTemplate(path, root: root))
  }

  /// True for a file whose name says it holds YAML: `yaml: all` checks these.
  static func isYAMLFile(_ path: String) -> Bool {
    path.hasSuffix(".yaml") || path.hasSuffix(".yml") || TemplateMasking.rendersYAML(path)
  }

  /// A file that is not valid YAML: judged when something names it or its text reads like
  /// Talos (nothing was parsed to tell what it is), or under `yaml: all`; else skipped. A
  /// safety limit passed (nesting, aliases) fails the file whatever it is: what it holds is
  /// unknown.
  func unparsed(_ error: YAMLError, lines: LineIndex, bytes: [UInt8], path: String, namedBy: String?) -> FileAnalysis {
    if namedBy != nil || error.kind != .syntax || TalosSniff.looksTalos(lines) {
      var analysis = failure(error, lines: lines, bytes: bytes, path: path)
      analysis.role = FileRole(.named, namedBy: namedBy)
      return analysis
    }
    if settings.yaml == .all && Self.isYAMLFile(path) {
      var analysis = failure(error, lines: lines, bytes: bytes, path: path)
      analysis.role = FileRole(.yaml)
      return analysis
    }
    return skipped(path: path, lines: lines, role: .skipped("not valid YAML, and nothing in it reads like Talos"))
  }

  /// A parsed file that holds nothing Talos's and that nothing names: its YAML checked under
  /// `yaml: all`, else skipped.
  func notTalos(_ prepared: Prepared, path: String) -> FileAnalysis {
    guard settings.yaml == .all && Self.isYAMLFile(path) else {
      let lines = prepared.parsed.lines
      return skipped(path: path, lines: lines, role: .skipped(FileRole.skipReason(prepared.parsed.documents, lines: lines, path: path)))
    }
    return checkedYAML(prepared, path: path)
  }

  /// A file no rule looks at: no finding, nothing kept.
  func skipped(path: String, lines: LineIndex = LineIndex.text(of: []), role: FileRole) -> FileAnalysis {
    var analysis = FileAnalysis(path: path, lines: lines, diagnostics: [], failed: false)
    analysis.role = role
    analysis.isFinal = true
    return analysis
  }

  /// A parsed file that is not a Talos file, under `yaml: all`: its YAML rules only, with its
  /// suppression comments.
  private func checkedYAML(_ prepared: Prepared, path: String) -> FileAnalysis {
    let lines = prepared.parsed.lines
    var analysis = FileAnalysis(path: path, lines: lines, diagnostics: checkYAML(prepared.parsed.documents, template: prepared.template, path: path, lines: lines), failed: false)
    analysis.secrets = SecretSpans(prepared.parsed)
    if lines.contains("talint:") { analysis.comments = Self.commentMap(prepared) }
    analysis.template = prepared.template?.engine
    analysis.role = FileRole(.yaml)
    return analysis
  }

  /// The YAML rules (duplicate keys) over documents that are no Talos config.
  func checkYAML(_ sources: [YAMLDocument], template: TemplateMasking?, path: String, lines: LineIndex) -> [Diagnostic] {
    guard let first = yamlRules.first else { return [] }
    let config = TalosConfig(documents: [], sources: sources, context: UnitContext(branches: template?.branches))
    var context = RuleContext(
      config: config, release: settings.release, settings: settings, path: path, rule: first, written: .file(lines),
      outer: { $0 })
    for rule in yamlRules {
      context.rule = rule
      rule.init().check(&context)
    }
    return context.diagnostics
  }
}
