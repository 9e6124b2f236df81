import ArgumentParser
import TalintCore
import TalintRules

/// `talint render`: the config a machine runs, merged the way Talos merges it, each value
/// with the file and line that set it.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print the config a machine runs: its base and patches merged as Talos merges them, each value with where it was set.",
    discussion: """
      Either a base and patches (`--base cp.yaml --patch a.yaml --patch b.yaml`, or a generated base \
      of `--type` and `--talos-version` when --base is left out), or a machine that a talconfig, an \
      Omni template or .talint.yaml under PATH describes (`--machine cp1`). Exit 2 when Talos would \
      refuse a patch, with Talos's reason.
      """)

  @Option(name: .long, help: "The config to start from (default: what talosctl gen config generates).")
  var base: String?

  @Option(name: .long, parsing: .singleValue, help: "A patch to apply, in order (repeat).")
  var patch: [String] = []

  @Option(name: .long, help: "Machine type: controlplane or worker (default: the base's machine.type, else controlplane).")
  var type: String?

  @Option(name: .long, help: "A machine that a talconfig, Omni template or .talint.yaml describes.")
  var machine: String?

  @Argument(help: "Where to look for the machine (default: the current directory).")
  var paths: [String] = []

  @OptionGroup var options: SettingsOptions

  func validate() throws {
    if machine != nil && (base != nil || !patch.isEmpty) {
      throw ValidationError("give either --machine or --base/--patch, not both")
    }
    if machine == nil && base == nil && patch.isEmpty {
      throw ValidationError("give --machine NAME, or --base FILE and/or --patch FILE")
    }
    if let type, !["controlplane", "worker"].contains(type) { throw ValidationError("--type is controlplane or worker, not '\(type)'") }
  }

  func run() throws {
    let workspace = try Workspace.commandLine(options.choices, linted: paths.isEmpty ? ["."] : paths)
    let definition: MachineDefinition
    var store: PatchStore
    let release: TalosRelease
    if let machine {
      let found = try exitingOnRefusal { try workspace.machines(under: paths.isEmpty ? ["."] : paths) }
      let matches = found.machines.filter { $0.name == machine }
      guard let first = matches.first else {
        let names = found.machines.map(\.name)
        let hint = Suggestion.nearest(machine, among: names).map { "; did you mean '\($0)'?" } ?? ""
        throw usageError("no machine '\(machine)'\(hint) (machines here: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
      }
      if matches.count > 1 {
        writeErr("talint: warning: \(matches.count) machines are named \(machine) (\(matches.map(\.definedIn).joined(separator: ", "))); rendering the one in \(first.definedIn)\n")
      }
      definition = first
      store = found.store
      // A described machine is judged by its definition's release.
      release = workspace.linter(for: definition.definedIn).settings.release(of: definition)
    } else {
      store = PatchStore(analyses: [])
      let declared = base.flatMap { try? store.load($0).get() }.flatMap { TalosConfig($0).machineType }
      definition = MachineDefinition(
        name: base ?? "render", type: type.map { $0 == "worker" ? .worker : .controlPlane } ?? declared ?? .controlPlane, release: nil,
        base: base.map { .file($0) } ?? .generated, patches: patch.map { MachinePatch(path: $0, content: .file) }, definedIn: base ?? patch.first ?? ".")
      // A machine made of files is judged by the release `lint` gives the first of them (its
      // own, else its talconfig's).
      release = try exitingOnRefusal { try workspace.release(ofPath: definition.definedIn) }
    }
    store.load([definition])
    let effective = EffectiveConfig(definition, release: release, store: &store)
    // The machine's name and the release's source (an image reference) come from the input.
    let header = "# machine \(definition.name) (\(definition.type == .controlPlane ? "controlplane" : "worker")), Talos \(release.version) (\(release.source))"
    writeOut(ControlCharacters.escaped(header) + "\n")
    // A merge stopped at a safety limit holds part of the config: that part is not shown.
    if !effective.passedLimit { writeOut(ConfigRenderer.render(effective)) }
    for error in effective.errors {
      let file = error.range.map { Int($0.file) }.flatMap { $0 >= 0 && $0 < effective.files.count ? effective.files[$0].path : nil } ?? definition.definedIn
      let at = error.range.map { "\($0.start.line):\($0.start.column)" } ?? "1:1"
      writeErr("\(file):\(at): error: \(error.reported.message)\n")
    }
    if !effective.errors.isEmpty { throw ExitCode(2) }
  }
}
