/// Where a rule's advice comes from.
public enum Reference: Sendable, Equatable, CustomStringConvertible {
  /// A CIS Kubernetes Benchmark 1.10 control, numbered as kube-bench's cis-1.10 encodes it.
  case cis(String)
  /// A Kernel Self Protection Project recommendation.
  case kspp(String)
  /// A page or section of the Talos documentation.
  case talos(String)
  /// Anything else (a Kubernetes document, a release note).
  case other(String)

  public var description: String {
    switch self {
    case .cis(let id): "CIS Kubernetes Benchmark 1.10 \(id)"
    case .kspp(let text): "KSPP: \(text)"
    case .talos(let text): "Talos: \(text)"
    case .other(let text): text
    }
  }

  /// A page to read, where the reference has a public one.
  public var url: String? {
    switch self {
    case .cis: return "https://www.cisecurity.org/benchmark/kubernetes"
    case .kspp: return "https://kspp.github.io/Recommended_Settings"
    case .talos: return "https://docs.siderolabs.com/talos/"
    case .other(let text):
      if text.hasPrefix("https://") || text.hasPrefix("http://") { return text }
      if text.hasPrefix("RFC "), let number = text.dropFirst(4).split(whereSeparator: { !$0.isNumber }).first {
        return "https://www.rfc-editor.org/rfc/rfc\(number)"
      }
      return nil
    }
  }

  /// The reference with its page, for plain-text output: `KSPP: pti=on <https://…>`.
  public var linked: String {
    guard let url, url != description else { return description }
    return "\(description) <\(url)>"
  }

  public var cisID: String? {
    if case .cis(let id) = self { return id }
    return nil
  }
}

/// A YAML snippet that shows a rule at work: it must (triggering) or must not (passing) make
/// the rule fire. A triggering example is written with a `↓` (`RuleExample.marker`) before
/// each place a finding must land, as SwiftLint's examples are; the marks are taken out of the
/// text shown and linted, which ends with a line end. Tests run every example, in several
/// encodings.
public struct RuleExample: Sendable {
  public enum Verdict: Sendable { case triggering, passing }
  public var verdict: Verdict
  /// The example as written in the rule, with a mark before each place a finding must land.
  /// Read only by `explain`, the docs and the tests, so its marks are taken out on demand:
  /// doing it for every rule at start-up cost a fifth of a small file's run.
  private var written: String
  /// Project settings the example needs (networks, require-reason); nil for the defaults.
  public var settings: LintSettings?
  /// The file name the example is linted as, where what the file is depends on it (a
  /// template, a talconfig).
  public var fileName: String

  /// The mark written before each place a finding must land.
  public static let marker: Unicode.Scalar = "↓"

  public static func triggering(_ written: String, settings: LintSettings? = nil, fileName: String = "example.yaml") -> RuleExample {
    RuleExample(verdict: .triggering, written: written, settings: settings, fileName: fileName)
  }

  public static func passing(_ yaml: String, settings: LintSettings? = nil, fileName: String = "example.yaml") -> RuleExample {
    RuleExample(verdict: .passing, written: yaml, settings: settings, fileName: fileName)
  }

  /// The example's text without its marks: what `talint explain` and docs/rules.md show.
  public var yaml: String { unmarked.yaml }

  /// Where each finding of the rule must land (the position of each mark: line, and column in
  /// Unicode scalars, as findings count them); none for a passing example.
  public var markers: [SourcePosition] { unmarked.markers }

  private var unmarked: (yaml: String, markers: [SourcePosition]) {
    var text = String.UnicodeScalarView()
    var markers: [SourcePosition] = []
    var (line, column) = (1, 1)
    for scalar in written.unicodeScalars {
      if scalar == Self.marker {
        markers.append(SourcePosition(line: line, column: column))
        continue
      }
      text.append(scalar)
      (line, column) = scalar == "\n" ? (line + 1, 1) : (line, column + 1)
    }
    // A multi-line literal leaves out the line end of its last line.
    if text.last != "\n" { text.append("\n") }
    return (String(text), markers)
  }
}

/// Everything the tool says about a rule: its stable ID and name, default severity, docs,
/// references and examples. `talint rules` and `talint explain` print this.
public struct RuleDescription: Sendable {
  public var id: String
  public var name: String
  public var severity: Severity
  public var summary: String
  public var rationale: String
  /// What to do about a finding, in one or two sentences.
  public var remediation: String
  public var references: [Reference]
  public var examples: [RuleExample]
  /// Which machines the rule judges: control-plane settings (the API server, admission, audit)
  /// mean nothing on a worker, so a config that reaches only workers skips those rules.
  public var scope: MachineScope
  /// True when the rule's findings can carry a fix (`--fix`, `--diff`, an editor's quick fix):
  /// its remedy is mechanical and safe. Rules whose remedy needs a human offer none.
  public var fixable: Bool

  /// The area the rule belongs to, from its ID. An ID outside the scheme (talint has none:
  /// RuleDescriptionTests checks) counts as TAL0xx's.
  public var category: RuleCategory { RuleCategory(ruleID: id) ?? .yamlAndInput }

  /// The machines a rule's settings matter on.
  public enum MachineScope: Sendable, Equatable { case all, controlPlane }

  public init(
    id: String, name: String, severity: Severity, summary: String, rationale: String, remediation: String,
    references: [Reference] = [], examples: [RuleExample] = [], scope: MachineScope = .all, fixable: Bool = false
  ) {
    self.scope = scope
    self.fixable = fixable
    self.id = id
    self.name = name
    self.severity = severity
    self.summary = summary
    self.rationale = rationale
    self.remediation = remediation
    self.references = references
    self.examples = examples
  }
}
