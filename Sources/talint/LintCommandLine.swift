import TalintCore

/// Reads the usual `talint [lint] …` command lines without ArgumentParser.
///
/// ArgumentParser builds its model of a command by reflection (a Mirror of every option, dynamic
/// casts, generic metadata made at run time): some 15 M instructions, more than linting a small
/// file, paid on every start — and pre-commit hooks and editors start talint on every save. This
/// reader takes paths and `lint`'s long options (`--name value` or `--name=value`, each once but
/// `--select` and `--ignore`). On anything else — help, version, short options, `--`, a
/// subcommand's name, an unknown or repeated option, a value that starts with '-' or does not
/// parse, a request that fails validation — it returns nil, and ArgumentParser reads the command
/// line as always, errors and usage included. Tests hold both readers to the same request.
enum LintCommandLine {
  /// The request `arguments` (without the program name) make, or nil to leave them to
  /// ArgumentParser. `commands` are the subcommands' names.
  static func request(_ arguments: [String], commands: [String]) -> LintRequest? {
    var rest = arguments[...]
    if rest.first == "lint" { rest = rest.dropFirst() }
    var request = LintRequest()
    var given = Set<String>()
    while let argument = rest.popFirst() {
      if argument == "-" || !argument.hasPrefix("-") {
        guard argument != "help", !commands.contains(argument) else { return nil }
        request.paths.append(argument)
        continue
      }
      guard argument.hasPrefix("--"), argument.count > 2 else { return nil }
      var name = Substring(argument.utf8.dropFirst(2))
      var attached: String?
      if let equals = name.firstIndex(of: "=") {
        attached = String(name[name.index(after: equals)...])
        name = name[..<equals]
      }
      let option = String(name)
      guard given.insert(option).inserted || repeatable.contains(option) else { return nil }
      if let flag = flag(option) {
        guard attached == nil else { return nil }
        request[keyPath: flag] = true
        continue
      }
      guard let value = attached ?? rest.popFirst(), !value.isEmpty, !value.hasPrefix("-"),
        set(option, value, in: &request)
      else { return nil }
    }
    do {
      try request.settings.validate()
      try request.validate()
    } catch {
      return nil
    }
    return request
  }

  /// The options that may be given more than once, each adding to a list.
  static let repeatable: Set<String> = ["select", "ignore"]

  /// The request's switch that a flag turns on, or nil when `name` is no flag of `lint`.
  static func flag(_ name: String) -> WritableKeyPath<LintRequest, Bool>? {
    switch name {
    case "strict-baseline": \.strictBaseline
    case "force-exclude": \.forceExclude
    case "show-config": \.showConfig
    case "fix": \.fix
    case "diff": \.diff
    default: nil
    }
  }

  /// Records `--name value`; false when `name` takes no value in `lint` or `value` is not one
  /// of its values.
  static func set(_ name: String, _ value: String, in request: inout LintRequest) -> Bool {
    switch name {
    case "fail-on":
      guard let threshold = FailThreshold(rawValue: value) else { return false }
      request.settings.failOn = threshold
    case "talos-version": request.settings.talosVersion = value
    case "select": request.settings.select.append(value)
    case "ignore": request.settings.ignore.append(value)
    case "config": request.settings.config = value
    case "format":
      guard let format = OutputFormat(rawValue: value) else { return false }
      request.format = format
    case "output": request.output = value
    case "stdin-filename": request.stdinFilename = value
    case "baseline": request.baseline = value
    case "write-baseline": request.writeBaseline = value
    default: return false
    }
    return true
  }
}
