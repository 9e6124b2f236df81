import Foundation
import TalintTestSupport
import Testing

/// A pull request names files outside its tree — talconfig `@file` patches, Omni `file:`,
/// `.talint.yaml` machines and baseline, symbolic links — and talint reads none of them: each
/// reference is a finding at the line that writes it, and the content of the file it names
/// (a canary file beside the repository, the process environment) appears in no output.
@Suite struct UntrustedReferenceTests {
  /// Written in the file outside the repository, where every output would show it if it were
  /// read: a hostname `render` prints and a weakened sysctl whose line `pretty` shows.
  static let fileCanary = "canary-file-\(UUID().uuidString.prefix(8))"
  /// In talint's environment, which `/proc/self/environ` holds.
  static let environmentCanary = "canary-env-\(UUID().uuidString.prefix(8))"

  static let outside = """
    machine:
      network:
        hostname: \(fileCanary)
      sysctls:
        kernel.kptr_restrict: "0" # \(fileCanary)

    """

  static let talconfig = """
    clusterName: c
    talosVersion: v1.12.0
    nodes:
      - hostname: n1
        controlPlane: true
    patches:
      - "@/proc/self/environ"
      - "@../../outside/secret.yaml"
      - "@./patches/link.yaml"
      - "@/proc/self/pagemap"
      - "@./patches"

    """

  static let omni = """
    kind: Cluster
    name: c
    talos:
      version: v1.12.0
    patches:
      - name: evil
        file: ../../outside/secret.yaml
    ---
    kind: ControlPlane
    machines: [m1]

    """

  /// `root/outside/secret.yaml` and `root/repo`, a repository (a `.git` folder) whose
  /// talconfig and Omni template name it, directly and through a symbolic link.
  func workspace(_ extra: [String: String] = [:]) throws -> String {
    let root = try ScratchTree.make(
      ["outside/secret.yaml": Self.outside, "repo/.git/": "", "repo/talos/talconfig.yaml": Self.talconfig, "repo/talos/patches/": "",
        "repo/omni/cluster.yaml": Self.omni]
        .merging(extra) { _, new in new })
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/talos/patches/link.yaml", withDestinationPath: "../../../outside/secret.yaml")
    return root
  }

  /// talint run in `directory` with the environment canary set.
  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run("/usr/bin/env", ["TALINT_TEST_CANARY=\(Self.environmentCanary)", Paths.binary] + arguments, directory: directory, timeout: 60)
  }

  func expectNoCanary(_ output: ProcessOutput, _ what: String) {
    for canary in [Self.fileCanary, Self.environmentCanary] {
      #expect(!output.stdout.contains(canary), "\(what): the canary is in standard output")
      #expect(!output.stderr.contains(canary), "\(what): the canary is in standard error")
    }
  }

  @Test(arguments: ["text", "pretty", "json", "sarif", "github", "junit", "checkstyle", "gitlab"])
  func carrierReferencesOutsideAreNotRead(format: String) throws {
    let repo = try workspace() + "/repo"
    let output = try talint(["lint", "--format", format, "talos", "omni"], in: repo)
    expectNoCanary(output, format)
    #expect(!output.signaled && output.seconds < 30)
  }

  @Test func eachReferenceIsAFindingWhereItIsWritten() throws {
    let repo = try workspace() + "/repo"
    let output = try talint(["lint", "talos", "omni"], in: repo)
    expectNoCanary(output, "text")
    let lines = output.stdout.split(separator: "\n").map(String.init)
    for expected in [
      "talos/talconfig.yaml:7:5: error: '@/proc/self/environ' is outside the repository: not read [TAL003]",
      "talos/talconfig.yaml:8:5: error: '@../../outside/secret.yaml' is outside the repository: not read [TAL003]",
      "talos/talconfig.yaml:9:5: error: '@./patches/link.yaml' leads outside the repository through a symbolic link: not read [TAL003]",
      "talos/talconfig.yaml:10:5: error: '@/proc/self/pagemap' is outside the repository: not read [TAL003]",
      "talos/talconfig.yaml:11:5: error: '@./patches' is not a regular file: not read [TAL003]",
      "omni/cluster.yaml:7:11: error: '../../outside/secret.yaml' is outside the repository: not read [TAL003]",
    ] {
      #expect(lines.contains(expected), "missing: \(expected)\n\(output.stdout)")
    }
    // Nothing is reported in a file outside the repository, nor in the link's target.
    #expect(!lines.contains { $0.hasPrefix("/") || $0.hasPrefix("../") }, "\(output.stdout)")
    #expect(!lines.contains { $0.hasPrefix("talos/patches/link.yaml") }, "\(output.stdout)")
    #expect(output.stderr.contains("talos/patches/link.yaml leads outside the repository through a symbolic link: not read"), "\(output.stderr)")
    #expect(output.status == 2)
  }

  @Test func renderPrintsNothingFromOutside() throws {
    let repo = try workspace() + "/repo"
    for machine in ["n1", "control-plane"] {
      let output = try talint(["render", "--machine", machine, "talos", "omni"], in: repo)
      expectNoCanary(output, "render \(machine)")
      #expect(output.stdout.contains("# machine \(machine)"), "\(output.stdout)\(output.stderr)")
    }
  }

  /// A reference inside the repository is read as before.
  @Test func referencesInsideAreRead() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "", "repo/talos/talconfig.yaml": "clusterName: c\ntalosVersion: v1.12.0\nnodes: [{hostname: n1}]\npatches:\n  - \"@../common/a.yaml\"\n",
      "repo/common/a.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n",
    ]) + "/repo"
    let output = try talint(["lint", "talos"], in: repo)
    #expect(output.stdout.hasPrefix("common/a.yaml:3:27: warning:"), "\(output.stdout)\(output.stderr)")
  }

  @Test(arguments: [
    ("machines:\n  cp:\n    type: controlplane\n    patches: [../outside/secret.yaml]\n", "4:15", "'../outside/secret.yaml' is outside the repository"),
    ("machines:\n  cp:\n    type: controlplane\n    base: /proc/self/environ\n", "4:11", "'/proc/self/environ' is outside the repository"),
    ("machines:\n  cp:\n    type: controlplane\n    patches:\n      - link.yaml\n", "5:9", "'link.yaml' leads outside the repository through a symbolic link"),
    ("baseline: ../outside/secret.yaml\n", "1:11", "'../outside/secret.yaml' is outside the repository"),
  ])
  func projectConfigurationPathsOutsideAreRefused(config: String, position: String, message: String) throws {
    let root = try workspace(["repo/.talint.yaml": config])
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/link.yaml", withDestinationPath: "../outside/secret.yaml")
    let repo = root + "/repo"
    for arguments in [["lint", "--format", "pretty", "talos"], ["render", "--machine", "cp", "talos"], ["config", "talos"]] {
      let output = try talint(arguments, in: repo)
      expectNoCanary(output, arguments.joined(separator: " "))
      #expect(output.status == 64, "\(arguments): \(output.stdout)\(output.stderr)")
      #expect(output.stderr.contains(".talint.yaml:\(position): error: \(message): not read"), "\(arguments): \(output.stderr)")
    }
  }

  /// A `.talint.yaml` found in the tree that links out of it is not read (its keys would be
  /// named in "unknown setting" warnings).
  @Test func aConfigurationThatLinksOutIsNotRead() throws {
    let root = try workspace()
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/.talint.yaml", withDestinationPath: "../outside/secret.yaml")
    let output = try talint(["lint", "talos"], in: root + "/repo")
    expectNoCanary(output, "lint")
    #expect(output.status == 64)
    #expect(output.stderr.contains(".talint.yaml:1:1: error: .talint.yaml leads outside the repository through a symbolic link: not read"), "\(output.stderr)")
    #expect(!output.stderr.contains("unknown setting"), "\(output.stderr)")
  }

  /// Paths typed on the command line are the user's to choose.
  @Test func pathsOnTheCommandLineAreRead() throws {
    let root = try workspace()
    let output = try talint(["lint", "../outside/secret.yaml"], in: root + "/repo")
    #expect(output.stdout.hasPrefix("../outside/secret.yaml:5:27: warning:"), "\(output.stdout)")
  }

  /// Without a repository, `.talint.yaml` is looked for no higher than the working directory:
  /// one in a folder above it (another project, or someone else's) does not apply.
  @Test func configurationDiscoveryStopsAtTheProject() throws {
    let root = try ScratchTree.make([".talint.yaml": "ignore: [TAL201]\n", "project/a.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n"])
    let output = try talint(["lint", "a.yaml"], in: root + "/project")
    #expect(output.stdout.contains("[TAL201]"), "\(output.stdout)\(output.stderr)")
    let shown = try talint(["config", "a.yaml"], in: root + "/project")
    #expect(shown.stdout.contains("config: null"), "\(shown.stdout)")
  }

  /// A directory walk does not follow a link out of the repository, to a file or a folder.
  @Test func walksDoNotFollowLinksOut() throws {
    let root = try ScratchTree.make(["outside/secret.yaml": Self.outside, "outside/folder/b.yaml": Self.outside, "repo/.git/": "", "repo/talos/ok.yaml": "debug: false\n"])
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/talos/a.yaml", withDestinationPath: "../../outside/secret.yaml")
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/talos/env.yaml", withDestinationPath: "/proc/self/environ")
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/talos/folder", withDestinationPath: "../../outside/folder")
    try FileManager.default.createSymbolicLink(atPath: root + "/repo/talos/inside.yaml", withDestinationPath: "ok.yaml")
    for format in ["text", "pretty", "json"] {
      let output = try talint(["lint", "--format", format, "talos"], in: root + "/repo")
      expectNoCanary(output, format)
      #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }
    let output = try talint(["lint", "--format", "json", "talos"], in: root + "/repo")
    #expect(output.stdout.contains("\"talos/inside.yaml\""), "a link inside the repository is followed: \(output.stdout)")
  }
}
