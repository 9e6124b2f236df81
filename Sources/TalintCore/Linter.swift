import TalintYAML

/// The outcome of linting one input.
public struct FileResult: Sendable {
  public var path: String
  public var diagnostics: [Diagnostic]
  /// True when the input could not be linted (unreadable, invalid YAML): exit code 2.
  public var failed: Bool
}

/// Runs every rule over one input. A pure function of its input bytes and options.
public struct Linter: Sendable {
  public var rules: [any Rule.Type]
  public var defaults: TalosDefaults
  public var limits: YAMLLimits

  public init(rules: [any Rule.Type], version: TalosVersion = .newest, limits: YAMLLimits = .default) {
    self.rules = rules
    self.defaults = TalosDefaults(version: version)
    self.limits = limits
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
    var diagnostics: [Diagnostic] = []
    for rule in rules {
      var context = RuleContext(config: config, defaults: defaults, path: path, rule: rule.description)
      rule.init().check(&context)
      diagnostics.append(contentsOf: context.diagnostics)
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
}
