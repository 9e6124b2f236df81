import TalintCore

/// Machine configs are kept in git; a plaintext key or token there is readable by everyone who
/// can read the repository, forever (history keeps it). The secret fields are a slot of the one
/// walk; a credential inside a URL can be in any string of any document, so those are found by
/// the scan SecretSpans makes of the YAML as written (`config.sources`), not at declared paths.
struct PlaintextSecret: Rule {
  static let description = RuleDescription(
    id: "TAL602", name: "plaintext-secret", severity: .warning,
    summary: "secret material is stored in plain text",
    rationale: """
      The fields Talos itself redacts — machine and cluster tokens, CA and service-account keys, \
      etcd encryption secrets, registry passwords, WireGuard keys, disk-encryption passphrases, \
      discovery secrets — grant control of the node or cluster, and so do a password in a URL \
      (`https://user:password@registry`) and an Omni join token (`?jointoken=…` in \
      `siderolink.api` or `SideroLinkConfig.apiUrl`). A user name without a password \
      (`ssh://git@github.com/…`) is not a credential; a token used as the user name is. \
      SOPS-encrypted values (`ENC[…]`), template placeholders (`{{ }}`, `${NAME}`, `{NAME}`, \
      `<secret>`) and secret-manager references (`op://`, `ref+vault://`) are not plaintext. The \
      value itself is never printed.
      """,
    remediation: "Encrypt the file with SOPS, or generate secrets at render time (talhelper, `talosctl gen secrets` kept outside git).",
    references: [.talos("config redaction (Redact)"), .cis("5.4.1")],
    examples: [
      .triggering(
        """
        cluster:
          ↓secretboxEncryptionSecret: z01mye6j16bspJYtTB/5SFX8j7Ahe/mWx0lA8F2/pQE=
        """),
      .passing(
        """
        cluster:
          secretboxEncryptionSecret: ENC[AES256_GCM,data:abc,type:str]
        """),
    ])

  /// The fields Talos keeps secrets in.
  static let fields = ReadSlot(SecretFields.locations)
  static let reads = [fields]

  func check(_ context: inout RuleContext) {
    for found in context.values(Self.fields) {
      guard let text = found.string, !text.trimmingBlanks().isEmpty, !SecretFields.isProtected(text) else { continue }
      context.report("\(found.keyPath) holds secret material in plain text; encrypt it (SOPS) or keep it out of git", atKeyOf: found)
    }
    // A credential inside a URL, wherever the URL is (kernel arguments, endpoints, mirrors).
    for document in context.config.sources {
      for id in SecretSpans.urlCandidates(in: document) {
        guard let text = document.scalar(id) else { continue }
        let secrets = SecretSpans.embeddedSecrets(in: text).filter { !SecretFields.isProtected($0) }
        guard !secrets.isEmpty else { continue }
        context.report("a URL here carries a password or token in plain text; move it to a secret store or an encrypted file", at: document[id].range)
      }
    }
  }
}
