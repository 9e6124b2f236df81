import Foundation
import TalintTestSupport
import Testing

/// Baselines that travel: paths relative to the baseline's folder, the same matches from any
/// working directory, files that could not be linted never hidden, stale entries named.
@Suite struct BaselineTests {
  let weak = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n    kernel.dmesg_restrict: \"0\"\n"

  func talint(_ arguments: [String], in directory: String) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, directory: directory)
  }

  func repository() throws -> String {
    try ScratchTree.make(["repo/.git/": "", "repo/talos/nodes/cp.yaml": weak, "repo/talos/broken.yaml": "machine: {type: [\n"]) + "/repo"
  }

  @Test func entriesAreRelativeToTheBaselineFolderAndMatchFromAnywhere() throws {
    let repo = try repository()
    let written = try talint(["lint", "--write-baseline", ".talint-baseline.json", "talos/nodes"], in: repo)
    #expect(written.status == 0)
    let recorded = String(decoding: Paths.read(repo + "/.talint-baseline.json"), as: UTF8.self)
    #expect(recorded.contains("\"file\" : \"talos/nodes/cp.yaml\""), "\(recorded)")

    let fromSubfolder = try talint(["lint", "--baseline", "../.talint-baseline.json", "nodes"], in: repo + "/talos")
    #expect(fromSubfolder.status == 0 && fromSubfolder.stdout.isEmpty, "\(fromSubfolder.stdout)")
    #expect(fromSubfolder.stderr.contains("2 suppressed"))
    let absolute = try talint(["lint", "--baseline", repo + "/.talint-baseline.json", repo + "/talos/nodes/cp.yaml"], in: "/")
    #expect(absolute.status == 0 && absolute.stdout.isEmpty, "\(absolute.stdout)")
    // Written from a subfolder, into another folder: still relative to where the baseline is.
    let elsewhere = try talint(["lint", "--write-baseline", "../ci/baseline.json", "nodes/cp.yaml"], in: repo + "/talos")
    #expect(elsewhere.status == 0)
    let second = String(decoding: Paths.read(repo + "/ci/baseline.json"), as: UTF8.self)
    #expect(second.contains("\"file\" : \"../talos/nodes/cp.yaml\""), "\(second)")
    #expect(try talint(["lint", "--baseline", "ci/baseline.json", "talos/nodes"], in: repo).status == 0)
  }

  @Test func aFileThatCannotBeLintedIsNeverHidden() throws {
    let repo = try repository()
    let written = try talint(["lint", "--write-baseline", "baseline.json", "talos"], in: repo)
    #expect(written.status == 2)
    let recorded = String(decoding: Paths.read(repo + "/baseline.json"), as: UTF8.self)
    #expect(!recorded.contains("TAL001"))
    let linted = try talint(["lint", "--baseline", "baseline.json", "talos"], in: repo)
    #expect(linted.status == 2)
    #expect(linted.stdout.contains("talos/broken.yaml:2:1: error:"), "\(linted.stdout)")
    #expect(linted.stdout.contains("[TAL001]"))
    #expect(!linted.stdout.contains("[TAL201]"))
  }

  @Test func strictBaselineNamesEachStaleEntry() throws {
    let repo = try repository()
    _ = try talint(["lint", "--write-baseline", "baseline.json", "talos/nodes"], in: repo)
    try "machine:\n  sysctls:\n    kernel.dmesg_restrict: \"0\"\n".write(toFile: repo + "/talos/nodes/cp.yaml", atomically: true, encoding: .utf8)
    let text = try talint(["lint", "--strict-baseline", "--baseline", "baseline.json", "talos/nodes"], in: repo)
    #expect(text.status == 1)
    #expect(text.stderr.contains("talint: stale baseline entry: talos/nodes/cp.yaml: TAL201 at machine.sysctls.kernel.kptr_restrict (in baseline.json) matches no finding"), "\(text.stderr)")
    #expect(!text.stderr.contains("kernel.dmesg_restrict (in"))

    let json = try talint(["lint", "--format", "json", "--strict-baseline", "--baseline", "baseline.json", "talos/nodes"], in: repo)
    let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let stale = try #require(document?["staleBaselineEntries"] as? [[String: String]])
    #expect(stale == [["baseline": "baseline.json", "file": "talos/nodes/cp.yaml", "ruleId": "TAL201", "keyPath": "machine.sysctls.kernel.kptr_restrict"]])

    let sarif = try talint(["lint", "--format", "sarif", "--strict-baseline", "--baseline", "baseline.json", "talos/nodes"], in: repo)
    let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
    let run = try #require((log?["runs"] as? [[String: Any]])?.first)
    let notifications = try #require((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]])
    #expect(notifications.count == 1)
    let message = (notifications.first?["message"] as? [String: String])?["text"] ?? ""
    #expect(message.contains("TAL201 at machine.sysctls.kernel.kptr_restrict"), "\(message)")

    // Entries for files this run did not lint are not stale (pre-commit lints a few files).
    try Data().write(to: URL(fileURLWithPath: repo + "/talos/other.yaml"))
    let partial = try talint(["lint", "--strict-baseline", "--baseline", "baseline.json", "talos/other.yaml"], in: repo)
    #expect(partial.status == 0, "\(partial.stderr)")
  }

  @Test func strictBaselineWithoutABaselineIsAUsageError() throws {
    let repo = try repository()
    let output = try talint(["lint", "--strict-baseline", "talos/nodes"], in: repo)
    #expect(output.status == 64)
    #expect(output.stderr.contains("--strict-baseline needs a baseline"))
    #expect(!output.stderr.contains("Usage:"))
  }

  @Test func theProjectConfigNamesTheBaseline() throws {
    let repo = try repository()
    _ = try talint(["lint", "--write-baseline", "ci/talint-baseline.json", "talos/nodes"], in: repo)
    try "baseline: ci/talint-baseline.json\n".write(toFile: repo + "/.talint.yaml", atomically: true, encoding: .utf8)
    let hidden = try talint(["lint", "nodes/cp.yaml"], in: repo + "/talos")
    #expect(hidden.status == 0 && hidden.stdout.isEmpty, "\(hidden.stdout)\(hidden.stderr)")
    #expect(hidden.stderr.contains("2 suppressed"))
    try "machine:\n  sysctls:\n    kernel.dmesg_restrict: \"0\"\n".write(toFile: repo + "/talos/nodes/cp.yaml", atomically: true, encoding: .utf8)
    let strict = try talint(["lint", "--strict-baseline", "talos/nodes/cp.yaml"], in: repo)
    #expect(strict.status == 1)
    #expect(strict.stderr.contains("TAL201 at machine.sysctls.kernel.kptr_restrict"))
    let missing = try ScratchTree.make(["repo/.git/": "", "repo/.talint.yaml": "baseline: nowhere.json\n", "repo/a.yaml": weak]) + "/repo"
    let unreadable = try talint(["lint", "a.yaml"], in: missing)
    #expect(unreadable.status == 64)
    #expect(unreadable.stderr.contains("cannot read baseline"))
    #expect(!unreadable.stderr.contains("Usage:"))
  }
}
