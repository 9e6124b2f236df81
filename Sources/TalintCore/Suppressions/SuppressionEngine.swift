import TalintYAML

/// What suppressions need of a file, in its own coordinates: every comment (those inside
/// embedded configs moved to where they are written) and, for each line where an entry
/// starts, the last line of that entry — for an own-line comment's scope.
struct CommentMap: Sendable {
  var comments: [Comment] = []
  var extents: [Int: Int] = [:]

  /// The comments of a parse, moved through `outer` (identity for the file itself).
  mutating func addComments(_ parsed: YAMLParseResult, outer: (SourcePosition) -> SourcePosition = { $0 }) {
    comments += parsed.comments().map { comment in
      var moved = comment
      moved.position = outer(comment.position)
      return moved
    }
  }

  /// The lines a suppression comment on its own line may cover: the entry after each, once
  /// every comment is added. Extents are recorded for these alone (a file of a million
  /// entries with a few suppressions records a few).
  func directiveEntryLines(_ lines: LineIndex) -> Set<Int> {
    let commentLines = self.commentLines
    let directives = comments.filter { !$0.isTrailing && SuppressionComment.parse($0.text) != nil }
    return Set(directives.map { Self.entryLine(after: $0.position.line, lines: lines, commentLines: commentLines) })
  }

  /// Lines that hold only a comment.
  var commentLines: Set<Int> { Set(comments.filter { !$0.isTrailing }.map(\.position.line)) }

  /// The first line after `line` that is neither a comment line nor blank: the entry a
  /// comment on its own line speaks of.
  static func entryLine(after line: Int, lines: LineIndex, commentLines: Set<Int>) -> Int {
    var next = line + 1
    while next < lines.lineCount && (commentLines.contains(next) || lines.lineBytes(next).allSatisfy(\.isBlank)) {
      next += 1
    }
    return next
  }

  /// How far each entry of a parse starting on one of `wanted` lines reaches, moved through `outer`.
  mutating func addExtents(_ parsed: YAMLParseResult, outer: (SourcePosition) -> SourcePosition = { $0 }, of wanted: Set<Int>) {
    guard !wanted.isEmpty else { return }
    func record(_ start: SourcePosition, _ end: SourcePosition) {
      let first = outer(start).line
      guard wanted.contains(first) else { return }
      extents[first] = max(extents[first] ?? first, outer(end).line)
    }
    for document in parsed.documents {
      for id in document.sourceNodes where document[id].kind != .alias {
        for pair in document.rawPairs(id) { record(document[pair.key].range.start, document[pair.value].range.end) }
        for item in document.elements(id) { record(document[item].range.start, document[item].range.end) }
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
    let comments = map.comments.sorted { $0.position < $1.position }
    let extents = map.extents
    let commentLines = map.commentLines
    // Each rule's findings by line, so a suppression looks only at its own rule's lines.
    var byRule: [String: [(line: Int, index: Int)]] = [:]
    for index in diagnostics.indices { byRule[diagnostics[index].ruleID, default: []].append((diagnostics[index].range.start.line, index)) }
    for comment in comments {
      guard let parsedComment = SuppressionComment.parse(comment.text) else { continue }
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
          for (line, index) in byRule[rule.id] ?? [] where diagnostics[index].suppression == nil && covers(scope, line) {
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

  private func covers(_ scope: SuppressionComment.Scope, _ line: Int) -> Bool {
    switch scope {
    case .file: true
    case .lines(let lines): lines.contains(line)
    }
  }

  /// For an own-line comment: the lines of the next entry (a key with its value, or a
  /// sequence item) after the comment.
  private func nextEntry(after line: Int, commentLines: Set<Int>, extents: [Int: Int]) -> ClosedRange<Int> {
    let next = CommentMap.entryLine(after: line, lines: lines, commentLines: commentLines)
    return next...max(next, extents[next] ?? next)
  }
}
