/// One run's inputs and the configuration each is linted with, from the paths a front end
/// names: folders walked whole, `.talint.yaml`'s `exclude` and `include` applied. Results come
/// in input order.
public struct LintPlan {
  public struct Outcome {
    public var files: [FileResult]
    /// Every file's findings, sorted for output.
    public var diagnostics: [Diagnostic]
    /// The machines judged: those files and `.talint.yaml` define, and each full machine
    /// config no definition uses.
    public var machines = 0
  }

  public let inputs: [InputFile]
  /// Directory arguments that held no file to lint.
  public let emptyDirectories: [String]
  /// Symbolic links walks did not follow, as they lead out of the project.
  public let linksOutside: [String]
  private let workspace: Workspace
  /// The key of each input's configuration (its path, or "" for the built-in defaults).
  private let configKeys: [String]
  private let configByPath: [String: String]
  private let stdinName: String?

  /// Throws `ConfigurationRefused` when an input's configuration cannot be used.
  public init(targets: [String], workspace: Workspace, stdinName: String?, forceExclude: Bool) throws {
    var collector = InputCollector(projects: workspace.projects)
    collector.stdinName = stdinName ?? "<stdin>"
    collector.forceExclude = forceExclude
    let collected = collector.collect(targets)
    inputs = collected.inputs
    emptyDirectories = collected.emptyDirectories
    linksOutside = collected.linksOutside
    self.workspace = workspace
    self.stdinName = stdinName
    var keys: [String] = []
    var byPath: [String: String] = [:]
    for input in inputs {
      let key = try workspace.configKey(for: Self.lookupPath(input, stdinName))
      _ = workspace.effective(key: key)
      keys.append(key)
      byPath[input.displayPath] = key
    }
    configKeys = keys
    configByPath = byPath
    workspace.hold(walked: targets, inputs: inputs)
  }

  /// Standard input finds its configuration from the name it is given.
  private static func lookupPath(_ input: InputFile, _ stdinName: String?) -> String {
    switch input.source {
    case .path(let path): path
    case .buffer: input.displayPath
    case .standardInput: stdinName ?? "."
    }
  }

  public func lint(excerpts: Bool, valueHashes: Bool) -> Outcome {
    let runInputs = inputs.indices.map { index in
      LintRun.Input(inputs[index], linter: workspace.linter(key: configKeys[index], excerpts: excerpts, valueHashes: valueHashes), namedBy: workspace.namedBy(inputs[index]))
    }
    let files = workspace.run(runInputs, configKeys: Set(configKeys), excerpts: excerpts, valueHashes: valueHashes)
    let machines = workspace.projectMachines(configKeys: Set(configKeys)).count
      + files.reduce(0) { $0 + $1.describes.count + ($1.role?.kind == .machineConfig && $1.usedBy.isEmpty ? 1 : 0) }
    return Outcome(files: files, diagnostics: files.flatMap(\.diagnostics).sortedForOutput(), machines: machines)
  }

  /// One file to fix: its text and what its fixes make of it, by the linter of its configuration.
  public struct FileToFix {
    public var input: InputFile
    public var linter: Linter
    public var outcome: Result<([UInt8], FixOutcome), InputError>
  }

  /// Each file to fix: the inputs, and the files a run reaches beyond them and finds something
  /// to fix in (the patches a talconfig names), so "would fix 0 findings" never comes with a
  /// fixable finding. Each is fixed under the release the run judges it by. Inputs are read
  /// once, before the run, which lints that text (standard input cannot be read twice, and a
  /// file edited meanwhile is compared with what was fixed when written).
  public func fixes() -> [FileToFix] {
    let read = inputs.map { Self.read($0) }
    let buffers = inputs.indices.compactMap { index in (try? read[index].get()).map { (index, InputFile.buffer($0, path: inputs[index].displayPath)) } }
    let linted = workspace.run(
      buffers.map { index, buffer in LintRun.Input(buffer, linter: workspace.linter(key: configKeys[index]), namedBy: workspace.namedBy(inputs[index])) },
      configKeys: Set(configKeys))
    var releases: [String: TalosRelease] = [:]
    for file in linted where releases[FilePath.absolute(file.path)] == nil { releases[FilePath.absolute(file.path)] = file.release }
    // Each file once, however the run spells it.
    var seen = Set(inputs.map { FilePath.absolute($0.displayPath) })
    let reached = linted.flatMap(\.diagnostics).filter { $0.suppression == nil && $0.fix != nil }.map(\.path).sorted()
      .filter { seen.insert(FilePath.absolute($0)).inserted }
    let files = inputs.indices.map { (inputs[$0], workspace.linter(key: configKeys[$0]), read[$0]) }
      + reached.map { path in (InputFile.path(path), workspace.linter(for: path), Self.read(.path(path))) }
    return files.map { input, linter, bytes in
      let release = releases[FilePath.absolute(input.displayPath)]
      return FileToFix(input: input, linter: linter, outcome: bytes.map { ($0, linter.fixing($0, path: input.displayPath, referrer: release)) })
    }
  }

  private static func read(_ input: InputFile) -> Result<[UInt8], InputError> {
    do {
      return .success(try input.read())
    } catch let error as InputError {
      return .failure(error)
    } catch {
      return .failure(InputError(description: "\(error)"))
    }
  }

  /// The failure threshold for a linted path.
  public func threshold(for path: String) -> FailThreshold {
    configByPath[path].map { workspace.effective(key: $0).failOn } ?? .warning
  }

  /// The project configuration a linted path falls under.
  public func project(for path: String) -> ProjectConfig {
    let lookup = path == stdinName || path == "<stdin>" ? stdinName ?? "." : path
    return (try? workspace.projects.config(for: lookup)) ?? ProjectConfig()
  }
}
