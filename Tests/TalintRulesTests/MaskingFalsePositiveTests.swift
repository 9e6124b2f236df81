import TalintCore
import TalintRules
import Testing

/// Masking hides secret values, and only them: talint's own words stay as written when a
/// secret happens to equal one of them, while the same value copied from the input into a
/// message is still masked.
@Suite struct MaskingFalsePositiveTests {
  private func lint(_ yaml: String) -> [Diagnostic] {
    var linter = Linter(rules: AllRules.rules)
    linter.excerpts = true
    return linter.lint(bytes: Array(yaml.utf8), path: "node.yaml").diagnostics
  }

  @Test func talintsOwnWordsAreNotMasked() throws {
    let found = lint(
      """
      machine:
        registries:
          config:
            registry.lan:
              auth:
                password: secret
        install:
          extraKernelArgs:
            - siderolink.api=https://omni.example.com/?jointoken=store
      """)
    let messages = found.filter { $0.ruleID == "TAL602" }.map(\.message)
    #expect(messages.count == 2)
    #expect(messages.contains { $0.contains("holds secret material") }, "\(messages)")
    #expect(messages.contains { $0.contains("move it to a secret store") }, "\(messages)")
  }

  @Test func aSecretCopiedIntoAMessageIsStillMasked() throws {
    let found = lint(
      """
      machine:
        registries:
          config:
            registry.lan:
              auth:
                password: mitigations=off
        install:
          extraKernelArgs:
            - mitigations=off
      """)
    let message = try #require(found.first { $0.ruleID == "TAL102" }?.message)
    #expect(!message.contains("mitigations=off"), "\(message)")
    #expect(message.contains(SecretSpans.mask))
  }
}
