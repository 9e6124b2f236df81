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

  /// The run, in three steps: the talconfigs and Omni templates among the inputs first, since
  /// what they say decides how other files are judged (`ReferrerSniff`); then every other
  /// file once, knowing its referrer's release, who names it and whether machines use its
  /// tree; then the machines, and every file finished with its own suppressions — machine
  /// findings included, where the deciding value is written.
  public func run(_ inputs: [Input]) -> [FileResult] {
    let inputs = inputs.map(Self.readingStandardInput)
    let projectFiles = Set(projectMachines.flatMap(\.files).map(FilePath.absolute))
    var records = inputs.map { input in
      var record = InputRecord(input.file, linter: input.linter, namedBy: input.namedBy)
      if projectFiles.contains(record.absolutePath) {
        record.keepsTree = true
        record.namedBy = "a machine of .talint.yaml uses it"
      }
      return record
    }
    let firstStates = Self.parallel(records) { record -> InputRecord.State in
      guard let bytes = try? record.source.read(limit: record.linter.limits.maxBytes), ReferrerSniff.mayReferToOthers(bytes) else { return .pending }
      return .analyzed(record.analyze(bytes: bytes))
    }
    for index in records.indices { records[index].state = firstStates[index] }
    let referenced = decideReferences(&records)
    decideMachineFiles(&records)
    Self.analyzePending(&records)
    if let outsideReferrer, takeOutsideReferrers(&records, referenced: referenced, outsideReferrer) { Self.analyzePending(&records) }
    let machines = MachineDefinition.namedUniquely(records.flatMap { $0.analysis?.machines ?? [] } + projectMachines)
    guard !machines.isEmpty else {
      return Self.parallel(records) { record in
        if case .finished(let result) = record.state { return result }
        return record.linter.finish(record.analysis!)
      }
    }
    return finish(&records, machines: machines)
  }

  /// Analyzes every pending record, on all cores.
  private static func analyzePending(_ records: inout [InputRecord]) {
    let states = parallel(records) { record in record.isPending ? record.analyzedOrFinished() : record.state }
    for index in records.indices { records[index].state = states[index] }
  }

  /// Judges the machines, then finishes every file with what they found in it.
  private func finish(_ records: inout [InputRecord], machines: [MachineDefinition]) -> [FileResult] {
    var store = PatchStore(analyses: records.compactMap(\.analysis))
    let byDefinition = Dictionary(records.map { ($0.absolutePath, $0.linter) }, uniquingKeysWith: { first, _ in first })
    let findings = MachineFindings(machines: machines, store: &store) { machine in
      byDefinition[FilePath.absolute(machine.definedIn)] ?? linterForPath(machine.definedIn)
    }
    let extra = Dictionary(grouping: findings.diagnostics) { FilePath.absolute($0.path) }
    // Every file a machine uses was kept; one finished all the same (a machine found only
    // now, in a file a referrer names) is analyzed again to take the machines' findings.
    for index in records.indices where records[index].analysis == nil {
      let path = records[index].absolutePath
      guard findings.used[path] != nil || extra[path] != nil else { continue }
      records[index].namedBy = "a machine uses it"
      records[index].state = .analyzed(records[index].analyze())
    }
    // Every file a machine uses is finished with its own suppressions, inputs or not (a
    // finding at a `.talint.yaml` machine's definition lands in that file).
    var known = Set(records.map(\.absolutePath))
    for path in findings.diagnostics.map(\.path) + findings.used.keys.map(FilePath.display) where known.insert(FilePath.absolute(path)).inserted {
      guard FilePath.exists(path) else { continue }
      var record = InputRecord(.path(FilePath.display(path)), linter: linterForPath(path), namedBy: "a machine uses it")
      record.state = .analyzed(record.analyze())
      records.append(record)
    }
    let usedBy = Self.usedBy(machines)
    return Self.parallel(records) { record in
      guard let file = record.analysis else {
        if case .finished(let result) = record.state { return result }
        preconditionFailure("every record is analyzed by now")
      }
      // The file's regions looked up once, not per finding.
      let regions = findings.used[record.absolutePath]
      var kept = file
      kept.diagnostics.removeAll { MachineFindings.replaces($0, within: regions) }
      let own = (extra[record.absolutePath] ?? []).map { diagnostic -> Diagnostic in
        var moved = diagnostic
        moved.path = file.path
        return moved
      }
      var result = record.linter.finish(kept, extra: own)
      result.usedBy = usedBy[record.absolutePath] ?? []
      return result
    }
  }

  /// The patch files a talconfig or Omni template references are judged with its release and
  /// named by it; a file not among the inputs is added. A referrer analyzed first that is
  /// itself referenced is analyzed again only when the reference changes its release or makes
  /// it a Talos file. Returns the absolute paths referenced.
  private func decideReferences(_ records: inout [InputRecord]) -> Set<String> {
    let references = records.flatMap { $0.analysis?.references ?? [] }
    var byPath: [String: Int] = [:]
    for (index, record) in records.enumerated() { byPath[record.absolutePath] = index }
    var seen = Set<String>()
    for reference in references {
      let absolute = FilePath.absolute(reference.path)
      guard seen.insert(absolute).inserted, FilePath.exists(absolute) else { continue }
      // A referenced file is a Talos file whatever it holds.
      let namedBy = "referenced by \(FilePath.display(reference.referrer))"
      guard let index = byPath[absolute] else {
        var record = InputRecord(.path(FilePath.display(reference.path)), linter: linterForPath(reference.path), namedBy: namedBy)
        record.referrer = reference.release
        record.keepsTree = true
        records.append(record)
        byPath[absolute] = records.count - 1
        continue
      }
      guard case .analyzed(var analysis) = records[index].state else {
        // `.talint.yaml`'s machine naming it says so already.
        if !records[index].keepsTree { records[index].namedBy = namedBy }
        records[index].referrer = reference.release
        records[index].keepsTree = true
        continue
      }
      let newRelease = analysis.releaseIsFallback && reference.release != nil && reference.release != analysis.release
      if newRelease || analysis.role?.isTalos != true {
        records[index].referrer = reference.release
        records[index].namedBy = namedBy
        records[index].keepsTree = true
        records[index].state = .pending
      } else if analysis.role?.namedBy == nil {
        analysis.role?.namedBy = namedBy
        records[index].state = .analyzed(analysis)
      }
    }
    return seen
  }

  /// An input no input references, naming no release of its own, takes the release of a
  /// referrer beyond the inputs (`outsideReferrer`): asked only of those, and analyzed again
  /// under that release. True when one is.
  private func takeOutsideReferrers(_ records: inout [InputRecord], referenced: Set<String>, _ outsideReferrer: (String) -> PatchReference?) -> Bool {
    var changed = false
    for index in records.indices where !referenced.contains(records[index].absolutePath) {
      let isFallback: Bool
      switch records[index].state {
      case .analyzed(let analysis): isFallback = analysis.releaseIsFallback
      case .finished(let result): isFallback = result.releaseIsFallback
      case .pending: isFallback = false
      }
      guard isFallback, let release = outsideReferrer(records[index].source.displayPath)?.release else { continue }
      records[index].referrer = release
      records[index].state = .pending
      changed = true
    }
    return changed
  }

  /// The files the machines known so far use keep their trees for the merges, so the patch
  /// store takes them from the run instead of reading them again.
  private func decideMachineFiles(_ records: inout [InputRecord]) {
    let used = Set(records.flatMap { $0.analysis?.machines ?? [] }.flatMap(\.files).map(FilePath.absolute))
    var known = Set<String>()
    for index in records.indices {
      known.insert(records[index].absolutePath)
      guard records[index].isPending, !records[index].keepsTree, used.contains(records[index].absolutePath) else { continue }
      records[index].namedBy = "a machine uses it"
      records[index].keepsTree = true
    }
    for path in used.sorted() where !known.contains(path) && FilePath.exists(path) {
      var record = InputRecord(.path(FilePath.display(path)), linter: linterForPath(path), namedBy: "a machine uses it")
      record.keepsTree = true
      records.append(record)
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
