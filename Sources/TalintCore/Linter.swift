import TalintYAML

/// Runs the selected rules over one input, then applies severity overrides and suppression
/// comments. A pure function of its input bytes and settings.
public struct Linter: Sendable {
  public let rules: [any Rule.Type]
  /// The rules a worker-only config gets (no control-plane rules), chosen once: reading a
  /// rule's description copies its docs, and this ran per config.
  private let workerRules: [any Rule.Type]
  /// The rules about YAML itself (duplicate keys), for the files `yaml: all` has checked that
  /// are not Talos files.
  let yamlRules: [any Rule.Type]
  public var settings: LintSettings
  public var limits: YAMLLimits
  /// Every description a suppression may name (rules plus the linter's own).
  public var known: [RuleDescription]
  /// Attach each finding's source line (secrets masked) for formats that show source.
  public var excerpts = false
  /// Where the files a linted file references may be (its repository, project or folder):
  /// nothing outside is read.
  public var root = ProjectRoot()
  /// Hash each finding's value text (`valueHash`), which baselines and fingerprints match on.
  /// A run whose output and baselines read neither turns it off: masking the line and hashing
  /// it cost more than the rest of finishing a finding.
  public var valueHashes = true

  public init(rules: [any Rule.Type], settings: LintSettings = LintSettings(), limits: YAMLLimits = .default) {
    self.rules = rules.filter { settings.selection.includes($0.description) }
    workerRules = self.rules.filter { $0.description.scope != .controlPlane }
    yamlRules = self.rules.filter { RuleSelection.isMeta($0.description) }
    self.settings = settings
    self.limits = limits
    self.known = InputProblems.all + SuppressionRules.all + rules.map { $0.description }
  }

  /// A linter that judges every file against `version`, whatever the file says.
  public init(rules: [any Rule.Type], version: TalosVersion) {
    var settings = LintSettings()
    settings.forcedVersion = version
    self.init(rules: rules, settings: settings)
  }

  /// A file parsed and read by its carrier, with the release it targets.
  struct Prepared {
    var parsed: YAMLParseResult
    var template: TemplateMasking?
    var reading: CarrierReading
    var release: TalosRelease
    var releaseIsFallback: Bool
    /// The file's comments, when reading its release needed them (suppressions reuse them).
    var comments: [Comment]?
  }

  enum Preparation {
    case ready(Prepared)
    /// The parse error, with the decoded text's lines for an excerpt.
    case unreadable(YAMLError, LineIndex)

    var prepared: Prepared? {
      if case .ready(let prepared) = self { return prepared }
      return nil
    }
  }

  /// Parses a file (masking template syntax first) and reads it by its carrier.
  func prepare(bytes: [UInt8], path: String, referrer: TalosRelease?) -> Preparation {
    var template: TemplateMasking?
    var input = bytes
    if TemplateMasking.isTemplate(path) && bytes.count <= limits.maxBytes {
      let masking = masking(InputDecoding.utf8(bytes), path: path)
      input = masking.text
      template = masking
    }
    var parsed = YAMLParser.parse(input, limits: limits)
    if let error = parsed.error {
      // A `.yaml` file with template syntax (`cidr: {{IP}}/24`) is a template by another name:
      // read it as one when that makes it YAML, else report the file's own error.
      guard template == nil, error.kind == .syntax, Self.mayHoldTemplateSyntax(parsed.lines) else { return .unreadable(error, parsed.lines) }
      let masking = masking(parsed.lines.bytes, path: path)
      let masked = YAMLParser.parse(masking.text, limits: limits)
      guard masked.error == nil else { return .unreadable(error, parsed.lines) }
      parsed = masked
      template = masking
    }
    let reading = CarrierReading.read(
      parsed, path: path, context: UnitContext(branches: template?.branches), root: root, environmentFiles: settings.talhelperEnvFiles)
    let comments = parsed.lines.contains("talos-version=") ? parsed.comments() : nil
    let evidence = TalosRelease.evidence(comments: comments, configs: reading.units.map(\.config), carrier: reading.release)
    let release = settings.release(evidence: evidence, referrer: referrer)
    let fallback = settings.releaseIsFallback(evidence: evidence, referrer: referrer)
    return .ready(
      Prepared(parsed: parsed, template: template, reading: reading, release: release, releaseIsFallback: fallback, comments: comments))
  }

  static func mayHoldTemplateSyntax(_ lines: LineIndex) -> Bool {
    lines.contains("{{") || lines.contains("{%") || lines.contains("%{") || lines.contains("${")
  }

  /// The release a file is judged against, as `talint config` shows it.
  public func release(bytes: [UInt8], path: String, referrer: TalosRelease? = nil) -> TalosRelease? {
    prepare(bytes: bytes, path: path, referrer: referrer).prepared?.release
  }

  /// The patch files a talconfig or Omni template references (none for other files).
  public func references(bytes: [UInt8], path: String) -> [PatchReference] {
    prepare(bytes: bytes, path: path, referrer: nil).prepared?.reading.references ?? []
  }

  /// Every comment of a file, those inside embedded configs included and moved to where they
  /// are written (fixtures state their verdicts in comments, patches in talconfigs too).
  public func comments(bytes: [UInt8], path: String) -> [Comment] {
    guard let prepared = prepare(bytes: bytes, path: path, referrer: nil).prepared else {
      let text = TemplateMasking.isTemplate(path) ? masking(InputDecoding.utf8(bytes), path: path).text : bytes
      return YAMLParser.parse(text, limits: limits).comments()
    }
    return Self.commentMap(prepared).comments.sorted { $0.position < $1.position }
  }

  /// The file's comments and those of the configs embedded in it, moved to where they are
  /// written, with the extents of the entries suppression comments cover.
  static func commentMap(_ prepared: Prepared) -> CommentMap {
    let embedded = prepared.reading.units.compactMap(\.embedded)
    var map = CommentMap()
    map.addComments(prepared.comments ?? prepared.parsed.comments())
    for unit in embedded { map.addComments(unit.parsed.comments(), outer: unit.text.outer) }
    let wanted = map.directiveEntryLines(prepared.parsed.lines)
    map.addExtents(prepared.parsed, of: wanted)
    for unit in embedded { map.addExtents(unit.parsed, outer: unit.text.outer, of: wanted) }
    return map
  }

  /// Lints one file. `referrer` is the release of a talconfig or template that uses the file
  /// as a patch.
  public func lint(bytes: [UInt8], path: String, referrer: TalosRelease? = nil) -> FileResult {
    finish(analyze(bytes: bytes, path: path, referrer: referrer))
  }

  /// Reads a file and runs the rules on every config it holds; findings stay in the file's own
  /// coordinates, not yet suppressed (see `finish`). The parsed tree is kept for machines that
  /// use the file as a patch when `keepingTree` says they do, or when the bytes are not the file
  /// at `path` as it is on disk (`onDisk`), where the patch store could read it again.
  /// `namedBy` says who names the file as a Talos file (a talconfig's reference, `.talint.yaml`):
  /// it is judged whatever its content; any other file is judged only when it is a Talos file
  /// (see `FileRole`).
  public func analyze(
    bytes: [UInt8], path: String, referrer: TalosRelease? = nil, onDisk: Bool = false, keepingTree: Bool = false, namedBy: String? = nil
  ) -> FileAnalysis {
    // A template of something else than YAML (a systemd unit, a Python file) is nobody's
    // Talos config: not even parsed.
    if namedBy == nil && TemplateMasking.isTemplate(path) && !TemplateMasking.rendersYAML(path) {
      return skipped(path: path, role: .skipped("a template of something else than YAML"))
    }
    let prepared: Prepared
    switch prepare(bytes: bytes, path: path, referrer: referrer) {
    case .ready(let value): prepared = value
    case .unreadable(let error, let lines): return unparsed(error, lines: lines, bytes: bytes, path: path, namedBy: namedBy)
    }
    var role = prepared.reading.role ?? (namedBy != nil ? FileRole(.named) : nil)
    role?.namedBy = namedBy
    guard let role else { return notTalos(prepared, path: path) }
    var analysis = FileAnalysis(
      path: path, lines: prepared.parsed.lines, diagnostics: prepared.reading.embeddedErrors + prepared.reading.referenceErrors + prepared.reading.carrierFindings, failed: false)
    analysis.secrets = SecretSpans(prepared.parsed).merging(prepared.reading.unparsedSecrets)
    var needsComments = prepared.parsed.lines.contains("talint:")
    // A template's own text, for the fixes written back into its strings.
    let unmasked = prepared.template != nil && prepared.reading.units.contains { $0.embedded != nil } ? LineIndex.text(of: InputDecoding.utf8(bytes)) : nil
    for unit in prepared.reading.units {
      // Fixes edit the text a config was read from; inside a string, that text, then written
      // back into the string.
      let text: LineIndex? = unit.embedded.map { $0.text.editable ? $0.parsed.lines : nil } ?? prepared.parsed.lines
      var found = check(unit.config, release: prepared.release, path: path, lines: text, outer: unit.embedded?.text)
      if let embedded = unit.embedded {
        // Everything moves to where it is written in this file.
        for index in found.indices {
          let fix = found[index].fix.flatMap { Self.writtenBack($0, into: embedded.text, lines: prepared.parsed.lines, unmasked: unmasked) }
          found[index].move(embedded.text.outer)
          found[index].fix = fix
        }
        analysis.secrets.merge(SecretSpans(embedded.parsed), moved: embedded.text.outer)
        needsComments = needsComments || embedded.parsed.lines.contains("talint:")
      }
      analysis.diagnostics += found
    }
    if settings.yaml == .all && !prepared.reading.otherDocuments.isEmpty {
      analysis.diagnostics += checkYAML(prepared.reading.otherDocuments, template: prepared.template, path: path, lines: prepared.parsed.lines)
    }
    if prepared.reading.machines.isEmpty && settings.selection.includes(InputProblems.referenceNotRead) {
      analysis.diagnostics += ReferenceNotRead.unused(prepared.reading.references, in: path)
    }
    if needsComments { analysis.comments = Self.commentMap(prepared) }
    analysis.unmasked = unmasked
    // A file a reference names that is not read is an input not linted, as a path given is.
    analysis.failed = analysis.diagnostics.contains { $0.ruleID == InputProblems.syntaxError.id } || !prepared.reading.referenceErrors.isEmpty
    analysis.release = prepared.release
    analysis.releaseIsFallback = prepared.releaseIsFallback
    analysis.carrier = prepared.reading.kind
    analysis.template = prepared.template?.engine
    analysis.references = prepared.reading.references
    analysis.machines = prepared.reading.machines
    analysis.role = role
    // Every file's tree kept until the machines are judged was a quarter of a run's memory
    // (5,000 files: 159 → 121 MB): kept only for a patch the run knows machines use (a
    // talconfig's reference, a project machine's file) and what disk would not give back.
    if keepingTree || !onDisk || prepared.template != nil { analysis.documents = prepared.parsed.documents }
    return analysis
  }

  /// A fix of a config written inside a string, as a fix of the file (`lines`) that holds the
  /// string. In a template (`unmasked`: its own text), a fix written back rewrites whole lines
  /// from the masked text (TemplateMasking): it is offered only where those lines hold no
  /// template syntax, or the masks would be written in place of the expressions.
  static func writtenBack(_ fix: Fix, into embedded: EmbeddedText, lines: LineIndex, unmasked: LineIndex?) -> Fix? {
    guard let written = embedded.written(fix, in: lines) else { return nil }
    if let unmasked, !keepsTemplateSyntax(written, masked: lines, original: unmasked) { return nil }
    return written
  }

  private static func keepsTemplateSyntax(_ fix: Fix, masked: LineIndex, original: LineIndex) -> Bool {
    fix.edits.allSatisfy { edit in
      // An edit that ends at a line's start leaves that line as it is.
      let last = edit.range.end.column == 1 && edit.range.end.line > edit.range.start.line ? edit.range.end.line - 1 : edit.range.end.line
      return (edit.range.start.line...last).allSatisfy { masked.lineBytes($0).elementsEqual(original.lineBytes($0)) }
    }
  }

  /// Runs the rules on one config. `lines`: the text it was parsed from, for fixes; `patches`,
  /// for a machine's merged config, the texts its values were parsed from instead. `outer` maps
  /// positions of an embedded config, for messages that name a position.
  public func check(
    _ config: TalosConfig, release: TalosRelease, path: String, lines: LineIndex? = nil, patches: PatchTexts? = nil, outer: EmbeddedText? = nil
  ) -> [Diagnostic] {
    let applicable = config.machineType == .worker ? workerRules : rules
    guard let first = applicable.first else { return [] }
    // One context for every rule: building one per rule copied the config and settings each time.
    var context = RuleContext(
      config: config, release: release, settings: settings, path: path, rule: first,
      written: patches.map(FixText.merged) ?? lines.map(FixText.file), outer: { outer?.outer($0) ?? $0 })
    context.read(for: applicable)
    for rule in applicable {
      context.rule = rule
      rule.init().check(&context)
    }
    return context.diagnostics
  }

  /// Applies the file's suppression comments to its findings (and to `extra` ones, found on the
  /// machines the file takes part in), then severities and the secret guard.
  public func finish(_ analysis: FileAnalysis, extra: [Diagnostic] = []) -> FileResult {
    var diagnostics = analysis.diagnostics + extra
    if !analysis.isFinal {
      if let comments = analysis.comments {
        let engine = SuppressionEngine(map: comments, lines: analysis.lines, path: analysis.path, settings: settings, known: known)
        diagnostics += engine.apply(to: &diagnostics).filter { settings.selection.includes(ruleDescription($0.ruleID)) }
      }
      finish(&diagnostics, lines: analysis.lines, secrets: analysis.secrets)
    }
    // A machine the file describes or takes part in that passed a safety limit could not be
    // linted: that fails the file as its own unreadable input would. So does a file it names
    // that is not read, unless a suppression says it is meant to be absent here.
    let failed =
      analysis.failed || extra.contains { $0.ruleID == InputProblems.unreadableInput.id }
      || diagnostics.contains { $0.ruleID == InputProblems.referenceNotRead.id && $0.suppression == nil }
    var result = FileResult(path: analysis.path, diagnostics: diagnostics, failed: failed, release: analysis.release)
    result.carrier = analysis.carrier
    result.template = analysis.template
    result.references = analysis.references
    result.releaseIsFallback = analysis.releaseIsFallback
    result.role = analysis.role
    result.describes = analysis.machines.map(\.name)
    return result
  }

  /// A file that could not be parsed: TAL001/TAL003 at the problem, or for a template the
  /// info that its syntax hides the YAML (not a failure: the template is still to be rendered).
  func failure(_ error: YAMLError, lines: LineIndex, bytes: [UInt8], path: String) -> FileAnalysis {
    var diagnostic: Diagnostic
    var template: TemplateEngine?
    if error.kind == .syntax && TemplateMasking.isTemplate(path) {
      let engine = masking(InputDecoding.utf8(bytes), path: path).engine
      template = engine
      diagnostic = Diagnostic(
        rule: InputProblems.templateNotParsed,
        message: "this \(engine.templateName) is not YAML once its expressions are masked (\(error.message)); its settings were not checked",
        path: path, range: SourceRange(at: error.position))
    } else {
      let rule = error.kind == .syntax ? InputProblems.syntaxError : InputProblems.unreadableInput
      diagnostic = Diagnostic(rule: rule, message: error.message, path: path, range: SourceRange(at: error.position))
    }
    diagnostic.message = ControlCharacters.escaped(diagnostic.message)
    if excerpts && error.position.line <= lines.lineCount {
      diagnostic.excerpt = SourceExcerpt(SecretSpans.maskedUnparsed(line: error.position.line, lines: lines), diagnostic.range)
    }
    var analysis = FileAnalysis(path: path, lines: lines, diagnostics: [diagnostic], failed: template == nil)
    analysis.template = template
    analysis.isFinal = true
    return analysis
  }

  /// Severity overrides, then the secret guard: messages scrubbed and their control
  /// characters escaped, value hashes and excerpts taken of masked text — secret values never
  /// leave the linter.
  private func finish(_ diagnostics: inout [Diagnostic], lines: LineIndex, secrets: SecretSpans) {
    // A line is masked once however many findings it holds.
    var maskedLines: [Int: MaskedLine] = [:]
    for index in diagnostics.indices {
      if let severity = settings.severities[diagnostics[index].ruleID] { diagnostics[index].severity = severity }
      diagnostics[index].message = secrets.shown(diagnostics[index].message, inputSpans: diagnostics[index].inputSpans)
      // Machine names are the input's: scrubbed like any part that came from it.
      for machine in diagnostics[index].machines.indices {
        diagnostics[index].machines[machine] = secrets.shown(diagnostics[index].machines[machine])
      }
      for note in diagnostics[index].notes.indices {
        diagnostics[index].notes[note].message = secrets.shown(diagnostics[index].notes[note].message)
      }
      guard valueHashes || excerpts else { continue }
      let range = diagnostics[index].range
      let number = range.start.line
      let line = maskedLines[number] ?? secrets.masked(line: number, text: lines.lineText(number))
      maskedLines[number] = line
      if valueHashes { diagnostics[index].valueHash = Self.valueHash(from: line.column(range.start.column), of: line.text) }
      if excerpts { diagnostics[index].excerpt = SourceExcerpt(line, range) }
    }
    diagnostics = diagnostics.sortedForOutput()
  }

  /// Reads and lints one input; a read failure becomes a TAL003 diagnostic.
  public func lint(_ input: InputFile, referrer: TalosRelease? = nil) -> FileResult {
    finish(analyze(input, referrer: referrer))
  }

  /// Reads and analyzes one input; a read failure becomes a TAL003 diagnostic. `keepingTree`:
  /// a machine uses the file as a patch.
  public func analyze(_ input: InputFile, referrer: TalosRelease? = nil, keepingTree: Bool = false, namedBy: String? = nil) -> FileAnalysis {
    do {
      let onDisk = if case .path = input.source { true } else { false }
      return analyze(
        bytes: try input.read(limit: limits.maxBytes), path: input.displayPath, referrer: referrer, onDisk: onDisk, keepingTree: keepingTree,
        namedBy: namedBy)
    } catch {
      let diagnostic = Diagnostic(
        rule: InputProblems.unreadableInput, message: ControlCharacters.escaped("\(error)"), path: input.displayPath,
        range: SourceRange(at: SourcePosition(line: 1, column: 1)))
      var analysis = FileAnalysis(path: input.displayPath, lines: LineIndex.text(of: []), diagnostics: [diagnostic], failed: true)
      analysis.isFinal = true
      return analysis
    }
  }

  private func ruleDescription(_ id: String) -> RuleDescription {
    known.first { $0.id == id } ?? SuppressionRules.invalid
  }

  /// The stable hash of the text a finding points at: from its column to the end of the
  /// (masked) line, without a trailing comment or blanks. Read on the line's bytes: this runs
  /// for every finding.
  static func valueHash(from column: Int, of text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      let start = LineIndex.index(ofColumn: column, in: bytes)
      var end = start
      while end < bytes.count && !(bytes[end] == UInt8(ascii: " ") && end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "#")) { end += 1 }
      return StableHash.hex(bytes: bytes[bytes.trimmingBlanks(start..<end)])
    }
  }
}
