import TalintYAML

/// The outcome of linting one input.
public struct FileResult: Sendable {
  public var path: String
  public var diagnostics: [Diagnostic]
  /// True when the input could not be linted (unreadable, invalid YAML): exit code 2.
  public var failed: Bool
}

/// Runs the selected rules over one input, then applies severity overrides and suppression
/// comments. A pure function of its input bytes and settings.
public struct Linter: Sendable {
  public var rules: [any Rule.Type]
  public var settings: LintSettings
  public var limits: YAMLLimits
  /// Every description a suppression may name (rules plus the linter's own).
  public var known: [RuleDescription]
  /// Attach each finding's source line (secrets masked) for formats that show source.
  public var excerpts = false

  public init(rules: [any Rule.Type], settings: LintSettings = LintSettings(), limits: YAMLLimits = .default) {
    self.rules = rules.filter { settings.selection.includes($0.description) }
    self.settings = settings
    self.limits = limits
    self.known = InputProblems.all + SuppressionRules.all + rules.map { $0.description }
  }

  public init(rules: [any Rule.Type], version: TalosVersion) {
    var settings = LintSettings()
    settings.version = version
    self.init(rules: rules, settings: settings)
  }

  public func lint(bytes: [UInt8], path: String) -> FileResult {
    let parsed = YAMLParser.parse(bytes, limits: limits)
    if let error = parsed.error {
      let rule = error.kind == .syntax ? InputProblems.syntaxError : InputProblems.unreadableInput
      var diagnostic = Diagnostic(
        rule: rule, message: error.message, path: path, range: SourceRange(at: error.position))
      if excerpts && error.position.line <= parsed.lines.lineCount {
        diagnostic.excerpt = SourceExcerpt(SecretSpans.maskedUnparsed(line: error.position.line, lines: parsed.lines), diagnostic.range)
      }
      return FileResult(path: path, diagnostics: [diagnostic], failed: true)
    }
    let config = TalosConfig(parsed.documents)
    let defaults = TalosDefaults(version: settings.version)
    var diagnostics: [Diagnostic] = []
    for rule in rules {
      var context = RuleContext(
        config: config, defaults: defaults, settings: settings, path: path, rule: rule.description)
      rule.init().check(&context)
      diagnostics.append(contentsOf: context.diagnostics)
    }
    // Comments are only scanned when the file can hold a suppression.
    if parsed.lines.contains("talint:") {
      let engine = SuppressionEngine(parsed: parsed, path: path, settings: settings, known: known)
      diagnostics += engine.apply(to: &diagnostics).filter { settings.selection.includes(ruleDescription($0.ruleID)) }
    }
    // Secret values never leave the linter: messages are scrubbed, hashes and excerpts are
    // taken of masked text.
    let secrets = diagnostics.isEmpty ? SecretSpans() : SecretSpans(parsed)
    for index in diagnostics.indices {
      if let severity = settings.severities[diagnostics[index].ruleID] { diagnostics[index].severity = severity }
      if !secrets.isEmpty {
        diagnostics[index].message = secrets.scrub(diagnostics[index].message)
        for note in diagnostics[index].notes.indices {
          diagnostics[index].notes[note].message = secrets.scrub(diagnostics[index].notes[note].message)
        }
      }
      let range = diagnostics[index].range
      let line = secrets.masked(line: range.start.line, text: parsed.lines.lineText(range.start.line))
      diagnostics[index].valueHash = StableHash.hex(Self.valueText(from: line.column(range.start.column), of: line.text))
      if excerpts { diagnostics[index].excerpt = SourceExcerpt(line, range) }
    }
    diagnostics.sort(by: Diagnostic.sortedOrder)
    return FileResult(path: path, diagnostics: diagnostics, failed: false)
  }

  /// Reads and lints one input; a read failure becomes a TAL003 diagnostic.
  public func lint(_ input: InputFile) -> FileResult {
    do {
      return lint(bytes: try input.read(), path: input.displayPath)
    } catch {
      let diagnostic = Diagnostic(
        rule: InputProblems.unreadableInput, message: "\(error)", path: input.displayPath,
        range: SourceRange(at: SourcePosition(line: 1, column: 1)))
      return FileResult(path: input.displayPath, diagnostics: [diagnostic], failed: true)
    }
  }

  private func ruleDescription(_ id: String) -> RuleDescription {
    known.first { $0.id == id } ?? SuppressionRules.invalid
  }

  /// The text a finding points at: from its column to the end of the (masked) line, without a
  /// trailing comment or blanks.
  static func valueText(from column: Int, of text: String) -> String {
    let line = Array(text.unicodeScalars)
    let start = min(max(column - 1, 0), line.count)
    var text = String(String.UnicodeScalarView(line[start...]))
    if let comment = text.firstRange(of: " #") { text = String(text[..<comment.lowerBound]) }
    return text.trimmingBlanks()
  }
}
