import Foundation
import TalintTestSupport
import Testing

/// A repository kept the way Talos users keep theirs — a talconfig with referenced patch files,
/// templates, files under other names — linted with `talint lint .`.
@Suite struct CarrierCLITests {
  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: directory)
  }

  /// `kernel.kptr_restrict: "1"` is Talos 1.11's default and a weakening from 1.12.
  let kptr = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"1\"\n"

  func repository(talosVersion: String) throws -> String {
    try ScratchTree.make([
      "repo/.git/": "",
      "repo/talos/talconfig.yaml": "clusterName: home\ntalosVersion: \(talosVersion)\nendpoint: https://10.0.0.1:6443\nnodes: []\npatches:\n  - \"@./patches/kspp.yaml\"\n  - \"@./patches/kspp.yaml\"\n",
      "repo/talos/patches/kspp.yaml": kptr,
    ]) + "/repo"
  }

  @Test func aReferencedPatchIsJudgedByTheTalconfigsReleaseOnce() throws {
    let old = try repository(talosVersion: "v1.11.5")
    let quiet = try talint(["lint", "."], in: old)
    #expect(quiet.status == 0, "\(quiet.stdout)")
    #expect(quiet.stderr.contains("in 2 files"))
    let new = try repository(talosVersion: "v1.12.0")
    let loud = try talint(["lint", "."], in: new)
    #expect(loud.status == 1)
    let finding = "talos/patches/kspp.yaml:3:27: warning: kernel.kptr_restrict=1 weakens Talos's KSPP default 2 (Talos 1.12); remove the override [TAL201]\n"
    #expect(loud.stdout == "./" + finding)
    // Naming only the talconfig still lints what it references.
    let named = try talint(["lint", "talos/talconfig.yaml"], in: new)
    #expect(named.stdout == finding)
    #expect(named.stderr.contains("in 2 files"))
  }

  @Test func machineFormatsAndConfigSayWhichReleaseJudgedEachFile() throws {
    let repo = try repository(talosVersion: "v1.12.0")
    let json = try talint(["lint", "--format", "json", "."], in: repo)
    let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let files = try #require(document?["files"] as? [[String: String]])
    let talconfig = try #require(files.first { $0["path"] == "./talos/talconfig.yaml" })
    #expect(talconfig["kind"] == "talhelper" && talconfig["talosVersion"] == "1.12")
    #expect(talconfig["talosVersionSource"] == "talosVersion at line 2")
    let patch = try #require(files.first { $0["path"]?.hasSuffix("kspp.yaml") == true })
    // The patch's release is written in the talconfig, which the source names (issue 20 §5).
    #expect(patch["talosVersion"] == "1.12" && patch["talosVersionSource"] == "talosVersion at line 2 of talos/talconfig.yaml")

    let sarif = try talint(["lint", "--format", "sarif", "talos/talconfig.yaml"], in: repo)
    #expect(sarif.stdout.contains("\"talosVersionSource\" : \"talosVersion at line 2\""))

    let config = try talint(["config", "talos/talconfig.yaml"], in: repo)
    #expect(config.stdout.contains("talos-version: \"1.12\""))
    #expect(config.stdout.contains("talos-version-source: \"talosVersion at line 2\""))
  }

  @Test func walksReadTemplatesAndIncludedNames() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "",
      "repo/.talint.yaml": "include: [\"nodes/*.talos\"]\n",
      "repo/templates/cp.yaml.j2": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"{{ kptr }}\"\n    kernel.dmesg_restrict: \"0\"\n",
      "repo/templates/values.toml.j2": "[server]\nport = {{ port }}\n",
      "repo/nodes/w1.talos": "machine:\n  sysctls:\n    kernel.yama.ptrace_scope: \"0\"\n",
      "repo/nodes/notes.txt": "not yaml\n",
    ]) + "/repo"
    let output = try talint(["lint", "."], in: repo)
    #expect(output.stderr.contains("in 2 files"), "\(output.stderr)")
    #expect(output.stdout.contains("./templates/cp.yaml.j2:4:28: warning: kernel.dmesg_restrict=0"))
    #expect(output.stdout.contains("./nodes/w1.talos:3:31: warning: kernel.yama.ptrace_scope=0"))
    #expect(!output.stdout.contains("kptr_restrict"))
  }

  @Test func aTemplateThatIsNotYAMLIsAnInfoNotAFailure() throws {
    let repo = try ScratchTree.make(["repo/.git/": "", "repo/cp.yaml.j2": "machine:\n  sysctls: {{ sysctls | indent(4) }}\n    extra: 1\n"]) + "/repo"
    let output = try talint(["lint", "."], in: repo)
    #expect(output.status == 0)
    #expect(output.stdout.contains("info: this Jinja template is not YAML once its expressions are masked"))
    #expect(output.stdout.contains("[TAL007]"))
    #expect(try talint(["lint", "--fail-on", "info", "."], in: repo).status == 1)
  }

  /// Go and Terraform templates were "Go template template of a patch" (sulibot/home-ops,
  /// docs/real-repositories.md): each engine is named once, in `files` and in TAL007.
  @Test func aTemplateIsNamedByItsEngineOnce() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "", "repo/worker.yaml.tmpl": "machine:\n  nodeLabels:\n    zone: {{ .Zone }}\n",
      "repo/cp.yaml.tpl": "machine:\n  sysctls: ${sysctls}\n    extra: 1\n",
    ]) + "/repo"
    let files = try talint(["files", "."], in: repo)
    #expect(files.stdout.contains("./worker.yaml.tmpl: Go template of a patch;"), "\(files.stdout)")
    #expect(files.stdout.contains("./cp.yaml.tpl: Terraform template of "), "\(files.stdout)")
    #expect(!files.stdout.contains("template template"))
    let lint = try talint(["lint", "."], in: repo)
    #expect(lint.stdout.contains("info: this Terraform template is not YAML once its expressions are masked"), "\(lint.stdout)")
  }

  @Test func anImageFactorySchematicsEmbeddedConfigIsLintedInPlace() throws {
    let schematic = "customization:\n  embeddedMachineConfiguration: |\n    machine:\n      sysctls:\n        kernel.dmesg_restrict: \"0\"\n"
    let repo = try ScratchTree.make(["repo/.git/": "", "repo/schematic.yaml": schematic]) + "/repo"
    let output = try talint(["lint", "schematic.yaml"], in: repo)
    #expect(output.stdout == "schematic.yaml:5:32: warning: kernel.dmesg_restrict=0 weakens Talos's KSPP default 1 (Talos 1.15); remove the override [TAL201]\n")
  }
}
