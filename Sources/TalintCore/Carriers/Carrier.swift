import TalintYAML

/// How a file holds Talos config (docs/carriers.md).
public enum CarrierKind: String, Sendable, Codable {
  /// Configs, patches, multi-document files, schematics: the file is what Talos reads.
  case plain
  /// A talhelper `talconfig.yaml`: inline patch strings, `@file` references, its own fields.
  case talhelper
  /// An Omni cluster template: `Cluster`, `ControlPlane`, `Workers`, `Machine` documents.
  case omni
}

/// One config talint judges in a file: the file's own documents, or a config written inside
/// one of its strings (with the map back to the file).
struct LintUnit {
  var config: TalosConfig
  var embedded: Embedded?

  struct Embedded {
    /// The embedded text as parsed, for its comments (suppressions) and secrets.
    var parsed: YAMLParseResult
    var text: EmbeddedText
  }
}

/// A file another file names as a patch (`"@./patches/cp.yaml"` in a talconfig, `file:` in an
/// Omni template): linted once, with the referencing file's Talos release.
public struct PatchReference: Sendable, Equatable {
  /// The path, resolved against the referencing file's folder.
  public var path: String
  public var release: TalosRelease?
  public var referrer: String
  /// The entry that names the file, in `referrer`.
  public var namedAt: SourceRange
}

/// What a carrier makes of a parsed file: the configs to judge, the release it declares, the
/// files it references, and the embedded configs that could not be read.
struct CarrierReading {
  var kind: CarrierKind = .plain
  var units: [LintUnit] = []
  var release: TalosRelease?
  var references: [PatchReference] = []
  /// TAL001 findings for embedded configs that are not valid YAML, at their outer position.
  var embeddedErrors: [Diagnostic] = []
  /// What the embedded configs that did not parse show of secrets, where they are written.
  var unparsedSecrets = SecretSpans()
  /// TAL003 findings for references that were not read (outside the project, not a regular
  /// file), at the reference.
  var referenceErrors: [Diagnostic] = []
  /// Findings about the carrier's own keys (a talconfig key talhelper no longer reads).
  var carrierFindings: [Diagnostic] = []
  /// Where references may lead.
  var root = ProjectRoot()
  /// The machines the file describes (talhelper nodes, Omni machine sets and machines).
  var machines: [MachineDefinition] = []
  /// What the file is, from its content; nil when nothing in it is Talos's.
  var role: FileRole?
  /// The documents of a plain file that are not Talos documents (a Kubernetes manifest
  /// beside a patch): no Talos rule reads them.
  var otherDocuments: [YAMLDocument] = []
  /// The strings read as configs so far: a file may name one anchored patch through many
  /// aliases (100,000 aliases of a 2 MB string were 100,000 parses of it), read once each.
  var embeddings: [Embedding: LintUnit.Embedded?] = [:]

  struct Embedding: Hashable {
    var document: Int
    var node: NodeID
    var machineType: MachineType?
    var unescape: Bool
  }

  /// Recognises the carrier and reads it; references resolve inside `root`. `environmentFiles`:
  /// talhelper's env files, where the project names them.
  static func read(_ parsed: YAMLParseResult, path: String, context: UnitContext, root: ProjectRoot, environmentFiles: [String]? = nil) -> CarrierReading {
    if let talconfig = parsed.documents.first, Talhelper.isTalconfig(talconfig), !TalhelperEnvironment.isEnvironmentFile(path) {
      var reading = Talhelper.read(talconfig, parsed: parsed, path: path, context: context, root: root, environmentFiles: environmentFiles)
      reading.role = FileRole(.talconfig)
      return reading
    }
    if OmniTemplate.isTemplate(parsed.documents) {
      var reading = OmniTemplate.read(parsed, path: path, context: context, root: root)
      reading.role = FileRole(.omniTemplate)
      return reading
    }
    var reading = CarrierReading()
    // A file mixing Talos documents with others (a Kubernetes manifest) is judged on its
    // Talos documents only: the others' secrets and duplicate keys are not Talos's business.
    // A file with no Talos document keeps them all, for the case that something names it.
    let classified = parsed.documents.map(TalosConfig.classify)
    let isTalos = classified.map { $0.contains(where: FileRole.isTalos) }
    reading.role = FileRole.ofDocuments(zip(classified, isTalos).filter(\.1).flatMap(\.0))
    var sources = parsed.documents
    var documents = classified.flatMap { $0 }
    if reading.role != nil && isTalos.contains(false) {
      sources = zip(parsed.documents, isTalos).filter(\.1).map(\.0)
      reading.otherDocuments = zip(parsed.documents, isTalos).filter { !$0.1 }.map(\.0)
      documents = zip(classified, isTalos).filter(\.1).flatMap(\.0)
    }
    let config = TalosConfig(documents: documents, sources: sources, context: context)
    reading.units.append(LintUnit(config: config))
    // An Image Factory schematic may carry a whole machine config in a string.
    for schematic in config.find(.schematic(["customization", "embeddedMachineConfiguration"])) {
      reading.embed(schematic, lines: parsed.lines, path: path, context: context)
    }
    return reading
  }

  /// Reads a string value as the config it holds and adds it as a unit; `unescape` reads `$$`
  /// as `$` (talhelper's environment substitution).
  @discardableResult
  mutating func embed(_ found: Found, lines: LineIndex, path: String, context: UnitContext, unescape: Bool = false) -> LintUnit.Embedded? {
    let id = found.yaml.resolve(found.node)
    let key = Embedding(document: found.yaml.index, node: id, machineType: context.machineType, unescape: unescape)
    if let known = embeddings[key] { return known }
    let embedded = embedNew(found, id: id, lines: lines, path: path, context: context, unescape: unescape)
    embeddings[key] = embedded
    return embedded
  }

  private mutating func embedNew(_ found: Found, id: NodeID, lines: LineIndex, path: String, context: UnitContext, unescape: Bool) -> LintUnit.Embedded? {
    let node = found.yaml[id]
    guard case .scalar(let value, let style) = found.yaml.content(id), !found.isNull else { return nil }
    var text = EmbeddedText(value: value, style: style, range: node.range, lines: lines)
    if unescape { text = text.unescapingDollars() }
    let parsed = YAMLParser.parse(Array(text.text.utf8))
    if let error = parsed.error {
      embeddedErrors.append(
        Diagnostic(
          rule: InputProblems.syntaxError, message: "the config in \(found.keyPath) is not valid YAML: \(error.message)", path: path,
          range: SourceRange(at: text.outer(error.position))))
      unparsedSecrets.merge(SecretSpans(unparsed: parsed.lines), moved: text.outer)
      return nil
    }
    let config = TalosConfig(documents: parsed.documents.flatMap(TalosConfig.classify), sources: parsed.documents, context: context)
    let embedded = LintUnit.Embedded(parsed: parsed, text: text)
    units.append(LintUnit(config: config, embedded: embedded))
    return embedded
  }

  /// A patch list entry that names a file (`@./x.yaml` or Omni `file:`, `written` as the
  /// entry spells it), resolved inside the project: the path, or nil with a finding at the
  /// entry when the file is not to be read. A missing file inside the project keeps its path:
  /// the machines that name it report it where it is named (TAL009, `EffectiveConfig`), and
  /// are judged on the rest.
  mutating func reference(_ name: String, written: String, at entry: Found, from path: String) -> String? {
    let resolved: String
    switch root.resolve(name, written: written, from: path) {
    case .file(let file), .missing(let file):
      resolved = file
    case .refused(let message):
      referenceErrors.append(Diagnostic(rule: InputProblems.unreadableInput, message: message, path: path, range: entry.range))
      return nil
    }
    references.append(PatchReference(path: resolved, release: release?.written(in: path), referrer: path, namedAt: entry.range))
    return resolved
  }
}

extension YAMLDocument {
  /// A Found for a node of this document that a carrier reads as a value.
  func found(_ node: NodeID, keyPath: String) -> Found {
    Found(document: ConfigDocument(kind: .other, yaml: self, root: node), node: node, key: nil, keyPath: keyPath)
  }
}
