import TalintYAML

/// A patch of a machine: a whole file, a config written inside a string of a file (a
/// talhelper inline patch), or mappings of a file (an Omni inline patch, the documents a
/// talhelper field generates).
public struct MachinePatch: Sendable {
  public enum Content: Sendable {
    /// The whole file at `path`.
    case file
    /// A config inside a string of `path`: its text (with the map to where it is written)
    /// and its parse.
    case embedded(EmbeddedText, [YAMLDocument])
    /// Documents rooted at nodes of `path`'s YAML.
    case documents([PatchInput.Document])
  }

  /// The file the patch is written in.
  public var path: String
  public var content: Content
  /// The parts of the file the patch is (none: the whole file): findings that per-file linting
  /// made there are replaced by the machines' findings.
  public var regions: [SourceRange]
  /// Where the machine's definition names the file (a talconfig's `@file` entry, an Omni
  /// `file:`, a `.talint.yaml` `patches` entry), in `MachineDefinition.definedIn`: a file that
  /// cannot be read is reported there.
  public var namedAt: SourceRange?
  /// For a talhelper `@file` patch: the environment talhelper substitutes in the file.
  public var environment: TalhelperEnvironment?

  public init(path: String, content: Content, regions: [SourceRange] = [], namedAt: SourceRange? = nil, environment: TalhelperEnvironment? = nil) {
    self.path = path
    self.content = content
    self.regions = regions
    self.namedAt = namedAt
    self.environment = environment
  }

  /// True when the patch is a whole file, read through the patch store.
  var isFile: Bool {
    if case .file = content { return true }
    return false
  }
}

/// One machine a repository describes — a talhelper node, an Omni machine set or machine, a
/// `.talint.yaml` machine — with what Talos will merge for it, in Talos's order.
public struct MachineDefinition: Sendable {
  public enum Base: Sendable {
    /// What `talosctl gen config` writes for the machine's type and release.
    case generated
    /// A config file the user keeps (`base:` in `.talint.yaml`).
    case file(String)
  }

  public var name: String
  /// The cluster a machine belongs to (a talconfig's `clusterName`, an Omni template's
  /// `Cluster` name): two machines of one name in two clusters are told apart by it.
  public var cluster: String?
  public var type: MachineType
  /// The release the machine runs, when its definition says (a talconfig's `talosVersion`).
  public var release: TalosRelease?
  public var base: Base
  /// For a talhelper node or an Omni machine: what the tool gives the generator and writes
  /// over its output, merged over the generated base before the patches.
  public var generatorInput: GeneratorInput?
  /// Where the definition names a base file (`base:` in `.talint.yaml`), in `definedIn`.
  public var baseNamedAt: SourceRange?
  /// Patches in the order they are applied.
  public var patches: [MachinePatch]
  /// What is baked into the machine's boot image rather than merged into its config: kernel
  /// arguments of an Image Factory schematic or Omni's `kernelArgs`.
  public var bootDocuments: [MachinePatch]
  /// The file that defines the machine.
  public var definedIn: String

  public init(
    name: String, type: MachineType, release: TalosRelease?, base: Base = .generated, patches: [MachinePatch],
    bootDocuments: [MachinePatch] = [], definedIn: String, baseNamedAt: SourceRange? = nil
  ) {
    self.name = name
    self.type = type
    self.release = release
    self.base = base
    self.patches = patches
    self.bootDocuments = bootDocuments
    self.definedIn = definedIn
    self.baseNamedAt = baseNamedAt
  }

  /// The files the machine's base and patches are written in (the definition itself for a
  /// patch written inside it).
  var files: [String] {
    var paths = (patches + bootDocuments).map(\.path)
    if case .file(let path) = base { paths.append(path) }
    return paths
  }
}

extension MachineDefinition {
  /// The machines with every name unambiguous across the run: machines of one name in
  /// different clusters are named `cluster/name` (Omni's `gpu` set of two clusters, talhelper's
  /// `cp1` of a staging and a production talconfig).
  public static func namedUniquely(_ machines: [MachineDefinition]) -> [MachineDefinition] {
    var clustersByName: [String: Set<String>] = [:]
    for machine in machines { clustersByName[machine.name, default: []].insert(machine.cluster ?? "") }
    return machines.map { machine in
      guard let cluster = machine.cluster, (clustersByName[machine.name]?.count ?? 0) > 1 else { return machine }
      var named = machine
      named.name = cluster + "/" + machine.name
      return named
    }
  }
}
