import TalintYAML

/// A check. Each rule is one type in one file: a static description (its docs) and a pure
/// `check` that reads the classified config and reports findings.
public protocol Rule: Sendable {
  static var description: RuleDescription { get }
  /// The setting locations the rule reads (`context.values(slot)`), beyond the shared views:
  /// the linter merges every running rule's slots and walks each document once for all.
  static var reads: [ReadSlot] { get }
  init()
  func check(_ context: inout RuleContext)
}

extension Rule {
  public static var reads: [ReadSlot] { [] }
}

/// What a rule sees of one file, and where it reports.
public struct RuleContext {
  public let config: TalosConfig
  public let defaults: TalosDefaults
  public let settings: LintSettings
  public let path: String
  /// What the one walk of the config collected for the rules that run: the shared views
  /// (`views.kernelArgs`, …) and each rule's slots (`values`). Filled by `read(for:)`.
  public private(set) var views = ConfigViews.unread
  /// The rule checking now: reports are its (its description is read only when it reports).
  var rule: any Rule.Type
  public private(set) var diagnostics: [Diagnostic] = []
  /// What has been reported (rule, range, message without its key path): a value reached
  /// through aliases from several places is reported once, at the anchor, by the first path.
  private var reported: Set<ReportedFinding> = []
  /// Where a position of this config is written in the file: itself, or for a config embedded
  /// in a string, the place in the outer file. Reports are moved by the linter; a message
  /// that names a position uses this.
  public let outer: @Sendable (SourcePosition) -> SourcePosition
  /// Where the config's values are written, for fixes (nil: no fix is offered).
  let written: FixText?

  init(
    config: TalosConfig, release: TalosRelease, settings: LintSettings, path: String, rule: any Rule.Type,
    written: FixText? = nil, outer: @escaping @Sendable (SourcePosition) -> SourcePosition = { $0 }
  ) {
    self.written = written
    self.config = config
    self.release = release
    self.defaults = TalosDefaults(version: release.version)
    self.settings = settings
    self.path = path
    self.rule = rule
    self.outer = outer
  }

  /// Walks the config once for every view and every slot `rules` read: the linter calls this
  /// once per config, before the rules run.
  mutating func read(for rules: [any Rule.Type]) {
    views = config.walk(ReadPlan.of(rules))
  }

  /// The values at `slot`'s locations (a slot the rule lists in `reads`), location by
  /// location, each in document order.
  public func values(_ slot: ReadSlot) -> [Found] { views.values(slot) }

  /// The release the config is judged by and where it came from (`TalosRelease.resolve`).
  public let release: TalosRelease
  /// The release whose defaults apply (`release.version`).
  public var version: TalosVersion { release.version }
  /// The release the file targets, as declared (`release.declared`).
  public var declaredVersion: TalosVersion { release.declared }

  /// `severity`: this finding's, where it is less than the rule's (an argument the kernel
  /// ignores is named at info, not as the error the rule is for).
  public mutating func report(
    _ message: Message, at range: SourceRange, keyPath: String? = nil, notes: [Note] = [], severity: Severity? = nil, fix: Fix? = nil
  ) {
    var diagnostic = Diagnostic(rule: rule.description, severity: severity, message: message.text, path: path, range: range, keyPath: keyPath, notes: notes)
    diagnostic.inputSpans = message.interpolated
    guard reported.insert(ReportedFinding(diagnostic)).inserted else { return }
    diagnostic.fix = fix
    diagnostics.append(diagnostic)
  }

  /// Reports at a value (the thing that is wrong is what it is set to).
  public mutating func report(_ message: Message, at found: Found, fix: Fix? = nil) {
    report(message, at: found.range, keyPath: found.keyPath, fix: fix)
  }

  // MARK: Fixes

  /// The fix that takes `found` (with its key) out of the mapping or list holding it — which
  /// leaves Talos's own default in force — where a textual edit can do it safely.
  public func removal(of found: Found, title: String) -> Fix? {
    guard let (found, text) = written?.locate(found), let parent = found.parent, found.yaml.isSourceNode(parent), found.yaml.isSourceNode(found.node)
    else { return nil }
    return TreeEdits(yaml: found.yaml, lines: text.lines).removal(of: found.node, in: parent).flatMap { text.fix(Fix(title: title, edits: $0)) }
  }

  /// The fix that writes `text` in place of the scalar `found`, keeping its quoting.
  public func replacement(of found: Found, with text: String, title: String) -> Fix? {
    guard let (found, written) = written?.locate(found), found.yaml.isSourceNode(found.node) else { return nil }
    return TreeEdits(yaml: found.yaml, lines: written.lines).replacement(of: found.node, with: text).flatMap { written.fix(Fix(title: title, edits: $0)) }
  }

  /// Reports at a key (the thing that is wrong is that it is there at all).
  public mutating func report(_ message: Message, atKeyOf found: Found) {
    report(message, at: found.keyRange, keyPath: found.keyPath)
  }
}

/// One finding as `RuleContext` tells reports apart: a rule, a place and
/// what it says there, whichever key path reached the place.
struct ReportedFinding: Hashable {
  var rule: String
  var range: SourceRange
  var message: String

  init(_ diagnostic: Diagnostic) {
    (rule, range, message) = (diagnostic.ruleID, diagnostic.range, diagnostic.messageWithoutKeyPath)
  }
}
