import Foundation
import TalintTestSupport
import Testing

/// Drives the built `talint` binary: output shape, exit codes, stdin, rules and explain.
@Suite struct CLITests {
  let fixtures = Paths.fixtures

  func talint(_ arguments: [String], stdin: [UInt8]? = nil) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, stdin: stdin, directory: Paths.packageRoot)
  }

  @Test func findingsPrintGccStyleLinesSortedAndExitOne() throws {
    let output = try talint(["lint", "Fixtures/kernel/install-weakened-args.yaml"])
    #expect(output.status == 1)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 8)
    for line in lines {
      #expect(line.wholeMatch(of: /Fixtures\/kernel\/install-weakened-args\.yaml:\d+:\d+: (error|warning|info): .+ \[TAL\d{3}\]/) != nil, "\(line)")
    }
    let positions = lines.map { line -> [Int] in line.split(separator: ":").dropFirst().prefix(2).compactMap { Int($0) } }
    #expect(positions == positions.sorted { $0.lexicographicallyPrecedes($1) })
    #expect(lines.first == "Fixtures/kernel/install-weakened-args.yaml:7:9: error: '-pti' removes the KSPP kernel argument 'pti=on' that Talos requires at boot; the node will refuse to boot [TAL101]")
    #expect(output.stderr.contains("6 errors, 2 warnings in 1 file"))
  }

  @Test func lintIsTheDefaultSubcommand() throws {
    let explicit = try talint(["lint", "Fixtures/sysctls"])
    let implicit = try talint(["Fixtures/sysctls"])
    #expect(implicit.status == explicit.status)
    #expect(implicit.stdout == explicit.stdout)
    #expect(!implicit.stdout.isEmpty)
  }

  @Test func cleanInputExitsZero() throws {
    let output = try talint(["lint", "Fixtures/kernel/ok-stricter-and-unrelated-args.yaml"])
    #expect(output.status == 0)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.contains("no problems in 1 file"))
  }

  @Test func unlintableInputExitsTwoEvenWithFindings() throws {
    let output = try talint(["lint", "Fixtures/yaml/unclosed-flow-list.yaml", "Fixtures/kernel/json6902-weakens.yaml"])
    #expect(output.status == 2)
    #expect(output.stdout.contains("unclosed-flow-list.yaml:5:10: error: did not find expected ',' or ']' while parsing a flow sequence [TAL001]"))
    #expect(output.stdout.contains("[TAL102]"))
    let missing = try talint(["lint", "does-not-exist.yaml"])
    #expect(missing.status == 2)
    #expect(missing.stdout.hasPrefix("does-not-exist.yaml:1:1: error: cannot read"))
  }

  @Test func failOnSetsTheThreshold() throws {
    let warningsOnly = "Fixtures/sysctls/kspp-weakened.yaml"
    #expect(try talint(["lint", "--fail-on", "error", warningsOnly]).status == 0)
    #expect(try talint(["lint", "--fail-on", "warning", warningsOnly]).status == 1)
    #expect(try talint(["lint", "--fail-on", "never", "Fixtures/kernel/install-weakened-args.yaml"]).status == 0)
    let infos = try talint(["lint", "--fail-on", "info", "Fixtures/talos-api/typed-documents.yaml"])
    #expect(infos.status == 1)
  }

  @Test func usageErrorsExit64() throws {
    #expect(try talint(["lint", "--fail-on", "sometimes", "Fixtures"]).status == 64)
    #expect(try talint(["lint", "--talos-version", "latest", "Fixtures"]).status == 64)
    #expect(try talint(["explain", "TAL999"]).status == 64)
    #expect(try talint(["lint", "--no-such-flag"]).status == 64)
  }

  @Test func standardInputUsesTheGivenName() throws {
    let text = Array("machine:\n  sysctls:\n    kernel.dmesg_restrict: \"0\"\n".utf8)
    let output = try talint(["lint", "-", "--stdin-filename", "talos/patch.yaml"], stdin: text)
    #expect(output.status == 1)
    #expect(output.stdout == "talos/patch.yaml:3:28: warning: kernel.dmesg_restrict=0 weakens Talos's KSPP default 1 (Talos 1.15); remove the override [TAL201]\n")
  }

  @Test func talosVersionSelectsDefaults() throws {
    let file = "Fixtures/control-plane/older-talos-allows-tls-min-version.yaml"
    #expect(try talint(["lint", file]).stdout.contains("[TAL312]"))
    let old = try talint(["lint", "--talos-version", "1.13", file])
    #expect(old.status == 0)
    #expect(old.stdout.isEmpty)
  }

  @Test func secretValuesAreNeverPrinted() throws {
    let output = try talint(["lint", "Fixtures/secrets"])
    #expect(output.stdout.contains("[TAL602]"))
    for secret in ["hunter2-not-real", "also-not-real", "z01mye6j16bspJYtTB", "LS0tLS1CRUdJTiBFRDI1NTE5"] {
      #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret), "\(secret) leaked")
    }
  }

  @Test func rulesListsEveryRule() throws {
    let output = try talint(["rules"])
    #expect(output.status == 0)
    let lines = output.stdout.split(separator: "\n")
    #expect(lines.count >= 50)
    #expect(lines.contains { $0.hasPrefix("TAL101  kspp-kernel-arg-removed") && $0.contains("error") })
  }

  /// `talint rules` groups rules under their category; its JSON names each rule's; `explain`
  /// says it; `--select` takes one.
  @Test func rulesCategoriesAreShownAndSelectable() throws {
    let text = try talint(["rules"]).stdout
    let heading = try #require(text.range(of: "Kernel arguments (TAL1xx, --select kernel-arguments)\n"))
    #expect(text[heading.upperBound...].hasPrefix("TAL101  kspp-kernel-arg-removed"), "\(text)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(talint(["rules", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
    #expect(json.first { $0["id"] as? String == "TAL201" }?["category"] as? String == "sysctls")
    #expect(json.allSatisfy { ($0["category"] as? String)?.isEmpty == false })
    #expect(try talint(["explain", "TAL502"]).stdout.contains("Category: Firewall and exposure (TAL5xx, --select firewall)\n"))
    let selected = try talint(["lint", "--select", "kernel-arguments", Paths.fixtures + "/kernel"]).stdout
    let rules = Set(selected.matches(of: /\[(TAL\d+)\]/).map { String($0.1) })
    #expect(!rules.isEmpty && rules.allSatisfy { $0.hasPrefix("TAL1") || $0.hasPrefix("TAL0") }, "\(rules)")
    let ignored = try talint(["lint", "--ignore", "kernel-arguments", Paths.fixtures + "/kernel"]).stdout
    #expect(!ignored.contains("[TAL1"), "\(ignored)")
    #expect(try talint(["lint", "--select", "kernel-argument", Paths.fixtures + "/kernel"]).status == 64)
  }

  @Test func explainPrintsDocsByIDOrName() throws {
    let byID = try talint(["explain", "TAL502"])
    let byName = try talint(["explain", "firewall-talos-port-exposed"])
    #expect(byID.status == 0)
    #expect(byID.stdout == byName.stdout)
    #expect(byID.stdout.contains("Why:") && byID.stdout.contains("Fix:") && byID.stdout.contains("Triggers:"))
  }

  @Test func directoriesAreWalkedAndOutputIsSorted() throws {
    let output = try talint(["lint", "--fail-on", "never", "Fixtures"])
    #expect(output.status == 2)  // one fixture is invalid YAML on purpose
    let paths = output.stdout.split(separator: "\n").map { String($0.prefix(while: { $0 != ":" })) }
    #expect(paths == paths.sorted())
    #expect(Set(paths).count > 30)
  }
}
