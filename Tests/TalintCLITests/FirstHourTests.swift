import Foundation
import TalintTestSupport
import Testing

/// What a new user hits in the first hour: typos, empty folders, releases talint does not
/// know, files it cannot write, settings that would switch off their own safety net.
@Suite struct FirstHourTests {
  func talint(_ arguments: [String], in directory: String = Paths.packageRoot, stdin: String? = nil) throws -> ProcessOutput {
    try Subprocess.run(Paths.binary, arguments, stdin: stdin.map { Array($0.utf8) }, directory: directory)
  }

  @Test func aMistypedCommandIsAUsageErrorWithASuggestion() throws {
    let output = try talint(["explian", "TAL101"])
    #expect(output.status == 64)
    #expect(output.stderr.contains("did you mean `explain`?"))
    #expect(output.stdout.isEmpty)
    let rule = try talint(["explain", "kspp-kernel-arg-remove"])
    #expect(rule.status == 64)
    #expect(rule.stderr.contains("did you mean 'kspp-kernel-arg-removed'?"))
    // A real file with such a name is still linted.
    let folder = try ScratchTree.make(["rules.yaml/": "", "explian": "debug: false\n"])
    #expect(try talint(["explian"], in: folder).status == 0)
  }

  @Test func aFolderWithNothingToLintIsNamed() throws {
    let folder = try ScratchTree.make(["empty/": "", "docs/readme.md": "# hi\n"])
    let output = try talint(["lint", "empty", "docs"], in: folder)
    #expect(output.status == 0)
    #expect(output.stderr.contains("talint: warning: empty holds no YAML file to lint"))
    #expect(output.stderr.contains("talint: warning: docs holds no YAML file to lint"))
  }

  @Test func stdinFilenameAloneReadsStandardInput() throws {
    let output = try talint(["lint", "--stdin-filename", "talos/node.yaml"], stdin: "machine:\n  sysctls:\n    kernel.dmesg_restrict: \"0\"\n")
    #expect(output.status == 1)
    #expect(output.stdout.hasPrefix("talos/node.yaml:3:28: warning:"), "\(output.stdout)")
    #expect(output.stderr.contains("in 1 file"))
  }

  @Test func anUnknownReleaseIsJudgedAsTheNearestKnownOneWithAWarning() throws {
    let old = try talint(["lint", "--talos-version", "1.6", "Fixtures/sysctls/kspp-weakened.yaml"])
    #expect(old.stderr.contains("names Talos 1.6, which talint does not know"))
    #expect(old.stderr.contains("judging against 1.8"))
    let folder = try ScratchTree.make(["repo/.git/": "", "repo/.talint.yaml": "talos-version: \"2.3\"\n", "repo/a.yaml": "debug: false\n"])
    let new = try talint(["lint", "a.yaml"], in: folder + "/repo")
    #expect(new.stderr.contains("talos-version in"))
    #expect(new.stderr.contains("judging against 1.15"))
  }

  @Test func configPrintsYAMLThatReadsBack() throws {
    let folder = try ScratchTree.make([
      "repo/.git/": "",
      "repo/.talint.yaml": "exclude: [\"*.sops.yaml\", \"rendered/**\"]\nignore: [TAL704]\nnetworks:\n  admin: [10.10.0.0/24]\n",
    ])
    let output = try talint(["config", "."], in: folder + "/repo")
    #expect(output.status == 0)
    let python = try #require(Subprocess.which("python3"), "python3 reads the YAML back")
    let script = "import sys, yaml; d = yaml.safe_load(sys.stdin)['.']; print(d['exclude'], d['networks']['admin'], d['talos-version'])"
    let read = try Subprocess.run(python, ["-c", script], stdin: Array(output.stdout.utf8))
    #expect(read.status == 0, "\(read.stderr)\n\(output.stdout)")
    #expect(read.stdout == "['*.sops.yaml', 'rendered/**'] ['10.10.0.0/24'] 1.15\n")
  }

  @Test func anUnwritableOutputSaysWhyWithoutTheUsageBanner() throws {
    let output = try talint(["lint", "--output", "/proc/talint-cannot-write-here/report.txt", "Fixtures/sysctls"])
    #expect(output.status == 64)
    #expect(output.stderr.contains("cannot write /proc/talint-cannot-write-here/report.txt: "))
    #expect(!output.stderr.contains("Usage:"))
    let baseline = try talint(["lint", "--baseline", "Fixtures/README.md", "Fixtures/sysctls"])
    #expect(baseline.status == 64)
    #expect(baseline.stderr.contains("is not a talint baseline"))
    #expect(!baseline.stderr.contains("Usage:"))
  }

  @Test func selectingRuleFamiliesKeepsTalintsOwnChecks() throws {
    let folder = try ScratchTree.make([
      "repo/.git/": "",
      "repo/.talint.yaml": "select: [TAL1, TAL2, TAL3, TAL4, TAL5, TAL6]\nrequire-reason: true\n",
      "repo/a.yaml": "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\" # talint: ignore[TAL201]\n  features:\n    rbac: true # talint: ignore[TAL999] -- typo\n",
    ])
    let output = try talint(["lint", "a.yaml"], in: folder + "/repo")
    #expect(output.stdout.contains("[TAL006]"), "\(output.stdout)")
    #expect(output.stdout.contains("unknown rule 'TAL999' [TAL005]"))
    // Only naming one turns it off.
    let ignored = try talint(["lint", "--ignore", "TAL005,suppression-without-reason", "a.yaml"], in: folder + "/repo")
    #expect(!ignored.stdout.contains("[TAL005]") && !ignored.stdout.contains("[TAL006]"), "\(ignored.stdout)")
    let prefix = try talint(["lint", "--ignore", "TAL0", "a.yaml"], in: folder + "/repo")
    #expect(prefix.stdout.contains("[TAL005]"))
  }

  @Test func machineFormatsLinkEachRulesDocs() throws {
    let sarif = try talint(["lint", "--format", "sarif", "Fixtures/sysctls/kspp-weakened.yaml"])
    #expect(sarif.stdout.contains("\"helpUri\" : \"https://"))
    #expect(sarif.stdout.contains("docs/rules.md#tal201"))
    let json = try talint(["lint", "--format", "json", "Fixtures/sysctls/kspp-weakened.yaml"])
    #expect(json.stdout.contains("\"docs\" : \"https://") && json.stdout.contains("rules.md#tal201"))
    let explain = try talint(["explain", "TAL310"])
    #expect(explain.stdout.contains("Docs: https://") && explain.stdout.contains("rules.md#tal310"))
    #expect(explain.stdout.contains("<https://www.rfc-editor.org/rfc/rfc8996>"))
  }

  @Test func prettyShowsUTF16Input() throws {
    let text = "machine:\n  install:\n    extraKernelArgs: [mitigations=off]\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let folder = try ScratchTree.make([:])
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: folder + "/utf16.yaml"))
    let output = try talint(["lint", "--format", "pretty", "utf16.yaml"], in: folder)
    #expect(output.stdout.contains("3 |     extraKernelArgs: [mitigations=off]\n"), "\(output.stdout)")
    #expect(output.stdout.contains("  |                       ^^^^^^^^^^^^^^^\n"))
  }
}
