import TalintYAML

/// What a YAML document is to Talos (FACTS.md §1–§2).
public enum DocumentKind: Equatable, Sendable {
  /// A v1alpha1 machine config: `full` when it carries `version: v1alpha1` and a `machine`
  /// section (as `talosctl gen config` writes it), otherwise a strategic-merge patch.
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

/// The machine role a full config declares (FACTS.md §1: `init` is a control plane, `join`
/// and the empty string are workers).
public enum MachineType: Sendable, Equatable {
  case controlPlane, worker
}

/// A JSON6902 `remove` operation: it takes a key back to Talos's default, which for some keys
/// (the PodSecurity admission entry, the seccomp default) is a weakening.
public struct Removal: Sendable {
  public var path: [String]
  public var range: SourceRange
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
  /// JSON6902 `remove` operations of the list this document came from.
  public let removals: [Removal]
  /// Sequences that hold only the elements an operation adds (`/-`, `/3`): the real list has
  /// more, so "the list lacks X" cannot be concluded from them.
  public let partialSequences: Set<NodeID>

  public init(
    kind: DocumentKind, yaml: YAMLDocument, root: NodeID?, machineType: MachineType? = nil, removals: [Removal] = [],
    partialSequences: Set<NodeID> = []
  ) {
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
}
