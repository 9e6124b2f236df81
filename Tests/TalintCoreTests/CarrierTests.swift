import TalintCore
import TalintYAML
import Testing

/// Configs embedded in strings map back to where they are written; templates keep their
/// positions when masked; installer tags name the release.
@Suite struct CarrierTests {
  /// The embedded text of the first value under `key` in `outer`, and the outer file's parse.
  func embedded(_ outer: String, key: String = "patch") throws -> (EmbeddedText, YAMLParseResult) {
    let parsed = YAMLParser.parse(Array(outer.utf8))
    let document = try #require(parsed.documents.first)
    let root = try #require(document.root)
    let node = try #require(document.value(forKey: key, in: root))
    guard case .scalar(let value, let style) = document.content(node) else { throw CarrierTestError.notAScalar }
    return (EmbeddedText(value: value, style: style, range: document[node].range, lines: parsed.lines), parsed)
  }

  enum CarrierTestError: Error { case notAScalar }

  @Test func literalBlockScalarsMapLineByLine() throws {
    let (text, _) = try embedded("patch: |-\n  machine:\n    sysctls:\n      a: \"1\"\n")
    #expect(text.text == "machine:\n  sysctls:\n    a: \"1\"")
    // `a` is on embedded line 3, column 5; in the outer file on line 4, column 7.
    #expect(text.outer(SourcePosition(line: 3, column: 5)) == SourcePosition(line: 4, column: 7))
    #expect(text.outer(SourcePosition(line: 1, column: 1)) == SourcePosition(line: 2, column: 3))
  }

  @Test func indentationIndicatorsAndFoldedScalars() throws {
    let (indented, _) = try embedded("patch: |4-\n      machine:\n        type: worker\n")
    #expect(indented.text == "  machine:\n    type: worker")
    #expect(indented.outer(SourcePosition(line: 2, column: 5)) == SourcePosition(line: 3, column: 9))
    // Blank and space-only lines before the first content line do not set the indentation.
    let (blankFirst, _) = try embedded("patch: |4-\n\n       \n      machine:\n        type: worker\n")
    #expect(blankFirst.text == "\n   \n  machine:\n    type: worker")
    #expect(blankFirst.outer(SourcePosition(line: 3, column: 3)) == SourcePosition(line: 4, column: 7))
    let (folded, _) = try embedded("patch: >\n  machine:\n    install:\n      disk: /dev/sda\n")
    #expect(folded.text == "machine:\n  install:\n    disk: /dev/sda\n")
    #expect(folded.outer(SourcePosition(line: 3, column: 11)) == SourcePosition(line: 4, column: 13))
  }

  @Test func quotedStringsSkipTheirEscapes() throws {
    let (double, _) = try embedded(#"patch: "machine:\n  token: \"x\"\n  type: worker""#)
    #expect(double.text == "machine:\n  token: \"x\"\n  type: worker")
    // `type` starts after two escapes (`\n`, `\"`…): embedded line 3, column 3.
    let type = double.outer(SourcePosition(line: 3, column: 3))
    #expect(type.line == 1)
    #expect(type.column == 37, "\(type)")
    let (single, _) = try embedded("patch: 'a: ''b'''\n")
    #expect(single.text == "a: 'b'")
    #expect(single.outer(SourcePosition(line: 1, column: 4)) == SourcePosition(line: 1, column: 12))
  }

  @Test func talhelperDollarEscapesShiftTheMap() throws {
    let (text, _) = try embedded("patch: |\n  items:\n    - name: x\n      $$patch: delete\n")
    let unescaped = text.unescapingDollars()
    #expect(unescaped.text == "items:\n  - name: x\n    $patch: delete\n")
    #expect(unescaped.outer(SourcePosition(line: 3, column: 5)) == SourcePosition(line: 4, column: 7))  // `$`
    #expect(unescaped.outer(SourcePosition(line: 3, column: 6)) == SourcePosition(line: 4, column: 9))  // `p`
  }

  @Test func templateMaskingKeepsEveryPosition() {
    let source = "machine:\n  token: {{ token }}\n{% if gpu %}\n  sysctls: {a: \"1\"}\n{% else %}\n  sysctls: {a: \"2\"}\n{% endif %}\n"
    let masked = TemplateMasking(Array(source.utf8), path: "cp.yaml.j2")
    #expect(masked.engine == .jinja)
    let lines = String(decoding: masked.text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let original = source.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == original.count)
    for (a, b) in zip(lines, original) { #expect(a.unicodeScalars.count == b.unicodeScalars.count) }
    #expect(lines[1] == "  token: " + String(repeating: "\u{FFFC}", count: 11))
    #expect(lines[2].allSatisfy { $0 == " " })
    #expect(masked.branches.exclusive(4, 6))
    #expect(!masked.branches.exclusive(2, 4))
    let parsed = YAMLParser.parse(masked.text)
    #expect(parsed.error == nil)
  }

  @Test func templateEnginesAreNamed() {
    #expect(TemplateMasking(Array("a: {{ .Values.x }}\n".utf8), path: "x.tmpl").engine == .goTemplate)
    #expect(TemplateMasking(Array("%{ for x in y ~}\na: ${x}\n%{ endfor ~}\n".utf8), path: "x.yaml.tpl").engine == .terraform)
    #expect(TemplateMasking(Array("a: ${X}\n".utf8), path: "x.tmpl").engine == .envsubst)
    #expect(TemplateMasking.rendersYAML("talos/cp.yaml.j2") && TemplateMasking.rendersYAML("cp.tmpl"))
    #expect(!TemplateMasking.rendersYAML("config.toml.j2") && !TemplateMasking.rendersYAML("cp.yaml"))
  }

  @Test func installerTagsNameTheRelease() {
    #expect(TalosRelease.installerVersion("ghcr.io/siderolabs/installer:v1.9.5") == TalosVersion(1, 9))
    #expect(TalosRelease.installerVersion("factory.talos.dev/metal-installer/abc123:v1.10.3") == TalosVersion(1, 10))
    #expect(TalosRelease.installerVersion("factory.talos.dev/installer-secureboot/abc:v1.11.0@sha256:00ff") == TalosVersion(1, 11))
    #expect(TalosRelease.installerVersion("factory.talos.dev/aws-installer/abc:v1.12.1") == TalosVersion(1, 12))
    #expect(TalosRelease.installerVersion("ghcr.io/siderolabs/kubelet:v1.31.0") == nil)
    #expect(TalosRelease.installerVersion("ghcr.io/siderolabs/installer:latest") == nil)
    #expect(TalosRelease.installerVersion("registry:5000/siderolabs/installer") == nil)
  }

  @Test func releaseEvidenceWinsOverTheSettingsButNotTheCommandLine() {
    let file = Array("# talint: talos-version=1.11\nmachine:\n  install:\n    image: ghcr.io/siderolabs/installer:v1.13.0\n".utf8)
    let plain = Linter(rules: [])
    #expect(plain.release(bytes: file, path: "a.yaml")?.version == TalosVersion(1, 11))
    #expect(plain.release(bytes: Array("machine: {}\n".utf8), path: "a.yaml")?.version == TalosVersion.newest)
    let image = Array("machine:\n  install:\n    image: ghcr.io/siderolabs/installer:v1.13.0\n".utf8)
    #expect(plain.release(bytes: image, path: "a.yaml")?.source == "machine.install.image at line 3")
    let forced = Linter(rules: [], version: TalosVersion(1, 14))
    #expect(forced.release(bytes: file, path: "a.yaml")?.version == TalosVersion(1, 14))
    let old = plain.release(bytes: Array("machine:\n  install:\n    image: ghcr.io/siderolabs/installer:v0.14.1\n".utf8), path: "a.yaml")
    #expect(old?.version == TalosVersion.oldest && old?.declared == TalosVersion(0, 14))
  }

  @Test func talconfigReferencesAreResolvedAgainstItsFolder() {
    let talconfig = Array("clusterName: c\ntalosVersion: v1.12.0\nnodes: []\npatches:\n  - \"@./patches/a.yaml\"\n".utf8)
    let references = Linter(rules: []).references(bytes: talconfig, path: "talos/talconfig.yaml")
    #expect(references.map(\.path) == ["talos/patches/a.yaml"])
    #expect(references.first?.release?.version == TalosVersion(1, 12))
  }
}
