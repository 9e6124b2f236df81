import TalintYAML

/// The findings on every machine a run knows, reported where the deciding value is written —
/// once per place however many machines it reaches, naming them — and which parts of which
/// files the machines use (per-file findings there are replaced by these).
public struct MachineFindings: Sendable {
  /// Findings with their file path set and `machines` filled.
  public var diagnostics: [Diagnostic] = []
  /// By absolute path: the regions machines use; an empty list is the whole file.
  public var used: [String: [SourceRange]] = [:]
  /// Each machine's merged config, for `render`.
  public var effective: [EffectiveConfig] = []

  /// Merges and checks each machine. `linter` gives, per machine, the linter of the project
  /// that defines it.
  public init(machines: [MachineDefinition], store: inout PatchStore, linter: (MachineDefinition) -> Linter) {
    var byPlace: [String: Int] = [:]
    for machine in machines {
      let machineLinter = linter(machine)
      let release = machineLinter.settings.forcedVersion.map { TalosRelease($0, source: "--talos-version") }
        ?? machine.release ?? machineLinter.settings.release
      let effective = EffectiveConfig(machine, release: release, store: &store)
      self.effective.append(effective)
      markUsed(machine)
      var found = machineLinter.check(effective.config, release: release, path: machine.definedIn)
      for error in effective.errors {
        let range = error.range ?? SourceRange(at: SourcePosition(line: 1, column: 1), file: -1)
        found.append(Diagnostic(rule: InputProblems.mergeFailed, message: "Talos would refuse this patch: \(error.message)", path: machine.definedIn, range: range))
      }
      for var diagnostic in found {
        let file = Int(diagnostic.range.file)
        if file >= 0 && file < effective.files.count {
          guard !effective.files[file].generated else { continue }
          diagnostic.path = effective.files[file].path
        }
        diagnostic.range.file = 0
        for index in diagnostic.notes.indices { diagnostic.notes[index].range.file = 0 }
        let place = "\(FilePath.absolute(diagnostic.path))\u{0}\(diagnostic.range.start)\u{0}\(diagnostic.range.end)\u{0}\(diagnostic.ruleID)\u{0}\(diagnostic.message)"
        if let index = byPlace[place] {
          if !diagnostics[index].machines.contains(machine.name) { diagnostics[index].machines.append(machine.name) }
        } else {
          diagnostic.machines = [machine.name]
          byPlace[place] = diagnostics.count
          diagnostics.append(diagnostic)
        }
      }
    }
    for index in diagnostics.indices {
      diagnostics[index].message += " (" + Self.describe(diagnostics[index].machines) + ")"
    }
  }

  /// `machines: cp1, cp2` — the first few, then how many more.
  static func describe(_ names: [String]) -> String {
    let shown = names.prefix(5).joined(separator: ", ")
    let label = names.count == 1 ? "machine" : "machines"
    return names.count > 5 ? "\(label): \(shown) and \(names.count - 5) more" : "\(label): \(shown)"
  }

  private mutating func markUsed(_ machine: MachineDefinition) {
    if case .file(let path) = machine.base { used[FilePath.absolute(path)] = [] }
    for patch in machine.patches + machine.bootDocuments {
      let key = FilePath.absolute(patch.path)
      if patch.regions.isEmpty {
        used[key] = []
      } else if used[key] != [] {
        used[key, default: []] += patch.regions
      }
    }
  }

  /// True when a per-file finding lies in what machines use, so the machines' findings stand
  /// for it. The file's own problems (YAML, suppressions: TAL0xx) always stand.
  public func replaces(_ diagnostic: Diagnostic) -> Bool {
    guard !diagnostic.ruleID.hasPrefix("TAL0"), let regions = used[FilePath.absolute(diagnostic.path)] else { return false }
    if regions.isEmpty { return true }
    let line = diagnostic.range.start.line
    return regions.contains { $0.start.line <= line && line <= $0.end.line }
  }
}
