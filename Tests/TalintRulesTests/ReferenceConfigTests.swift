import TalintCore
import TalintRules
import TalintTestSupport
import Testing

/// Real configs from ../shared: the public corpus must lint without a crash and without a
/// parse error on valid YAML; Talos's own secure examples must give no error-level finding.
@Suite struct ReferenceConfigTests {
  static let linter = Linter(rules: AllRules.rules)

  @Test(.enabled(if: Paths.shared != nil, "skipped: ../shared is not beside the checkout"))
  func corpusFilesLintWithoutParseErrorsOnValidYAML() throws {
    let files = Paths.entries(of: Paths.shared! + "/corpus/files")
    #expect(files.count > 50)
    let invalid = try Self.invalidYAML(files)
    for path in files {
      let result = Self.linter.lint(.path(path))
      let parseErrors = result.diagnostics.filter { $0.ruleID == "TAL001" || $0.ruleID == "TAL003" }
      if let invalid, !invalid.contains(path) {
        #expect(parseErrors.isEmpty, "\(path) is valid YAML but got \(parseErrors.map(TextReporter.line))")
      }
      // PyYAML is stricter than libyaml in places (a tab inside a plain scalar), so an
      // invalid verdict only bounds the output: at most one parse error, never a crash.
      #expect(parseErrors.count <= 1, "\(path) got several parse errors")
    }
  }

  /// The corpus's talhelper configs are read as talconfigs (their inline patches parse), and its
  /// templates are read as the YAML they render to.
  @Test(.enabled(if: Paths.shared != nil, "skipped: ../shared is not beside the checkout"))
  func corpusTalconfigsAndTemplatesAreRead() throws {
    let manifest = String(decoding: Paths.read(Paths.shared! + "/corpus/MANIFEST.tsv"), as: UTF8.self)
    var talconfigs: [String] = []
    for line in manifest.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if fields.count > 4 && fields[4] == "talconfig" { talconfigs.append(Paths.shared! + "/corpus/files/" + String(fields[0])) }
    }
    #expect(talconfigs.count >= 5)
    for path in talconfigs {
      let result = Self.linter.lint(.path(path))
      #expect(result.carrier == CarrierKind.talhelper, "\(path) was not read as a talconfig")
      #expect(!result.diagnostics.contains { $0.ruleID == "TAL001" }, "\(result.diagnostics.map(TextReporter.line))")
    }
    let templates = Paths.entries(of: Paths.shared! + "/corpus/files").filter(TemplateMasking.isTemplate)
    #expect(templates.count >= 25)
    var read = 0
    for path in templates {
      let result = Self.linter.lint(.path(path))
      #expect(result.template != nil, "\(path) was not read as a template")
      #expect(!result.failed, "\(path): \(result.diagnostics.map(TextReporter.line))")
      if !result.diagnostics.contains(where: { $0.ruleID == InputProblems.templateNotParsed.id }) { read += 1 }
    }
    // Every template of the corpus reads as YAML once masked; a regression here means the
    // masking lost a construct real repositories use.
    #expect(read == templates.count, "\(read) of \(templates.count) templates read")
  }

  @Test(.enabled(if: Paths.shared != nil, "skipped: ../shared is not beside the checkout"))
  func secureExamplesHaveNoErrors() {
    let files = Paths.entries(of: Paths.shared! + "/talos-reference/examples").filter { !$0.hasSuffix(".tsv") }
    #expect(files.count > 20)
    for path in files {
      let result = Self.linter.lint(.path(path))
      let errors = result.diagnostics.filter { $0.severity == .error }
      #expect(errors.isEmpty, "\(errors.map(TextReporter.line))")
    }
  }

  /// Which files PyYAML's composer rejects (syntax only, no tags resolved), or nil when
  /// python3 with PyYAML is not available.
  static func invalidYAML(_ files: [String]) throws -> Set<String>? {
    guard let python = Subprocess.which("python3") else { return nil }
    let script = """
      import sys, yaml
      for path in sys.argv[1:]:
          try:
              with open(path, 'rb') as f:
                  list(yaml.compose_all(f, Loader=yaml.SafeLoader))
          except yaml.YAMLError:
              print(path)
      """
    let output = try Subprocess.run(python, ["-c", script] + files)
    guard output.status == 0 else { return nil }
    return Set(output.stdout.split(separator: "\n").map(String.init))
  }
}
