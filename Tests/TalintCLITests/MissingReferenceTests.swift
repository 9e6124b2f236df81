import Foundation
import TalintTestSupport
import Testing

/// Issue 20 §3: a file a talconfig (`@./patches/x.yaml`), an Omni template (`file:`) or
/// `.talint.yaml` (a machine's `patches`, `base`) names that is missing or unreadable is an
/// error (TAL009) at the line that names it — saying so when git ignores it — with the same
/// words in `lint` and `render`; the machines are judged on the rest, and the run exits 2
/// unless a suppression says the file is meant to be absent.
@Suite struct MissingReferenceTests {
  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: directory)
  }

  static let weak = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n"

  /// A talconfig whose node names a patch nobody committed, a secret `.gitignore` keeps out of
  /// git (so not in this clone) and a patch that is there.
  func talhelperRepository(secretLine: String = "") throws -> String {
    try ScratchTree.make(
      [
        "repo/.gitignore": "talos/patches/secret.yaml\n",
        "repo/talos/talconfig.yaml":
          "clusterName: home\ntalosVersion: v1.12.0\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: cp1\n    ipAddress: 10.0.0.1\n    controlPlane: true\n    patches:\n      - \"@./patches/typo.yaml\"\n      - \"@./patches/secret.yaml\"\(secretLine)\n      - \"@./patches/kspp.yaml\"\n",
        "repo/talos/patches/kspp.yaml": Self.weak,
      ], gitInit: true) + "/repo"
  }

  static let notCommitted = "talos/patches/typo.yaml does not exist; the machine's config is merged and checked without it"
  static let ignored =
    "talos/patches/secret.yaml is ignored by git (.gitignore:1) and is not here, so its settings were not checked; the machine's config is merged and checked without it"

  @Test func lintAndRenderReportEachMissingPatchWhereItIsNamed() throws {
    let repo = try talhelperRepository()
    let lint = try talint(["lint", "talos"], in: repo)
    #expect(lint.status == 2, "\(lint.stdout)\(lint.stderr)")
    let lines = lint.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("talos/talconfig.yaml:9:9: error: \(Self.notCommitted) (machine: cp1) [TAL009]"), "\(lint.stdout)")
    #expect(lines.contains("talos/talconfig.yaml:10:9: error: \(Self.ignored) (machine: cp1) [TAL009]"), "\(lint.stdout)")
    // The machine is still judged on the patch that is there.
    #expect(lines.contains { $0.hasPrefix("talos/patches/kspp.yaml:3:27: warning:") && $0.hasSuffix("(machine: cp1) [TAL201]") }, "\(lint.stdout)")

    let render = try talint(["render", "--machine", "cp1", "talos"], in: repo)
    #expect(render.status == 2)
    #expect(render.stderr == "talos/talconfig.yaml:9:9: error: \(Self.notCommitted)\ntalos/talconfig.yaml:10:9: error: \(Self.ignored)\n")
    #expect(render.stdout.contains("kernel.kptr_restrict: \"0\"  # from talos/patches/kspp.yaml:3"))

    let json = try talint(["lint", "--format", "json", "talos"], in: repo)
    #expect(json.stdout.contains("\"ruleId\" : \"TAL009\""), "\(json.stdout)")
  }

  @Test func aSuppressionWithAReasonSaysTheSecretIsMeantToBeAbsent() throws {
    let repo = try talhelperRepository(secretLine: " # talint: ignore[TAL009] -- written by CI from the vault")
    let lint = try talint(["lint", "talos"], in: repo)
    // The typo still fails the run as an input not linted; the suppressed secret does not.
    #expect(lint.status == 2)
    #expect(!lint.stdout.contains("secret.yaml"), "\(lint.stdout)")
    try "".write(toFile: repo + "/talos/patches/typo.yaml", atomically: true, encoding: .utf8)
    let fixed = try talint(["lint", "talos"], in: repo)
    #expect(fixed.status == 1, "\(fixed.stdout)\(fixed.stderr)")
    #expect(!fixed.stdout.contains("TAL009"))
    let ignored = try talint(["lint", "--ignore", "TAL009", "talos"], in: try talhelperRepository())
    #expect(ignored.status == 1 && !ignored.stdout.contains("TAL009"), "\(ignored.stdout)")
  }

  /// No machine merges the patches of a talconfig without nodes: the talconfig reports a
  /// missing one all the same.
  @Test func aMissingPatchNoMachineUses() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "",
      "repo/talos/talconfig.yaml": "clusterName: home\ntalosVersion: v1.12.0\nnodes: []\npatches:\n  - \"@./patches/gone.yaml\"\n",
    ]) + "/repo"
    let lint = try talint(["lint", "talos"], in: repo)
    #expect(lint.status == 2)
    #expect(lint.stdout == "talos/talconfig.yaml:5:5: error: talos/patches/gone.yaml does not exist; no machine here uses it [TAL009]\n", "\(lint.stdout)")
  }

  @Test func anOmniTemplatesFileEntryThatIsMissing() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "",
      "repo/omni/cluster.yaml":
        "kind: Cluster\nname: prod\ntalos:\n  version: v1.13.1\npatches:\n  - name: shared\n    file: patches/absent.yaml\n---\nkind: ControlPlane\nmachines:\n  - 3f8b33d2-52b1-42ed-8505-4025ddbc31f1\n",
    ]) + "/repo"
    let lint = try talint(["lint", "omni"], in: repo)
    #expect(lint.status == 2)
    #expect(
      lint.stdout.hasPrefix(
        "omni/cluster.yaml:7:11: error: omni/patches/absent.yaml does not exist; the machine's config is merged and checked without it (machine: "),
      "\(lint.stdout)")
  }

  @Test func aProjectMachinesPatchAndBaseThatAreMissing() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "",
      "repo/.talint.yaml": "machines:\n  cp1:\n    type: controlplane\n    base: gone/controlplane.yaml\n    patches:\n      - patches/kspp.yaml\n      - patches/gone.yaml\n",
      "repo/patches/kspp.yaml": Self.weak,
    ]) + "/repo"
    let lint = try talint(["lint", "."], in: repo)
    #expect(lint.status == 2)
    let lines = lint.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains(".talint.yaml:4:11: error: gone/controlplane.yaml does not exist; the machine's config is merged and checked without it (machine: cp1) [TAL009]"),
      "\(lint.stdout)")
    #expect(
      lines.contains(".talint.yaml:7:9: error: patches/gone.yaml does not exist; the machine's config is merged and checked without it (machine: cp1) [TAL009]"),
      "\(lint.stdout)")
    #expect(lines.contains { $0.hasPrefix("./patches/kspp.yaml:3:27: warning:") || $0.hasPrefix("patches/kspp.yaml:3:27: warning:") }, "\(lint.stdout)")
    let render = try talint(["render", "--machine", "cp1"], in: repo)
    #expect(render.stderr.contains(".talint.yaml:7:9: error: patches/gone.yaml does not exist;"), "\(render.stderr)")
  }

  /// The editor's buffer of a talconfig whose patches are on disk gets no TAL009; a patch
  /// that is on disk nowhere does, at its entry.
  @Test func theServerJudgesReferencesByTheFilesOnDisk() throws {
    let repo = try talhelperRepository()
    let client = try LSPClient(directory: repo)
    _ = client.initialize(root: repo)
    let path = repo + "/talos/talconfig.yaml"
    let text = "clusterName: home\ntalosVersion: v1.12.0\nnodes:\n  - hostname: cp1\n    controlPlane: true\n    patches:\n      - \"@./patches/kspp.yaml\"\n"
    client.open(path, text: text)
    let present = (client.diagnostics(for: path)?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    #expect(!present.contains { $0["code"] as? String == "TAL009" }, "\(present)")
    client.notify(
      "textDocument/didChange",
      ["textDocument": ["uri": LSPClient.uri(path), "version": 2], "contentChanges": [["text": text + "      - \"@./patches/typo.yaml\"\n"]]])
    let items = (client.diagnostics(for: path)?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    let finding = try #require(items.first { $0["code"] as? String == "TAL009" }, "\(items)")
    #expect((finding["range"] as? [String: Any]).flatMap { ($0["start"] as? [String: Any])?["line"] as? Int } == 7)
    _ = client.request("shutdown")
    client.notify("exit")
  }

  /// A patch the editor holds but has not saved yet is read from its buffer, not reported
  /// missing.
  @Test func anUnsavedPatchOpenInTheEditorIsNoMissingFile() throws {
    let repo = try talhelperRepository()
    let client = try LSPClient(directory: repo)
    _ = client.initialize(root: repo)
    let patch = repo + "/talos/patches/new.yaml"
    client.open(patch, text: "machine:\n  network:\n    hostname: cp1\n")
    _ = client.diagnostics(for: patch)
    let path = repo + "/talos/talconfig.yaml"
    client.open(path, text: "clusterName: home\ntalosVersion: v1.12.0\nnodes:\n  - hostname: cp1\n    controlPlane: true\n    patches:\n      - \"@./patches/new.yaml\"\n")
    let items = (client.diagnostics(for: path)?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    #expect(!items.contains { $0["code"] as? String == "TAL009" }, "\(items)")
    _ = client.request("shutdown")
    client.notify("exit")
  }
}
