import TalintYAML

/// What suppressions need of a file, in its own coordinates: every comment (those inside
/// embedded configs moved to where they are written) and, for each line where an entry
/// starts, the last line of that entry — for an own-line comment's scope.
struct CommentMap: Sendable {
  var comments: [Comment] = []
  /// The comments for talint (well-formed or not), each read once.
  private(set) var directives: [(comment: Comment, parsed: SuppressionComment.Parsed)] = []
  var extents: [Int: Int] = [:]
  /// Lines that hold only a comment.
  private(set) var commentLines = LineSet()

  /// The comments of a parse, moved through `outer` (identity for the file itself).
  mutating func addComments(_ found: [Comment], outer: (SourcePosition) -> SourcePosition = { $0 }) {
    for var comment in found {
      comment.position = outer(comment.position)
      if !comment.isTrailing { commentLines.insert(comment.position.line) }
      comments.append(comment)
      if let parsed = SuppressionComment.parse(comment.text) { directives.append((comment, parsed)) }
    }
  }

  /// The lines a suppression comment on its own line may cover: the entry after each, once
  /// every comment is added. Extents are recorded for these alone (a file of a million
  /// entries with a few suppressions records a few).
  func directiveEntryLines(_ lines: LineIndex) -> LineSet {
    LineSet(
      directives.filter { !$0.comment.isTrailing }.map { Self.entryLine(after: $0.comment.position.line, lines: lines, commentLines: commentLines) })
  }

  /// The first line after `line` that is neither a comment line nor blank: the entry a
  /// comment on its own line speaks of.
  static func entryLine(after line: Int, lines: LineIndex, commentLines: LineSet) -> Int {
    var next = line + 1
    while next < lines.lineCount && (commentLines.contains(next) || lines.lineBytes(next).allSatisfy(\.isBlank)) {
      next += 1
    }
    return next
  }

  /// How far each entry of a parse starting on one of `wanted` lines reaches, moved through `outer`.
  /// (`outer` nil: the parse is the file's own.)
  mutating func addExtents(_ parsed: YAMLParseResult, outer: ((SourcePosition) -> SourcePosition)? = nil, of wanted: LineSet) {
    guard !wanted.isEmpty else { return }
    func record(_ start: SourcePosition, _ end: SourcePosition) {
      let first = outer?(start).line ?? start.line
      guard wanted.contains(first) else { return }
      extents[first] = max(extents[first] ?? first, outer?(end).line ?? end.line)
    }
    for document in parsed.documents {
      for id in document.sourceNodes {
        switch document[id].kind {
        case .mapping: for pair in document.rawPairs(id) { record(document[pair.key].range.start, document[pair.value].range.end) }
        case .sequence: for item in document.elements(id) { record(document[item].range.start, document[item].range.end) }
        case .scalar, .alias: continue
        }
      }
    }
  }
}

/// Applies a file's suppression comments to its diagnostics and reports the comments that are
/// stale, malformed or unknown.
struct SuppressionEngine {
  let map: CommentMap
  let lines: LineIndex
  let path: String
  let settings: LintSettings
  let known: [RuleDescription]

  func apply(to diagnostics: inout [Diagnostic]) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    let directives = map.directives.sorted { $0.comment.position < $1.comment.position }
    let extents = map.extents
    let commentLines = map.commentLines
    // Each rule's findings in line order, so a suppression looks only at its own rule's
    // findings on its own lines (a file of thousands of suppressions and findings would
    // otherwise test every pair).
    var byRule: [String: [(line: Int, index: Int)]] = [:]
    for index in diagnostics.indices { byRule[diagnostics[index].ruleID, default: []].append((diagnostics[index].range.start.line, index)) }
    for rule in byRule.keys { byRule[rule]!.sort { $0.line < $1.line } }
    for (comment, parsedComment) in directives {
      let at = SourceRange(at: comment.position)
      switch parsedComment {
      case .malformed(let why):
        problems.append(Diagnostic(rule: SuppressionRules.invalid, message: "malformed suppression: \(why)", path: path, range: at))
      case .directive(let file, let names, let reason):
        let scope: SuppressionComment.Scope
        if file {
          scope = .file
        } else if comment.isTrailing {
          scope = .lines(comment.position.line...comment.position.line)
        } else {
          scope = .lines(nextEntry(after: comment.position.line, commentLines: commentLines, extents: extents))
        }
        if settings.requireReason && reason == nil {
          problems.append(
            Diagnostic(
              rule: SuppressionRules.missingReason, message: "suppression gives no reason; add ` -- why` (require-reason is on)",
              path: path, range: at))
        }
        for name in names {
          guard let rule = known.first(where: { $0.id == name.uppercased() || $0.name == name }) else {
            problems.append(Diagnostic(rule: SuppressionRules.invalid, message: "suppression names unknown rule '\(name)'", path: path, range: at))
            continue
          }
          if settings.unsuppressible.contains(rule.id) {
            problems.append(
              Diagnostic(
                rule: SuppressionRules.invalid, message: "\(rule.id) is unsuppressible in this project's configuration",
                path: path, range: at))
            continue
          }
          var used = false
          for (_, index) in Self.findings(byRule[rule.id] ?? [], in: scope) where diagnostics[index].suppression == nil {
            diagnostics[index].suppression = Suppression(kind: file ? .file : .inline, justification: reason)
            used = true
          }
          if !used {
            problems.append(
              Diagnostic(rule: SuppressionRules.unused, message: "suppression of \(rule.id) (\(rule.name)) silences nothing; remove it", path: path, range: at))
          }
        }
      }
    }
    return problems
  }

  /// The findings (in line order) that a scope covers.
  private static func findings(_ sorted: [(line: Int, index: Int)], in scope: SuppressionComment.Scope) -> ArraySlice<(line: Int, index: Int)> {
    guard case .lines(let lines) = scope else { return sorted[...] }
    var low = 0
    var high = sorted.count
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid].line < lines.lowerBound { low = mid + 1 } else { high = mid }
    }
    var end = low
    while end < sorted.count && sorted[end].line <= lines.upperBound { end += 1 }
    return sorted[low..<end]
  }

  /// For an own-line comment: the lines of the next entry (a key with its value, or a
  /// sequence item) after the comment.
  private func nextEntry(after line: Int, commentLines: LineSet, extents: [Int: Int]) -> ClosedRange<Int> {
    let next = CommentMap.entryLine(after: line, lines: lines, commentLines: commentLines)
    return next...max(next, extents[next] ?? next)
  }
}
