import Foundation
import TalintTestSupport
import Testing

@testable import TalintCore

/// The run's orchestration (Sources/TalintCore/Run): which files it reads first, and that a
/// patch is judged once, by its talconfig's release, naming it.
@Suite struct RunTests {
  /// Every fixture that names patches or describes machines is among the files the run reads
  /// first: one the sniff missed would be judged before its patches' release is known.
  @Test func theSniffMissesNoReferrerAmongTheFixtures() throws {
    let linter = Linter(rules: [])
    var referrers = 0
    for path in Paths.files(in: Paths.fixtures, suffixes: [".yaml", ".yml", ".j2", ".tmpl"]) {
      let bytes = try InputFile.path(path).read()
      let analysis = linter.analyze(bytes: bytes, path: path)
      guard analysis.describesOrReferences else { continue }
      referrers += 1
      #expect(ReferrerSniff.mayReferToOthers(bytes), "\(path) names patches or machines but was not read first")
    }
    #expect(referrers > 0)
  }

  /// Written as UTF-16 or with an escaped key, a talconfig still counts as one.
  @Test func escapesAndUTF16CountAsMaybe() {
    let escaped = Array("\"cluster\\x4eame\": c\nnodes: []\n".utf8)
    #expect(ReferrerSniff.mayReferToOthers(escaped))
    let utf16: [UInt8] = [0xFF, 0xFE] + "nodes: []\n".utf8.flatMap { [$0, 0] }
    #expect(ReferrerSniff.mayReferToOthers(utf16))
    #expect(!ReferrerSniff.mayReferToOthers(Array("machine:\n  install:\n    disk: /dev/sda\n".utf8)))
  }

  /// A patch among the inputs, listed before its talconfig, takes the talconfig's release and
  /// is named by it, as when it is listed after.
  @Test func aPatchListedFirstTakesItsTalconfigsRelease() throws {
    let folder = try Self.talhelperProject()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let linter = Linter(rules: [])
    for order in [["patches/cp.yaml", "talconfig.yaml"], ["talconfig.yaml", "patches/cp.yaml"]] {
      let results = linter.lint(order.map { InputFile.path(folder + "/" + $0) })
      let patch = try #require(results.first { $0.path.hasSuffix("cp.yaml") })
      #expect(patch.release?.version == TalosVersion(1, 9))
      #expect(patch.role?.namedBy?.hasPrefix("referenced by") == true)
      #expect(patch.usedBy == ["cp1"])
    }
  }

  /// The report's entry: each machine with the release it is judged by and its merged config,
  /// made of the files `lint` says it uses.
  @Test func machineReportsGiveEachMachinesReleaseAndFiles() throws {
    let folder = try Self.talhelperProject()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let linter = Linter(rules: [])
    let run = LintRun(linterForPath: { _ in linter })
    var (machines, store) = run.machines([LintRun.Input(.path(folder + "/talconfig.yaml"), linter: linter)])
    store.load(machines)
    let reports = machines.map { MachineReport($0, linter: linter, store: &store) }
    #expect(reports.map(\.machine.name) == ["cp1"])
    #expect(reports.first?.release.version == TalosVersion(1, 9))
    #expect(reports.first?.config.files.contains { $0.path.hasSuffix("patches/cp.yaml") } == true)
    #expect(reports.first?.diagnostics.isEmpty == true)
  }

  /// A talconfig of one control-plane node whose patch is `patches/cp.yaml`, in a new folder.
  private static func talhelperProject() throws -> String {
    let folder = NSTemporaryDirectory() + "talint-run-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder + "/patches", withIntermediateDirectories: true)
    try "machine:\n  install:\n    disk: /dev/sda\n".write(toFile: folder + "/patches/cp.yaml", atomically: true, encoding: .utf8)
    try "clusterName: c\ntalosVersion: v1.9.0\nendpoint: https://c:6443\nnodes:\n  - hostname: cp1\n    ipAddress: 10.0.0.1\n    controlPlane: true\n    patches:\n      - \"@./patches/cp.yaml\"\n"
      .write(toFile: folder + "/talconfig.yaml", atomically: true, encoding: .utf8)
    return folder
  }
}
