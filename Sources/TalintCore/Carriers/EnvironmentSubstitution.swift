import TalintYAML

extension YAMLDocument {
  /// The document as talhelper's `envsubst` leaves a patch: in every scalar, keys included,
  /// `${VAR}` replaced where `environment` knows VAR and `$$` read as `$` (talhelper's
  /// `pkg/patcher/patcher.go`: a patch file's `$$patch: delete` is a `$patch: delete`). A
  /// scalar naming a variable the environment does not know keeps its variables (only `$$` is
  /// read), so rules treat it as unknown. Values under keys that look secret keep their text as
  /// written: a value substituted there would be one talint could print. Positions stay where
  /// the text is written.
  func substituting(_ environment: TalhelperEnvironment) -> YAMLDocument {
    guard textContains("$"), let root else { return self }
    var copy = self
    var pending: [(node: NodeID, secret: Bool)] = [(root, false)]
    var visited = Set<NodeID>()
    while let (node, secret) = pending.popLast() {
      let id = resolve(node)
      guard visited.insert(id).inserted else { continue }
      switch content(id) {
      case .mapping(let pairs):
        for pair in pairs {
          pending.append((pair.key, false))
          pending.append((pair.value, secret || scalar(pair.key).map(SecretKeys.looksSecret) == true))
        }
      case .sequence(let items):
        pending += items.map { ($0, secret) }
      case .scalar(let text, let style):
        guard !secret, text.contains("$") else { continue }
        let substituted = environment.substitute(text) ?? Self.unescapingDollars(text)
        if substituted != text { copy.setContent(.scalar(substituted, style), of: id) }
      case .alias:
        continue
      }
    }
    return copy
  }

  /// `text` with each `$$` read as `$`.
  static func unescapingDollars(_ text: String) -> String {
    var unescaped = ""
    var previousWasEscape = false
    for character in text {
      if character == "$" && !previousWasEscape && unescaped.last == "$" {
        previousWasEscape = true  // the second of a `$$` pair: dropped
        continue
      }
      previousWasEscape = false
      unescaped.append(character)
    }
    return unescaped
  }
}
