import Foundation
import TalintTestSupport
import Testing

/// What each fixture machine is, pinned: `talint render --machine` of every machine the
/// fixtures describe is compared with its file under Tests/Golden/render, so a change in what
/// a machine is — a talhelper field applied or not, a patch order — shows in review as a diff
/// of that file. `TALINT_UPDATE_GOLDEN=1 swift test --filter RenderGoldenTests` rewrites them.
@Suite struct RenderGoldenTests {
  static let machines: [(path: String, machine: String)] = [
    ("Fixtures/talhelper/home-cluster", "cp1"),
    ("Fixtures/talhelper/home-cluster", "w1"),
    ("Fixtures/talhelper/generated-fields", "k8s-0"),
    ("Fixtures/talhelper/generated-fields", "k8s-${WORKER_INDEX}"),
    ("Fixtures/talhelper/environment", "cp-1"),
    ("Fixtures/talhelper/templated", "nodes[0]"),
    ("Fixtures/talhelper/ignored-keys.yaml", "cp1"),
    ("Fixtures/talhelper/generated-documents", "cp1"),
    ("Fixtures/omni/cluster-template.yaml", "control-plane"),
    ("Fixtures/omni/cluster-template.yaml", "gpu"),
    ("Fixtures/omni/cluster-template.yaml", "bbbbbbbb-1111-2222-3333-444444444444"),
    ("Fixtures/omni/ok-cluster-template.yaml", "control-plane"),
    ("Fixtures/omni/set-of-named-machines", "0d1f2e3a-0000-4000-8000-00000000c001"),
    ("Fixtures/omni/set-of-named-machines", "0d1f2e3a-0000-4000-8000-00000000c002"),
    ("Fixtures/machines", "cp1"),
    ("Fixtures/machines", "cp2"),
    ("Fixtures/machines", "w1"),
  ]

  static func goldenPath(_ path: String, _ machine: String) -> String {
    let name = (path + "-" + machine).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
    return Paths.packageRoot + "/Tests/Golden/render/" + String(name) + ".txt"
  }

  @Test(arguments: machines.indices)
  func renderMatchesItsGoldenFile(_ index: Int) throws {
    let (path, machine) = Self.machines[index]
    let output = try Subprocess.run(Paths.binary, ["render", "--machine", machine, path, "--fail-on", "never"], directory: Paths.packageRoot)
    #expect(!output.signaled)
    let rendered = output.stdout + (output.stderr.isEmpty ? "" : "# stderr:\n" + output.stderr)
    let golden = Self.goldenPath(path, machine)
    if ProcessInfo.processInfo.environment["TALINT_UPDATE_GOLDEN"] == "1" {
      try rendered.write(toFile: golden, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOfFile: golden, encoding: .utf8)
    #expect(rendered == expected, "render of \(machine) in \(path) differs from \(golden); rewrite it with TALINT_UPDATE_GOLDEN=1 if the change is meant")
  }

  /// Every machine the fixtures describe has a golden file: a new fixture machine is pinned too.
  @Test func everyFixtureMachineIsPinned() throws {
    let output = try Subprocess.run(Paths.binary, ["render", "--machine", "no-such-machine", "Fixtures"], directory: Paths.packageRoot)
    let listed = try #require(output.stderr.range(of: "machines here: ")).upperBound
    let names = output.stderr[listed...].prefix { $0 != ")" }.components(separatedBy: ", ")
    // Machines of one name in two Omni clusters are `cluster/name` in a run over both.
    #expect(Set(names.map { $0.split(separator: "/").last.map(String.init) ?? $0 }) == Set(Self.machines.map(\.machine)))
  }
}
