import Dispatch

/// A run over many files, as the command line and the language server make one: every file
/// analyzed with the linter of its project (in parallel), patch files that a talconfig or Omni
/// template references judged by its Talos release, every machine the files (or the project)
/// describe merged and judged, and every file finished with its own suppressions — machine
/// findings included, where the deciding value is written.
public struct LintRun: Sendable {
  public struct Input: Sendable {
    public var file: InputFile
    public var linter: Linter
    /// Who names the file as a Talos file (`.talint.yaml`'s `include`), judged whatever it holds.
    public var namedBy: String?

    public init(_ file: InputFile, linter: Linter, namedBy: String? = nil) {
      self.file = file
      self.linter = linter
      self.namedBy = namedBy
    }
  }

  /// The linter for a file the inputs do not hold (a referenced patch), by path.
  public var linterForPath: @Sendable (String) -> Linter
  /// Machines the project configurations declare.
  public var projectMachines: [MachineDefinition]
  /// The reference that names a file as a patch from a talconfig or Omni template the inputs
  /// do not hold (`PatchReferrers`), so a patch linted alone is judged by the release it is
  /// judged by beside its talconfig. Nil: no look beyond the inputs.
  public var outsideReferrer: (@Sendable (String) -> PatchReference?)?

  public init(linterForPath: @escaping @Sendable (String) -> Linter, projectMachines: [MachineDefinition] = []) {
    self.linterForPath = linterForPath
    self.projectMachines = projectMachines
  }

  public func run(_ inputs: [Input]) -> [FileResult] {
    let inputs = inputs.map(Self.readingStandardInput)
    let projectFiles = Set(projectMachines.flatMap(\.files).map(FilePath.absolute))
    // A file nothing later can change is finished on the spot, so a run holds one parsed file
    // per core, not all of them (5,000 generated files: 121 → 86 MB); the few that machines
    // turn out to use are read again below.
    var files = Self.parallel(inputs) { input in
      let used = !projectFiles.isEmpty && projectFiles.contains(FilePath.absolute(input.file.displayPath))
      let analysis = input.linter.analyze(input.file, keepingTree: used, namedBy: used ? "a machine of .talint.yaml uses it" : input.namedBy)
      return used || Self.mayChange(analysis) ? Pass.analyzed(analysis) : .finished(input.linter.finish(analysis))
    }
    var linters = inputs.map(\.linter)
    var sources = inputs.map(\.file)
    analyzeReferences(&files, &linters, &sources)
    let machines = MachineDefinition.namedUniquely(files.flatMap { $0.analysis?.machines ?? [] } + projectMachines)
    guard !machines.isEmpty else {
      return Self.parallel(Array(zip(files, linters))) { file, linter in file.result ?? linter.finish(file.analysis!) }
    }
    var store = PatchStore(analyses: files.compactMap(\.analysis))
    var absolutePaths = files.map { FilePath.absolute($0.path) }
    let byDefinition = Dictionary(zip(absolutePaths, linters), uniquingKeysWith: { first, _ in first })
    let findings = MachineFindings(machines: machines, store: &store) { machine in
      byDefinition[FilePath.absolute(machine.definedIn)] ?? linterForPath(machine.definedIn)
    }
    let extra = Dictionary(grouping: findings.diagnostics) { FilePath.absolute($0.path) }
    // References and project machines name the files machines use, and those were kept; a
    // file finished early that machines use all the same (none is known) would lose their
    // findings, so it is analyzed again here to be finished with them.
    for index in files.indices where files[index].analysis == nil {
      let path = absolutePaths[index]
      guard findings.used[path] != nil || extra[path] != nil else { continue }
      files[index] = .analyzed(linters[index].analyze(sources[index], namedBy: "a machine uses it"))
    }
    // Every file a machine uses is finished with its own suppressions, inputs or not.
    var known = Set(absolutePaths)
    for path in findings.diagnostics.map(\.path) + findings.used.keys.map(FilePath.display) where known.insert(FilePath.absolute(path)).inserted {
      guard FilePath.exists(path) else { continue }
      let linter = linterForPath(path)
      files.append(.analyzed(linter.analyze(.path(FilePath.display(path)), namedBy: "a machine uses it")))
      linters.append(linter)
      absolutePaths.append(FilePath.absolute(path))
    }
    let usedBy = Self.usedBy(machines)
    return Self.parallel(Array(zip(files.indices, linters))) { [files, absolutePaths] index, linter in
      guard let file = files[index].analysis else { return files[index].result! }
      // The file's regions looked up once, not per finding.
      let regions = findings.used[absolutePaths[index]]
      var kept = file
      let replaced = file.diagnostics.filter { MachineFindings.replaces($0, within: regions) }
      kept.diagnostics.removeAll { MachineFindings.replaces($0, within: regions) }
      let own = (extra[absolutePaths[index]] ?? []).map { diagnostic -> Diagnostic in
        var moved = diagnostic
        moved.path = file.path
        // A machine's finding is where the file's own is: the fix found in the file holds.
        moved.fix = moved.fix ?? replaced.first { $0.ruleID == moved.ruleID && $0.range.start == moved.range.start }?.fix
        return moved
      }
      var result = linter.finish(kept, extra: own)
      result.usedBy = usedBy[absolutePaths[index]] ?? []
      return result
    }
  }

  /// The machines that use each file (by absolute path) as their base or a patch.
  private static func usedBy(_ machines: [MachineDefinition]) -> [String: [String]] {
    var usedBy: [String: [String]] = [:]
    for machine in machines {
      var files = machine.patches.filter(\.isFile).map(\.path)
      if case .file(let path) = machine.base { files.append(path) }
      for path in Set(files.map(FilePath.absolute)) { usedBy[path, default: []].append(machine.name) }
    }
    return usedBy
  }

  /// A file after the first pass: finished, or kept analyzed for the machines.
  private enum Pass: Sendable {
    case finished(FileResult)
    case analyzed(FileAnalysis)

    var result: FileResult? {
      if case .finished(let result) = self { return result }
      return nil
    }

    var analysis: FileAnalysis? {
      if case .analyzed(let analysis) = self { return analysis }
      return nil
    }

    var path: String { result?.path ?? analysis!.path }
    var role: FileRole? { result.map(\.role) ?? analysis!.role }
    var release: TalosRelease? { result.map(\.release) ?? analysis!.release }
    var releaseIsFallback: Bool { result?.releaseIsFallback ?? analysis!.releaseIsFallback }
  }

  /// True when a later step may change a file's findings (besides a project machine using it):
  /// it describes machines or references patches (then its machines' findings land in it), or
  /// its tree is kept for machines that use it. Any other file is finished as soon as it is
  /// analyzed; a talconfig read later that uses it has it read again.
  private static func mayChange(_ analysis: FileAnalysis) -> Bool {
    !analysis.machines.isEmpty || !analysis.references.isEmpty || analysis.documents != nil
  }

  /// Standard input as the bytes it held: a patch given there is analyzed again when a
  /// talconfig names its release, and a second read would find it empty.
  private static func readingStandardInput(_ input: Input) -> Input {
    guard case .standardInput = input.file.source, let bytes = try? input.file.read() else { return input }
    return Input(.buffer(bytes, path: input.file.displayPath), linter: input.linter)
  }

  /// The machines the inputs and the project configurations describe, with the parsed files
  /// they use (for `talint render`).
  public func machines(_ inputs: [Input]) -> (machines: [MachineDefinition], store: PatchStore) {
    let files = Self.parallel(inputs) { $0.linter.analyze($0.file) }
    return (MachineDefinition.namedUniquely(files.flatMap(\.machines) + projectMachines), PatchStore(analyses: files))
  }

  /// Patch files a talconfig or Omni template references are judged with its release: a file
  /// already read is read again only when it named no release of its own — from where it was
  /// read (`sources`: standard input or an editor's buffer, not the file on disk); a file not
  /// among the inputs is added; one finished as soon as it was read is read again. All keep
  /// their trees for the machines that use them. Then an input no input references, naming no
  /// release of its own, takes the release of a referrer beyond the inputs (`outsideReferrer`).
  private func analyzeReferences(_ files: inout [Pass], _ linters: inout [Linter], _ sources: inout [InputFile]) {
    let references = files.flatMap { $0.analysis?.references ?? [] }
    var byPath: [String: Int] = [:]
    for (index, file) in files.enumerated() { byPath[FilePath.absolute(file.path)] = index }
    var seen = Set<String>()
    for reference in references {
      let absolute = FilePath.absolute(reference.path)
      guard seen.insert(absolute).inserted, FilePath.exists(absolute) else { continue }
      // A referenced file is a Talos file whatever it holds.
      let namedBy = "referenced by \(FilePath.display(reference.referrer))"
      if let index = byPath[absolute] {
        if files[index].releaseIsFallback, let release = reference.release, release != files[index].release {
          files[index] = .analyzed(linters[index].analyze(sources[index], referrer: release, keepingTree: true, namedBy: namedBy))
        } else if files[index].analysis == nil || files[index].role?.isTalos != true {
          // Finished when it was read (or skipped, as nothing in it is Talos's), before the
          // talconfig said its machines use it.
          files[index] = .analyzed(linters[index].analyze(sources[index], referrer: reference.release, keepingTree: true, namedBy: namedBy))
        } else if case .analyzed(var analysis) = files[index], analysis.role?.namedBy == nil {
          analysis.role?.namedBy = namedBy
          files[index] = .analyzed(analysis)
        }
      } else {
        let linter = linterForPath(reference.path)
        let source = InputFile.path(FilePath.display(reference.path))
        files.append(.analyzed(linter.analyze(source, referrer: reference.release, keepingTree: true, namedBy: namedBy)))
        linters.append(linter)
        sources.append(source)
        byPath[absolute] = files.count - 1
      }
    }
    guard let outsideReferrer else { return }
    for index in files.indices where files[index].releaseIsFallback && !seen.contains(FilePath.absolute(files[index].path)) {
      guard let release = outsideReferrer(files[index].path)?.release else { continue }
      files[index] = .analyzed(linters[index].analyze(sources[index], referrer: release))
    }
  }

  /// Maps over the cores; one item takes the plain synchronous path (start-up matters to
  /// editors and hooks). Results keep input order, so a parallel run prints what a serial one does.
  static func parallel<Item: Sendable, Result: Sendable>(_ items: [Item], _ body: @Sendable (Item) -> Result) -> [Result] {
    if items.count <= 1 { return items.map(body) }
    let slots = Slots<Result>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      slots.store(body(items[index]), at: index)
    }
    return slots.collect()
  }
}

extension Linter {
  /// Lints many inputs with this linter (tests and tools; the command line uses `LintRun`).
  public func lint(_ inputs: [InputFile]) -> [FileResult] {
    LintRun(linterForPath: { _ in self }).run(inputs.map { LintRun.Input($0, linter: self) })
  }
}

/// One slot per item; each concurrent iteration writes only its own slot. The slots are memory
/// of their own, not an array: `Array.withUnsafeMutableBufferPointer` moves the array out of
/// its variable while the closure runs, so two threads storing at once raced on the array
/// itself (heap corruption linting a real repository in a debug build).
private final class Slots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  func store(_ value: Value, at index: Int) { slots[index] = value }

  func collect() -> [Value] { slots.map { $0! } }
}
