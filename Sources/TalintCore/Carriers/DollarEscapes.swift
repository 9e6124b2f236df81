import TalintYAML

extension YAMLDocument {
  /// The document with `$$` read as `$` in every scalar it holds, keys included: talhelper runs
  /// its environment substitution over a patch file it reads (`pkg/patcher/patcher.go`), so a
  /// `$$patch: delete` there is a `$patch: delete`. Positions stay where the text is written.
  func unescapingDollars() -> YAMLDocument {
    guard textContains("$$") else { return self }
    var copy = self
    for id in sourceNodes {
      guard case .scalar(let text, let style) = content(id), text.utf8.count > 1, text.contains("$$") else { continue }
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
      copy.setContent(.scalar(unescaped, style), of: id)
    }
    return copy
  }
}
