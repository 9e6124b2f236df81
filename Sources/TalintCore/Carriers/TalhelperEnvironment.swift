import TalintYAML

/// The variables talhelper substitutes into a talconfig and its `@file` patches: those of its
/// default env files beside the talconfig (`talenv.yaml`, `talenv.sops.yaml`, `talenv.yml`,
/// `talenv.sops.yml`, read in that order, a later file's value winning, as talhelper's
/// `--env-file` default loads them). A SOPS-encrypted value stays unknown: talint never
/// decrypts. Values read here decide the release and the Kubernetes version's images, which
/// `render` shows; nothing else of them is printed. The process environment is not read — CI's
/// is not the operator's.
public struct TalhelperEnvironment: Sendable {
  static let fileNames = ["talenv.yaml", "talenv.sops.yaml", "talenv.yml", "talenv.sops.yml"]

  /// True for a file by one of those names, or a template of one (`talenv.yaml.tpl`): talhelper
  /// reads it for variables only, never as a talconfig, even when it holds `clusterName` and
  /// `nodes` — the values a templated talconfig is rendered from (sulibot/home-ops,
  /// docs/real-repositories.md).
  static func isEnvironmentFile(_ path: String) -> Bool {
    let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    return fileNames.contains { name == $0 || (name.hasPrefix($0 + ".") && TemplateMasking.isTemplate(name)) }
  }

  /// By name: the value, or nil when it is encrypted.
  private(set) var values: [String: String?] = [:]
  /// The env files read, for the release's source.
  private(set) var files: [String] = []

  init() {}

  /// The env files beside the talconfig at `path`, read through `root` (nothing outside it).
  init(besideTalconfig path: String, root: ProjectRoot) {
    self.init(files: Self.fileNames.map { FilePath.join(FilePath.parent(path), $0) }, root: root)
  }

  /// The env files at `paths` (talhelper's `--env-file`, as `.talint.yaml` names them), those
  /// that exist, read through `root` (nothing outside it).
  init(files paths: [String], root: ProjectRoot) {
    for path in paths {
      let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
      guard case .file(let file) = root.resolve(name, written: FilePath.display(path), from: path),
        let bytes = try? InputFile.path(file).read(limit: 1 << 20)
      else { continue }
      let parsed = YAMLParser.parse(bytes)
      guard parsed.error == nil, let document = parsed.documents.first, let top = document.root, document.isMapping(top) else { continue }
      files.append(file)
      for pair in document.pairs(top) {
        guard let key = document.scalar(pair.key), key != "sops", let value = document.scalar(pair.value), !document.isNull(pair.value) else { continue }
        // A variable named like a secret (`OIDC_CLIENT_SECRET`) stays unknown, as an encrypted
        // one does: substituted under a key that does not look secret, its value would be printed.
        values[key] = value.hasPrefix("ENC[") || SecretKeys.looksSecret(key) ? String?.none : value
      }
    }
  }

  /// `text` with its variables substituted as talhelper's `envsubst` does (`$VAR`, `${VAR}`,
  /// `${VAR:-default}`, `${VAR-default}`, `${VAR:=default}`, `${VAR=default}`, `$$` for `$`),
  /// or nil when a variable it names is unknown (not set, or encrypted).
  func substitute(_ text: String) -> String? {
    guard text.contains("$") else { return text }
    var result = ""
    var rest = Substring(text)
    while let dollar = rest.firstIndex(of: "$") {
      result += rest[..<dollar]
      let after = rest[rest.index(after: dollar)...]
      if after.first == "$" {
        result += "$"
        rest = after.dropFirst()
      } else if after.first == "{", let close = after.firstIndex(of: "}") {
        guard let value = expand(after[after.index(after: after.startIndex)..<close]) else { return nil }
        result += value
        rest = after[after.index(after: close)...]
      } else if let first = after.first, first == "_" || first.isLetter {
        let name = after.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
        guard let value = values[String(name)] ?? nil else { return nil }
        result += value
        rest = after.dropFirst(name.count)
      } else {
        result += "$"
        rest = after
      }
    }
    return result + rest
  }

  /// The value of a `${…}` body: a name, with a default after `:-`, `-`, `:=` or `=`.
  private func expand(_ body: Substring) -> String? {
    let name = body.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
    guard !name.isEmpty else { return nil }
    let operation = body.dropFirst(name.count)
    let known = values[String(name)]
    if operation.isEmpty { return known ?? nil }
    for (marker, ifEmpty) in [(":-", true), (":=", true), ("-", false), ("=", false)] where operation.hasPrefix(marker) {
      let fallback = String(operation.dropFirst(marker.count))
      switch known {
      case .none: return substitute(fallback)
      case .some(.none): return nil  // encrypted: set, value unknown
      case .some(.some(let value)): return ifEmpty && value.isEmpty ? substitute(fallback) : value
      }
    }
    return nil
  }
}
