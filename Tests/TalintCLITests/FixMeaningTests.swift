import Foundation
import TalintTestSupport
import Testing

/// `--fix` and `--diff` keep a config's meaning (issue 20 §4): fixes inside talhelper inline
/// patches edit exactly the setting in every string style, and the diff names files from the
/// repository root so `git apply` and `patch -p1` take it.
@Suite struct FixMeaningTests {
  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: directory)
  }

  static let talconfig = """
    clusterName: demo
    talosVersion: v1.10.0
    endpoint: https://10.0.0.1:6443
    nodes:
      - hostname: cp1
        ipAddress: 10.0.0.10
        controlPlane: true
        patches:
          - |
            machine:
              sysctls:
                vm.max_map_count: "262144"
                kernel.kptr_restrict: "0"
          - |-
            machine:
              sysctls:
                kernel.dmesg_restrict: "0"
                vm.swappiness: "10"
          - >
            machine:
              sysctls:
                kernel.yama.ptrace_scope: "0"

          - "machine:\\n  sysctls:\\n    kernel.kptr_restrict: \\"0\\"\\n    vm.overcommit_memory: \\"1\\"\\n"
          - 'machine: {install: {extraKernelArgs: [-pti, console=ttyS0]}}'
          - |
            cluster:
              apiServer:
                extraArgs:
                  profiling: "true"

    """

  /// Each fix stays inside its patch, at its key: nothing moves to the patch's root, no line
  /// is left holding only the block's indentation.
  static let fixed = """
    clusterName: demo
    talosVersion: v1.10.0
    endpoint: https://10.0.0.1:6443
    nodes:
      - hostname: cp1
        ipAddress: 10.0.0.10
        controlPlane: true
        patches:
          - |
            machine:
              sysctls:
                vm.max_map_count: "262144"
          - |-
            machine:
              sysctls:
                vm.swappiness: "10"
          - >
            machine:
              sysctls:
                {}

          - "machine:\\n  sysctls:\\n    vm.overcommit_memory: \\"1\\"\\n"
          - 'machine: {install: {extraKernelArgs: [console=ttyS0]}}'
          - |
            cluster:
              apiServer:
                extraArgs:
                  profiling: "false"

    """

  @Test func fixesInsideInlinePatchesChangeOnlyTheirSetting() throws {
    let folder = try ScratchTree.make(["talconfig.yaml": Self.talconfig])
    let before = try talint(["render", "--machine", "cp1", "."], in: folder)
    let fix = try talint(["lint", "--fix", "."], in: folder)
    #expect(try String(contentsOfFile: folder + "/talconfig.yaml", encoding: .utf8) == Self.fixed, "\(fix.stderr)")
    #expect(fix.stderr.contains("fixed 6 findings in 1 file"), "\(fix.stderr)")
    // Nothing fixable is left: a clean run, and nothing more to fix.
    let after = try talint(["lint", "."], in: folder)
    #expect(after.status == 0, "\(after.stdout)")
    #expect(try talint(["lint", "--diff", "."], in: folder).stdout.isEmpty)
    // The machine differs from before only at the settings fixed.
    let rendered = try talint(["render", "--machine", "cp1", "."], in: folder)
    let settings = { (text: String) in Set(text.split(separator: "\n").map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }) }
    #expect(settings(before.stdout).subtracting(settings(rendered.stdout)) == [
      "kernel.kptr_restrict: \"0\"", "kernel.dmesg_restrict: \"0\"", "kernel.yama.ptrace_scope: \"0\"", "- \"-pti\"", "profiling: \"true\"",
    ], "\(before.stdout)\n\(rendered.stdout)")
    #expect(settings(rendered.stdout).subtracting(settings(before.stdout)) == ["profiling: \"false\""])
  }

  /// From a subfolder of the repository or its root, the diff names `a/talos/…`, and both
  /// `git apply` and `patch -p1` at the root take it.
  @Test(arguments: ["repo", "repo/talos", "repo/talos/."])
  func diffAppliesFromTheRepositoryRoot(directory: String) throws {
    let git = try #require(Subprocess.which("git"), "git is needed to prove the diff applies")
    let patch = try #require(Subprocess.which("patch"), "patch is needed to prove the diff applies")
    let folder = try ScratchTree.make(["repo/talos/talconfig.yaml": Self.talconfig], gitInit: true)
    let root = folder + "/repo"
    let diff = try talint(["lint", "--diff", "."], in: folder + "/" + directory)
    #expect(diff.status == 1)
    #expect(diff.stdout.hasPrefix("--- a/talos/talconfig.yaml\n+++ b/talos/talconfig.yaml\n"), "\(diff.stdout)")
    let file = ScratchTree.path(".diff")
    try diff.stdout.write(toFile: file, atomically: true, encoding: .utf8)
    let check = try Subprocess.run(git, ["apply", "--check", file], directory: root)
    #expect(check.status == 0, "\(check.stderr)")
    let dryRun = try Subprocess.run(patch, ["-p1", "--dry-run", "-i", file], directory: root)
    #expect(dryRun.status == 0, "\(dryRun.stdout)\(dryRun.stderr)")
    let applied = try Subprocess.run(git, ["apply", file], directory: root)
    #expect(applied.status == 0, "\(applied.stderr)")
    #expect(try String(contentsOfFile: root + "/talos/talconfig.yaml", encoding: .utf8) == Self.fixed)
  }

  /// Outside a repository the name is relative to the working directory, without `./`.
  @Test func diffOutsideARepositoryHasNoDotStep() throws {
    let folder = try ScratchTree.make(["talos/node.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n    vm.x: \"1\"\n"])
    let diff = try talint(["lint", "--diff", "./talos/."], in: folder)
    #expect(diff.stdout.hasPrefix("--- a/talos/node.yaml\n+++ b/talos/node.yaml\n"), "\(diff.stdout)")
  }

  /// A talconfig named alone: the finding in the patch file it names is fixed too, under the
  /// talconfig's release, so "fixed 0 findings" never comes with a fixable finding left.
  @Test func fixReachesThePatchFilesATalconfigNames() throws {
    let talconfig = "clusterName: demo\ntalosVersion: v1.10.0\nendpoint: https://10.0.0.1:6443\nnodes:\n  - hostname: cp1\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    patches:\n      - \"@./patches/sysctls.yaml\"\n"
    let folder = try ScratchTree.make(["talconfig.yaml": talconfig, "patches/sysctls.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n    vm.x: \"1\"\n"])
    let before = try talint(["lint", "talconfig.yaml"], in: folder)
    #expect(before.status == 1 && before.stdout.contains("[TAL201]"), "\(before.stdout)")
    let diff = try talint(["lint", "--diff", "talconfig.yaml"], in: folder)
    #expect(diff.status == 1)
    #expect(diff.stdout.hasPrefix("--- a/patches/sysctls.yaml\n"), "\(diff.stdout)\(diff.stderr)")
    let fix = try talint(["lint", "--fix", "talconfig.yaml"], in: folder)
    #expect(fix.stderr.contains("talint: fixed 1 finding in 1 file"), "\(fix.stderr)")
    #expect(fix.status == 0, "\(fix.stdout)")
    #expect(try String(contentsOfFile: folder + "/patches/sysctls.yaml", encoding: .utf8) == "machine:\n  sysctls:\n    vm.x: \"1\"\n")
  }

  /// In a template, a fix inside an inline patch rewrites no line that holds template syntax
  /// (it would write the masks talint reads expressions as).
  @Test func fixesInATemplatesPatchLeaveExpressionsAlone() throws {
    let text = try String(contentsOfFile: Paths.fixtures + "/templates/talconfig-inline-patch.yaml.j2", encoding: .utf8)
    let folder = try ScratchTree.make(["talconfig.yaml.j2": text])
    let fix = try talint(["lint", "--fix", "."], in: folder)
    #expect(fix.stderr.contains("fixed 1 finding in 1 file"), "\(fix.stderr)")
    #expect(try String(contentsOfFile: folder + "/talconfig.yaml.j2", encoding: .utf8) == text.replacing("            kernel.kptr_restrict: \"0\" # expect: TAL201\n", with: ""))
    #expect(fix.stdout.contains("[TAL308]"), "\(fix.stdout)")
  }
}
