import Foundation
import TalintTestSupport
import Testing

/// The config each machine runs: findings at the line that decides, naming the machines; an
/// undone weakening silent; a node that overrides its group's patches not named for them;
/// `talint render` for talconfigs, Omni templates, `.talint.yaml` machines and `--base/--patch`.
@Suite struct MachineCLITests {
  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: directory)
  }

  let talconfig = """
    clusterName: home
    talosVersion: v1.13.0
    endpoint: https://10.0.0.1:6443
    worker:
      patches:
        - |-
          machine:
            sysctls:
              kernel.kptr_restrict: "1"
    nodes:
      - hostname: w1
        ipAddress: 10.0.0.21
      - hostname: w2
        ipAddress: 10.0.0.22
        overridePatches: true
        patches:
          - "@./patches/w2.yaml"
      - hostname: w3
        ipAddress: 10.0.0.23
        patches:
          - |-
            machine:
              sysctls:
                kernel.kptr_restrict: "2"

    """

  func repository() throws -> String {
    try ScratchTree.make([
      "repo/.git/": "",
      "repo/talos/talconfig.yaml": talconfig,
      "repo/talos/patches/w2.yaml": "machine:\n  sysctls:\n    kernel.dmesg_restrict: \"0\" # talint: ignore[TAL201] -- w2 runs a kernel debugger\n",
    ]) + "/repo"
  }

  @Test func findingsNameTheMachinesTheyReach() throws {
    let repo = try repository()
    let output = try talint(["lint", "--format", "json", "talos"], in: repo)
    let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    let diagnostics = try #require(document?["diagnostics"] as? [[String: Any]])
    let visible = diagnostics.filter { ($0["suppressed"] as? Bool) == false }
    #expect(visible.count == 1, "\(visible)")
    let finding = try #require(visible.first)
    // Group patch: w1 applies it; w2 overrides the group's patches; w3 restores the default.
    #expect(finding["file"] as? String == "talos/talconfig.yaml")
    #expect(finding["startLine"] as? Int == 9)
    #expect(finding["machines"] as? [String] == ["w1"])
    #expect((finding["message"] as? String)?.hasSuffix("(machine: w1)") == true)
    // The suppression in w2's patch silences the finding on w2's merged config.
    let suppressed = diagnostics.filter { ($0["suppressed"] as? Bool) == true }
    #expect(suppressed.count == 1)
    #expect(suppressed.first?["machines"] as? [String] == ["w2"])

    let sarif = try talint(["lint", "--format", "sarif", "talos"], in: repo)
    #expect(sarif.stdout.contains("\"machines\" : [\n              \"w1\"\n            ]"), "\(sarif.stdout)")
  }

  /// A patch given on standard input is judged as stdin holds it, also when the talconfig that
  /// uses it names the release and the patch is analyzed again (that read stdin a second time,
  /// found it empty and reported nothing).
  @Test func aPatchOnStandardInputIsJudgedAsItHoldsIt() throws {
    let repo = try repository()
    let weakened = "machine:\n  sysctls:\n    kernel.dmesg_restrict: \"0\"\n"
    let output = try Subprocess.run(
      Paths.binary, ["lint", "talos/talconfig.yaml", "-", "--stdin-filename", "talos/patches/w2.yaml"], stdin: Array(weakened.utf8),
      directory: repo)
    #expect(output.status == 1, "\(output.stderr)")
    #expect(
      output.stdout.contains(
        "talos/patches/w2.yaml:3:28: warning: kernel.dmesg_restrict=0 weakens Talos's KSPP default 1 (Talos 1.13); remove the override (machine: w2) [TAL201]"
      ), "\(output.stdout)")
  }

  /// A patch that names its own release, read before its talconfig (folder order), is finished
  /// as soon as it is read; it is read again once the talconfig names it, so its finding still
  /// names the machines and is reported once.
  @Test func aPatchReadBeforeItsTalconfigIsJudgedOnItsMachines() throws {
    let repo = try repository()
    try "# talint: talos-version=1.13\nmachine:\n  sysctls:\n    kernel.dmesg_restrict: \"0\"\n".write(
      toFile: repo + "/talos/patches/w2.yaml", atomically: true, encoding: .utf8)
    let output = try talint(["lint", "talos"], in: repo)
    #expect(output.status == 1, "\(output.stderr)")
    let lines = output.stdout.split(separator: "\n").filter { $0.hasPrefix("talos/patches/w2.yaml") }
    #expect(
      lines == [
        "talos/patches/w2.yaml:4:28: warning: kernel.dmesg_restrict=0 weakens Talos's KSPP default 1 (Talos 1.13); remove the override (machine: w2) [TAL201]"
      ], "\(output.stdout)")
  }

  @Test func aBaselineHoldsMachineFindings() throws {
    let repo = try repository()
    #expect(try talint(["lint", "--write-baseline", "baseline.json", "talos"], in: repo).status == 0)
    let applied = try talint(["lint", "--strict-baseline", "--baseline", "baseline.json", "talos"], in: repo)
    #expect(applied.status == 0 && applied.stdout.isEmpty, "\(applied.stdout)\(applied.stderr)")
  }

  @Test func renderShowsWhereEachValueWasSet() throws {
    let repo = try repository()
    let w1 = try talint(["render", "--machine", "w1", "talos"], in: repo)
    #expect(w1.status == 0, "\(w1.stderr)")
    #expect(w1.stdout.hasPrefix("# machine w1 (worker), Talos 1.13 (talosVersion at line 2 of talos/talconfig.yaml)\n"))
    #expect(w1.stdout.contains("    kernel.kptr_restrict: \"1\"  # from talos/talconfig.yaml:9\n"))
    #expect(w1.stdout.contains("  type: worker  # from talosctl gen config (Talos 1.13, worker)\n"))
    #expect(w1.stdout.contains("  token: \"******\""))  // never a secret, even a generated one
    let w2 = try talint(["render", "--machine", "w2", "talos"], in: repo)
    #expect(w2.stdout.contains("kernel.dmesg_restrict: \"0\"  # from talos/patches/w2.yaml:3"))
    #expect(!w2.stdout.contains("kptr_restrict"))
    let missing = try talint(["render", "--machine", "w9", "talos"], in: repo)
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("no machine 'w9'; did you mean 'w1'?"))
  }

  @Test func renderOmniAndProjectMachines() throws {
    let repo = try ScratchTree.make([
      "repo/.git/": "",
      "repo/omni/cluster.yaml": "kind: Cluster\nname: c\ntalos:\n  version: v1.14.0\npatches:\n  - name: dmesg\n    inline:\n      machine:\n        sysctls:\n          kernel.dmesg_restrict: \"0\"\n---\nkind: ControlPlane\nmachines: [m1]\n",
      "repo/.talint.yaml": "machines:\n  gw: {type: worker, talos-version: \"1.12\", patches: [patches/gw.yaml]}\n",
      "repo/patches/gw.yaml": "machine:\n  sysctls:\n    net.ipv4.conf.all.send_redirects: \"1\"\n",
    ]) + "/repo"
    let omni = try talint(["render", "--machine", "control-plane", "omni"], in: repo)
    #expect(omni.status == 0, "\(omni.stderr)")
    #expect(omni.stdout.contains("kernel.dmesg_restrict: \"0\"  # from omni/cluster.yaml:10"), "\(omni.stdout)")
    #expect(omni.stdout.contains("kind: KubeAPIServerConfig"))  // the 1.14 base is multi-document
    let gw = try talint(["render", "--machine", "gw"], in: repo)
    #expect(gw.stdout.contains("net.ipv4.conf.all.send_redirects: \"1\"  # from patches/gw.yaml:3"), "\(gw.stdout)\(gw.stderr)")
    let lint = try talint(["lint", "."], in: repo)
    #expect(lint.stdout.contains("./omni/cluster.yaml:10:34: warning: kernel.dmesg_restrict=0"), "\(lint.stdout)")
    #expect(lint.stdout.contains("(machine: control-plane) [TAL201]"))
    #expect(lint.stdout.contains("./patches/gw.yaml:3:39: warning: net.ipv4.conf.all.send_redirects=1 weakens network hardening; remove the override (machine: gw) [TAL202]"), "\(lint.stdout)")
  }

  @Test func renderBaseAndPatchesAndTalosErrors() throws {
    let repo = try ScratchTree.make([
      "repo/base.yaml": "version: v1alpha1\nmachine:\n  type: worker\n  network:\n    hostname: n1\n",
      "repo/a.yaml": "machine:\n  network:\n    hostname:\n      $patch: delete\n",
      "repo/b.yaml": "machine:\n  install:\n    image:\n      $patch: delete\n",
    ]) + "/repo"
    let merged = try talint(["render", "--base", "base.yaml", "--patch", "a.yaml"], in: repo)
    #expect(merged.status == 0)
    #expect(merged.stdout.hasPrefix("# machine base.yaml (worker), "))
    #expect(merged.stdout.contains("  type: worker  # from base.yaml:3\n"))
    #expect(merged.stdout.contains("# deleted machine.network.hostname from a.yaml:4\n"))
    #expect(!merged.stdout.contains("hostname: n1"))
    let refused = try talint(["render", "--base", "base.yaml", "--patch", "a.yaml", "--patch", "b.yaml"], in: repo)
    #expect(refused.status == 2)
    // `machine.install` is not there to delete from: Talos's error, where the deletion is written.
    #expect(refused.stderr.contains("b.yaml:4:7: error: Talos would refuse this patch: patch delete: path 'machine.install.image' in document '/v1alpha1': failed to delete path 'machine.install.image': lookup failed"), "\(refused.stderr)")
  }
}
