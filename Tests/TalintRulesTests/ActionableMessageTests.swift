import TalintCore
import TalintRules
import Testing

/// Messages never recommend what cannot be done: where a weakened setting is what a common
/// workload needs, the message says so and names what it applies to, so the choice is made
/// knowingly (kept, narrowed, or suppressed with a reason).
@Suite struct ActionableMessageTests {
  private func messages(_ yaml: String, rule: String) -> [String] {
    Linter(rules: AllRules.rules, settings: LintSettings()).lint(bytes: Array(yaml.utf8), path: "node.yaml").diagnostics
      .filter { $0.ruleID == rule }.map(\.message)
  }

  @Test func osAdminNamesItsNamespacesAndWhoNeedsIt() throws {
    let found = messages(
      "apiVersion: v1alpha1\nkind: KubeTalosAPIAccessConfig\nallowedRoles:\n  - os:admin\nallowedKubernetesNamespaces:\n  - system-upgrade\n  - tuppr-system\n",
      rule: "TAL702")
    let message = try #require(found.first)
    #expect(found.count == 1)
    #expect(message.contains("system-upgrade, tuppr-system"), "\(message)")
    #expect(message.contains("system-upgrade-controller") && message.contains("tuppr"), "\(message)")
  }

  /// os:admin kept to one namespace is what the remediation asks for (davralin/cluster-ops,
  /// docs/real-repositories.md): the message says how to keep it, not to do what is done.
  @Test func osAdminInOneNamespaceSaysHowToKeepIt() throws {
    let message = try #require(
      messages(
        "apiVersion: v1alpha1\nkind: KubeTalosAPIAccessConfig\nallowedRoles:\n  - os:admin\nallowedKubernetesNamespaces:\n  - talos-system\n",
        rule: "TAL702"
      ).first)
    #expect(message.contains("pods in talos-system"), "\(message)")
    #expect(message.contains("suppression"), "\(message)")
    #expect(!message.contains("keep it to that controller's namespace"), "\(message)")
  }

  @Test func userNamespacesSayWhatNeedsThem() throws {
    let message = try #require(messages("machine:\n  sysctls:\n    user.max_user_namespaces: \"11255\"\n", rule: "TAL201").first)
    #expect(message.contains("user namespaces"), "\(message)")
    #expect(message.contains("suppression"), "\(message)")
    // Other KSPP sysctls keep the plain advice.
    let other = try #require(messages("machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n", rule: "TAL201").first)
    #expect(!other.contains("user namespaces"))
  }
}
