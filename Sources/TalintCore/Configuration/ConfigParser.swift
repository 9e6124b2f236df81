import TalintYAML

/// Reads `.talint.yaml` with the same positioned YAML layer as configs, so every problem has a
/// line and column. Unknown keys and rule names are warnings with a suggestion; wrong types,
/// bad values and invalid YAML are errors that make the config unusable.
public struct ConfigParser {
  public let knownRules: [RuleDescription]

  public init(knownRules: [RuleDescription]) { self.knownRules = knownRules }

  static let keys = [
    "select", "ignore", "severity", "exclude", "fail-on", "talos-version", "require-reason", "unsuppressible",
    "networks", "baseline", "include", "machines", "yaml", "talhelper-env-files",
  ]
  static let networkKeys = ["admin", "controlPlane", "cluster"]
  static let failOnValues = ["error", "warning", "info", "never"]

  public func parse(bytes: [UInt8], path: String) -> (config: ProjectConfig, problems: [ConfigProblem]) {
    var config = ProjectConfig(path: path)
    var problems: [ConfigProblem] = []
    func problem(_ message: String, _ position: SourcePosition, error: Bool = true) {
      problems.append(ConfigProblem(path: path, position: position, message: message, isError: error))
    }
    let parsed = YAMLParser.parse(bytes)
    if let error = parsed.error {
      problem("invalid YAML: \(error.message)", error.position)
      return (config, problems)
    }
    guard let document = parsed.documents.first, let root = document.root, !document.isNull(root) else {
      return (config, problems)
    }
    guard document.isMapping(root) else {
      problem("the configuration must be a mapping of settings", document[root].range.start)
      return (config, problems)
    }
    for duplicate in document.duplicateKeys {
      problem("duplicate key '\(duplicate.name)'", document[duplicate.second].range.start)
    }
    let top = Found(document: ConfigDocument(kind: .other, yaml: document, root: root), node: root, key: nil, keyPath: "")
    for (name, value) in top.entries {
      let at = value.keyRange.start
      switch name {
      case "select": config.select = ruleList(value, &problems, path)
      case "ignore": config.ignore = ruleList(value, &problems, path)
      case "unsuppressible": config.unsuppressible = ruleList(value, &problems, path) ?? []
      case "exclude": config.exclude = strings(value, &problems, path) ?? []
      case "include": config.include = strings(value, &problems, path) ?? []
      case "machines": config.machines = machines(value, &problems, path)
      case "severity":
        guard value.isMapping else {
          problem("severity must map rule IDs to error, warning or info", value.range.start)
          continue
        }
        for (rule, level) in value.entries {
          guard let severity = level.string.flatMap(Severity.init(rawValue:)) else {
            problem("severity of \(rule) must be error, warning or info", level.range.start)
            continue
          }
          if let known = knownRules.first(where: { $0.id == rule.uppercased() || $0.name == rule }) {
            config.severities[known.id] = severity
          } else {
            problem("unknown rule '\(rule)'\(Suggestion.didYouMean(rule, among: knownRules.flatMap { [$0.id, $0.name] }))", level.keyRange.start, error: false)
          }
        }
      case "fail-on":
        guard let text = value.string, Self.failOnValues.contains(text) else {
          problem("fail-on must be one of \(Self.failOnValues.joined(separator: ", "))", value.range.start)
          continue
        }
        config.failOn = text
      case "talos-version":
        guard let version = value.string.flatMap(TalosVersion.init(parsing:)) else {
          problem("talos-version must be a release such as \"1.12\"", value.range.start)
          continue
        }
        config.talosVersion = version
      case "require-reason":
        guard let flag = value.bool else {
          problem("require-reason must be true or false", value.range.start)
          continue
        }
        config.requireReason = flag
      case "networks":
        config.networks = networks(value, &problems, path)
      case "yaml":
        guard let scope = value.string.flatMap(YAMLScope.init(rawValue:)) else {
          problem("yaml must be talos (check Talos files only, the default) or all (check the syntax of every YAML file)", value.range.start)
          continue
        }
        config.yaml = scope
      case "talhelper-env-files":
        // talhelper's `--env-file`: these files instead of the talenv.yaml beside a talconfig.
        guard let files = strings(value, &problems, path) else { continue }
        for (file, element) in zip(files, value.elements) { confine(file, at: element.range.start, &problems, path) }
        config.talhelperEnvFiles = files
      case "baseline":
        guard let file = value.string, !file.isEmpty else {
          problem("baseline must be the path of a baseline file, relative to this file", value.range.start)
          continue
        }
        confine(file, at: value.range.start, &problems, path)
        config.baseline = file
      default:
        problem("unknown setting '\(name)'\(Suggestion.didYouMean(name, among: Self.keys))", at, error: false)
      }
    }
    return (config, problems)
  }

  private func strings(_ value: Found, _ problems: inout [ConfigProblem], _ path: String) -> [String]? {
    guard value.isSequence else {
      problems.append(ConfigProblem(path: path, position: value.range.start, message: "\(value.keyPath) must be a list", isError: true))
      return nil
    }
    var result: [String] = []
    for element in value.elements {
      guard let text = element.string else {
        problems.append(ConfigProblem(path: path, position: element.range.start, message: "\(value.keyPath) entries must be strings", isError: true))
        continue
      }
      result.append(text)
    }
    return result
  }

  private func ruleList(_ value: Found, _ problems: inout [ConfigProblem], _ path: String) -> [String]? {
    guard let names = strings(value, &problems, path) else { return nil }
    for (name, element) in zip(names, value.elements) where !knownRules.contains(where: { RuleSelection.matches(name, $0) }) {
      problems.append(
        ConfigProblem(
          path: path, position: element.range.start,
          message: "unknown rule '\(name)'\(Suggestion.didYouMean(name, among: knownRules.flatMap { [$0.id, $0.name] }))", isError: false))
    }
    return names
  }

  /// A file the configuration names must be a file of its project (see `ProjectRoot`): one
  /// outside it makes the configuration unusable, and is never read. A missing one is
  /// reported where it is used.
  private func confine(_ file: String, at position: SourcePosition, _ problems: inout [ConfigProblem], _ path: String) {
    guard case .refused(let message) = ProjectRoot(configFolder: FilePath.parent(path)).resolve(file, written: file, from: path) else { return }
    problems.append(ConfigProblem(path: path, position: position, message: message, isError: true))
  }

  static let machineKeys = ["type", "talos-version", "patches", "base"]

  /// `machines: {cp: {type: controlplane, talos-version: "1.14", patches: [...], base: ...}}`.
  private func machines(_ value: Found, _ problems: inout [ConfigProblem], _ path: String) -> [MachineSpec] {
    func problem(_ message: String, _ at: SourcePosition, error: Bool = true) {
      problems.append(ConfigProblem(path: path, position: at, message: message, isError: error))
    }
    guard value.isMapping else {
      problem("machines must map machine names to their type, patches and base", value.range.start)
      return []
    }
    var specs: [MachineSpec] = []
    for (name, machine) in value.entries {
      guard machine.isMapping else {
        problem("machine \(name) must be a mapping with type and patches", machine.range.start)
        continue
      }
      var type: MachineType?
      var spec = MachineSpec(name: name, type: .worker, patches: [], position: machine.keyRange.start)
      for (key, setting) in machine.entries {
        switch key {
        case "type":
          switch setting.string {
          case "controlplane", "init": type = .controlPlane
          case "worker", "join": type = .worker
          default: problem("type of machine \(name) must be controlplane or worker", setting.range.start)
          }
        case "talos-version":
          guard let version = setting.string.flatMap(TalosVersion.init(parsing:)) else {
            problem("talos-version of machine \(name) must be a release such as \"1.12\"", setting.range.start)
            continue
          }
          spec.talosVersion = version
        case "patches":
          spec.patches = strings(setting, &problems, path) ?? []
          spec.patchRanges = setting.elements.filter { $0.string != nil }.map(\.range)
          for (file, element) in zip(spec.patches, setting.elements) { confine(file, at: element.range.start, &problems, path) }
        case "base":
          guard let file = setting.string, !file.isEmpty else {
            problem("base of machine \(name) must be the path of a config file", setting.range.start)
            continue
          }
          confine(file, at: setting.range.start, &problems, path)
          spec.base = file
          spec.baseRange = setting.range
        default:
          problem("unknown machine setting '\(key)'\(Suggestion.didYouMean(key, among: Self.machineKeys))", setting.keyRange.start, error: false)
        }
      }
      guard let type else {
        problem("machine \(name) needs a type (controlplane or worker)", machine.keyRange.start)
        continue
      }
      spec.type = type
      specs.append(spec)
    }
    return specs
  }

  private func networks(_ value: Found, _ problems: inout [ConfigProblem], _ path: String) -> NetworkPolicy {
    var policy = NetworkPolicy()
    guard value.isMapping else {
      problems.append(ConfigProblem(path: path, position: value.range.start, message: "networks must map admin, controlPlane and cluster to CIDR lists", isError: true))
      return policy
    }
    for (name, list) in value.entries {
      guard Self.networkKeys.contains(name) else {
        problems.append(
          ConfigProblem(path: path, position: list.keyRange.start, message: "unknown network '\(name)'\(Suggestion.didYouMean(name, among: Self.networkKeys))", isError: false))
        continue
      }
      var cidrs: [CIDR] = []
      for (text, element) in zip(strings(list, &problems, path) ?? [], list.elements) {
        guard let cidr = CIDR(text) else {
          problems.append(ConfigProblem(path: path, position: element.range.start, message: "'\(text)' is not a CIDR prefix", isError: true))
          continue
        }
        cidrs.append(cidr)
      }
      switch name {
      case "admin": policy.admin = cidrs
      case "controlPlane": policy.controlPlane = cidrs
      default: policy.cluster = cidrs
      }
    }
    return policy
  }
}
