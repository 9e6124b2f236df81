import TalintCore
import TalintRules
import TalintTestSupport
import Testing

/// The structure rules say what Talos's strict decoder says: its own decoder tests
/// (`configloader/internal/decoder/decoder_test.go`), retold with Talos's real types in place
/// of its mock documents, and the configs its tests decode at every release (vendored under
/// Tests/Conformance/talos by scripts/generate-structure.py), which must give no finding.
@Suite struct StructureConformanceTests {
  /// The rules that say Talos would reject a config (the deprecation notice is information).
  static let rejecting: Set<String> = ["TAL011", "TAL012", "TAL013", "TAL014"]

  static func rejections(_ yaml: String, release: TalosVersion = .newest, path: String = "config.yaml") -> [Diagnostic] {
    var settings = LintSettings()
    settings.forcedVersion = release
    let linter = Linter(rules: AllRules.rules, settings: settings)
    return linter.lint(bytes: Array(yaml.utf8), path: path).diagnostics.filter { rejecting.contains($0.ruleID) }
  }

  struct DecoderCase: Sendable, CustomStringConvertible {
    var description: String
    var yaml: String
    /// The keys the decoder reports unknown, each as `line:column`; empty when it decodes.
    var unknownKeys: [String]
  }

  static let decoderCases: [DecoderCase] = [
    DecoderCase(description: "a valid document", yaml: "apiVersion: v1alpha1\nkind: KubeletConfig\nclusterDNS: [10.96.0.10]\n", unknownKeys: []),
    DecoderCase(
      description: "empty documents around one", yaml: "---\napiVersion: v1alpha1\nkind: KubeletConfig\nclusterDNS: []\n---\n---\n", unknownKeys: []),
    DecoderCase(description: "an extra field", yaml: "apiVersion: v1alpha1\nkind: KubeletConfig\nclusterDNS: []\nextra: fail\n", unknownKeys: ["4:1"]),
    DecoderCase(
      description: "an extra field in a map's value",
      yaml: "machine:\n  registries:\n    mirrors:\n      docker.io:\n        endpoints: [https://m.local]\n        extra: me\n",
      unknownKeys: ["6:9"]),
    DecoderCase(
      description: "extra fields in a list's element",
      yaml: "machine:\n  kubelet:\n    extraMounts:\n      - destination: /var/local\n        not: working\n        more: extra\n        fields: here\n",
      unknownKeys: ["5:9", "6:9", "7:9"]),
    DecoderCase(
      description: "extra empty fields in a map's value",
      yaml: "machine:\n  registries:\n    mirrors:\n      second:\n        a:\n          b: {}\n", unknownKeys: ["5:9"]),
    DecoderCase(
      description: "valid nested lists and maps",
      yaml: """
        machine:
          kubelet:
            extraMounts:
              - destination: /var/local
                type: bind
                source: /var/local
                options: [rbind, rshared, rw]
          registries:
            mirrors:
              first:
                endpoints: [https://a.local]
              second:
                skipFallback: false

        """,
      unknownKeys: []),
    DecoderCase(description: "a false boolean set explicitly", yaml: "machine:\n  install:\n    wipe: false\n", unknownKeys: []),
    DecoderCase(
      description: "unstructured pods take anything",
      yaml: "machine:\n  pods:\n    - destination: /var/local\n      options: [rbind, rw]\n      something: 1.34\n", unknownKeys: []),
    DecoderCase(
      description: "API server extra args with a list value",
      yaml: "apiVersion: v1alpha1\nkind: KubeAPIServerConfig\nextraArgs:\n  service-account-issuer:\n    - https://OLD-ENDPOINT:6443\n    - https://NEW-ENDPOINT:6443\n",
      unknownKeys: []),
  ]

  @Test(arguments: decoderCases)
  func decoderCaseIsJudgedAsTalosDoes(_ sample: DecoderCase) {
    let found = Self.rejections(sample.yaml)
    #expect(found.allSatisfy { $0.ruleID == "TAL011" }, "\(found.map(\.message))")
    #expect(found.map { "\($0.range.start.line):\($0.range.start.column)" } == sample.unknownKeys, "\(found.map(\.message))")
  }

  static let releaseDirectories: [String] = Paths.entries(of: Paths.packageRoot + "/Tests/Conformance/talos").filter(Paths.isDirectory).sorted()

  @Test func everyKnownReleaseHasTestdata() {
    let releases = Self.releaseDirectories.compactMap { TalosVersion(parsing: String($0.split(separator: "/").last!)) }
    #expect(releases.sorted() == TalosVersion.known)
  }

  /// Each config Talos's own tests decode at a release gives no structure finding judged by
  /// that release.
  @Test(arguments: releaseDirectories)
  func stabilityTestdataPasses(directory: String) throws {
    let release = try #require(TalosVersion(parsing: String(directory.split(separator: "/").last!)))
    let files = Paths.files(in: directory, suffixes: [".yaml"])
    #expect(files.count >= 10)
    for file in files {
      let text = String(decoding: Paths.read(file), as: UTF8.self)
      let found = Self.rejections(text, release: release, path: file)
      #expect(found.isEmpty, "\(file): \(found.map { "\($0.range.start.line): \($0.message)" })")
    }
  }

  /// What `talosctl gen config` of a release writes (its stability base configs) gets no
  /// structure finding at all from that release, not even a deprecation notice: a key Talos's
  /// own generator still writes is not the operator's to move.
  @Test(arguments: releaseDirectories)
  func ownGeneratedConfigsGetNoNotice(directory: String) throws {
    let name = String(directory.split(separator: "/").last!)
    let release = try #require(TalosVersion(parsing: name))
    let files = Paths.files(in: directory, suffixes: [".yaml"]).filter { $0.contains("stability-v\(name)-base-") }
    #expect(files.count == 2, "\(directory): the release's own controlplane and worker bases")
    var settings = LintSettings()
    settings.forcedVersion = release
    let linter = Linter(rules: AllRules.rules, settings: settings)
    for file in files {
      let found = linter.lint(bytes: Paths.read(file), path: file).diagnostics.filter { Self.rejecting.contains($0.ruleID) || $0.ruleID == "TAL015" }
      #expect(found.isEmpty, "\(file): \(found.map { "\($0.range.start.line): \($0.message)" })")
    }
  }

  /// The secure examples kept beside the project (skipped without `../shared`): Talos accepts
  /// them, so talint must not say it would not.
  @Test func sharedReferenceExamplesPass() throws {
    guard let shared = Paths.shared else { return }  // no ../shared: nothing to compare with
    let files = Paths.entries(of: shared + "/talos-reference/examples").filter { !$0.hasSuffix(".tsv") }
    for file in files {
      let text = String(decoding: Paths.read(file), as: UTF8.self)
      let found = Self.rejections(text, path: file.hasSuffix(".test") ? file + ".yaml" : file)
      #expect(found.isEmpty, "\(file): \(found.map { "\($0.range.start.line): \($0.message)" })")
    }
  }
}
