import TalintCore
import TalintRules
import Testing

/// What the coverage rules of issue 24 say beyond their IDs: the kernel arguments the Talos
/// kernel ignores, the Pod Security Admission note of unsafe sysctls, the ports a NodePort
/// range takes, and the kernel command line judged where it ends.
@Suite struct CoverageRuleTests {
  private func messages(_ yaml: String, rule: String) -> [String] {
    Linter(rules: AllRules.rules, settings: LintSettings()).lint(bytes: Array(yaml.utf8), path: "node.yaml").diagnostics
      .filter { $0.ruleID == rule }.map(\.message)
  }

  private func kernelArgs(_ args: String...) -> String {
    "machine:\n  install:\n    extraKernelArgs:\n" + args.map { "      - \($0)\n" }.joined()
  }

  @Test func ignoredKernelArgumentsSaySo() throws {
    let message = try #require(messages(kernelArgs("nosmap"), rule: "TAL105").first)
    #expect(message.contains("ignores") && message.contains("5.18"), "\(message)")
    let effective = try #require(messages(kernelArgs("nokaslr"), rule: "TAL105").first)
    #expect(!effective.contains("ignores"), "\(effective)")
  }

  /// An argument that weakens nothing on a Talos kernel is named at info, not as an error.
  @Test func inertKernelArgumentsAreInfo() {
    func severities(_ args: String...) -> [Severity] {
      let yaml = "machine:\n  install:\n    extraKernelArgs:\n" + args.map { "      - \($0)\n" }.joined()
      return Linter(rules: AllRules.rules, settings: LintSettings()).lint(bytes: Array(yaml.utf8), path: "node.yaml").diagnostics
        .filter { $0.ruleID == "TAL105" }.map(\.severity)
    }
    #expect(severities("nosmap") == [.info])
    #expect(severities("nosmep", "nokaslr") == [.info, .error])
    #expect(severities("tsx_async_abort=off") == [.info])
    #expect(severities("tsx=on", "tsx_async_abort=off") == [.error])
  }

  @Test func kernelArgumentsAreJudgedWhereTheCommandLineEnds() {
    #expect(messages(kernelArgs("spectre_v2=off", "spectre_v2=auto"), rule: "TAL105").isEmpty)
    #expect(messages(kernelArgs("nokaslr", "-nokaslr"), rule: "TAL105").isEmpty)
    #expect(messages(kernelArgs("mds=off", "-mds=full"), rule: "TAL105").count == 1)
    #expect(messages(kernelArgs("vsyscall=none", "vsyscall=emulate"), rule: "TAL105").count == 1)
  }

  @Test func unsafeSysctlsNoteAPrivilegedPodSecurityLevel() throws {
    let kubelet = "machine:\n  kubelet:\n    extraConfig:\n      allowedUnsafeSysctls:\n        - net.*\n"
    let plain = try #require(messages(kubelet, rule: "TAL329").first)
    #expect(!plain.contains("any pod"), "\(plain)")
    let psa = "cluster:\n  apiServer:\n    admissionControl:\n      - name: PodSecurity\n        configuration:\n          defaults:\n            enforce: privileged\n"
    let weakened = try #require(messages(kubelet + psa, rule: "TAL329").first)
    #expect(weakened.contains("any pod in any namespace"), "\(weakened)")
  }

  @Test func nodePortRangeNamesThePortsItTakes() throws {
    let yaml = "cluster:\n  apiServer:\n    extraArgs:\n      service-node-port-range: 2000-11000\n"
    let message = try #require(messages(yaml, rule: "TAL319").first)
    #expect(message.contains("2379") && message.contains("2380") && message.contains("6443") && message.contains("10250"), "\(message)")
    #expect(!message.contains("50000"), "\(message)")
  }

  @Test func manifestURLsFollowingABranchNameIt() throws {
    let manifests = { (url: String) in "cluster:\n  extraManifests:\n    - \(url)\n" }
    let message = try #require(messages(manifests("https://raw.githubusercontent.com/o/r/main/x.yaml"), rule: "TAL709").first)
    #expect(message.contains("'main'"), "\(message)")
    #expect(messages(manifests("https://raw.githubusercontent.com/o/r/v1.2.3/x.yaml"), rule: "TAL709").isEmpty)
  }
}
