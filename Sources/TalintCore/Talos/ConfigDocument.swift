import TalintYAML

/// What a YAML document is to Talos (docs/talos-facts.md#documents-and-machine-types).
public enum DocumentKind: Equatable, Sendable {
  /// A v1alpha1 machine config: `full` when it is a complete config as `talosctl gen config`
  /// writes it (`version: v1alpha1`, `machine.type` and the machine's token or CA), otherwise a
  /// strategic-merge patch, in which an absent key means "leave it as it is".
  case v1alpha1(full: Bool)
  /// One `add`/`replace` operation of a JSON6902 patch list, rebuilt as a v1alpha1 patch tree.
  case jsonPatch
  /// A typed document (`apiVersion: v1alpha1` and `kind`), e.g. `NetworkRuleConfig`.
  case typed(String)
  /// An Image Factory schematic (`customization:`).
  case schematic
  /// Anything else: a Kubernetes manifest, a talconfig, an empty document. Skipped quietly.
  case other
}

/// The machine role a full config declares (docs/talos-facts.md#documents-and-machine-types: `init`
/// is a control plane, `join` and the empty string are workers).
public enum MachineType: Sendable, Equatable {
  case controlPlane, worker
}

/// A deletion a patch makes — a JSON6902 `remove` or a `$patch: delete` — which takes a key
/// back to Talos's default; for some keys (the PodSecurity admission entry, the seccomp
/// default, RBAC before 1.12) that is a weakening.
public struct Removal: Sendable {
  /// The key path deleted (for a list item: the list's path).
  public var path: [String]
  /// For a list item deleted by `$patch: delete`: the `key: value` that picks it.
  public var item: (key: String, value: String)?
  public var range: SourceRange

  public init(path: [String], item: (key: String, value: String)? = nil, range: SourceRange) {
    self.path = path
    self.item = item
    self.range = range
  }

  /// True when this deletes `target` or something that holds it.
  public func deletes(_ target: [String]) -> Bool {
    item == nil && !path.isEmpty && target.starts(with: path)
  }
}

/// One classified document, with the tree rules read. For JSON6902 operations the tree is
/// synthesized: containers and keys that no source text holds sit at the operation's `path`.
/// A class: every `Found` value refers to its document, and sharing one reference is what
/// keeps reading values cheap.
public final class ConfigDocument: Sendable {
  public let kind: DocumentKind
  public let yaml: YAMLDocument
  public let root: NodeID?
  public let machineType: MachineType?
  /// Deletions: JSON6902 `remove` operations of the list this document came from, or the
  /// `$patch: delete` markers inside it.
  public let removals: [Removal]
  /// For a JSON6902 `add`/`replace`: the operation's path. Unlike a strategic merge, it sets the
  /// whole value there, lists included.
  public let patchPath: [String]?
  /// True for a typed document that is itself `$patch: delete` (it deletes the document of its
  /// kind and name; it sets nothing).
  public let deletesDocument: Bool
  /// Sequences that hold only the elements an operation adds (`/-`, `/3`): the real list has
  /// more, so "the list lacks X" cannot be concluded from them.
  public let partialSequences: Set<NodeID>

  public init(
    kind: DocumentKind, yaml: YAMLDocument, root: NodeID?, machineType: MachineType? = nil, removals: [Removal] = [],
    partialSequences: Set<NodeID> = [], deletesDocument: Bool = false, patchPath: [String]? = nil
  ) {
    self.patchPath = patchPath
    self.deletesDocument = deletesDocument
    self.kind = kind
    self.yaml = yaml
    self.root = root
    self.machineType = machineType
    self.removals = removals
    self.partialSequences = partialSequences
  }

  /// True for documents whose tree is shaped like a v1alpha1 config (full, patch or JSON6902).
  public var isV1Alpha1: Bool {
    switch kind {
    case .v1alpha1, .jsonPatch: true
    default: false
    }
  }

  public var typedKind: String? {
    if case .typed(let kind) = kind { return kind }
    return nil
  }

  /// The kind of a typed document, for rules and views to compare with a `TalosKind`.
  public var talosKind: TalosKind? { typedKind.map(TalosKind.init) }
}
