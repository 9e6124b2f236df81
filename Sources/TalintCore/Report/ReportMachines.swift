/// The machines `talint report` judges, found the way `render --machine` finds them (the
/// machines talconfigs, Omni templates and `.talint.yaml` describe, `Workspace.machines`) plus
/// every complete config no machine uses, each merged and checked by its project's rules.
public struct ReportMachines {
  public var machines: [CISMachine] = []
  /// Patches Talos would refuse, as `path:line:col: error: message` lines (`render`'s words).
  public var problems: [String] = []

  /// Throws `ConfigurationRefused` when a configuration cannot be used.
  public init(paths: [String], workspace: Workspace) throws {
    let found = try workspace.machines(under: paths)
    let inputs = found.inputs
    var store = found.store
    var described = found.machines
    // A complete config that no machine uses is a machine of its own, judged by the release
    // `lint` gives the file.
    var used = Set(found.machines.flatMap(Self.files).map(FilePath.absolute))
    for input in inputs where used.insert(FilePath.absolute(input.displayPath)).inserted {
      let path = input.displayPath
      guard let documents = try? store.load(path).get() else { continue }
      let config = TalosConfig(documents)
      guard config.hasFullConfig, let type = config.machineType else { continue }
      let release = workspace.linter(for: path).release(ofPath: path, referrer: nil)
      described.append(MachineDefinition(name: path, type: type, release: release, base: .file(path), patches: [], definedIn: path))
    }
    store.load(described)
    for definition in described {
      // Merged and judged as `lint` judges machines; the merge's own problems are printed apart.
      let report = MachineReport(definition, linter: workspace.linter(for: definition.definedIn), store: &store)
      let effective = report.config
      for error in effective.errors {
        let file = error.range.map { Int($0.file) }.flatMap { $0 >= 0 && $0 < effective.files.count ? effective.files[$0].path : nil } ?? definition.definedIn
        let at = error.range.map { "\($0.start.line):\($0.start.column)" } ?? "1:1"
        problems.append("\(file):\(at): error: \(definition.name): \(error.reported.message)")
      }
      // A merge stopped at a safety limit holds part of the config: it is not judged.
      guard !effective.passedLimit else { continue }
      let mergeRules = Set(effective.errors.map { $0.reported.rule.id })
      machines.append(CISMachine(effective, findings: report.diagnostics.filter { !mergeRules.contains($0.ruleID) }))
    }
  }

  /// The files a machine is made of: its base and patches.
  private static func files(_ machine: MachineDefinition) -> [String] {
    var paths = (machine.patches + machine.bootDocuments).map(\.path)
    if case .file(let path) = machine.base { paths.append(path) }
    return paths
  }
}
