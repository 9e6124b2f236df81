import TalintYAML

/// The parsed files a run's machines use, by absolute path: each patch file is parsed once,
/// however many machines use it (kept from the per-file analysis when disk would not give it
/// back as analyzed, else read and parsed here once).
public struct PatchStore: Sendable {
  private var documents: [String: [YAMLDocument]] = [:]
  private var failures: [String: MergeError] = [:]
  /// The text each file was parsed from (and a template's own text, before masking): a rule
  /// builds a machine finding's fix on it (`PatchTexts`).
  private var texts: [String: (lines: LineIndex, unmasked: LineIndex?)] = [:]
  let limits: YAMLLimits

  public init(analyses: [FileAnalysis], limits: YAMLLimits = .default) {
    self.limits = limits
    for analysis in analyses {
      let key = FilePath.absolute(analysis.path)
      texts[key] = (analysis.lines, analysis.unmasked)
      if let parsed = analysis.documents { documents[key] = parsed }
    }
  }

  /// The text the file at `path` was parsed from, when it was.
  func text(of path: String) -> (lines: LineIndex, unmasked: LineIndex?)? {
    texts[FilePath.absolute(path)]
  }

  /// The documents of the file at `path` as a patch reads them (with talhelper's environment
  /// substituted where it substitutes one), or why it cannot be used.
  public mutating func load(_ patch: MachinePatch) -> Result<[YAMLDocument], MergeError> {
    guard let environment = patch.environment else { return load(patch.path) }
    let key = "$" + environment.files.joined(separator: "\u{0}") + "\u{0}" + FilePath.absolute(patch.path)
    if let found = documents[key] { return .success(found) }
    switch load(patch.path) {
    case .success(let parsed):
      let substituted = parsed.map { $0.substituting(environment) }
      documents[key] = substituted
      return .success(substituted)
    case .failure(let failure):
      return .failure(failure)
    }
  }

  /// The documents of the file at `path`, or why it cannot be used.
  public mutating func load(_ path: String) -> Result<[YAMLDocument], MergeError> {
    let key = FilePath.absolute(path)
    if let found = documents[key] { return .success(found) }
    if let failure = failures[key] { return .failure(failure) }
    let failure: MergeError
    do {
      let parsed = YAMLParser.parse(try InputFile.path(path).read(limit: limits.maxBytes), limits: limits)
      guard let error = parsed.error else {
        documents[key] = parsed.documents
        texts[key] = (parsed.lines, nil)
        return .success(parsed.documents)
      }
      // A file past a safety limit (size, documents, nesting) is not Talos's to refuse.
      failure =
        error.kind == .limit
        ? MergeError(message: "\(path) cannot be merged: \(error.message)", isLimit: true)
        : MergeError(message: "\(path) is not valid YAML: \(error.message)")
    } catch let error as InputError where error.isLimit {
      failure = MergeError(message: "cannot read \(path): \(error)", isLimit: true)
    } catch {
      // Missing or unreadable: the machine is merged without it (TAL009).
      let problem = FilePath.exists(path) ? "cannot be read (\(error))" : "does not exist"
      failure = MergeError(notRead: "\(FilePath.display(path)) \(problem)")
    }
    failures[key] = failure
    return .failure(failure)
  }

  /// Loads every file the machines name, so that their merges only read the store; of the
  /// files missing, those git ignores (a secret kept out of git is missing from every clone)
  /// are said to be, asking git once per repository.
  public mutating func load(_ machines: [MachineDefinition]) {
    var missing: [String: [String]] = [:]
    var seen = Set<String>()
    let named = machines.flatMap { machine in
      (machine.patches + machine.bootDocuments).filter(\.isFile).map(\.path) + { if case .file(let path) = machine.base { [path] } else { [] } }()
    }
    for path in named {
      let key = FilePath.absolute(path)
      guard seen.insert(key).inserted, case .failure(let failure) = load(path), failure.isNotRead, !FilePath.exists(path),
        let root = ConfigDiscovery.repositoryRoot(of: key)
      else { continue }
      missing[root, default: []].append(key)
    }
    // And each file as talhelper substitutes it, where it does.
    for machine in machines {
      for patch in machine.patches where patch.isFile && patch.environment != nil { _ = load(patch) }
    }
    for (root, paths) in missing {
      // One git process per repository, with a command line far below the system's limit: a
      // file naming more missing files than this is no repository's (the rest are "missing").
      for (path, rule) in GitIgnored.rules(ignoring: Array(paths.prefix(256)), root: root) {
        failures[path] = MergeError(
          notRead: "\(FilePath.display(path)) is ignored by git (\(ControlCharacters.escaped(rule))) and is not here, so its settings were not checked")
      }
    }
  }
}

