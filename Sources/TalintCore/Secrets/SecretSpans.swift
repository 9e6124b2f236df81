import TalintYAML

/// Where one file holds secret values, so that nothing talint writes shows them: source
/// excerpts are masked (`token: ******`), messages are scrubbed, and baseline hashes are taken
/// of the masked text. A value is secret when its key looks secret (SecretKeys: the key's whole
/// subtree), when it is the `value` of a JSON6902 operation whose `path` names such a key, or
/// when it is the password or token inside a URL (`https://user:pass@host`, `?jointoken=…`).
/// Lines are libyaml's (LineIndex), the lines every output shows; what the tree cannot say —
/// a line that did not parse — is masked by the text (UnparsedSecrets.swift).
public struct SecretSpans: Sendable {
  public static let mask = "******"

  /// Per line, the columns to mask: 1-based, half-open, in Unicode scalars; `Int.max` is the
  /// end of the line.
  private var columnsByLine: [Int: [Range<Int>]] = [:]
  /// The secret texts, longest first, for scrubbing messages.
  private var values: [String] = []
  /// True when a URL holds a password or token: messages are then scrubbed of URL credentials
  /// by their place in the URL, whatever their length (a short one is not in `values`).
  private var hasURLSecrets = false
  /// Lines whose `key:` the tree showed to be a label key (SecretKeys.namesLabelKey), which the
  /// line heuristics would otherwise mask.
  private var labelKeyLines: Set<Int> = []

  public init() {}

  /// The secret spans of a parsed file.
  public init(_ parsed: YAMLParseResult) {
    var found: [String] = []
    for document in parsed.documents {
      // Each node is masked once, however many aliases lead to it (an alias bomb stays linear).
      var masked = Set<NodeID>()
      var setsSecret = false
      document.forEachSourcePair { pair, key, mapping in
        if JSONPointer.isPathKey(key) { setsSecret = setsSecret || JSONPointer.setsSecret(document.scalar(pair.value)) }
        guard SecretKeys.mayLookSecret(bytes: key) else { return }
        let name = String(decoding: key, as: UTF8.self)
        guard SecretKeys.looksSecret(name) else { return }
        if SecretKeys.namesLabelKey(name, in: mapping, of: document) {
          // Its line is left alone by the text heuristics too (`masked(line:)`).
          labelKeyLines.insert(document[pair.key].range.start.line)
          return
        }
        maskValue(pair.value, in: document, lines: parsed.lines, masked: &masked, found: &found)
      }
      // A JSON6902 operation sets its `value` at its `path`: `{op: add, path: /machine/token,
      // value: …}` holds a token though no key says so. Looked for only in a document that
      // names such a path.
      if setsSecret {
        for id in document.sourceNodes where document[id].kind == .mapping {
          guard let value = document.value(forKey: "value", in: id), JSONPointer.setsSecret(document.value(forKey: "path", in: id).flatMap(document.scalar)) else { continue }
          maskValue(value, in: document, lines: parsed.lines, masked: &masked, found: &found)
        }
      }
      for id in Self.urlCandidates(in: document) {
        for secret in Self.embeddedSecrets(in: document.scalar(id)!) {
          maskOccurrences(of: secret, within: document[id].range, lines: parsed.lines)
          record(secret, into: &found)
          hasURLSecrets = true
        }
      }
    }
    values = Self.scrubOrder(found)
  }

  /// Masks every scalar of a secret value: the scalar itself, each element of a list, each
  /// value of a mapping (a secret key's whole subtree), and the anchored text an alias shows
  /// only as `*name`.
  private mutating func maskValue(_ id: NodeID, in document: YAMLDocument, lines: LineIndex, masked: inout Set<NodeID>, found: inout [String]) {
    let node = document.resolve(id)
    guard masked.insert(node).inserted else { return }
    if document.isSequence(node) {
      for element in document.elements(node) { maskValue(element, in: document, lines: lines, masked: &masked, found: &found) }
    } else if document.isMapping(node) {
      for pair in document.rawPairs(node) { maskValue(pair.value, in: document, lines: lines, masked: &masked, found: &found) }
    } else if !document.isNull(node), let text = document.scalar(node) {
      maskWhole(document[node].range, lines: lines)
      record(text, into: &found)
    }
  }

  /// The spans of a text that did not parse (a talhelper inline patch that is not YAML), by
  /// what its lines show (UnparsedSecrets.swift): its excerpts still show it.
  init(unparsed lines: LineIndex) {
    for line in 1...max(1, lines.lineCount) {
      let columns = Self.unparsedColumns(line: line, lines: lines)
      if !columns.isEmpty { columnsByLine[line] = columns }
    }
  }

  public var isEmpty: Bool { columnsByLine.isEmpty && values.isEmpty && !hasURLSecrets }

  /// Adds the spans of an embedded config, moved to where it is written.
  mutating func merge(_ other: SecretSpans, moved transform: (SourcePosition) -> SourcePosition) {
    for (line, ranges) in other.columnsByLine {
      for range in ranges {
        let start = transform(SourcePosition(line: line, column: range.lowerBound))
        let end = range.upperBound == Int.max ? Int.max : transform(SourcePosition(line: line, column: range.upperBound)).column
        columnsByLine[start.line, default: []].append(start.column..<max(end, start.column + 1))
      }
    }
    values = Self.scrubOrder(values + other.values)
    hasURLSecrets = hasURLSecrets || other.hasURLSecrets
  }

  /// These spans and another file-level set together.
  func merging(_ other: SecretSpans) -> SecretSpans {
    var result = self
    result.merge(other, moved: { $0 })
    return result
  }

  /// `message` with every secret value replaced by the mask, and every URL credential
  /// (`scheme://user:pass@`, `?jointoken=…`) whatever its length: values of three characters
  /// or fewer are not searched for as text (they would cut up every message), so a short URL
  /// password is found by where it is written.
  public func scrub(_ message: String) -> String {
    var result = message
    // A value longer than the message cannot be in it: keys and certificates, which are most
    // of a file's secrets, are never compared with a one-line message.
    let length = message.utf8.count
    for value in values where value.utf8.count <= length && result.containsBytes(value) {
      result = result.replacingBytes(value, with: Self.mask)
    }
    if hasURLSecrets { result = Self.maskingEmbeddedSecrets(in: result) }
    return result
  }

  /// A message as every output shows it: scrubbed, and with the control characters a key or
  /// value of the input brought into it escaped (ControlCharacters). With `inputSpans` (the
  /// parts that came from the input, Message), a secret value is masked only where it is
  /// written in such a part: talint's own words stay as written.
  public func shown(_ message: String, inputSpans: [Range<Int>]? = nil) -> String {
    guard !isEmpty else { return ControlCharacters.escaped(message) }
    guard let inputSpans else { return ControlCharacters.escaped(scrub(message)) }
    return ControlCharacters.escaped(scrub(message, within: inputSpans))
  }

  /// `scrub` limited to the parts of `message` at `spans`: each occurrence of a secret value
  /// that overlaps one is masked (the whole occurrence), others are talint's own text.
  func scrub(_ message: String, within spans: [Range<Int>]) -> String {
    guard !spans.isEmpty else { return message }
    let length = message.utf8.count
    var hidden: [Range<Int>] = []
    for value in values where value.utf8.count <= length {
      var from = 0
      while let found = message.byteRange(of: value, from: from) {
        if spans.contains(where: { $0.overlaps(found) }) { hidden.append(found) }
        from = found.lowerBound + 1
      }
    }
    var result = message
    if !hidden.isEmpty {
      var merged: [Range<Int>] = []
      for range in hidden.sorted(by: { $0.lowerBound < $1.lowerBound }) {
        if let last = merged.last, range.lowerBound <= last.upperBound {
          merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
        } else {
          merged.append(range)
        }
      }
      let bytes = Array(message.utf8)
      var kept: [UInt8] = []
      var position = 0
      for range in merged {
        kept += bytes[position..<range.lowerBound]
        kept += Self.mask.utf8
        position = range.upperBound
      }
      kept += bytes[position...]
      result = String(decoding: kept, as: UTF8.self)
    }
    return hasURLSecrets ? Self.maskingEmbeddedSecrets(in: result) : result
  }

  /// `text` with the URL credentials written in it masked where they stand.
  public static func maskingEmbeddedSecrets(in text: String) -> String {
    let spans = embeddedSecretSpans(in: text)
    guard !spans.isEmpty else { return text }
    var bytes = Array(text.utf8)
    for span in spans.reversed() { bytes.replaceSubrange(span, with: mask.utf8) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Line `line` of the file, masked, with a map from columns of the original line to
  /// columns of the masked one.
  public func masked(line: Int, text: String) -> MaskedLine {
    var ranges = columnsByLine[line] ?? []
    ranges += Self.heuristicColumns(text, labelKey: labelKeyLines.contains(line))
    return MaskedLine(text, masking: ranges)
  }

  private mutating func record(_ text: String, into found: inout [String]) {
    var trimmed = text.trimmingBlanks()
    // Lengths are counted only as far as they are asked (`dropFirst`): values are often
    // certificates kilobytes long.
    if !trimmed.dropFirst(3).isEmpty { found.append(trimmed) }
    // A multi-line value (a PEM block) may surface one line at a time. Lines are cut at the
    // bytes of `\n` (as Characters: a CRLF is one Character, so no cut there), which does
    // not walk a certificate Character by Character.
    trimmed.withUTF8 { bytes in
      guard bytes.firstIndex(ofByte: 0x0A, from: 0) != nil else { return }
      var start = 0
      for index in 0...bytes.count where index == bytes.count || (bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D)) {
        let part = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if !part.dropFirst(7).isEmpty { found.append(part.trimmingBlanks()) }
        start = index + 1
      }
    }
  }

  /// Secret values as `scrub` replaces them: each once, longest first (a value inside a longer
  /// one must not break the longer one up), values of one length in `String` order, so the
  /// same message is scrubbed the same way every run.
  private static func scrubOrder(_ values: [String]) -> [String] {
    Set(values).sorted { a, b in a.utf8.count != b.utf8.count ? a.utf8.count > b.utf8.count : a < b }
  }

  private mutating func maskWhole(_ range: SourceRange, lines: LineIndex) {
    guard range.end.line >= range.start.line else { return }
    for line in range.start.line...range.end.line {
      let from = line == range.start.line ? range.start.column : Self.firstNonBlankColumn(lines.lineBytes(line))
      let to = line == range.end.line ? range.end.column : Int.max
      if from < to { columnsByLine[line, default: []].append(from..<to) }
    }
  }

  /// Masks each place `secret` is written inside `range`; when escapes hide it, the whole value.
  private mutating func maskOccurrences(of secret: String, within range: SourceRange, lines: LineIndex) {
    let needle = [Unicode.Scalar](scalarsOf: secret.utf8)
    var masked = false
    for line in range.start.line...max(range.start.line, range.end.line) {
      let text = [Unicode.Scalar](scalarsOf: lines.lineBytes(line))
      let low = line == range.start.line ? range.start.column - 1 : 0
      let high = line == range.end.line ? min(text.count, range.end.column - 1) : text.count
      var index = max(0, low)
      while index + needle.count <= high {
        if text[index..<index + needle.count].elementsEqual(needle) {
          columnsByLine[line, default: []].append(index + 1..<index + 1 + needle.count)
          masked = true
          index += needle.count
        } else {
          index += 1
        }
      }
    }
    if !masked { maskWhole(range, lines: lines) }
  }

  static func firstNonBlankColumn(_ bytes: ArraySlice<UInt8>) -> Int {
    var column = 1
    for byte in bytes {
      if byte != 0x20 && byte != 0x09 { break }
      column += 1
    }
    return column
  }

  /// A byte test that rules out almost every value before `embeddedSecrets` looks closer: a
  /// URL credential needs `@`, a query parameter `=`.
  public static func mayEmbedSecrets(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { mayEmbedSecrets($0) }
  }

  /// The same test on a scalar's bytes as the parser stores them: `@` ends a URL's userinfo,
  /// `=` a query parameter's name.
  public static func mayEmbedSecrets(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.containsByte(UInt8(ascii: "@"), or: UInt8(ascii: "="))
  }

  /// The same test on all of a document's scalars at once.
  public static func mayEmbedSecrets(_ document: YAMLDocument) -> Bool {
    document.textContains(UInt8(ascii: "@"), or: UInt8(ascii: "="))
  }

  /// The scalars of a document's source that may hold a URL secret (`mayEmbedSecrets`), in
  /// source order.
  public static func urlCandidates(in document: YAMLDocument) -> [NodeID] {
    mayEmbedSecrets(document) ? document.sourceScalars(containing: UInt8(ascii: "@"), or: UInt8(ascii: "=")) : []
  }

  /// Secrets written inside a larger value: a URL's password (or a userinfo that is a token
  /// by its form, as in `https://ghp_x@github.com`; a user name alone — `ssh://git@…`,
  /// `s3://bucket@region` — is none), and query parameters named like secrets (`?jointoken=…`).
  public static func embeddedSecrets(in text: String) -> [String] {
    guard mayEmbedSecrets(text) else { return [] }
    let bytes = Array(text.utf8)
    return embeddedSecretSpans(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
  }

  /// Where `embeddedSecrets` are in `text`, as byte ranges in text order, none overlapping.
  static func embeddedSecretSpans(in text: String) -> [Range<Int>] {
    guard mayEmbedSecrets(text) else { return [] }
    var spans: [Range<Int>] = []
    let bytes = Array(text.utf8)
    var from = 0
    // `scheme://user:password@host`: the part after the userinfo's first `:` (or a lone token).
    while let scheme = text.byteRange(of: "://", from: from) {
      var end = scheme.upperBound
      while end < bytes.count && !Self.authorityEnds(bytes[end]) { end += 1 }
      if let at = bytes[scheme.upperBound..<end].lastIndex(of: UInt8(ascii: "@")) {
        let userinfo = scheme.upperBound..<at
        if let colon = bytes[userinfo].firstIndex(of: UInt8(ascii: ":")) {
          if colon + 1 < at { spans.append((colon + 1)..<at) }
        } else if Self.isTokenShaped(bytes[userinfo]) {
          spans.append(userinfo)
        }
      }
      from = scheme.upperBound
    }
    // `?jointoken=…` and other query parameters named like secrets. (Most values that get
    // here are certificates, whose `=` is base64 padding: they hold no `?` or `&`.)
    guard bytes.withUnsafeBufferPointer({ $0.containsByte(UInt8(ascii: "?"), or: UInt8(ascii: "&")) }) else { return spans }
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "?") || byte == UInt8(ascii: "&") {
      var equals = index + 1
      while equals < bytes.count && bytes[equals] != UInt8(ascii: "=") && !Self.parameterEnds(bytes[equals]) { equals += 1 }
      guard equals < bytes.count, bytes[equals] == UInt8(ascii: "="),
        SecretKeys.looksSecret(String(decoding: bytes[(index + 1)..<equals], as: UTF8.self))
      else { continue }
      var end = equals + 1
      while end < bytes.count && !Self.parameterEnds(bytes[end]) { end += 1 }
      if end > equals + 1 && !spans.contains(where: { $0.overlaps((equals + 1)..<end) }) { spans.append((equals + 1)..<end) }
    }
    return spans.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// Prefixes of access tokens that services hand out to be used as a URL's user name
  /// (GitHub, GitLab, Hugging Face, npm, Slack).
  private static let tokenPrefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "hf_", "npm_", "xoxb-", "xoxp-"]

  /// A userinfo without a password is a user name (`git`, `deploy`, an S3 bucket), unless it
  /// has a token's form: a known token prefix, or 20 or more letters, digits and `_` that mix
  /// upper case, lower case and digits, as generated tokens do and names chosen by people
  /// (and bucket names, lower case by rule) do not.
  static func isTokenShaped(_ userinfo: ArraySlice<UInt8>) -> Bool {
    let text = String(decoding: userinfo, as: UTF8.self)
    if tokenPrefixes.contains(where: { text.hasPrefix($0) }) { return true }
    guard userinfo.count >= 20 else { return false }
    var (upper, lower, digit) = (false, false, false)
    for byte in userinfo {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
      case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
      case UInt8(ascii: "_"): continue
      default: return false
      }
    }
    return upper && lower && digit
  }

  private static func authorityEnds(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte == 0x20 || byte == 0x09 || byte == 0x0A
      || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
  }

  private static func parameterEnds(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == UInt8(ascii: "#") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == UInt8(ascii: "\"")
      || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "?")
  }
}

/// One source line with its secret values replaced by the mask, and the way columns moved.
public struct MaskedLine: Sendable {
  public let text: String
  /// The masked spans of the original line, merged and sorted.
  private let spans: [Range<Int>]

  init(_ original: String, masking ranges: [Range<Int>]) {
    guard !ranges.isEmpty else {
      (text, spans) = (original, [])
      return
    }
    let scalars = [Unicode.Scalar](scalarsOf: original.utf8)
    var merged: [Range<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      // A span past the line's end (a line model that disagreed) is dropped, not a crash.
      let end = min(range.upperBound, scalars.count + 1)
      guard range.lowerBound >= 1, range.lowerBound < end else { continue }
      let clamped = range.lowerBound..<end
      if let last = merged.last, clamped.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, clamped.upperBound)
      } else {
        merged.append(clamped)
      }
    }
    spans = merged
    guard !merged.isEmpty else {
      text = original
      return
    }
    var result: [Unicode.Scalar] = []
    var column = 1
    for span in merged {
      result += scalars[(column - 1)..<(span.lowerBound - 1)]
      result += SecretSpans.mask.unicodeScalars
      column = span.upperBound
    }
    if column - 1 < scalars.count { result += scalars[(column - 1)...] }
    text = String(scalars: result)
  }

  /// Where `column` of the original line is in the masked text (a column inside a masked span
  /// maps to the mask's start).
  public func column(_ column: Int) -> Int {
    var shift = 0
    for span in spans {
      if column >= span.upperBound {
        shift += SecretSpans.mask.unicodeScalars.count - (span.upperBound - span.lowerBound)
      } else if column >= span.lowerBound {
        return span.lowerBound + shift
      }
    }
    return column + shift
  }
}
