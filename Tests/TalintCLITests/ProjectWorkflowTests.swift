import Foundation
import TalintTestSupport
import Testing

/// Configuration discovery, exclusion, .gitignore, thresholds and baselines, in throwaway
/// repositories under /tmp.
@Suite struct ProjectWorkflowTests {
  let weak = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n"

  func workspace(_ files: [String: String], gitInit: Bool = false) throws -> String {
    try ScratchTree.make(files, gitInit: gitInit)
  }

  func talint(_ arguments: [String], in directory: String, stdin: String? = nil) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, stdin: stdin.map { Array($0.utf8) }, directory: directory)
  }

  @Test func configIsFoundWalkingUpAndStopsAtTheRepositoryRoot() throws {
    let root = try workspace([
      ".talint.yaml": "ignore: [TAL2]\n",  // outside the repository: must not apply
      "repo/.git/": "",
      "repo/.talint.yaml": "ignore: [kspp-sysctl-weakened]\n",
      "repo/talos/nodes/patch.yaml": weak,
    ])
    let quiet = try talint(["lint", "talos/nodes/patch.yaml"], in: root + "/repo")
    #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    try FileManager.default.removeItem(atPath: root + "/repo/.talint.yaml")
    let loud = try talint(["lint", "talos/nodes/patch.yaml"], in: root + "/repo")
    #expect(loud.status == 1)
    #expect(loud.stdout.contains("[TAL201]"))
  }

  @Test func commandLineWinsOverTheFile() throws {
    let root = try workspace(["repo/.git/": "", "repo/.talint.yaml": "ignore: [TAL201]\nfail-on: never\n", "repo/patch.yaml": weak])
    let output = try talint(["lint", "--ignore", "TAL7", "--fail-on", "warning", "patch.yaml"], in: root + "/repo")
    #expect(output.status == 1)
    #expect(output.stdout.contains("[TAL201]"))
    let selected = try talint(["lint", "--select", "TAL1", "patch.yaml"], in: root + "/repo")
    #expect(selected.status == 0 && selected.stdout.isEmpty)
  }

  @Test func excludeSkipsWalkedFilesButNotExplicitOnesUnlessForced() throws {
    let root = try workspace([
      "repo/.git/": "", "repo/.talint.yaml": "exclude: [\"generated/**\"]\n", "repo/generated/out.yaml": weak,
      "repo/talos/ok.yaml": "version: v1alpha1\ndebug: false\n",
    ])
    let walked = try talint(["lint", "."], in: root + "/repo")
    #expect(walked.status == 0, "\(walked.stdout)")
    #expect(walked.stderr.contains("in 1 file"))
    let explicit = try talint(["lint", "generated/out.yaml"], in: root + "/repo")
    #expect(explicit.status == 1)
    let forced = try talint(["lint", "--force-exclude", "generated/out.yaml"], in: root + "/repo")
    #expect(forced.status == 0 && forced.stdout.isEmpty)
  }

  @Test(.enabled(if: Subprocess.which("git") != nil, "skipped: git is not installed"))
  func gitignoredFilesAreSkippedInWalks() throws {
    let root = try workspace(["repo/.gitignore": "rendered/\n", "repo/rendered/node.yaml": weak, "repo/src/patch.yaml": "version: v1alpha1\ndebug: false\n"], gitInit: true)
    let walked = try talint(["lint", "."], in: root + "/repo")
    #expect(walked.status == 0)
    #expect(walked.stderr.contains("in 1 file"))
    #expect(try talint(["lint", "rendered/node.yaml"], in: root + "/repo").status == 1)
  }

  @Test func unusableConfigExits64WithAPosition() throws {
    let root = try workspace(["repo/.git/": "", "repo/.talint.yaml": "fail-on: sometimes\n", "repo/patch.yaml": weak])
    let output = try talint(["lint", "patch.yaml"], in: root + "/repo")
    #expect(output.status == 64)
    #expect(output.stderr.contains(".talint.yaml:1:10: error: fail-on must be one of error, warning, info, never"))
    let warning = try workspace(["repo/.git/": "", "repo/.talint.yaml": "ignroe: [TAL201]\n", "repo/patch.yaml": weak])
    let warned = try talint(["lint", "patch.yaml"], in: warning + "/repo")
    #expect(warned.status == 1)
    #expect(warned.stderr.contains("warning: unknown setting 'ignroe'; did you mean 'ignore'?"))
  }

  /// Every file of a walk asks for its configuration: an unusable one is said once, not once
  /// per file (it was said 13 times for a folder of 11 files).
  @Test func anUnusableConfigIsSaidOnceForAWholeWalk() throws {
    let root = try workspace([
      "repo/.git/": "", "repo/.talint.yaml": "fail-on: sometimes\n", "repo/a.yaml": weak, "repo/b.yaml": weak, "repo/sub/c.yaml": weak,
    ])
    for command in [["lint", "."], ["files", "."], ["config", "."], ["report", "."], ["render", "--patch", "a.yaml"], ["render", "--machine", "cp1"]] {
      let output = try talint(command, in: root + "/repo")
      #expect(output.status == 64, "\(command)")
      let said = output.stderr.components(separatedBy: "fail-on must be one of").count - 1
      #expect(said == 1, "\(command): \(output.stderr)")
    }
  }

  @Test func explicitConfigAndShowConfig() throws {
    let root = try workspace([
      "repo/.git/": "", "ci.yaml": "talos-version: \"1.12\"\nnetworks:\n  admin: [10.10.0.0/24]\n", "repo/patch.yaml": weak,
    ])
    let shown = try talint(["config", "--config", root + "/ci.yaml", "patch.yaml"], in: root + "/repo")
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("talos-version: \"1.12\""))
    #expect(shown.stdout.contains("admin: [\"10.10.0.0/24\"]"))
    let flag = try talint(["lint", "--show-config", "--config", root + "/ci.yaml", "patch.yaml"], in: root + "/repo")
    #expect(flag.stdout == shown.stdout)
    let linted = try talint(["lint", "--config", root + "/ci.yaml", "patch.yaml"], in: root + "/repo")
    #expect(linted.stdout.contains("default 2 (Talos 1.12)"))
  }

  @Test func standardInputFindsTheConfigOfItsName() throws {
    let root = try workspace(["repo/.git/": "", "repo/talos/.talint.yaml": "ignore: [TAL201]\n"])
    let output = try talint(["lint", "-", "--stdin-filename", "talos/patch.yaml"], in: root + "/repo", stdin: weak)
    #expect(output.status == 0 && output.stdout.isEmpty)
  }

  @Test func suppressionPolicyFromTheConfig() throws {
    let root = try workspace([
      "repo/.git/": "", "repo/.talint.yaml": "require-reason: true\nunsuppressible: [TAL201]\n",
      "repo/patch.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\" # talint: ignore[TAL201] -- please\n  install:\n    extraKernelArgs: [mitigations=off] # talint: ignore[TAL102]\n",
    ])
    let output = try talint(["lint", "patch.yaml"], in: root + "/repo")
    #expect(output.stdout.contains("[TAL201]"))
    #expect(output.stdout.contains("TAL201 is unsuppressible in this project's configuration [TAL005]"))
    #expect(output.stdout.contains("suppression gives no reason; add ` -- why` (require-reason is on) [TAL006]"))
    #expect(!output.stdout.contains("[TAL102]"))
  }

  @Test func baselineHidesTodaysFindingsAcrossEdits() throws {
    let root = try workspace(["repo/.git/": "", "repo/patch.yaml": weak + "  install:\n    extraKernelArgs: [mitigations=off]\n"])
    let repo = root + "/repo"
    let written = try talint(["lint", "--write-baseline", "talint-baseline.json", "patch.yaml"], in: repo)
    #expect(written.status == 0)
    let baseline = String(decoding: Paths.read(repo + "/talint-baseline.json"), as: UTF8.self)
    #expect(baseline.contains("\"rule\" : \"TAL201\"") && baseline.contains("\"keyPath\" : \"machine.sysctls.kernel.kptr_restrict\""))
    #expect(!baseline.contains("\"line\""))

    let clean = try talint(["lint", "--baseline", "talint-baseline.json", "patch.yaml"], in: repo)
    #expect(clean.status == 0 && clean.stdout.isEmpty)
    #expect(clean.stderr.contains("2 suppressed"))

    // Lines added above the findings do not break the match.
    try ("# a new comment\ncluster:\n  clusterName: home\n" + weak + "  install:\n    extraKernelArgs: [mitigations=off]\n").write(toFile: repo + "/patch.yaml", atomically: true, encoding: .utf8)
    #expect(try talint(["lint", "--baseline", "talint-baseline.json", "patch.yaml"], in: repo).status == 0)

    // A changed value is a new finding, and its old entry goes stale.
    try (weak.replacingOccurrences(of: "\"0\"", with: "\"1\"") + "  install:\n    extraKernelArgs: [mitigations=off]\n").write(toFile: repo + "/patch.yaml", atomically: true, encoding: .utf8)
    let changed = try talint(["lint", "--baseline", "talint-baseline.json", "patch.yaml"], in: repo)
    #expect(changed.status == 1)
    #expect(changed.stdout.contains("kernel.kptr_restrict=1"))
    #expect(changed.stderr.contains("1 baseline entries no longer match"))

    // Fixed everywhere: stale entries fail only with --strict-baseline.
    try "machine:\n  sysctls: {}\n".write(toFile: repo + "/patch.yaml", atomically: true, encoding: .utf8)
    #expect(try talint(["lint", "--baseline", "talint-baseline.json", "patch.yaml"], in: repo).status == 0)
    #expect(try talint(["lint", "--strict-baseline", "--baseline", "talint-baseline.json", "patch.yaml"], in: repo).status == 1)
  }
}
