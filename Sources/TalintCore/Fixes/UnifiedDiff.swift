import TalintYAML

/// A unified diff of a file before and after its fixes, as `diff -u` and `git apply` read it:
/// `--- a/path`, `+++ b/path`, hunks with three lines of context. Lines are cut where libyaml
/// and the masking cut them (LineIndex: LF, CRLF, lone CR, NEL, LS, PS), and each shown line
/// goes through `maskOld` or `maskNew` (1-based line number, the line without its break), so a
/// secret near a fix is never printed; control characters of the file are shown escaped, and
/// a break other than LF or CRLF as its escape before the LF that ends the diff's line.
public enum UnifiedDiff {
  public static func render(
    _ old: [UInt8], _ new: [UInt8], path: String, maskOld: (Int, String) -> String = { $1 }, maskNew: (Int, String) -> String = { $1 }
  ) -> String {
    let a = lines(old)
    let b = lines(new)
    guard a != b else { return "" }
    let script = edits(a, b)
    let name = ControlCharacters.escaped(path)
    var out = "--- a/\(name)\n+++ b/\(name)\n"
    var index = 0
    while index < script.count {
      guard let change = script[index...].firstIndex(where: { $0.kind != .same }) else { break }
      // A hunk: context before, then changes until a run of more than 6 unchanged lines.
      let start = max(change - 3, index == 0 ? 0 : index)
      var end = change
      var lastChange = change
      while end < script.count {
        if script[end].kind != .same { lastChange = end } else if end - lastChange > 6 { break }
        end += 1
      }
      end = min(lastChange + 4, script.count)
      let hunk = script[start..<end]
      let oldStart = hunk.first?.oldLine ?? 0
      let newStart = hunk.first?.newLine ?? 0
      let oldCount = hunk.filter { $0.kind != .insert }.count
      let newCount = hunk.filter { $0.kind != .delete }.count
      out += "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
      for step in hunk {
        let prefix = step.kind == .same ? " " : step.kind == .delete ? "-" : "+"
        let (content, lineBreak) = split(step.text)
        let text = step.kind == .insert ? maskNew(step.newLine + 1, content) : maskOld(step.oldLine + 1, content)
        out += prefix + ControlCharacters.escaped(text)
        switch lineBreak {
        case "\n", "\r\n": out += lineBreak
        case "": out += "\n\\ No newline at end of file\n"
        default: out += ControlCharacters.escaped(lineBreak) + "\n"
        }
      }
      index = end
    }
    return out
  }

  /// The name a diff gives a file: relative to its repository's root (the folder holding
  /// `.git`), so `git apply` and `patch -p1` at that root both find it; outside a repository,
  /// as the user would write it (FilePath.display), never with a `./` step.
  public static func patchPath(_ path: String) -> String {
    guard let root = ConfigDiscovery.repositoryRoot(of: path) else { return FilePath.display(path) }
    return FilePath.relative(path, to: root)
  }

  /// A line as `lines` keeps it, cut into its text and its break.
  static func split(_ line: String) -> (String, String) {
    var line = line
    return line.withUTF8 { bytes in
      let lines = LineIndex.text(of: Array(bytes))
      let content = lines.byteRange(ofLine: 1)
      return (String(decoding: bytes[content], as: UTF8.self), String(decoding: bytes[content.upperBound...], as: UTF8.self))
    }
  }

  struct Step {
    enum Kind { case same, delete, insert }
    var kind: Kind
    var text: String
    /// Lines of the old and new text before this step (0-based positions).
    var oldLine: Int
    var newLine: Int
  }

  /// The text's lines as LineIndex cuts them, each with its line break.
  static func lines(_ bytes: [UInt8]) -> [String] {
    let index = LineIndex.text(of: bytes)
    var result: [String] = []
    for line in 1...index.lineCount {
      let start = index.start(ofLine: line) ?? bytes.count
      let end = index.start(ofLine: line + 1) ?? bytes.count
      if start < end { result.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
    }
    return result
  }

  /// The shortest edit script by longest common subsequence, on the lines between the common
  /// head and tail (fixes change a few lines, so that middle is small; a very large one is
  /// shown as replaced whole).
  static func edits(_ a: [String], _ b: [String]) -> [Step] {
    var head = 0
    while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
    var tail = 0
    while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
    let x = Array(a[head..<(a.count - tail)])
    let y = Array(b[head..<(b.count - tail)])
    var middle: [(Step.Kind, String)] = []
    if x.count * y.count > 4_000_000 {
      middle = x.map { (.delete, $0) } + y.map { (.insert, $0) }
    } else {
      var table = [[Int32]](repeating: [Int32](repeating: 0, count: y.count + 1), count: x.count + 1)
      for i in stride(from: x.count - 1, through: 0, by: -1) {
        for j in stride(from: y.count - 1, through: 0, by: -1) {
          table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
        }
      }
      var i = 0
      var j = 0
      while i < x.count || j < y.count {
        if i < x.count && j < y.count && x[i] == y[j] {
          middle.append((.same, x[i]))
          i += 1
          j += 1
        } else if i < x.count && (j == y.count || table[i + 1][j] >= table[i][j + 1]) {
          // Deletions first, as diff prints them.
          middle.append((.delete, x[i]))
          i += 1
        } else {
          middle.append((.insert, y[j]))
          j += 1
        }
      }
    }
    var steps: [Step] = []
    var oldLine = 0
    var newLine = 0
    func add(_ kind: Step.Kind, _ text: String) {
      steps.append(Step(kind: kind, text: text, oldLine: oldLine, newLine: newLine))
      if kind != .insert { oldLine += 1 }
      if kind != .delete { newLine += 1 }
    }
    for line in a[..<head] { add(.same, line) }
    for (kind, line) in middle { add(kind, line) }
    for line in a[(a.count - tail)...] { add(.same, line) }
    return steps
  }
}
