import TalintYAML

/// The config one machine runs: its base and patches merged the way Talos merges them, every
/// value knowing the file and line that set it (`files[range.file]`), deletions knowing the
/// line that made them.
public struct EffectiveConfig: Sendable {
  /// A file that took part, by the index its positions carry.
  public struct Source: Sendable, Equatable {
    public var path: String
    /// True for the base Talos generates: no line of it is the user's to change.
    public var generated: Bool
  }

  public var machine: MachineDefinition
  public var release: TalosRelease
  public var files: [Source]
  public var merged: MergedConfig
  /// The patches Talos would refuse, each where it is written. talint skips them and merges
  /// the rest, so one refused patch does not hide what the others do.
  public var errors: [MergeError] = []
  /// The documents rules read.
  public var config: TalosConfig
  /// The tool field (talhelper's name) written on each line of the file that defines the
  /// machine, where a generator input set a value: `files[generatorFile]`, by line.
  public var generatorFields: (file: Int32, byLine: [Int: String])?
  /// The texts the base and patches were parsed from, by file index: rules build the fixes of
  /// the machine's findings on them.
  public var texts = PatchTexts()

  /// The patches a machine may have. Real machines have tens; each patch costs up to the size
  /// of what it merges into (a scan of the mapping, a copy of the list), so a talconfig node
  /// naming 20,000 one-key patches took minutes, and one naming a patch 40,000 times (through
  /// an alias) 4.2 GB.
  public static let patchLimit = 1_000

  /// True when the merge stopped at a safety limit (TAL003): what it holds is partial.
  public var passedLimit: Bool { errors.contains { $0.isLimit || $0.cutShort } }

  /// Merges a machine's base and patches, creating at most what `budget` allows (Talos's
  /// generated base is not counted: it is made once per run). `store` gives the files patches
  /// name.
  public init(_ machine: MachineDefinition, release: TalosRelease, store: inout PatchStore, budget: NodeBudget = NodeBudget()) {
    self.machine = machine
    self.release = release
    var merged = MergedConfig()
    merged.budget = budget
    var files: [Source] = []
    var errors: [MergeError] = []
    var texts = PatchTexts()
    func index(of path: String, generated: Bool = false) -> Int32 {
      if let existing = files.firstIndex(where: { $0.path == path && $0.generated == generated }) { return Int32(existing) }
      files.append(Source(path: path, generated: generated))
      return Int32(files.count - 1)
    }
    do throws(MergeError) {
      switch machine.base {
      case .generated:
        // The first file: the cached base's nodes carry index 0.
        _ = index(of: "talosctl gen config (Talos \(release.version), \(machine.type == .controlPlane ? "controlplane" : "worker"))", generated: true)
        merged = GeneratedBase.merged(for: machine.type, release: release.version)
        merged.budget = budget
      case .file(let path):
        let file = index(of: path)
        let input = PatchInput(parsed: try store.load(path).get(), file: file)
        texts.add(input, file: store.text(of: path))
        try merged.apply(input)
      }
    } catch var failure {
      if failure.isNotRead { failure.range = machine.baseNamedAt.map { SourceRange(start: $0.start, end: $0.end, file: index(of: machine.definedIn)) } }
      errors.append(failure)
    }
    // A limit passed stops the merge: every later patch would pass it again.
    var limited = errors.contains { $0.isLimit || $0.cutShort }
    var generatorFields: (file: Int32, byLine: [Int: String])?
    if let input = machine.generatorInput, !limited {
      let file = index(of: machine.definedIn)
      generatorFields = (file, input.fieldsByLine)
      for document in input.documents(for: release.version) {
        do throws(MergeError) {
          try merged.apply(PatchInput(documents: [document], file: file))
        } catch var failure {
          let written = document.yaml[document.root].range
          if failure.range == nil { failure.range = SourceRange(start: written.start, end: written.end, file: file) }
          errors.append(failure)
          limited = failure.isLimit || failure.cutShort
          if limited { break }
        }
      }
    }
    if machine.patches.count > Self.patchLimit {
      let first = machine.patches[Self.patchLimit]
      let file = index(of: first.path)
      let range = first.regions.first.map { SourceRange(start: $0.start, end: $0.end, file: file) } ?? SourceRange(at: SourcePosition(line: 1, column: 1), file: file)
      errors.append(
        MergeError(
          message: "this machine has more than \(Self.patchLimit) patches (a patch named again counts again); the machine was not judged",
          range: range, isLimit: true))
      limited = true
    }
    for patch in machine.patches where !limited {
      let file = index(of: patch.path)
      do throws(MergeError) {
        let input = try Self.input(patch, file: file, store: &store)
        texts.add(input, file: store.text(of: patch.path))
        try merged.apply(input)
      } catch var failure {
        // A file not read is reported where the definition names it (else at the definition's first line).
        if failure.isNotRead { failure.range = patch.namedAt.map { SourceRange(start: $0.start, end: $0.end, file: index(of: machine.definedIn)) } }
        if failure.range == nil && !failure.isNotRead { failure.range = patch.regions.first.map { SourceRange(start: $0.start, end: $0.end, file: file) } ?? SourceRange(at: SourcePosition(line: 1, column: 1), file: file) }
        errors.append(failure)
        limited = failure.isLimit || failure.cutShort
      }
    }
    var boot: [NodeID] = []
    for document in machine.bootDocuments where !limited {
      guard let input = try? Self.input(document, file: index(of: document.path), store: &store) else { continue }
      texts.add(input, file: store.text(of: document.path))
      do throws(MergeError) {
        boot += try merged.adopt(input)
      } catch {
        // A boot document Talos would refuse is the image's business; a limit is reported.
        if error.isLimit || error.cutShort { errors.append(error) }
        limited = error.isLimit || error.cutShort
      }
    }
    self.merged = merged
    self.files = files
    self.generatorFields = generatorFields
    self.texts = texts
    self.errors = errors
    self.config = Self.config(merged, boot: boot, type: machine.type)
  }

  /// A patch as the merge reads it.
  static func input(_ patch: MachinePatch, file: Int32, store: inout PatchStore) throws(MergeError) -> PatchInput {
    switch patch.content {
    case .file: return PatchInput(parsed: try store.load(patch).get(), file: file)
    case .embedded(let text, let documents): return PatchInput(parsed: documents, file: file, embedded: text)
    case .documents(let documents): return PatchInput(documents: documents, file: file)
    }
  }

  /// The merged documents as rules read them: the machine config complete (it is the whole
  /// machine), deletions as removals of their document, deleted documents as `$patch: delete`
  /// documents, boot documents as schematics.
  static func config(_ merged: MergedConfig, boot: [NodeID], type: MachineType) -> TalosConfig {
    var arena = merged.arena
    var deletedDocuments: [NodeID] = []
    for deletion in merged.deletions where deletion.path.isEmpty && deletion.kind != "v1alpha1" {
      var pairs: [Pair] = []
      func add(_ key: String, _ value: String) {
        let keyNode = arena.append(.scalar(key, .plain), range: deletion.range)
        pairs.append(Pair(key: keyNode, value: arena.append(.scalar(value, .plain), range: deletion.range)))
      }
      add("apiVersion", "v1alpha1")
      add("kind", deletion.kind)
      if let name = deletion.name { add("name", name) }
      add("$patch", "delete")
      deletedDocuments.append(arena.append(.mapping(pairs), range: deletion.range))
    }
    var documents: [ConfigDocument] = []
    for document in merged.documents {
      let removals = merged.deletions.filter { $0.kind == document.kind && $0.name == document.name && !$0.path.isEmpty }
        .map { Removal(path: $0.path, item: $0.item, range: $0.range) }
      // The merge knows each document's kind, also where its YAML does not say it.
      let kind = document.isV1Alpha1 ? TalosConfig.classify(arena, root: document.root).first?.kind ?? .v1alpha1(full: false) : .typed(document.kind)
      documents.append(ConfigDocument(kind: kind, yaml: arena, root: document.root, machineType: document.isV1Alpha1 ? type : nil, removals: removals))
    }
    documents += deletedDocuments.flatMap { TalosConfig.classify(arena, root: $0) }
    documents += boot.map { ConfigDocument(kind: .schematic, yaml: arena, root: $0) }
    return TalosConfig(documents: documents, sources: [], context: UnitContext(machineType: type))
  }
}
