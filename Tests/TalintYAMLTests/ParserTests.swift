import Testing
@testable import TalintYAML

private func parse(_ text: String) -> YAMLParseResult {
  YAMLParser.parse(Array(text.utf8))
}

@Suite struct ParserTests {
  @Test func blockMappingKeyAndValuePositions() throws {
    let result = parse("machine:\n  install:\n    disk: /dev/sda\n")
    #expect(result.error == nil)
    let doc = try #require(result.documents.first)
    let disk = try #require(doc.value(at: ["machine", "install", "disk"]))
    #expect(doc.scalar(disk) == "/dev/sda")
    #expect(doc[disk].range.start == SourcePosition(line: 3, column: 11))
    #expect(doc[disk].range.end == SourcePosition(line: 3, column: 19))
    let install = try #require(doc.value(at: ["machine", "install"]))
    // A block collection ends on its last child's line, not on the following line.
    #expect(doc[install].range.end.line == 3)
    let machine = try #require(doc.value(at: ["machine"]))
    let key = try #require(doc.keyNode("install", in: machine))
    #expect(doc[key].range.start == SourcePosition(line: 2, column: 3))
  }

  @Test func flowCollectionPositions() throws {
    let result = parse("args: {a: 1, b: [x, \"y\"]}\n")
    let doc = try #require(result.documents.first)
    let b = try #require(doc.value(at: ["args", "b"]))
    #expect(doc[b].range.start == SourcePosition(line: 1, column: 17))
    #expect(doc[b].range.end == SourcePosition(line: 1, column: 25))
    let y = doc.elements(b)[1]
    #expect(doc.scalar(y) == "y")
    #expect(doc[y].range.start.column == 21)
  }

  @Test func blockScalarEndsOnItsLastContentLine() throws {
    let result = parse("key: |\n  line one\n  line two\n\nnext: 1\n")
    let doc = try #require(result.documents.first)
    let value = try #require(doc.value(at: ["key"]))
    #expect(doc.scalar(value) == "line one\nline two\n")
    #expect(doc[value].range.end == SourcePosition(line: 3, column: 11))
    let root = try #require(doc.root)
    #expect(doc[root].range.end.line == 5)
  }

  @Test func nullValueSitsOnItsKeyLine() throws {
    let doc = try #require(parse("a:\nb: 1\n").documents.first)
    let a = try #require(doc.value(at: ["a"]))
    #expect(doc.isNull(a))
    #expect(doc[a].range.start.line == 1)
  }

  @Test func multipleDocuments() throws {
    let result = parse("a: 1\n---\nb: 2\n---\n# only a comment\n")
    #expect(result.documents.count == 3)
    #expect(result.documents[1].index == 1)
    let b = try #require(result.documents[1].value(at: ["b"]))
    #expect(result.documents[1][b].range.start.line == 3)
    #expect(result.documents[2].root == nil || result.documents[2].isNull(result.documents[2].root!))
  }

  @Test func duplicateKeysAreKeptAndReported() throws {
    let doc = try #require(parse("a: 1\nb: 2\na: 3\n").documents.first)
    #expect(doc.pairs(doc.root!).count == 3)
    #expect(doc.duplicateKeys.count == 1)
    let dup = try #require(doc.duplicateKeys.first)
    #expect(doc[dup.first].range.start.line == 1)
    #expect(doc[dup.second].range.start.line == 3)
    #expect(doc.scalar(doc.value(at: ["a"])!) == "3")
  }

  /// Small mappings compare keys directly, large ones by hash: both name each repeat with the
  /// first key it repeats, in order, and neither counts merge keys.
  @Test func duplicateKeysAreFoundAlikeInSmallAndLargeMappings() throws {
    for padding in [0, 40, 5000] {
      let filler = (0..<padding).map { "k\($0): x\n" }.joined()
      let text = filler + "a: 1\n<<: {z: 1}\nb: 2\na: 3\n<<: {y: 1}\nb: 4\na: 5\n\"a\": 6\n"
      let doc = try #require(parse(text).documents.first)
      let lines = doc.duplicateKeys.map { (doc[$0.first].range.start.line - padding, doc[$0.second].range.start.line - padding) }
      #expect(lines.map(\.0) == [1, 3, 1, 1], "\(padding) filler keys")
      #expect(lines.map(\.1) == [4, 6, 7, 8], "\(padding) filler keys")
      #expect(doc.duplicateKeys.map(\.name) == ["a", "b", "a", "a"])
    }
  }

  @Test func aliasesAndMergeKeysAreFollowed() throws {
    let text = """
      base: &base
        profiling: "false"
        bind-address: 127.0.0.1
      apiServer:
        extraArgs:
          <<: *base
          profiling: "true"
      list: &l [a, b]
      again: *l
      """
    let doc = try #require(parse(text).documents.first)
    let args = try #require(doc.value(at: ["apiServer", "extraArgs"]))
    #expect(doc.scalar(doc.value(forKey: "profiling", in: args)!) == "true")
    #expect(doc.scalar(doc.value(forKey: "bind-address", in: args)!) == "127.0.0.1")
    #expect(doc.elements(doc.value(at: ["again"])!).count == 2)
  }

  /// The lookup every rule makes: the last of duplicate keys, keys spelled with escapes (kept
  /// outside the input), an empty key, a quoted `<<` (a key like any other), a mapping
  /// reached through an alias, keys of one length told apart.
  @Test func keysAreFoundAsDecodersFindThem() throws {
    let text = """
      m: &m
        abc: 1
        abd: 2
        abc: 3
        "t\\u0061b": 4
        "": 5
        "<<": 6
        [x]: 7
      n: *m
      """
    let doc = try #require(parse(text).documents.first)
    let m = try #require(doc.value(forKey: "m", in: doc.root!))
    let value = { (key: String, id: NodeID) in doc.value(forKey: key, in: id).flatMap(doc.scalar) }
    #expect(value("abc", m) == "3")
    #expect(value("abd", m) == "2")
    #expect(value("tab", m) == "4")
    #expect(value("", m) == "5")
    #expect(value("<<", m) == "6")
    #expect(value("abe", m) == nil)
    #expect(value("[x]", m) == nil)
    #expect(value("abd", try #require(doc.value(forKey: "n", in: doc.root!))) == "2")
    #expect(doc.value(forKey: "abc", in: try #require(doc.value(forKey: "abc", in: m))) == nil)
  }

  @Test func aliasBombIsCheap() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<30 {
      let previous = "*a\(level - 1)"
      text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
    }
    text += "m0: &m0 {k: v}\n"
    for level in 1..<30 { text += "m\(level): &m\(level) {<<: [*m\(level - 1), *m\(level - 1)]}\n" }
    let doc = try #require(parse(text).documents.first)
    #expect(doc.scalar(doc.value(forKey: "k", in: doc.value(at: ["m29"])!)!) == "v")
    #expect(doc.elements(doc.value(at: ["a29"])!).count == 10)
  }

  @Test func syntaxErrorHasLibyamlPosition() throws {
    let result = parse("a: 1\nb: [1, 2\nc: 3\n")
    let error = try #require(result.error)
    #expect(error.kind == .syntax)
    #expect(error.position.line >= 2)
    let tab = parse("a:\n\tb: 1\n")
    #expect(tab.error?.position == SourcePosition(line: 2, column: 1))
  }

  @Test func undefinedAliasIsAnError() throws {
    let result = parse("a: *nothing\n")
    #expect(result.error?.message.contains("undefined alias") == true)
    #expect(result.error?.position == SourcePosition(line: 1, column: 4))
  }

  @Test func deepNestingIsAPositionedErrorNotACrash() throws {
    let flow = String(repeating: "[", count: 200_000)
    let result = parse(flow)
    let error = try #require(result.error)
    #expect(error.kind == .limit)
    #expect(error.position == SourcePosition(line: 1, column: 257))
    var block = ""
    for depth in 0..<300 { block += String(repeating: " ", count: depth) + "k:\n" }
    #expect(parse(block).error?.kind == .limit)
  }

  @Test func invalidUTF8IsPositioned() throws {
    var bytes = Array("a: 1\nb: ".utf8)
    bytes += [0xFF, 0xFE, 0x41]
    let result = YAMLParser.parse(bytes)
    #expect(result.error?.position.line == 2)
    #expect(result.error?.position.column == 4)
  }

  @Test func bomCRLFAndUTF16ReadLikePlainUTF8() throws {
    let plain = "a:\n  b: ü\n  c: 2\n"
    let crlf = [0xEF, 0xBB, 0xBF] + Array(plain.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in plain.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    for bytes in [Array(plain.utf8), crlf, utf16] {
      let doc = try #require(YAMLParser.parse(bytes).documents.first)
      let c = try #require(doc.value(at: ["a", "c"]))
      #expect(doc[c].range.start == SourcePosition(line: 3, column: 6))
      #expect(doc.scalar(doc.value(at: ["a", "b"])!) == "ü")
    }
  }

  /// Scalars are read from the input where it spells them as they read, and copied where it
  /// does not (escapes, folded lines, a line with wider characters before them): the text
  /// is the same either way, and a node given new content reads the new text.
  @Test func scalarsReadFromTheInputOrCopiedReadAlike() throws {
    let text = """
      plain: value
      single: 'it''s'
      double: "tab\\there"
      quoted: "as is"
      é: "after é"
      ü: after ü
      folded: first
        second
      block: |
        kept
      empty: ''
      ---
      other: document
      """
    let documents = YAMLParser.parse(Array(text.utf8)).documents
    var first = try #require(documents.first)
    let expected = [
      "plain": "value", "single": "it's", "double": "tab\there", "quoted": "as is", "é": "after é", "ü": "after ü",
      "folded": "first second", "block": "kept\n", "empty": "",
    ]
    for (key, value) in expected {
      #expect(first.scalar(try #require(first.value(at: [key]))) == value, "\(key)")
      #expect(first.value(forKey: key, in: first.root!) != nil, "\(key)")
    }
    #expect(documents.last?.scalar(documents.last!.value(at: ["other"])!) == "document")
    // Copied: the escaped, the folded, the block, the ones after a wider character on their
    // line (the keys `é` and `ü` start their lines, so they are read from the input).
    let copied = ["it's", "tab\there", "after é", "after ü", "first second", "kept\n"].map(\.utf8.count).reduce(0, +)
    #expect(first.arena.text.count == copied)
    #expect(first.textContains(UInt8(ascii: "\t"), or: UInt8(ascii: "\t")))
    #expect(!first.textContains(UInt8(ascii: "@"), or: UInt8(ascii: "=")))
    let plain = try #require(first.value(at: ["plain"]))
    first.setContent(.scalar("changed", .plain), of: plain)
    #expect(first.scalar(plain) == "changed")
  }

  /// A node is plain data of 32 bytes: the arena of a 30 MB file holds a million of them.
  @Test func aNodeIsThirtyTwoBytes() {
    #expect(MemoryLayout<Node>.stride == 32)
  }

  /// Lines break at `\n`, `\r\n` and a lone `\r`, as libyaml counts them, in any mix.
  @Test func lineBreaksOfEveryKind() {
    let lines = LineIndex.text(of: Array("a\r\nbb\rc\n\nd\r".utf8))
    #expect(lines.lineCount == 6)
    #expect((1...6).map(lines.lineText) == ["a", "bb", "c", "", "d", ""])
    #expect(lines.position(ofByte: 4) == SourcePosition(line: 2, column: 2))
    #expect(LineIndex.text(of: Array("x\ny".utf8)).lineCount == 2)
    #expect(LineIndex.text(of: []).lineCount == 1)
  }

  @Test func commentsOutsideScalarsOnly() throws {
    let text = "a: 1 # one\n# own line\nb: \"x # not\"\nc: |\n  # not either\nd: 2 #two\n"
    let comments = parse(text).comments()
    #expect(comments.map(\.text) == ["one", "own line", "two"])
    #expect(comments.map(\.isTrailing) == [true, false, true])
    #expect(comments[0].position == SourcePosition(line: 1, column: 6))
  }

  @Test func aCommentOnABlockScalarHeaderIsAComment() throws {
    let text = "key: |- # talint: ignore[TAL602]\n  # part of the text\n  line\nnext: > # folded\n  x\n"
    let comments = parse(text).comments()
    #expect(comments.map(\.text) == ["talint: ignore[TAL602]", "folded"])
    #expect(comments.map(\.position.line) == [1, 4])
  }

  /// The byte search looks for a pattern's rarest byte first: matches at either end of the
  /// text, after near misses and from a start offset are found all the same.
  @Test func byteSearchFindsEveryPlacement() {
    #expect("x: talos-version=1.9".byteRange(of: "talos-version=") == 3..<17)
    #expect("talos-version=".byteRange(of: "talos-version=") == 0..<14)
    #expect("a=b talos-version talos-version=".byteRange(of: "talos-version=") == 18..<32)
    #expect("talos-version= and talos-version=".byteRange(of: "talos-version=", from: 1) == 19..<33)
    #expect("=talint: x".byteRange(of: "talint:") == 1..<8)
    #expect("{{ a }}".byteRange(of: "{{") == 0..<2)
    #expect("ab".byteRange(of: "abc") == nil)
    #expect("abc".byteRange(of: "c", from: 3) == nil)
    #expect("version=".byteRange(of: "talos-version=") == nil)
    #expect(LineIndex.text(of: Array("a: 1\n# talint: ignore\n".utf8)).contains("talint:"))
    #expect(!LineIndex.text(of: Array("talint ignore".utf8)).contains("talint:"))
    // LineIndex looks for a marker by its last byte.
    let index = { (text: String) in LineIndex.text(of: Array(text.utf8)) }
    #expect(index("=a: 1 talos-version=").contains("talos-version="))
    #expect(index("talos-version=1.9\n").contains("talos-version="))
    #expect(!index("= talos-version =").contains("talos-version="))
    #expect(!index("=").contains("talos-version="))
    #expect(index("{{").contains("{{") && !index("{").contains("{{"))
  }

  /// Scalars of ASCII bytes are read byte for byte, others decoded as Strings decode them.
  @Test func scalarsOfBytesDecodeAsStringsDo() {
    let samples: [[UInt8]] = [Array("key: value\n".utf8), Array("tälos ✓".utf8), [0x61, 0xFF, 0x62], [0xE2, 0x9C], []]
    for bytes in samples {
      #expect([Unicode.Scalar](scalarsOf: bytes) == Array(String(decoding: bytes, as: UTF8.self).unicodeScalars))
      #expect([Unicode.Scalar](scalarsOf: bytes[...]) == Array(String(decoding: bytes, as: UTF8.self).unicodeScalars))
    }
    #expect([Unicode.Scalar](scalarsOf: [0x61, 0xFF]) == ["a", "\u{FFFD}"])
    #expect([Unicode.Scalar](scalarsOf: "ä".utf8) == ["ä"])
  }

  /// A merge rewrites a collection in its own slots while its children fit there, and moves
  /// it to a new range with room to grow when they do not; scalars copied from another
  /// document keep their bytes and style.
  @Test func setContentRewritesInPlaceOnlyWhenTheCountStays() throws {
    let patch = try #require(parse("a: 'x y'\nb: [1, 2]\n").documents.first)
    var doc = YAMLDocument.arena()
    let range = SourceRange(at: SourcePosition(line: 1, column: 1))
    let key = doc.appendScalar(copying: try #require(patch.rawPairs(patch.root!).first?.key), of: patch, range: range)
    let quoted = doc.appendScalar(copying: try #require(patch.value(forKey: "a", in: patch.root!)), of: patch, range: range)
    #expect(doc.scalar(key) == "a" && doc.scalar(quoted) == "x y" && doc[quoted].style == .singleQuoted)
    // `scalar(_:is:)` compares bytes in either storage: the input (the patch) or the arena's text.
    let written = try #require(patch.value(forKey: "a", in: patch.root!))
    #expect(patch.scalar(written, is: "x y") && doc.scalar(quoted, is: "x y"))
    #expect(!patch.scalar(written, is: "x z") && !doc.scalar(quoted, is: "x y ") && !doc.scalar(key, is: ""))
    let one = doc.append(.scalar("1", .plain), range: range)
    let map = doc.append(.mapping([Pair(key: key, value: one)]), range: range)
    let slots = doc.arena.children.count
    doc.setContent(.mapping([Pair(key: key, value: quoted)]), of: map)
    #expect(doc.arena.children.count == slots)
    #expect(doc.value(forKey: "a", in: map) == quoted)
    doc.setContent(.mapping([Pair(key: key, value: quoted), Pair(key: quoted, value: one)]), of: map)
    // Outgrown, the mapping moves to new slots with room for as many again, which a later
    // growth fills in place.
    #expect(doc.arena.children.count == slots + 8)
    #expect(doc.rawPairs(map).map(\.value) == [quoted, one])
    doc.setContent(.mapping([Pair(key: key, value: quoted), Pair(key: quoted, value: one), Pair(key: one, value: key)]), of: map)
    #expect(doc.arena.children.count == slots + 8)
    #expect(doc.rawPairs(map).map(\.value) == [quoted, one, key])
    doc.setContent(.mapping([Pair(key: key, value: quoted), Pair(key: quoted, value: one)]), of: map)
    let list = doc.append(.sequence([one, quoted]), range: range)
    doc.setContent(.sequence([quoted, one]), of: list)
    #expect(doc.elements(list) == [quoted, one])
    #expect(doc.value(forKey: "a", in: map) == quoted)
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
