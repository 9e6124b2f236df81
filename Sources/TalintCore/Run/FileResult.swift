import TalintYAML

/// The outcome of linting one input.
public struct FileResult: Sendable {
  public var path: String
  public var diagnostics: [Diagnostic]
  /// True when the input could not be linted (unreadable, invalid YAML): exit code 2.
  public var failed: Bool
  /// The Talos release the file was judged against and where that came from (nil when it
  /// could not be read).
  public var release: TalosRelease?
  public var carrier: CarrierKind?
  /// The template language, for a template.
  public var template: TemplateEngine?
  /// Patch files this file references (a talconfig's `@file`, an Omni `file:`).
  public var references: [PatchReference] = []
  /// True when the release came from the settings, not from the file or `--talos-version`:
  /// a talconfig that references the file then knows better.
  public var releaseIsFallback = false
  /// What talint took the file for (nil: it could not be read).
  public var role: FileRole?
  /// The machines that use the file as their base or a patch.
  public var usedBy: [String] = []
  /// The machines the file describes (a talconfig's nodes, an Omni template's machine sets).
  public var describes: [String] = []

  public init(path: String, diagnostics: [Diagnostic], failed: Bool, release: TalosRelease? = nil) {
    self.path = path
    self.diagnostics = diagnostics
    self.failed = failed
    self.release = release
  }
}

/// A file read and checked, before suppressions and the secret guard are applied: those need
/// every finding of the file, and findings on the machines a file takes part in are known only
/// once every file is read (issue: judging the config each machine runs).
public struct FileAnalysis: Sendable {
  public var path: String
  /// Findings so far, in the file's own coordinates.
  public var diagnostics: [Diagnostic]
  public var failed: Bool
  public var release: TalosRelease?
  public var releaseIsFallback = false
  public var carrier: CarrierKind?
  public var template: TemplateEngine?
  public var references: [PatchReference] = []
  /// The machines the file describes (a talconfig's nodes, an Omni template's machine sets).
  public var machines: [MachineDefinition] = []
  /// What talint took the file for (nil: it could not be read).
  public var role: FileRole?
  /// The parsed documents of a file that cannot be read again as they were parsed (an
  /// editor's buffer, standard input, a masked template), for a machine that uses the file
  /// as a patch; the patch store reads other files from disk.
  public var documents: [YAMLDocument]?
  /// The decoded text, for excerpts and value hashes.
  var lines: LineIndex
  /// A template's own text, before masking, when configs inside its strings may be fixed: a
  /// fix is written back only where it rewrites no line holding template syntax.
  var unmasked: LineIndex?
  /// Comments and entries, when the file (or a config embedded in it) can hold a suppression.
  var comments: CommentMap?
  /// Secret values of the file and the configs embedded in it.
  var secrets = SecretSpans()
  /// For a file that could not be parsed: the finding is final as it is.
  var isFinal = false

  init(path: String, lines: LineIndex, diagnostics: [Diagnostic], failed: Bool) {
    self.path = path
    self.lines = lines
    self.diagnostics = diagnostics
    self.failed = failed
  }
}
