import Foundation
import TalintTestSupport
import Testing

@testable import TalintCore
@testable import TalintRules

/// A finding on a merged machine carries its fix from where it is found: the rule builds it on
/// the text of the file that holds the value (a patch file, a string inside the talconfig), as
/// for the file alone, not copied from the file's own finding afterwards.
@Suite struct MachineFixTests {
  @Test func machineFindingsCarryTheirFixes() throws {
    let folder = try Self.project([
      "patches/cp.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n    vm.x: \"1\"\n",
      "talconfig.yaml": """
        clusterName: c
        talosVersion: v1.9.0
        endpoint: https://c:6443
        nodes:
          - hostname: cp1
            ipAddress: 10.0.0.1
            controlPlane: true
            patches:
              - "@./patches/cp.yaml"
              - |
                machine:
                  sysctls:
                    kernel.dmesg_restrict: "0"
                    vm.y: "1"
                  install:
                    extraKernelArgs: [-pti, console=ttyS0]

        """,
    ])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let linter = Linter(rules: AllRules.rules)
    let run = LintRun(linterForPath: { _ in linter })
    var (machines, store) = run.machines([LintRun.Input(.path(folder + "/talconfig.yaml"), linter: linter)])
    store.load(machines)
    let report = try #require(machines.first.map { MachineReport($0, linter: linter, store: &store) })
    let found = report.diagnostics.filter { ["TAL201", "TAL101"].contains($0.ruleID) }
    #expect(found.count == 3, "\(report.diagnostics.map(\.message))")
    #expect(found.allSatisfy { $0.fix != nil }, "\(found.filter { $0.fix == nil }.map(\.message))")
    // Each file with its findings' fixes applied: the weakening settings gone, nothing else.
    let byFile = Dictionary(grouping: found) { report.config.files[Int($0.range.file)].path }
    var fixed: [String: String] = [:]
    for (path, diagnostics) in byFile {
      let result = try #require(FixEngine.apply(diagnostics.compactMap(\.fix), to: try InputFile.path(path).read()))
      fixed[(path as NSString).lastPathComponent] = String(decoding: result.bytes, as: UTF8.self)
    }
    #expect(fixed["cp.yaml"] == "machine:\n  sysctls:\n    vm.x: \"1\"\n")
    #expect(fixed["talconfig.yaml"]?.contains("        machine:\n          sysctls:\n            vm.y: \"1\"\n          install:\n            extraKernelArgs: [console=ttyS0]\n") == true, "\(fixed)")
  }

  /// A finding only the machine makes — its patch, judged alone under the project's Talos 1.13,
  /// may set `tls-min-version`; the machine runs 1.14, which denies it — is fixed in the patch.
  @Test func aFindingOnlyTheMachineMakesIsFixedInItsPatch() throws {
    let patch = "cluster:\n  apiServer:\n    extraArgs:\n      tls-min-version: VersionTLS13\n      audit-log-maxage: \"30\"\n"
    var settings = LintSettings()
    settings.version = TalosVersion(1, 13)
    let linter = Linter(rules: AllRules.rules, settings: settings)
    let alone = linter.lint(bytes: Array(patch.utf8), path: "api.yaml").diagnostics
    #expect(!alone.contains { $0.ruleID == "TAL312" }, "\(alone.map(\.message))")
    let found = try CarrierFormPropertyTests.machineFindings(
      [".talint.yaml": "talos-version: \"1.13\"\nmachines:\n  cp: {type: controlplane, talos-version: \"1.14\", patches: [api.yaml]}\n", "api.yaml": patch],
      in: "api.yaml", rule: "TAL312", linter: linter)
    let finding = try #require(found.first, "the machine running 1.14 denies tls-min-version")
    let fix = try #require(finding.fix, "\(finding.message) has no fix")
    let fixed = try #require(FixEngine.apply([fix], to: Array(patch.utf8)))
    #expect(String(decoding: fixed.bytes, as: UTF8.self) == "cluster:\n  apiServer:\n    extraArgs:\n      audit-log-maxage: \"30\"\n")
  }

  /// Writes `files` into a new folder.
  private static func project(_ files: [String: String]) throws -> String {
    let folder = NSTemporaryDirectory() + "talint-machine-fix-\(UUID().uuidString)"
    for (name, text) in files {
      let path = folder + "/" + name
      try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return folder
  }
}
