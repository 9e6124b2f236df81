import TalintCore
import TalintYAML
import Testing

/// What real repositories showed is not a secret: user names in URLs and placeholders. The
/// counterpart — that real credentials are still found — is checked beside each case.
@Suite struct SecretFalsePositiveTests {
  @Test func aUserNameAloneIsNoCredential() {
    for url in ["ssh://git@github.com/org/repo", "s3://bucket@eu-west-1/", "https://user@host/", "ssh://deploy-bot-2024-production@git.lan/x"] {
      #expect(SecretSpans.embeddedSecrets(in: url).isEmpty, "\(url)")
    }
  }

  @Test func aPasswordOrATokenAsUserNameStaysACredential() {
    #expect(SecretSpans.embeddedSecrets(in: "https://user:hunter2@host/") == ["hunter2"])
    #expect(SecretSpans.embeddedSecrets(in: "https://ghp_abc123@github.com/org/repo") == ["ghp_abc123"])
    #expect(SecretSpans.embeddedSecrets(in: "https://Zt4kQ9mB2xW7nR1pL8vY3c@host/") == ["Zt4kQ9mB2xW7nR1pL8vY3c"])
  }

  @Test func placeholdersAreNotPlaintext() {
    for value in ["{NAME}", "{git_token}", "${NAME}", "<secret>", "op://vault/item/field", "ref+vault://secret/x#key", "ENC[AES256_GCM,data:abc,type:str]"] {
      #expect(SecretFields.isProtected(value), "\(value)")
    }
    for value in ["{\"a\": 1}", "{}", "plain-secret-value", "{a b}"] {
      #expect(!SecretFields.isProtected(value), "\(value)")
    }
  }

  /// A taint's `key`, a `topologyKey` and a `keyUsage` name labels and usages, not key
  /// material: neither excerpts nor messages mask them. A CA `key` beside them still is.
  @Test func labelKeysAreNotMasked() {
    let text = """
      machine:
        kubelet:
          extraConfig:
            registerWithTaints:
              - key: node-role
                value: storage
                effect: NoSchedule
        ca:
          key: c2VjcmV0LWNhLWtleQ==
      spec:
        topologyKey: kubernetes.io/hostname
        keyUsage: digitalSignature
      """
    let parsed = YAMLParser.parse(Array(text.utf8))
    let spans = SecretSpans(parsed)
    for line in [5, 11, 12] {
      let original = parsed.lines.lineText(line)
      #expect(spans.masked(line: line, text: original).text == original, "line \(line)")
    }
    #expect(spans.masked(line: 9, text: parsed.lines.lineText(9)).text == "    key: \(SecretSpans.mask)")
    #expect(spans.scrub("taint node-role on kubernetes.io/hostname") == "taint node-role on kubernetes.io/hostname")
  }
}
