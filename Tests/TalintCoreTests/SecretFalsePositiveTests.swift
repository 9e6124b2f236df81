import TalintCore
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
}
