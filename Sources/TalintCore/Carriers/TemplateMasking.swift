/// The template languages Talos configs are kept in (docs/carriers.md#templates).
public enum TemplateEngine: String, Sendable {
  case jinja = "Jinja"
  case goTemplate = "Go template"
  case terraform = "Terraform template"
  case envsubst = "envsubst"

  /// What a message calls a file of this engine: `Jinja template`, `Terraform template` (the
  /// raw value already says "template" for some engines, and machine-readable outputs keep it).
  public var templateName: String {
    rawValue.hasSuffix(" template") ? rawValue : rawValue + " template"
  }
}

/// Which lines of a template are alternatives of one conditional (`{% if %}…{% else %}…`):
/// both branches are read, so a key set in each is not a duplicate.
public struct TemplateBranches: Sendable {
  /// Per line (index 0 is line 1): the branch taken at each enclosing conditional, outermost
  /// first, as (conditional number, branch number).
  fileprivate var paths: [[BranchStep]]

  struct BranchStep: Sendable, Equatable {
    var conditional: Int
    var branch: Int
  }

  /// True when the two lines sit in different branches of the same conditional, so a node
  /// never reads both.
  public func exclusive(_ a: Int, _ b: Int) -> Bool {
    guard a >= 1, b >= 1, a <= paths.count, b <= paths.count else { return false }
    for (x, y) in zip(paths[a - 1], paths[b - 1]) {
      if x.conditional != y.conditional { return false }
      if x.branch != y.branch { return true }
    }
    return false
  }
}

/// Reads a template as the YAML it renders to, keeping every position: expressions become an
/// opaque value of the same length (U+FFFC, which rules treat as unknown), control tags and
/// comments become blanks, so lines and columns of everything else hold.
public struct TemplateMasking: Sendable {
  /// The character expressions are replaced with: printable in any YAML scalar, and never
  /// part of a real value.
  public static let opaque: Unicode.Scalar = "\u{FFFC}"

  public let engine: TemplateEngine
  public let text: [UInt8]
  public let branches: TemplateBranches

  /// True for names that hold templates: `*.j2`, `*.tpl`, `*.tmpl`, `*.gotmpl`, `*.tftpl`.
  public static func isTemplate(_ path: String) -> Bool {
    [".j2", ".jinja", ".jinja2", ".tpl", ".tmpl", ".gotmpl", ".tftpl"].contains { path.hasSuffix($0) }
  }

  /// True for template names that render YAML: `x.yaml.j2`, `x.yml.tpl`, and a name with no
  /// other extension (`talconfig.j2`, `controlplane.tmpl`, whose content then decides); not
  /// `kubelet.service.j2`, `main.py.j2`, `config.h.j2`, `eth0.nmconnection.j2` or `frr.conf.j2`,
  /// which render files of other languages and are no Talos config.
  public static func rendersYAML(_ path: String) -> Bool {
    guard isTemplate(path) else { return false }
    let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[path.index(after: $0)...]) } ?? path
    let stem = name.split(separator: ".").dropLast()
    guard stem.count > 1, let inner = stem.last else { return true }
    return inner == "yaml" || inner == "yml"
  }

  public init(_ bytes: [UInt8], path: String, delimiters: TemplateDelimiters = TemplateDelimiters()) {
    let original = String(decoding: bytes, as: UTF8.self)
    var scalars = [Unicode.Scalar](scalarsOf: bytes)
    engine = Self.detect(original, path: path, makejinja: delimiters.blockStart)
    let substitutesDollars = engine == .terraform || engine == .envsubst
    let custom = Self.customTags(delimiters)
    // The three first characters as plain values: this is asked of every character, and a
    // collection's `contains` there cost more than the rest of masking.
    let (open0, open1, open2) = (custom.first?.open[0] ?? "{", custom.dropFirst().first?.open[0] ?? "{", custom.last?.open[0] ?? "{")
    var paths: [[TemplateBranches.BranchStep]] = []
    var open: [TemplateBranches.BranchStep] = []
    var conditionals = 0
    var lineStart = 0
    var index = 0
    func branchTag(_ word: String) {
      switch word {
      case "if", "with":
        conditionals += 1
        open.append(.init(conditional: conditionals, branch: 0))
      case "elif", "else", "elseif":
        if let last = open.last { open[open.count - 1] = .init(conditional: last.conditional, branch: last.branch + 1) }
      case "endif", "end", "endwith":
        if !open.isEmpty { open.removeLast() }
      default:
        break
      }
    }
    while index <= scalars.count {
      if index == scalars.count || scalars[index] == "\n" {
        paths.append(open)
        lineStart = index + 1
        index += 1
        continue
      }
      // Only `{`, `%`, `$` and the first characters of makejinja's delimiters open a tag: most
      // characters are passed over without a look. `${VAR}` is an expression of Terraform and
      // envsubst only: a Jinja or Go template passes it through to the tool that substitutes it
      // later (talhelper's talenv.yaml), so it stays as written.
      let character = scalars[index]
      guard character == "{" || character == "%" || (character == "$" && substitutesDollars) || character == open0 || character == open1 || character == open2,
        let tag = Self.tag(at: index, in: scalars, custom: custom)
      else {
        index += 1
        continue
      }
      let body = String(scalars: scalars[tag.bodyStart..<tag.bodyEnd]).trimmingBlanks()
      let word = body.split(separator: " ").first.map { String($0).trimmingCharacters(of: "-") } ?? ""
      switch tag.kind {
      case .comment:
        Self.blank(&scalars, tag.range)
      case .control:
        Self.blank(&scalars, tag.range)
        branchTag(word)
      case .expression where Self.isGoControl(word):
        Self.blank(&scalars, tag.range)
        branchTag(word)
      case .expression where Self.standsAlone(tag.range, lineStart: lineStart, in: scalars):
        // `{{ extra | indent(4) }}` on its own line inserts YAML nobody can see: skip it.
        Self.blank(&scalars, tag.range)
      case .expression:
        for position in tag.range where scalars[position] != "\n" { scalars[position] = Self.opaque }
      }
      // A tag spanning lines (a Jinja comment) still gives each line its branch.
      for position in tag.range where scalars[position] == "\n" { paths.append(open) }
      if let lastBreak = tag.range.last(where: { scalars[$0] == "\n" }) { lineStart = lastBreak + 1 }
      index = tag.range.upperBound
    }
    text = [UInt8](utf8Of: scalars)
    branches = TemplateBranches(paths: paths)
  }

  private enum TagKind { case expression, control, comment }

  private struct Tag {
    var kind: TagKind
    var range: Range<Int>
    var bodyStart: Int
    var bodyEnd: Int
  }

  /// makejinja's delimiters as tags: (opening, closing, kind).
  private static func customTags(_ delimiters: TemplateDelimiters) -> [(open: [Unicode.Scalar], close: [Unicode.Scalar], kind: TagKind)] {
    let scalars = { (text: String) in Array(text.unicodeScalars) }
    return [
      (scalars(delimiters.variableStart), scalars(delimiters.variableEnd), .expression),
      (scalars(delimiters.blockStart), scalars(delimiters.blockEnd), .control),
      (scalars(delimiters.commentStart), scalars(delimiters.commentEnd), .comment),
    ].filter { $0.0.count >= 2 && !$0.1.isEmpty }
  }

  /// The tag starting at `index`: makejinja's (see `TemplateDelimiters`), then `{{ }}`,
  /// `{% %}`, `{# #}`, `%{ }` or `${ }`.
  private static func tag(at index: Int, in s: [Unicode.Scalar], custom: [(open: [Unicode.Scalar], close: [Unicode.Scalar], kind: TagKind)]) -> Tag? {
    guard index + 1 < s.count else { return nil }
    // Most `#` open a YAML comment (`# `): the second character rules them out first.
    for delimiter in custom where s[index] == delimiter.open[0] && s[index + 1] == delimiter.open[1] && s[index...].starts(with: delimiter.open) {
      guard let end = firstIndex(of: delimiter.close, in: s, from: index + delimiter.open.count) else { continue }
      var bodyStart = index + delimiter.open.count
      if bodyStart < end && s[bodyStart] == "-" { bodyStart += 1 }
      var bodyEnd = end
      if bodyEnd > bodyStart && s[bodyEnd - 1] == "-" { bodyEnd -= 1 }
      return Tag(kind: delimiter.kind, range: index..<(end + delimiter.close.count), bodyStart: bodyStart, bodyEnd: max(bodyStart, bodyEnd))
    }
    let (first, second) = (s[index], s[index + 1])
    let kind: TagKind
    let close: [Unicode.Scalar]
    switch (first, second) {
    case ("{", "{"): (kind, close) = (.expression, ["}", "}"])
    case ("{", "%"): (kind, close) = (.control, ["%", "}"])
    case ("{", "#"): (kind, close) = (.comment, ["#", "}"])
    case ("%", "{"): (kind, close) = (.control, ["}"])
    case ("$", "{"): (kind, close) = (.expression, ["}"])
    default: return nil
    }
    var end = index + 2
    var depth = 0
    while end < s.count {
      if close.count == 1 {
        if s[end] == "{" { depth += 1 }
        if s[end] == "}" {
          if depth == 0 { break }
          depth -= 1
        }
      } else if s[end] == close[0] && end + 1 < s.count && s[end + 1] == close[1] {
        break
      }
      end += 1
    }
    guard end < s.count else { return nil }
    let upper = end + close.count
    var bodyStart = index + 2
    if bodyStart < end && s[bodyStart] == "-" { bodyStart += 1 }
    var bodyEnd = end
    if bodyEnd > bodyStart && s[bodyEnd - 1] == "-" { bodyEnd -= 1 }
    if first == "%" || first == "$" { bodyStart = index + 2 }
    return Tag(kind: kind, range: index..<upper, bodyStart: bodyStart, bodyEnd: max(bodyStart, bodyEnd))
  }

  /// Where `needle` next starts in `s`, from `start`.
  private static func firstIndex(of needle: [Unicode.Scalar], in s: [Unicode.Scalar], from start: Int) -> Int? {
    var index = start
    while index + needle.count <= s.count {
      if s[index] == needle[0] && s[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }

  /// True when only blanks stand around the tag on its line.
  private static func standsAlone(_ range: Range<Int>, lineStart: Int, in s: [Unicode.Scalar]) -> Bool {
    guard s[lineStart..<range.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) else { return false }
    var end = range.upperBound
    while end < s.count && s[end] != "\n" {
      if s[end] != " " && s[end] != "\t" && s[end] != "\r" { return false }
      end += 1
    }
    return true
  }

  private static func isGoControl(_ word: String) -> Bool {
    ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"].contains(word)
      || word.hasPrefix("/*")
  }

  /// Replaces a tag with blanks (keeping line breaks), so a control line reads as empty.
  private static func blank(_ scalars: inout [Unicode.Scalar], _ range: Range<Int>) {
    for position in range where scalars[position] != "\n" { scalars[position] = " " }
  }

  private static func detect(_ text: String, path: String, makejinja: String) -> TemplateEngine {
    if text.containsBytes("{%") || text.containsBytes("{#") || text.containsBytes(makejinja) || path.hasSuffix(".j2") || path.containsBytes(".jinja") { return .jinja }
    if text.containsBytes("{{") { return .goTemplate }
    if text.containsBytes("%{") || path.hasSuffix(".tftpl") || path.hasSuffix(".tpl") { return .terraform }
    return .envsubst
  }
}

extension String {
  /// The string without leading and trailing `characters`.
  func trimmingCharacters(of characters: String) -> String {
    var view = Substring(self)
    while let first = view.first, characters.contains(first) { view = view.dropFirst() }
    while let last = view.last, characters.contains(last) { view = view.dropLast() }
    return String(view)
  }
}
