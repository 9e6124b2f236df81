import Foundation
import TalintTestSupport
import Testing

/// talhelper's `--env-file`, as `.talint.yaml`'s `talhelper-env-files` names it: those files
/// fill `${VAR}` instead of the talenv.yaml beside the talconfig, and none outside the project
/// is read.
@Suite struct TalhelperEnvFileTests {
  static let talconfig = "clusterName: lab\ntalosVersion: ${TV}\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: cp1\n    controlPlane: true\n"

  @Test func namedEnvFilesReplaceTheDefaults() throws {
    let root = try ScratchTree.make([
      ".talint.yaml": "talhelper-env-files: [env/prod.yaml]\n",
      "talos/talconfig.yaml": Self.talconfig,
      "talos/talenv.yaml": "TV: v1.13.0\n",
      "env/prod.yaml": "TV: v1.11.0\n",
    ])
    let config = try Subprocess.run(Paths.binary, ["config", "talos/talconfig.yaml"], directory: root)
    #expect(config.status == 0, "\(config.stderr)")
    #expect(config.stdout.contains("talos-version: \"1.11\""), "\(config.stdout)")
    #expect(config.stdout.contains("env/prod.yaml's value for talosVersion at line 2"), "\(config.stdout)")
    #expect(config.stdout.contains("talhelper-env-files: [\"env/prod.yaml\"]"), "\(config.stdout)")
  }

  @Test func withoutThemTheTalenvBesideTheTalconfigCounts() throws {
    let root = try ScratchTree.make(["talos/talconfig.yaml": Self.talconfig, "talos/talenv.yaml": "TV: v1.13.0\n"])
    let config = try Subprocess.run(Paths.binary, ["config", "talos/talconfig.yaml"], directory: root)
    #expect(config.stdout.contains("talos-version: \"1.13\""), "\(config.stdout)")
  }

  /// A talenv.yaml that is a link out of the project is not read: its value never decides.
  @Test func aTalenvLinkedOutOfTheProjectIsNotRead() throws {
    let outside = try ScratchTree.make(["talenv.yaml": "TV: v1.11.0\n"])
    let root = try ScratchTree.make(["repo/.git/": "", "repo/talos/talconfig.yaml": Self.talconfig])
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/talos/talenv.yaml", withDestinationPath: outside + "/talenv.yaml")
    let config = try Subprocess.run(Paths.binary, ["config", "talos/talconfig.yaml"], directory: root + "/repo")
    #expect(config.status == 0, "\(config.stderr)")
    #expect(!config.stdout.contains("talos-version: \"1.11\""), "\(config.stdout)")
    #expect(config.stdout.contains("the newest release talint knows"), "\(config.stdout)")
  }

  @Test func anEnvFileOutsideTheProjectIsAConfigurationError() throws {
    let root = try ScratchTree.make([".talint.yaml": "talhelper-env-files: [../../etc/passwd]\n", "talconfig.yaml": Self.talconfig])
    let lint = try Subprocess.run(Paths.binary, ["lint", "."], directory: root)
    #expect(lint.status == 64, "\(lint.stdout)\(lint.stderr)")
    #expect(lint.stderr.contains("outside"), "\(lint.stderr)")
  }

  /// A talenv.yaml shaped like a talconfig (the values a Jinja or Terraform template renders a
  /// talconfig from) is read by talhelper for variables only: no talconfig, no machines.
  @Test func aTalenvShapedLikeATalconfigIsNoTalconfig() throws {
    let root = try ScratchTree.make([
      "repo/.git/": "", "repo/clusters/a/talenv.yaml": Self.talconfig,
      "repo/terraform/talenv.yaml.tpl": "clusterName: ${name}\nnodes:\n  - hostname: ${host}\n",
    ]) + "/repo"
    let files = try Subprocess.run(Paths.binary, ["files", "."], directory: root)
    #expect(files.stdout.contains("./clusters/a/talenv.yaml: skipped: a talhelper environment file"), "\(files.stdout)")
    #expect(files.stdout.contains("./terraform/talenv.yaml.tpl: skipped: a talhelper environment file"), "\(files.stdout)")
    let lint = try Subprocess.run(Paths.binary, ["lint", "."], directory: root)
    #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    #expect(!lint.stderr.contains("machine"), "\(lint.stderr)")
  }
}
