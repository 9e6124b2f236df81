import Foundation
import TalintTestSupport
import Testing

/// Issue 20 §5: one release per file, everywhere. A patch file with no release of its own that
/// a talconfig names (`@./patches/kspp.yaml`) is judged by the talconfig's `talosVersion` —
/// and `config`, `lint` (json, sarif, the tree or the patch alone as pre-commit passes it),
/// `render` and the language server say the same release and the same source for it.
@Suite struct ReleaseAgreementTests {
  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: directory)
  }

  /// A talhelper tree at 1.9 (not talint's newest release, nor the `.talint.yaml` one).
  func repository() throws -> String {
    try ScratchTree.make([
      "repo/.git/": "",
      "repo/.talint.yaml": "talos-version: \"1.13\"\n",
      "repo/talos/talconfig.yaml":
        "clusterName: home\ntalosVersion: v1.9.5\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: cp1\n    ipAddress: 10.0.0.1\n    controlPlane: true\npatches:\n  - \"@./patches/kspp.yaml\"\n",
      "repo/talos/patches/kspp.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n",
    ]) + "/repo"
  }

  static let patch = "talos/patches/kspp.yaml"

  struct Release: Equatable, CustomStringConvertible {
    var version: String?
    var source: String?
    var description: String { "\(version ?? "nil") (\(source ?? "nil"))" }
  }

  /// The release the `files` of a json report (or the `artifacts` of a sarif one) give the patch.
  func reported(_ output: ProcessOutput, sarif: Bool = false) throws -> Release {
    let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    if sarif {
      let run = ((document?["runs"] as? [[String: Any]]) ?? []).first
      let artifact = try #require((run?["artifacts"] as? [[String: Any]])?.first { (($0["location"] as? [String: Any])?["uri"] as? String) == Self.patch })
      let properties = artifact["properties"] as? [String: Any]
      return Release(version: properties?["talosVersion"] as? String, source: properties?["talosVersionSource"] as? String)
    }
    let files = document?["files"] as? [[String: Any]] ?? []
    let file = try #require(files.first { ($0["path"] as? String).map { $0.hasSuffix(Self.patch) } == true }, "\(output.stdout)")
    return Release(version: file["talosVersion"] as? String, source: file["talosVersionSource"] as? String)
  }

  /// `# machine … , Talos 1.9 (source)` — the first line `render` prints.
  func rendered(_ output: ProcessOutput) -> Release {
    let header = output.stdout.split(separator: "\n").first.map(String.init) ?? ""
    guard let talos = header.range(of: ", Talos "), let open = header[talos.upperBound...].firstIndex(of: " ") else { return Release() }
    return Release(version: String(header[talos.upperBound..<open]), source: String(header[header.index(open, offsetBy: 2)..<header.index(before: header.endIndex)]))
  }

  @Test func configLintRenderAndTheServerSayTheTalconfigsRelease() throws {
    let repo = try repository()
    let config = try talint(["config", Self.patch], in: repo)
    let line = { (key: String) in
      config.stdout.split(separator: "\n").first { $0.hasPrefix("  \(key): ") }.map { String($0.dropFirst(key.count + 4)).trimmingCharacters(in: ["\""]) }
    }
    let expected = Release(version: line("talos-version"), source: line("talos-version-source"))
    #expect(expected.version == "1.9" && expected.source?.contains("talos/talconfig.yaml") == true, "\(config.stdout)")

    #expect(try reported(talint(["lint", "--format", "json", "."], in: repo)) == expected)
    #expect(try reported(talint(["lint", "--format", "json", "talos"], in: repo)) == expected)
    // Pre-commit passes only the staged patch: still the talconfig's release.
    #expect(try reported(talint(["lint", "--format", "json", Self.patch], in: repo)) == expected)
    #expect(try reported(talint(["lint", "--format", "sarif", "."], in: repo), sarif: true) == expected)
    #expect(rendered(try talint(["render", "--machine", "cp1", "talos"], in: repo)) == expected)
    #expect(rendered(try talint(["render", "--patch", Self.patch], in: repo)) == expected)
    // The text says the release the finding was judged by.
    #expect(try talint(["lint", Self.patch], in: repo).stdout.contains("(Talos 1.9)"))

    let client = try LSPClient(directory: repo)
    _ = client.initialize(root: repo)
    client.open(repo + "/" + Self.patch, text: "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n")
    let items = (client.diagnostics(for: repo + "/" + Self.patch)?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    let finding = try #require(items.first { $0["code"] as? String == "TAL201" }, "\(items)")
    let data = finding["data"] as? [String: Any]
    #expect(Release(version: data?["talosVersion"] as? String, source: data?["talosVersionSource"] as? String) == expected)
    #expect((finding["message"] as? String)?.contains("(Talos 1.9)") == true)
    _ = client.request("shutdown")
    client.notify("exit")
  }

  /// `--diff` and `--fix` judge a patch by the release `lint` does: `kernel.kptr_restrict: "1"`
  /// is Talos 1.11's default, so under a 1.11 talconfig there is nothing to fix (judged by the
  /// newest release instead, the fix deleted a setting `lint` found nothing wrong with).
  @Test func fixesJudgeAPatchByItsTalconfigsRelease() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "",
      "repo/talos/talconfig.yaml": "clusterName: home\ntalosVersion: v1.11.5\nendpoint: https://10.0.0.1:6443\nnodes: []\npatches:\n  - \"@./patches/kspp.yaml\"\n",
      "repo/talos/patches/kspp.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"1\"\n",
    ]) + "/repo"
    for target in ["talos", Self.patch] {
      let lint = try talint(["lint", target], in: repo)
      #expect(lint.status == 0, "\(target): \(lint.stdout)")
      let diff = try talint(["lint", "--diff", target], in: repo)
      #expect(diff.status == 0 && diff.stdout.isEmpty, "\(target): \(diff.stdout)")
      #expect(diff.stderr.contains("would fix 0 findings"), "\(diff.stderr)")
    }
  }

  /// `--talos-version` wins everywhere, the talconfig's release included.
  @Test func theCommandLineReleaseWinsEverywhere() throws {
    let repo = try repository()
    let forced = Release(version: "1.12", source: "--talos-version")
    #expect(try reported(talint(["lint", "--talos-version", "1.12", "--format", "json", "."], in: repo)) == forced)
    #expect(rendered(try talint(["render", "--talos-version", "1.12", "--machine", "cp1", "talos"], in: repo)) == forced)
    #expect(try talint(["config", "--talos-version", "1.12", Self.patch], in: repo).stdout.contains("talos-version-source: \"--talos-version\""))
  }
}
