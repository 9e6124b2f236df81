import TalintYAML

/// What talint takes a file for, decided once per file from the parse already done (or, for
/// a file that is not valid YAML, from a sniff of its text, see `TalosSniff`). Only Talos files
/// are judged: a repository root holds Kubernetes manifests, Helm values, Ansible and
/// cloud-init beside them, and those get no finding from any rule (issue 20).
///
/// A struct rather than an enum with payloads: LeakSanitizer cannot follow the tagged pointers
/// of multi-payload enums (see `SettingLocation`).
public struct FileRole: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable {
    /// A complete v1alpha1 config (`talosctl gen config` output).
    case machineConfig = "machine config"
    /// A strategic-merge patch (`machine:`/`cluster:` with Talos keys) or a JSON6902 list at
    /// `/machine` or `/cluster`.
    case patch
    /// Typed documents only (`apiVersion: v1alpha1` with a kind Talos defines).
    case documents = "Talos documents"
    case schematic = "Image Factory schematic"
    case talconfig = "talhelper talconfig"
    case omniTemplate = "Omni cluster template"
    /// Nothing Talos in its content, but a talconfig, Omni template or `.talint.yaml` names it.
    case named = "Talos file"
    /// Not a Talos file; with `yaml: all` only its YAML is checked (syntax, duplicate keys).
    case yaml = "other YAML, syntax checked"
    /// Not a Talos file: no rule looks at it.
    case skipped
  }

  public var kind: Kind
  /// For a skipped file: why it is not a Talos file.
  public var reason: String?
  /// Who names the file as a Talos file (`referenced by talconfig.yaml`), when one does.
  public var namedBy: String?

  public init(_ kind: Kind, reason: String? = nil, namedBy: String? = nil) {
    self.kind = kind
    self.reason = reason
    self.namedBy = namedBy
  }

  public static func skipped(_ reason: String) -> FileRole { FileRole(.skipped, reason: reason) }

  /// True for a file the Talos rules judge.
  public var isTalos: Bool { kind != .skipped && kind != .yaml }

  /// True for a file any rule looks at.
  public var isChecked: Bool { kind != .skipped }

  /// `patch (referenced by talconfig.yaml)`, `skipped: a Kubernetes manifest (kind Deployment)`.
  public var description: String {
    var text = kind == .skipped ? "skipped: \(reason ?? "not a Talos file")" : kind.rawValue
    if let namedBy { text += " (\(namedBy))" }
    return text
  }
}

extension FileRole {
  /// The role of a plain file (not a talconfig or Omni template) from its Talos documents
  /// (see `isTalos`), nil when it has none.
  static func ofDocuments(_ talos: [ConfigDocument]) -> FileRole? {
    if talos.contains(where: { $0.kind == .v1alpha1(full: true) }) { return FileRole(.machineConfig) }
    if talos.contains(where: \.isV1Alpha1) { return FileRole(.patch) }
    if talos.contains(where: { $0.typedKind != nil }) { return FileRole(.documents) }
    if !talos.isEmpty { return FileRole(.schematic) }
    return nil
  }

  /// True for a document only a Talos file holds: a v1alpha1 document that says `version:
  /// v1alpha1` or has Talos keys below `machine:`/`cluster:` (Talos's decoder also takes any
  /// document with `debug:` or `persist:`, which docker-compose and cloud-init files have), a
  /// JSON6902 list at `/machine` or `/cluster`, a typed document of a kind Talos defines, an
  /// Image Factory schematic.
  static func isTalos(_ document: ConfigDocument) -> Bool {
    guard let root = document.root else {
      // A JSON6902 list of removals only.
      return document.kind == .jsonPatch && document.removals.contains { ["machine", "cluster"].contains($0.path.first ?? "") }
    }
    let yaml = document.yaml
    switch document.kind {
    case .v1alpha1(full: true):
      return true
    case .v1alpha1:
      if yaml.value(forKey: "version", in: root).flatMap(yaml.scalar) == "v1alpha1" { return true }
      return yaml.pairs(root).contains { pair in
        guard let section = yaml.scalar(pair.key).flatMap(TalosKeys.below) else { return false }
        return yaml.pairs(pair.value).contains { yaml.scalar($0.key).map(section.contains) ?? false }
      }
    case .jsonPatch:
      return ["machine", "cluster"].contains(document.patchPath?.first ?? "")
    case .typed(let kind):
      // A kind one or two letters from Talos's is a mistyped Talos document (TAL014 says so).
      return TalosKinds.isTalosKind(kind) || Suggestion.nearest(kind, among: TalosKinds.sorted, maxDistance: 2) != nil
    case .schematic:
      guard let customization = yaml.value(forKey: "customization", in: root) else { return false }
      return yaml.pairs(customization).contains { yaml.scalar($0.key).map(TalosKeys.schematicCustomization.contains) ?? false }
    case .other:
      return false
    }
  }

  /// Why a parsed file that holds no Talos document is skipped, in a few words.
  static func skipReason(_ documents: [YAMLDocument], lines: LineIndex, path: String) -> String {
    if lines.lineCount > 0, lines.lineText(1).hasPrefix("#cloud-config") { return "a cloud-init config" }
    if TalhelperEnvironment.isEnvironmentFile(path) { return "a talhelper environment file (variables, not a talconfig)" }
    let roots = documents.compactMap { document in document.root.flatMap { document.isNull($0) ? nil : ($0, document) } }
    guard let (root, yaml) = roots.first else { return "no YAML document" }
    if yaml.isSequence(root) {
      let paths = yaml.elements(root).compactMap { yaml.value(forKey: "path", in: $0).flatMap(yaml.scalar) }
      if let path = paths.first { return "a JSON6902 patch of \(path), not of /machine or /cluster" }
      return "a list, no Talos document"
    }
    guard yaml.isMapping(root) else { return "a scalar, no Talos document" }
    let text = { (key: String) in yaml.value(forKey: key, in: root).flatMap(yaml.scalar) }
    if let kind = text("kind") {
      // SOPS without an `encrypted_regex` encrypts apiVersion and kind as well: quoting their
      // ciphertext says nothing (sulibot/home-ops, docs/real-repositories.md).
      if [kind, text("apiVersion")].contains(where: { $0?.hasPrefix("ENC[") == true }) { return "a SOPS-encrypted document, its kind too" }
      if let api = text("apiVersion") { return "\(api) \(kind), not a Talos document kind" }
      return "kind \(kind), not a Talos document"
    }
    let keys = yaml.pairs(root).prefix(4).compactMap { yaml.scalar($0.key) }
    if keys.isEmpty { return "an empty mapping" }
    return "no Talos key (top-level " + keys.prefix(3).joined(separator: ", ") + (keys.count > 3 ? ", …)" : ")")
  }
}
