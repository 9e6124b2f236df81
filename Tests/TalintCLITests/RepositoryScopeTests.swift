import Foundation
import TalintTestSupport
import Testing

/// talint at the root of a GitOps repository (issue 20 §1): only the Talos files are judged,
/// the summary says how many files were skipped, pre-commit's explicit paths and standard input
/// follow the same rule, and `talint files` says what each file was taken for.
@Suite struct RepositoryScopeTests {
  let repository = "Fixtures/repository"

  func talint(_ arguments: [String], stdin: [UInt8]? = nil, directory: String = Paths.packageRoot) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, stdin: stdin, directory: directory)
  }

  /// The files of the fixture repository that are not Talos files, each a trap that fired before.
  static let others = [
    "clusters/home/flux-system/gotk-sync.yaml", "kubernetes/apps/auth/authelia/helmrelease.yaml",
    "kubernetes/apps/media/jellyfin/values.yaml", "infrastructure/cloud-init/user-data.yaml",
    "docker/monitoring/docker-compose.yaml", "ansible/roles/k3s/tasks/main.yaml",
  ]

  @Test func onlyTalosFilesGetFindingsAndTheSummaryCountsBoth() throws {
    let output = try talint(["lint", repository])
    #expect(output.status == 1, "\(output.stderr)")
    let paths = Set(output.stdout.split(separator: "\n").map { String($0.split(separator: ":")[0]) })
    #expect(
      paths == [
        "\(repository)/talos/firewall.yaml", "\(repository)/talos/patches/global.yaml",
      ], "\(output.stdout)")
    #expect(
      output.stderr
        == "talint: 2 warnings, 1 info in 6 Talos files (3 machines); skipped 6 other YAML files (not Talos; `talint files` says why)\n")
  }

  /// pre-commit passes every staged YAML file by path: the others are skipped silently.
  @Test func explicitPathsOfOtherFilesAreSkippedSilently() throws {
    let output = try talint(["lint", "--force-exclude"] + Self.others.map { "\(repository)/\($0)" } + ["\(repository)/ansible/roles/k3s/templates/k3s.service.j2"])
    #expect(output.status == 0, "\(output.stdout)")
    #expect(output.stdout.isEmpty)
    #expect(output.stderr == "talint: no Talos file found; skipped 7 other YAML files (not Talos; `talint files` says why)\n")
  }

  /// An editor's buffer or standard input: the same sniff decides.
  @Test func standardInputIsSniffedToo() throws {
    let values = Array("image:\n  tag: 1.0\npersistence:\n  accessModes: [ReadWriteOnce\n  size: 1Gi\n".utf8)
    let other = try talint(["lint", "-", "--stdin-filename", "charts/values.yaml"], stdin: values)
    #expect(other.status == 0)
    #expect(other.stdout.isEmpty)
    let patch = Array("machine:\n  install:\n    extraKernelArgs: [console=ttyS0\n  kubelet: {}\n".utf8)
    let talos = try talint(["lint", "-", "--stdin-filename", "talos/patch.yaml"], stdin: patch)
    #expect(talos.status == 2)
    #expect(talos.stdout.hasPrefix("talos/patch.yaml:4:10: error: "), "\(talos.stdout)")
    #expect(talos.stdout.hasSuffix("[TAL001]\n"))
    let listed = try talint(["files", "-", "--stdin-filename", "talos/patch.yaml"], stdin: patch)
    #expect(listed.stdout.hasPrefix("talos/patch.yaml: Talos file; could not be linted: "), "\(listed.stdout)")
  }

  @Test func aFolderWithoutTalosFilesSaysSoAndPasses() throws {
    let root = try ScratchTree.make(["charts/values.yaml": "debug: true\nurl: https://a:Zm9vYmFyYmF6@b.example.com\n", "docs/": ""])
    let charts = try talint(["lint", "charts"], directory: root)
    #expect(charts.status == 0)
    #expect(charts.stdout.isEmpty)
    #expect(charts.stderr.hasPrefix("talint: no Talos file found; skipped 1 other YAML file"), "\(charts.stderr)")
    let empty = try talint(["lint", "docs"], directory: root)
    #expect(empty.status == 0)
    #expect(empty.stderr.contains("talint: warning: docs holds no YAML file to lint"), "\(empty.stderr)")
  }

  /// `yaml: all` checks the YAML of every YAML file, and nothing else.
  @Test func yamlAllChecksEveryYAMLFile() throws {
    let root = try ScratchTree.make([
      ".talint.yaml": "yaml: all\n",
      "ansible/main.yaml": "- name: a\n  when: x\n  when: y\n",
      "cloud-init/user-data.yaml": "#cloud-config\ndebug: true\n",
    ])
    let output = try talint(["lint", "."], directory: root)
    #expect(output.status == 1)
    #expect(output.stdout.hasPrefix("./ansible/main.yaml:3:3: error: duplicate key 'when'"), "\(output.stdout)")
    #expect(output.stdout.split(separator: "\n").count == 1, "\(output.stdout)")
    #expect(output.stderr == "talint: 1 error in 2 other YAML files (syntax only)\n", "\(output.stderr)")
    let config = try talint(["config", "."], directory: root)
    #expect(config.stdout.contains("  yaml: all  # "), "\(config.stdout)")
  }

  /// A file a talconfig references is judged whatever it holds, and listed as its patch.
  @Test func aReferencedFileIsJudgedWhateverItHolds() throws {
    let root = try ScratchTree.make([
      "talconfig.yaml": "clusterName: x\ntalosVersion: v1.13.0\nendpoint: https://10.0.0.1:6443\npatches:\n  - \"@./debug.yaml\"\nnodes:\n  - hostname: cp1\n    ipAddress: 10.0.0.2\n    controlPlane: true\n",
      "debug.yaml": "debug: true\n",
    ])
    let output = try talint(["lint", "debug.yaml", "talconfig.yaml"], directory: root)
    #expect(output.stdout.contains("debug.yaml:1:8: info: debug is on"), "\(output.stdout)")
    let files = try talint(["files", "."], directory: root)
    #expect(files.stdout.contains("debug.yaml: patch of machine cp1 (referenced by talconfig.yaml); Talos 1.13"), "\(files.stdout)")
  }

  /// `.talint.yaml` names Talos files two ways: `include` globs, and its machines' patches.
  @Test func aFileTalintYAMLNamesIsJudgedWhateverItHolds() throws {
    let root = try ScratchTree.make([
      ".talint.yaml": "include: [\"*.talos\"]\nmachines:\n  cp1: {type: controlplane, talos-version: \"1.13\", patches: [debug.yaml]}\n",
      "node.talos": "debug: true\n",
      "debug.yaml": "debug: true\n",
    ])
    let output = try talint(["lint", "."], directory: root)
    #expect(output.stdout.contains("./node.talos:1:8: info: debug is on"), "\(output.stdout)")
    #expect(output.stdout.contains("debug.yaml:1:8: info: debug is on"), "\(output.stdout)")
    let files = try talint(["files", "."], directory: root)
    #expect(files.stdout.contains("./node.talos: Talos file (named by include in .talint.yaml)"), "\(files.stdout)")
  }

  @Test func filesListsWhatEachFileWasTakenFor() throws {
    let output = try talint(["files", repository])
    #expect(output.status == 0)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 12, "\(output.stdout)")
    #expect(lines.contains("\(repository)/infrastructure/cloud-init/user-data.yaml: skipped: a cloud-init config"))
    #expect(lines.contains("\(repository)/kubernetes/apps/media/jellyfin/values.yaml: skipped: not valid YAML, and nothing in it reads like Talos"))
    #expect(lines.contains { $0.hasPrefix("\(repository)/talos/patches/global.yaml: patch of machines cp1, w1 (referenced by ") && $0.hasSuffix("; Talos 1.13 (talosVersion at line 3 of \(repository)/talos/talconfig.yaml)") })
    #expect(lines.contains("\(repository)/talos/talconfig.yaml: talhelper talconfig (machines cp1, w1); Talos 1.13 (talosVersion at line 3)"))
    #expect(lines.contains { $0.hasPrefix("\(repository)/templates/config/talos/talconfig.yaml.j2: Jinja template of a talhelper talconfig") })
    #expect(lines.contains("\(repository)/talos/schematic.yaml: Image Factory schematic; Talos 1.15 (the newest release talint knows)"))
  }

  @Test func filesSpeaksJSON() throws {
    let output = try talint(["files", "--format", "json", repository])
    #expect(output.status == 0)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(document["version"] as? Int == 1)
    let files = try #require(document["files"] as? [[String: Any]])
    let byPath = Dictionary(uniqueKeysWithValues: files.compactMap { entry in (entry["path"] as? String).map { ($0, entry) } })
    let global = try #require(byPath["\(repository)/talos/patches/global.yaml"])
    #expect(global["role"] as? String == "patch")
    #expect(global["usedBy"] as? [String] == ["cp1", "w1"])
    #expect(global["talosVersion"] as? String == "1.13")
    let compose = try #require(byPath["\(repository)/docker/monitoring/docker-compose.yaml"])
    #expect(compose["role"] as? String == "skipped")
    #expect(compose["reason"] as? String == "no Talos key (top-level services, networks)")
    #expect(compose["talosVersion"] == nil)
  }

  /// A Secret SOPS encrypted whole, apiVersion and kind included (sulibot/home-ops,
  /// docs/real-repositories.md): the reason says so instead of quoting the ciphertext.
  @Test func aDocumentEncryptedWholeIsNamedNotQuoted() throws {
    let cipher = "ENC[AES256_GCM,data:Zm9vYmFy,iv:aXZpdml2aXZpdml2aXZpdg==,tag:dGFndGFndGFn,type:str]"
    let root = try ScratchTree.make([
      "repo/.git/": "",
      "repo/apps/creds.sops.yaml": "apiVersion: \(cipher)\nkind: \(cipher)\nstringData:\n  token: \(cipher)\nsops:\n  version: 3.9.0\n",
    ]) + "/repo"
    let output = try talint(["files", "."], directory: root)
    #expect(output.stdout == "./apps/creds.sops.yaml: skipped: a SOPS-encrypted document, its kind too\n", "\(output.stdout)")
  }
}
