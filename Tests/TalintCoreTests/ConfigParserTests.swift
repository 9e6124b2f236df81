import TalintCore
import Testing

@Suite struct ConfigParserTests {
  let known = [
    RuleDescription(id: "TAL101", name: "kspp-kernel-arg-removed", severity: .error, summary: "s", rationale: "r", remediation: "f"),
    RuleDescription(id: "TAL502", name: "firewall-talos-port-exposed", severity: .error, summary: "s", rationale: "r", remediation: "f"),
  ]

  func parse(_ text: String) -> (ProjectConfig, [ConfigProblem]) {
    let result = ConfigParser(knownRules: known).parse(bytes: Array(text.utf8), path: ".talint.yaml")
    return (result.config, result.problems)
  }

  @Test func readsEverySetting() {
    let (config, problems) = parse(
      """
      select: [TAL1, firewall-talos-port-exposed]
      ignore: [TAL101]
      severity:
        TAL502: warning
      exclude: ["generated/**", "*.sops.yaml"]
      fail-on: error
      talos-version: "1.12"
      require-reason: true
      unsuppressible: [TAL502]
      networks:
        admin: [10.10.0.0/24]
        cluster: [10.0.0.0/16, fd00::/8]
      """)
    #expect(problems.isEmpty, "\(problems)")
    #expect(config.select == ["TAL1", "firewall-talos-port-exposed"])
    #expect(config.severities == ["TAL502": .warning])
    #expect(config.failOn == "error")
    #expect(config.talosVersion == TalosVersion(1, 12))
    #expect(config.networks.cluster.count == 2)
    let settings = config.settings(knownRules: known)
    #expect(settings.unsuppressible == ["TAL502"])
    #expect(!settings.selection.includes(known[0]))
    #expect(settings.selection.includes(known[1]))
    #expect(settings.requireReason)
  }

  @Test func unknownKeysAndRulesAreWarningsWithSuggestions() {
    let (_, problems) = parse("selct: [TAL101]\nignore: [TAL1O1]\nseverity:\n  kspp-kernel-arg-remove: info\n")
    #expect(problems.map(\.isError) == [false, false, false])
    #expect(problems.map(\.description) == [
      ".talint.yaml:1:1: warning: unknown setting 'selct'; did you mean 'select'?",
      ".talint.yaml:2:10: warning: unknown rule 'TAL1O1'; did you mean 'TAL101'?",
      ".talint.yaml:4:3: warning: unknown rule 'kspp-kernel-arg-remove'; did you mean 'kspp-kernel-arg-removed'?",
    ])
  }

  @Test func badValuesAreErrorsAtTheirPosition() {
    let (_, problems) = parse("fail-on: sometimes\nnetworks:\n  admin: [10.0.0.0/33]\nselect: TAL101\nrequire-reason: maybe\n")
    #expect(problems.allSatisfy { $0.isError })
    #expect(problems.map { "\($0.position)" } == ["1:10", "3:11", "4:9", "5:17"])
  }

  @Test func invalidYAMLIsAnError() {
    let (_, problems) = parse("select: [TAL101\n")
    #expect(problems.count == 1 && problems[0].isError && problems[0].message.hasPrefix("invalid YAML"))
  }

  @Test func globsMatchLikeGitignore() {
    #expect(Glob.matches("*.sops.yaml", "talos/node.sops.yaml"))
    #expect(Glob.matches("generated/**", "generated/a/b.yaml"))
    #expect(Glob.matches("generated/", "generated/b.yaml"))
    #expect(!Glob.matches("generated/**", "talos/generated.yaml"))
    #expect(Glob.matches("talos/*/patch.yaml", "talos/cp/patch.yaml"))
    #expect(!Glob.matches("talos/*/patch.yaml", "talos/cp/x/patch.yaml"))
    #expect(Glob.matches("**/secrets.yaml", "secrets.yaml"))
  }
}
