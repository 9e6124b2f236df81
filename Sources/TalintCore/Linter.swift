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
      let diagnostic = Diagnostic(
        rule: rule, message: error.message, path: path, range: SourceRange(at: error.position))
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
    for index in diagnostics.indices {
      if let severity = settings.severities[diagnostics[index].ruleID] { diagnostics[index].severity = severity }
      diagnostics[index].valueHash = StableHash.hex(Self.valueText(of: diagnostics[index].range, in: parsed.lines))
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

  /// The text a finding points at: from its start to the end of the line, without a trailing
  /// comment or blanks.
  static func valueText(of range: SourceRange, in lines: LineIndex) -> String {
    let line = Array(lines.lineText(range.start.line).unicodeScalars)
    let start = min(max(range.start.column - 1, 0), line.count)
    var text = String(String.UnicodeScalarView(line[start...]))
    if let comment = text.firstRange(of: " #") { text = String(text[..<comment.lowerBound]) }
    return text.trimmingBlanks()
  }
}
